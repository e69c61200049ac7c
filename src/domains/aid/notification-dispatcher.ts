/**
 * Sends queued text messages: each round locks the due rows, hands them to the sender and records the outcome;
 * a failed send is retried with a growing delay, then given up after MAX_ATTEMPTS.
 */
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { lockDue, markAttemptFailed, markSent } from './notification.repository.ts';
import { renderSms, type SmsSender } from './sms.ts';

export const MAX_ATTEMPTS = 5;

/** Seconds before retry n (1-based): 30 s, 2 min, 8 min, 32 min. */
export const retryDelaySeconds = (attempt: number) => 30 * 4 ** (attempt - 1);

export async function dispatchOnce(
  db: Database,
  sender: SmsSender,
  opts: { clock: Clock; limit?: number },
): Promise<{ sent: number; failed: number }> {
  const now = opts.clock.now();
  return db.transaction().execute(async (trx) => {
    const due = await lockDue(trx, now, opts.limit ?? 50);
    let sent = 0;
    let failed = 0;
    for (const n of due) {
      try {
        await sender.send({
          to: n.toPhone,
          template: n.template,
          params: n.params,
          text: renderSms(n.template, n.params),
        });
        await markSent(trx, n.id, now);
        sent++;
      } catch (err) {
        const attempt = n.attempts + 1;
        const retryAt = attempt < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelaySeconds(attempt) * 1000) : null;
        await markAttemptFailed(trx, n.id, (err as Error).message ?? String(err), retryAt);
        failed++;
      }
    }
    return { sent, failed };
  });
}

/**
 * Runs `dispatchOnce` every `intervalMs` until stopped; rounds never overlap and an error (database restarting)
 * only waits for the next round.
 */
export function startDispatcher(
  db: Database,
  sender: SmsSender,
  opts: { clock: Clock; intervalMs: number; onError?: (err: unknown) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = dispatchOnce(db, sender, opts)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
      });
  };
  timer = setTimeout(tick, opts.intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
