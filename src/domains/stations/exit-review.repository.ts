import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { EXIT_RULE_CODES, type ExitFacts, type ExitReason, type ExitRule, type ExitRuleCode } from './exit-rule.ts';
import type { LastVerified } from './station.table.ts';
import { VERIFIED_REPORT } from './ticket.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
const DAY_MS = 86_400_000;
/** The longest window a rule may be configured with (exit-rule.ts ruleParamIssues). */
const MAX_WINDOW_DAYS = 730;

export async function loadExitRules(db: Db): Promise<(ExitRule & { updatedAt: Date })[]> {
  const rows = await db.selectFrom('stationExitRules').select(['code', 'enabled', 'params', 'updatedAt']).execute();
  const order = (c: ExitRuleCode) => EXIT_RULE_CODES.indexOf(c);
  return rows
    .sort((a, b) => order(a.code) - order(b.code))
    .map(
      (r) =>
        ({ code: r.code, enabled: r.enabled, params: r.params, updatedAt: r.updatedAt }) as ExitRule & {
          updatedAt: Date;
        },
    );
}

export async function saveExitRule(
  db: Db,
  code: ExitRuleCode,
  change: { enabled: boolean; params: Record<string, number>; by: string },
) {
  return db
    .updateTable('stationExitRules')
    .set({
      enabled: change.enabled,
      params: JSON.stringify(change.params),
      updatedBy: change.by,
      updatedAt: sql`now()`,
    })
    .where('code', '=', code)
    .returning(['code', 'enabled', 'params', 'updatedAt'])
    .executeTakeFirst();
}

/** Active stations in a subtree, in batches of `size` (a national run covers ~100,000 stations). */
export async function* activeStationBatches(db: Db, scopePath: string | null, size = 1000) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    let q = db
      .selectFrom('stations')
      .select(['id', 'code', 'name', 'unionPath', 'createdAt'])
      .where('status', '=', 'active')
      .where('id', '>', after);
    if (scopePath) q = q.where('unionPath', 'like', `${scopePath}%`);
    const rows = await q.orderBy('id').limit(size).execute();
    if (!rows.length) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

/** The facts of exit-rule.ts for many stations, in one grouped query per kind of evidence. */
export async function exitFacts(
  db: Db,
  stations: readonly { id: string; createdAt: Date }[],
  now: Date,
): Promise<Map<string, ExitFacts>> {
  const out = new Map<string, ExitFacts>();
  if (!stations.length) return out;
  const ids = stations.map((s) => s.id);
  const since = new Date(now.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  const [activeSince, kept, failed, closed, checkins, lastInspections, verified] = await Promise.all([
    db
      .selectFrom('stationStatusHistory')
      .select((eb) => ['stationId', eb.fn.max('at').as('at')])
      .where('stationId', 'in', ids)
      .where('status', '=', 'active')
      .groupBy('stationId')
      .execute(),
    db
      .selectFrom('stationExitReviews')
      .select((eb) => ['stationId', eb.fn.max('decidedAt').as('at')])
      .where('stationId', 'in', ids)
      .where('decision', '=', 'keep')
      .groupBy('stationId')
      .execute(),
    db
      .selectFrom('stationInspections')
      .select(['stationId', 'inspectedOn'])
      .where('stationId', 'in', ids)
      .where('passed', '=', false)
      .where('inspectedOn', '>=', shanghaiDay(since))
      .execute(),
    db
      .selectFrom('stationReports as r')
      .leftJoin('stationTicketReports as tr', 'tr.reportId', 'r.id')
      .leftJoin('stationTickets as t', 't.id', 'tr.ticketId')
      .select(['r.stationId', 'r.createdAt'])
      .where('r.stationId', 'in', ids)
      .where('r.kind', '=', 'closed_during_hours')
      .where('r.createdAt', '>=', since)
      .where(VERIFIED_REPORT)
      .execute(),
    db
      .selectFrom('stationCheckins')
      .select((eb) => ['stationId', eb.fn.max('createdAt').as('at')])
      .where('stationId', 'in', ids)
      .groupBy('stationId')
      .execute(),
    db
      .selectFrom('stationInspections')
      .select((eb) => ['stationId', eb.fn.max('inspectedOn').as('on')])
      .where('stationId', 'in', ids)
      .groupBy('stationId')
      .execute(),
    db.selectFrom('stations').select(['id', 'lastVerified']).where('id', 'in', ids).execute(),
  ]);
  for (const s of stations) {
    out.set(s.id, {
      now,
      activeSince: s.createdAt,
      keptAt: null,
      failedInspectionDates: [],
      verifiedClosedReportTimes: [],
      lastCheckinAt: null,
      lastInspectionDate: null,
      lastVerifiedAt: null,
    });
  }
  const set = <K extends keyof ExitFacts>(id: string, key: K, value: ExitFacts[K]) => {
    const f = out.get(id);
    if (f) f[key] = value;
  };
  for (const r of activeSince) set(r.stationId, 'activeSince', r.at as Date);
  for (const r of kept) set(r.stationId, 'keptAt', r.at as Date);
  for (const r of failed) (out.get(r.stationId)?.failedInspectionDates as string[] | undefined)?.push(r.inspectedOn);
  for (const r of closed) (out.get(r.stationId)?.verifiedClosedReportTimes as Date[] | undefined)?.push(r.createdAt);
  for (const r of checkins) set(r.stationId, 'lastCheckinAt', r.at as Date);
  for (const r of lastInspections) set(r.stationId, 'lastInspectionDate', r.on as string);
  for (const r of verified) {
    const times = Object.values((r.lastVerified ?? {}) as LastVerified)
      .map((v) => (v?.at ? new Date(v.at).getTime() : Number.NaN))
      .filter((t) => !Number.isNaN(t));
    if (times.length) set(r.id, 'lastVerifiedAt', new Date(Math.max(...times)));
  }
  return out;
}

/** Opens a review unless the station already has an undecided one (the partial unique index decides, atomically). */
export async function openReview(
  db: Db,
  review: { id: string; stationId: string; unionPath: string; reasons: ExitReason[]; at: Date; by: string | null },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO station_exit_reviews (id, station_id, union_path, reasons, opened_at, opened_by)
    VALUES (${review.id}, ${review.stationId}, ${review.unionPath}, ${JSON.stringify(review.reasons)}::jsonb,
            ${review.at}, ${review.by})
    ON CONFLICT (station_id) WHERE decision IS NULL DO NOTHING
    RETURNING id`.execute(db);
  return rows.length === 1;
}

export async function openReviewStationIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('stationExitReviews')
    .select('stationId')
    .where('stationId', 'in', ids)
    .where('decision', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.stationId));
}

export async function listReviews(
  db: Db,
  f: { scopePath: string | null; state?: 'open' | 'decided'; page: number; pageSize: number },
) {
  let q = db.selectFrom('stationExitReviews as e').innerJoin('stations as s', 's.id', 'e.stationId');
  if (f.scopePath) q = q.where('e.unionPath', 'like', `${f.scopePath}%`);
  if (f.state === 'open') q = q.where('e.decision', 'is', null);
  if (f.state === 'decided') q = q.where('e.decision', 'is not', null);
  const [items, total] = await Promise.all([
    q
      .select([
        'e.id',
        'e.reasons',
        'e.openedAt',
        'e.decision',
        'e.decisionReason',
        'e.decidedAt',
        's.code as stationCode',
        's.name as stationName',
        's.status as stationStatus',
      ])
      .orderBy(sql`CASE WHEN e.decision IS NULL THEN 0 ELSE 1 END`)
      .orderBy('e.openedAt', 'desc')
      .orderBy('e.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findReviewForUpdate(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('stationExitReviews as e')
    .innerJoin('stations as s', 's.id', 'e.stationId')
    .select(['e.id', 'e.stationId', 'e.unionPath', 'e.decision', 's.code as stationCode', 's.unionId'])
    .where('e.id', '=', id)
    .forUpdate('e')
    .executeTakeFirst();
}

export async function decideReview(
  trx: Transaction<DB>,
  id: string,
  d: { decision: 'keep' | 'exit'; reason: string; by: string; at: Date },
) {
  return trx
    .updateTable('stationExitReviews')
    .set({ decision: d.decision, decisionReason: d.reason, decidedBy: d.by, decidedAt: d.at })
    .where('id', '=', id)
    .returning(['id', 'decision', 'decisionReason', 'decidedAt'])
    .executeTakeFirstOrThrow();
}
