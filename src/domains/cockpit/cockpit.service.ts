/**
 * The cockpit figures of one scope, assembled from the summary tables (and the few small live tables: running
 * surveys, station health history, the demand grid). History payouts count as filed and paid claims.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { audienceCondition } from '../surveys/survey.repository.ts';
import {
  bucketUnions,
  type FlowMeasure,
  flowByBucket,
  flowByMonth,
  flowTotals,
  type StockMeasure,
  stockByBucket,
  stockTotals,
  surveyResponsesInScope,
} from './cockpit.repository.ts';

export interface Scope {
  /** null: the whole tree (a national admin). */
  path: string | null;
  unionId: string | null;
  code: string | null;
  name: string | null;
  regionCode: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** First day of the Shanghai month `offset` months from the month of `day`. */
export function monthStart(day: string, offset = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + offset;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

const aidFigures = (f: Record<FlowMeasure, number>) => ({
  filed: f.claims_filed + f.hist_paid,
  paid: f.claims_paid + f.hist_paid,
  paidFen: f.paid_fen + f.hist_fen,
});

const healthAvg = (s: Record<StockMeasure, number>) =>
  s.health_n ? Math.round((s.health_sum / s.health_n) * 10) / 10 : null;

/** Surveys running now that reach the scope, with responses from inside it and the audience there. */
export async function runningSurveys(db: Database, scopePath: string | null, now: Date) {
  const surveys = await db
    .selectFrom('surveys')
    .select(['id', 'title', 'audiencePath', 'audienceFilter', 'opensAt', 'responseCount'])
    .where('publishedAt', 'is not', null)
    .where('closedAt', 'is', null)
    .where((eb) => eb.or([eb('opensAt', 'is', null), eb('opensAt', '<=', now)]))
    .where(sql<boolean>`(closes_at is null or closes_at + grace_minutes * interval '1 minute' > ${now})`)
    .where(
      scopePath
        ? sql<boolean>`(coalesce(audience_path, owner_union_path) like ${`${scopePath}%`}
                        or ${scopePath} like coalesce(audience_path, owner_union_path) || '%')`
        : sql<boolean>`true`,
    )
    .orderBy('publishedAt', 'desc')
    .execute();
  const responses = await surveyResponsesInScope(
    db,
    scopePath,
    surveys.map((s) => s.id),
  );
  const reaches = [...new Set(surveys.map((s) => s.audiencePath).filter((p): p is string => p !== null))];
  const kinds = new Map(
    reaches.length
      ? (await db.selectFrom('unions').select(['path', 'kind']).where('path', 'in', reaches).execute()).map((u) => [
          u.path,
          u.kind,
        ])
      : [],
  );
  const out = [];
  for (const s of surveys) {
    const reach = s.audiencePath;
    const plain = Object.keys(s.audienceFilter ?? {}).every(
      (k) => !(s.audienceFilter as Record<string, unknown[] | undefined>)[k]?.length,
    );
    let audience: number;
    if (reach && plain && (scopePath === null || scopePath.startsWith(reach) || reach.startsWith(scopePath))) {
      // Without filters the audience is the active members of (audience ∩ scope): from the summary table when that
      // is a whole number of district buckets, else (a workplace-level audience) counted, which is small.
      const inner = scopePath?.startsWith(reach) ? scopePath : reach;
      const level =
        inner === scopePath || ['national', 'provincial', 'city', 'district'].includes(kinds.get(reach) ?? '');
      audience = level ? (await stockTotals(db, inner)).members_active : await countAudience(db, s, scopePath);
    } else {
      audience = reach ? await countAudience(db, s, scopePath) : 0;
    }
    const n = responses.get(s.id) ?? 0;
    out.push({
      id: s.id,
      title: s.title,
      responses: n,
      audience,
      responseRate: audience ? Math.round((n / audience) * 10_000) / 10_000 : null,
    });
  }
  return out;
}

async function countAudience(db: Database, s: Parameters<typeof audienceCondition>[0], scopePath: string | null) {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from members m join unions u on u.id = m.union_id
     where ${audienceCondition(s)} ${scopePath ? sql`and m.union_path like ${`${scopePath}%`}` : sql``}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The headline figures of a scope as of `now`. */
export async function summary(db: Database, scope: Scope, now: Date) {
  const today = shanghaiDay(now);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const [stock, year, all, surveys, since] = await Promise.all([
    stockTotals(db, scope.path),
    flowTotals(db, scope.path, yearStart, null),
    flowTotals(db, scope.path, null, null),
    runningSurveys(db, scope.path, now),
    db
      .selectFrom('aidSchemes')
      .select((eb) => eb.fn.min('since').as('since'))
      .executeTakeFirst(),
  ]);
  const responses = surveys.reduce((s, x) => s + x.responses, 0);
  const audience = surveys.reduce((s, x) => s + x.audience, 0);
  const sinceDay = since?.since ? String(since.since).slice(0, 10) : null;
  return {
    asOf: now.toISOString(),
    year: Number(today.slice(0, 4)),
    members: { active: stock.members_active, cardsActive: stock.cards_active },
    aid: {
      since: sinceDay ? sinceDay.slice(0, 7) : null,
      year: aidFigures(year),
      total: aidFigures(all),
    },
    stations: {
      live: stock.stations_live,
      active: stock.stations_active,
      checkinsYear: year.checkins,
      healthAvg: healthAvg(stock),
    },
    surveys: {
      running: surveys.length,
      responses,
      audience,
      responseRate: audience ? Math.round((responses / audience) * 10_000) / 10_000 : null,
      items: surveys,
    },
    care: { activitiesYear: year.care_activities, peopleYear: year.care_people },
    hotline: { consultationsYear: year.hotline },
  };
}

export const DISTRICT_MEASURES = [
  'members',
  'cardsActive',
  'claimsFiled',
  'claimsPaid',
  'paidFen',
  'stationsActive',
  'checkins',
  'healthAvg',
  'careActivities',
  'carePeople',
  'hotline',
] as const;
export type DistrictMeasure = (typeof DISTRICT_MEASURES)[number];

/** Every district of the scope with its figures (flows over [from, to)), for the map and the district table. */
export async function districts(db: Database, scopePath: string | null, from: string | null, to: string | null) {
  const [unions, stock, flow] = await Promise.all([
    bucketUnions(db, scopePath),
    stockByBucket(db, scopePath),
    flowByBucket(db, scopePath, from, to),
  ]);
  const byBucket = new Map<string, { s: Record<string, number>; f: Record<string, number> }>();
  const get = (b: string) => {
    let x = byBucket.get(b);
    if (!x) {
      x = { s: {}, f: {} };
      byBucket.set(b, x);
    }
    return x;
  };
  for (const r of stock) get(r.bucket).s[r.measure] = r.value;
  for (const r of flow) get(r.bucket).f[r.measure] = (get(r.bucket).f[r.measure] ?? 0) + r.value;
  return unions
    .filter((u) => u.kind === 'district' || byBucket.has(u.path))
    .map((u) => {
      const { s, f } = byBucket.get(u.path) ?? { s: {}, f: {} };
      const v = (o: Record<string, number>, k: string) => o[k] ?? 0;
      const figures: Record<DistrictMeasure, number | null> = {
        members: v(s, 'members_active'),
        cardsActive: v(s, 'cards_active'),
        claimsFiled: v(f, 'claims_filed') + v(f, 'hist_paid'),
        claimsPaid: v(f, 'claims_paid') + v(f, 'hist_paid'),
        paidFen: v(f, 'paid_fen') + v(f, 'hist_fen'),
        stationsActive: v(s, 'stations_active'),
        checkins: v(f, 'checkins'),
        healthAvg: v(s, 'health_n') ? Math.round((v(s, 'health_sum') / v(s, 'health_n')) * 10) / 10 : null,
        careActivities: v(f, 'care_activities'),
        carePeople: v(f, 'care_people'),
        hotline: v(f, 'hotline'),
      };
      return { unionId: u.id, code: u.code, name: u.name, kind: u.kind, regionCode: u.regionCode, figures };
    });
}

/** Monthly series of the 12 months up to the month of `now` (months without any activity included as 0). */
export async function trend(db: Database, scopePath: string | null, now: Date, months = 12) {
  const today = shanghaiDay(now);
  const from = monthStart(today, 1 - months);
  const rows = await flowByMonth(db, scopePath, from, monthStart(today, 1));
  const labels = Array.from({ length: months }, (_, i) => monthStart(today, 1 - months + i).slice(0, 7));
  const series = (...ms: FlowMeasure[]) =>
    labels.map((l) => rows.filter((r) => r.month === l && ms.includes(r.measure)).reduce((s, r) => s + r.value, 0));
  return {
    months: labels,
    claimsFiled: series('claims_filed', 'hist_paid'),
    claimsPaid: series('claims_paid', 'hist_paid'),
    paidFen: series('paid_fen', 'hist_fen'),
    checkins: series('checkins'),
    carePeople: series('care_people'),
    hotline: series('hotline'),
  };
}
