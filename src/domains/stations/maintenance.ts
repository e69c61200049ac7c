/**
 * The daily station maintenance (站点日常维护): recompute the health of every live station, then run the exit rules
 * as the system, so "no sign of life for 90 days → exit review" happens without anyone pressing a button.
 *
 * Several service instances may share one PostgreSQL: each run first takes a session advisory lock and skips when
 * another instance holds it, and a scheduled run also skips when its slot was already done by another instance.
 * Every run that did the work is recorded in `jobs` (kind `stations.maintenance`), which staff read and from which
 * the start-up catch-up learns when the last run succeeded.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { createJob, updateJob } from '../../platform/jobs.ts';
import { runExitReview } from './exit-review.service.ts';
import { EXIT_RULE_CODES, type ExitRuleCode } from './exit-rule.ts';
import { liveStationIds, recomputeHealth } from './health-score.repository.ts';
import { catchUpDue, type DailyTime, nextRunAt } from './maintenance-schedule.ts';

export const MAINTENANCE_JOB_KIND = 'stations.maintenance';
/** Advisory lock key; the migrator uses 727351. */
export const MAINTENANCE_LOCK = 727_352;
const HEALTH_BATCH = 500;
/** Lets the service finish starting (and answer /readyz) before a catch-up run loads the database. */
export const CATCH_UP_DELAY_MS = 30_000;

export type MaintenanceTrigger = { kind: 'schedule'; slot: Date } | { kind: 'catch-up' } | { kind: 'manual' };

export interface MaintenanceResult {
  /** Stations whose health was recomputed (every station not exited). */
  health: number;
  /** Active stations the exit rules were evaluated on. */
  evaluated: number;
  /** Stations matching at least one rule (newly opened or with an undecided review already). */
  matched: number;
  /** Exit reviews opened by this run. */
  opened: number;
  /**
   * Of those opened, how many matched each rule (a review may match several). A list, not a map keyed by rule code:
   * the CamelCasePlugin would rename such keys when the JSON is read back.
   */
  openedByRule: { rule: ExitRuleCode; opened: number }[];
}

export type MaintenanceOutcome =
  | { ran: true; jobId: string; result: MaintenanceResult }
  | { ran: false; reason: 'locked' | 'notDue' };

/**
 * One maintenance run, unless another instance is running one (`locked`) or the trigger finds it already done
 * (`notDue`: a scheduled slot that has a successful run, or a catch-up within 24 h of the last success). A manual
 * run is always due. Health is written batch by batch and reviews are opened one by one, so a run stopped half-way
 * leaves only whole rows behind, and the next run simply does it again.
 */
export async function runStationMaintenance(
  db: Database,
  options: { now: Date; trigger: MaintenanceTrigger; signal?: AbortSignal },
): Promise<MaintenanceOutcome> {
  // The lock belongs to one session: pin a connection for the whole run (the work itself uses the pool).
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${MAINTENANCE_LOCK}) AS locked`.execute(
      conn,
    );
    if (!rows[0]?.locked) return { ran: false, reason: 'locked' } as const;
    try {
      if (!(await isDue(db, options.trigger, options.now))) return { ran: false, reason: 'notDue' } as const;
      return { ran: true, ...(await maintain(db, options)) } as const;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MAINTENANCE_LOCK})`.execute(conn).catch(() => {});
    }
  });
}

async function isDue(db: Database, trigger: MaintenanceTrigger, now: Date): Promise<boolean> {
  if (trigger.kind === 'manual') return true;
  let q = db
    .selectFrom('jobs')
    .select('createdAt')
    .where('kind', '=', MAINTENANCE_JOB_KIND)
    .where('status', '=', 'succeeded');
  if (trigger.kind === 'schedule') q = q.where(sql<string>`params->>'slot'`, '=', trigger.slot.toISOString());
  const last = await q.orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  return trigger.kind === 'schedule' ? !last : catchUpDue(now, last?.createdAt ?? null);
}

async function maintain(
  db: Database,
  { now, trigger, signal }: { now: Date; trigger: MaintenanceTrigger; signal?: AbortSignal },
): Promise<{ jobId: string; result: MaintenanceResult }> {
  const jobId = await createJob(db, {
    kind: MAINTENANCE_JOB_KIND,
    createdBy: null,
    unionId: null,
    params: {
      trigger: trigger.kind,
      now: now.toISOString(),
      ...(trigger.kind === 'schedule' ? { slot: trigger.slot.toISOString() } : {}),
    },
  });
  try {
    const ids = await liveStationIds(db);
    await updateJob(db, jobId, { status: 'running', total: ids.length });
    for (let i = 0; i < ids.length; i += HEALTH_BATCH) {
      signal?.throwIfAborted();
      const chunk = ids.slice(i, i + HEALTH_BATCH);
      await recomputeHealth(db, chunk, now);
      await updateJob(db, jobId, { processed: i + chunk.length });
    }
    signal?.throwIfAborted();
    const exit = await runExitReview(db, { scopePath: null, dryRun: false, now, actor: null });
    const byRule = new Map<ExitRuleCode, number>();
    for (const m of exit.matched) {
      if (m.outcome !== 'opened') continue;
      for (const r of m.reasons) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
    }
    const openedByRule = EXIT_RULE_CODES.filter((rule) => byRule.has(rule)).map((rule) => ({
      rule,
      opened: byRule.get(rule)!,
    }));
    const result: MaintenanceResult = {
      health: ids.length,
      evaluated: exit.evaluated,
      matched: exit.matched.length,
      opened: exit.opened,
      openedByRule,
    };
    await updateJob(db, jobId, { status: 'succeeded', processed: ids.length, result });
    return { jobId, result };
  } catch (err) {
    const message = signal?.aborted
      ? 'stopped by a shutdown before it finished; it runs again at the next start-up or scheduled time'
      : 'failed with an internal error (see the service log); it runs again at the next scheduled time';
    await updateJob(db, jobId, { status: 'failed', message }).catch(() => {});
    throw err;
  }
}

/** The most recent maintenance runs, newest first, for staff. */
export async function listMaintenanceRuns(db: Database, limit: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'status', 'params', 'total', 'processed', 'result', 'message', 'createdAt', 'updatedAt'])
    .where('kind', '=', MAINTENANCE_JOB_KIND)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

interface MaintenanceLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs the maintenance every day at `at` (Beijing time) and once shortly after start-up if the last success is 24 h
 * old or more. Runs of one instance never overlap; timers are unref'd; `stop()` aborts a run between batches and
 * waits for it.
 */
export function startStationMaintenance(
  db: Database,
  opts: { at: DailyTime; clock: Clock; log: MaintenanceLog; catchUpDelayMs?: number },
): { stop(): Promise<void> } {
  const abort = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  let dailyTimer: NodeJS.Timeout | undefined;

  const run = (trigger: MaintenanceTrigger) => {
    running = running
      .then(async () => {
        if (abort.signal.aborted) return;
        const outcome = await runStationMaintenance(db, { now: opts.clock.now(), trigger, signal: abort.signal });
        opts.log.info({ trigger: trigger.kind, ...outcome }, 'station maintenance');
      })
      .catch((err) => {
        if (!abort.signal.aborted) opts.log.error({ err, trigger: trigger.kind }, 'station maintenance failed');
      });
    return running;
  };

  const scheduleAfter = (floor: Date) => {
    if (abort.signal.aborted) return;
    const now = opts.clock.now();
    // never the same slot twice, even if the timer fired a little early or the run was quick
    const slot = nextRunAt(now.getTime() > floor.getTime() ? now : floor, opts.at);
    dailyTimer = setTimeout(
      () => void run({ kind: 'schedule', slot }).then(() => scheduleAfter(slot)),
      slot.getTime() - now.getTime(),
    ).unref();
  };

  const catchUpTimer = setTimeout(
    () => void run({ kind: 'catch-up' }),
    opts.catchUpDelayMs ?? CATCH_UP_DELAY_MS,
  ).unref();
  scheduleAfter(opts.clock.now());

  return {
    async stop() {
      abort.abort();
      clearTimeout(catchUpTimer);
      clearTimeout(dailyTimer);
      await running;
    },
  };
}
