import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { ReportKind } from './feedback.table.ts';
import { type Health, type HealthFacts, healthScore } from './health-score.ts';
import type { LastVerified, VerifiedField } from './station.table.ts';
import { VERIFIED_REPORT } from './ticket.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
const DAY_MS = 86_400_000;
const BATCH = 500;

/** Gathers the facts of health-score.ts for many stations with five grouped queries (no per-station round trips). */
export async function healthFacts(db: Db, ids: readonly string[], now: Date): Promise<Map<string, HealthFacts>> {
  const out = new Map<string, HealthFacts>();
  if (!ids.length) return out;
  const since = (d: number) => new Date(now.getTime() - d * DAY_MS);
  const [stations, inspections, reports, ratings, checkins] = await Promise.all([
    db.selectFrom('stations').select(['id', 'lastVerified']).where('id', 'in', ids).execute(),
    db
      .selectFrom('stationInspections')
      .select(['stationId', 'inspectedOn', 'score', 'passed'])
      .where('stationId', 'in', ids)
      .where('inspectedOn', '>=', shanghaiDay(since(365)))
      .orderBy('stationId')
      .orderBy('inspectedOn', 'desc')
      .orderBy('createdAt', 'desc')
      .execute(),
    db
      .selectFrom('stationReports as r')
      .leftJoin('stationTicketReports as tr', 'tr.reportId', 'r.id')
      .leftJoin('stationTickets as t', 't.id', 'tr.ticketId')
      .select(['r.stationId', 'r.kind', VERIFIED_REPORT.as('verified')])
      .where('r.stationId', 'in', ids)
      .where('r.createdAt', '>=', since(90))
      .where((eb) => eb.or([eb('t.status', 'is', null), eb('t.status', '!=', 'rejected')]))
      .execute(),
    db
      .selectFrom('stationRatings')
      .select((eb) => ['stationId', eb.fn.sum<number>('stars').as('sum'), eb.fn.countAll<number>().as('count')])
      .where('stationId', 'in', ids)
      .groupBy('stationId')
      .execute(),
    db
      .selectFrom('stationCheckins')
      .select((eb) => ['stationId', eb.fn.countAll<number>().as('count')])
      .where('stationId', 'in', ids)
      .where('createdAt', '>=', since(90))
      .groupBy('stationId')
      .execute(),
  ]);
  for (const s of stations) {
    const lv = (s.lastVerified ?? {}) as LastVerified;
    const lastVerified: Partial<Record<VerifiedField, string>> = {};
    for (const [k, v] of Object.entries(lv)) if (v?.at) lastVerified[k as VerifiedField] = v.at;
    out.set(s.id, {
      now,
      inspections: [],
      lastVerified,
      reports: [],
      ratings: { sum: 0, count: 0 },
      checkins90: 0,
    });
  }
  for (const i of inspections) {
    const f = out.get(i.stationId);
    if (f && f.inspections.length < 2) {
      (f.inspections as HealthFacts['inspections'][number][]).push({
        on: i.inspectedOn,
        score: i.score,
        passed: i.passed,
      });
    }
  }
  for (const r of reports) {
    (out.get(r.stationId)?.reports as { kind: ReportKind; verified: boolean }[] | undefined)?.push({
      kind: r.kind,
      verified: r.verified,
    });
  }
  for (const r of ratings) {
    const f = out.get(r.stationId);
    if (f) f.ratings = { sum: Number(r.sum), count: Number(r.count) };
  }
  for (const c of checkins) {
    const f = out.get(c.stationId);
    if (f) f.checkins90 = Number(c.count);
  }
  return out;
}

/**
 * Recomputes and stores the health of the given stations (the current score, and today's point of the history
 * that "falling health" compares against). Called after each relevant write and by the daily job.
 */
export async function recomputeHealth(db: Db, ids: readonly string[], now: Date): Promise<Map<string, Health>> {
  const result = new Map<string, Health>();
  const day = shanghaiDay(now);
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const facts = await healthFacts(db, chunk, now);
    const paths = await db.selectFrom('stations').select(['id', 'unionPath']).where('id', 'in', chunk).execute();
    const rows = paths.map((p) => {
      const health = healthScore(facts.get(p.id)!);
      result.set(p.id, health);
      return { ...p, health };
    });
    if (!rows.length) continue;
    await db
      .insertInto('stationHealth')
      .values(
        rows.map((r) => ({
          stationId: r.id,
          unionPath: r.unionPath,
          score: r.health.score,
          components: JSON.stringify(r.health.components),
          computedAt: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('stationId').doUpdateSet((eb) => ({
          unionPath: eb.ref('excluded.unionPath'),
          score: eb.ref('excluded.score'),
          components: eb.ref('excluded.components'),
          computedAt: eb.ref('excluded.computedAt'),
        })),
      )
      .execute();
    await db
      .insertInto('stationHealthHistory')
      .values(rows.map((r) => ({ stationId: r.id, day, score: r.health.score })))
      .onConflict((oc) => oc.columns(['stationId', 'day']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score') })))
      .execute();
  }
  return result;
}

/** Every station that is not exited, for the nightly recomputation. */
export async function liveStationIds(db: Db, scopePath: string | null = null): Promise<string[]> {
  let q = db.selectFrom('stations').select('id').where('status', '!=', 'exited');
  if (scopePath) q = q.where('unionPath', 'like', `${scopePath}%`);
  return (await q.execute()).map((r) => r.id);
}

/**
 * Stations whose health fell by at least `drop` points: the best daily score of the `days` before today against
 * the current score, worst falls first.
 */
export async function fallingStations(
  db: Db,
  f: { scopePath: string | null; drop: number; days: number; now: Date; limit: number },
) {
  const today = shanghaiDay(f.now);
  const from = shanghaiDay(new Date(f.now.getTime() - f.days * DAY_MS));
  let q = db
    .selectFrom('stationHealth as h')
    .innerJoin('stations as s', 's.id', 'h.stationId')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('stationHealthHistory')
          .select((e) => ['stationId', e.fn.max('score').as('best')])
          .where('day', '>=', from)
          .where('day', '<', today)
          .groupBy('stationId')
          .as('w'),
      (join) => join.onRef('w.stationId', '=', 'h.stationId'),
    )
    .select([
      's.id',
      's.code',
      's.name',
      's.status',
      'h.score',
      'h.computedAt',
      sql<number>`w.best`.as('best'),
      sql<number>`w.best - h.score`.as('fall'),
    ])
    .where('s.status', '!=', 'exited')
    .where(sql<boolean>`w.best - h.score >= ${f.drop}`);
  if (f.scopePath) q = q.where('h.unionPath', 'like', `${f.scopePath}%`);
  return q.orderBy(sql`w.best - h.score`, 'desc').orderBy('s.code').limit(f.limit).execute();
}
