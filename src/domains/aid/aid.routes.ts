import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { calendarRoutes } from './calendar.routes.ts';
import { claimRoutes } from './claim.routes.ts';
import { claimChecksRoutes } from './claim-checks.routes.ts';
import { claimEditRoutes } from './claim-edit.routes.ts';
import { documentRoutes } from './document.routes.ts';
import { diskFileStore, type FileStore } from './file-store.ts';
import { startDispatcher } from './notification-dispatcher.ts';
import { payoutRoutes } from './payout.routes.ts';
import { precheckRoutes } from './precheck.routes.ts';
import { reviewRoutes } from './review.routes.ts';
import { schemeRoutes } from './scheme.routes.ts';
import { logSmsSender, type SmsSender } from './sms.ts';
import { statsRoutes } from './stats.routes.ts';

export interface AidOptions {
  /** Where documents go; default: DATA_DIR/uploads on the local disk. */
  files?: FileStore;
  /** Who sends text messages; default: the log. */
  sms?: SmsSender;
  /** How often the outbox is sent, in ms (default AID_SMS_INTERVAL_MS or 5 s; 0 turns the dispatcher off). */
  dispatchIntervalMs?: number;
}

/** Mutual aid (互助保障) under /api/v1/aid: schemes, pre-check, claims, documents, review, payouts, statistics. */
export const aidRoutes: FastifyPluginAsyncTypebox<AidOptions> = async (app, opts) => {
  const { db, clock, config } = app.deps;
  const files = opts.files ?? diskFileStore(path.join(config.dataDir, 'uploads'));
  await app.register(schemeRoutes);
  await app.register(calendarRoutes);
  await app.register(precheckRoutes);
  await app.register(claimRoutes);
  await app.register(claimEditRoutes);
  await app.register(documentRoutes(files));
  await app.register(reviewRoutes);
  await app.register(claimChecksRoutes);
  await app.register(payoutRoutes);
  await app.register(statsRoutes);

  const envInterval = Number(process.env.AID_SMS_INTERVAL_MS ?? 5000);
  const interval = opts.dispatchIntervalMs ?? (Number.isFinite(envInterval) ? envInterval : 5000);
  if (interval > 0) {
    const sender = opts.sms ?? logSmsSender((obj, msg) => app.log.info(obj, msg));
    let dispatcher: ReturnType<typeof startDispatcher> | undefined;
    app.addHook('onReady', async () => {
      dispatcher = startDispatcher(db, sender, {
        clock,
        intervalMs: interval,
        onError: (err) => app.log.warn({ err }, 'sms dispatch failed'),
      });
    });
    app.addHook('onClose', async () => {
      await dispatcher?.stop();
    });
  }
};
