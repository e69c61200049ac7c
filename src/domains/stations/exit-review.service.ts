import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  activeStationBatches,
  decideReview,
  exitFacts,
  findReviewForUpdate,
  loadExitRules,
  openReview,
  openReviewStationIds,
} from './exit-review.repository.ts';
import { type ExitReason, evaluateExitRules } from './exit-rule.ts';
import { recomputeHealth } from './health-score.repository.ts';
import { applyStationStatus, type WriteContext } from './station.service.ts';

export interface ExitRunReport {
  dryRun: boolean;
  evaluated: number;
  /** Stations that match at least one rule, with what they matched. */
  matched: {
    stationId: string;
    code: string;
    name: string;
    reasons: ExitReason[];
    /** 'opened' by this run, 'alreadyOpen' (an undecided review exists), or 'wouldOpen' in a dry run. */
    outcome: 'opened' | 'alreadyOpen' | 'wouldOpen';
  }[];
  opened: number;
}

/**
 * Evaluates the exit rules over every active station of a subtree and opens an exit review for each match that
 * has none yet (each in its own statement: a run stopped half-way leaves only whole reviews behind). A dry run
 * writes nothing. Staff runs are audited per opened review; the CLI runs as the system (no actor).
 */
export async function runExitReview(
  db: Kysely<DB>,
  options: {
    scopePath: string | null;
    dryRun: boolean;
    now: Date;
    actor: Pick<Actor, 'accountId' | 'role'> | null;
    requestId?: string;
    ip?: string;
  },
): Promise<ExitRunReport> {
  const rules = await loadExitRules(db);
  const report: ExitRunReport = { dryRun: options.dryRun, evaluated: 0, matched: [], opened: 0 };
  for await (const batch of activeStationBatches(db, options.scopePath)) {
    report.evaluated += batch.length;
    const facts = await exitFacts(db, batch, options.now);
    const hits = batch
      .map((s) => ({ station: s, reasons: evaluateExitRules(rules, facts.get(s.id)!) }))
      .filter((h) => h.reasons.length > 0);
    const alreadyOpen = await openReviewStationIds(
      db,
      hits.map((h) => h.station.id),
    );
    for (const { station, reasons } of hits) {
      let outcome: ExitRunReport['matched'][number]['outcome'] = alreadyOpen.has(station.id)
        ? 'alreadyOpen'
        : 'wouldOpen';
      if (outcome === 'wouldOpen' && !options.dryRun) {
        const id = uuidv7();
        const opened = await db.transaction().execute(async (trx) => {
          const ok = await openReview(trx, {
            id,
            stationId: station.id,
            unionPath: station.unionPath,
            reasons,
            at: options.now,
            by: options.actor?.accountId ?? null,
          });
          if (ok) {
            await recordAudit(trx, {
              actor: options.actor,
              action: 'station.exit_review.open',
              entity: 'station_exit_review',
              entityId: id,
              detail: { stationCode: station.code, rules: reasons.map((r) => r.rule) },
              requestId: options.requestId,
              ip: options.ip,
            });
          }
          return ok;
        });
        outcome = opened ? 'opened' : 'alreadyOpen';
        if (opened) report.opened++;
      }
      report.matched.push({ stationId: station.id, code: station.code, name: station.name, reasons, outcome });
    }
  }
  return report;
}

/**
 * Decides an undecided review under a row lock. "exit" moves the station to exited in the same transaction through
 * the ordinary status path (history, audit, pg_notify), then patches this process's index after commit, so the
 * station leaves the map at once; its code and history stay.
 */
export async function decideExitReview(
  db: Kysely<DB>,
  reviewId: string,
  decision: { decision: 'keep' | 'exit'; reason: string },
  ctx: WriteContext & { actor: Actor; now: Date },
) {
  const result = await db.transaction().execute(async (trx) => {
    const review = await findReviewForUpdate(trx, reviewId);
    if (!review || !inScope(ctx.actor, review.unionPath)) throw Problem.notFound();
    if (review.decision !== null) {
      throw new Problem(409, 'conflict', {
        errors: [
          {
            field: 'params.id',
            message: { 'zh-CN': '该退出审查已经作出决定', en: 'this exit review has already been decided' },
          },
        ],
      });
    }
    if (decision.decision === 'exit') {
      await applyStationStatus(trx, review.stationId, { status: 'exited', reason: decision.reason }, ctx);
    }
    const decided = await decideReview(trx, review.id, { ...decision, by: ctx.actor.accountId, at: ctx.now });
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'station.exit_review.decide',
      entity: 'station_exit_review',
      entityId: review.id,
      unionId: review.unionId,
      reason: decision.reason,
      detail: { stationCode: review.stationCode, decision: decision.decision },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return { ...decided, stationId: review.stationId };
  });
  if (decision.decision === 'exit') await ctx.sync.refresh([result.stationId]);
  await recomputeHealth(db, [result.stationId], ctx.now);
  return result;
}
