/**
 * Reads of the cockpit summary tables (migrations/0012_cockpit.sql). Each figure is a sum over the district buckets
 * of a scope: a few hundred rows whatever the number of claims, members or check-ins behind them.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { splitByYears } from './period-split.ts';

export const STOCK_MEASURES = [
  'members_active',
  'cards_active',
  'stations_live',
  'stations_active',
  'health_sum',
  'health_n',
] as const;
export type StockMeasure = (typeof STOCK_MEASURES)[number];

export const FLOW_MEASURES = [
  'claims_filed',
  'claims_paid',
  'paid_fen',
  'hist_paid',
  'hist_fen',
  'checkins',
  'care_activities',
  'care_people',
  'hotline',
  'survey_responses',
] as const;
export type FlowMeasure = (typeof FLOW_MEASURES)[number];

/** Buckets inside the scope (null: the whole tree). bucket_path is COLLATE "C", so the prefix uses the index. */
const inScope = (scopePath: string | null) =>
  scopePath ? sql<boolean>`bucket_path like ${`${scopePath}%`}` : sql<boolean>`true`;

export async function stockTotals(db: Database, scopePath: string | null): Promise<Record<StockMeasure, number>> {
  const { rows } = await sql<{ measure: StockMeasure; value: string }>`
    select measure, sum(value) as value from cockpit_stock where ${inScope(scopePath)} group by measure`.execute(db);
  const out = Object.fromEntries(STOCK_MEASURES.map((m) => [m, 0])) as Record<StockMeasure, number>;
  for (const r of rows) out[r.measure] = Number(r.value);
  return out;
}

/**
 * The flow rows of [from, to) (first days of months; null: unbounded): whole years from the yearly table, the months
 * left at either end from the monthly one.
 */
function flowSource(scopePath: string | null, from: string | null, to: string | null) {
  const split = splitByYears(from, to);
  const parts = [];
  if (split.years) {
    const { from: fy, to: ty } = split.years;
    parts.push(sql`select bucket_path, measure, value from cockpit_flow_year
       where measure in (${sql.join(FLOW_MEASURES)}) and ${inScope(scopePath)}
         ${fy !== null ? sql`and year >= ${fy}` : sql``} ${ty !== null ? sql`and year < ${ty}` : sql``}`);
  }
  for (const [a, b] of split.months) {
    parts.push(sql`select bucket_path, measure, value from cockpit_flow
       where measure in (${sql.join(FLOW_MEASURES)}) and ${inScope(scopePath)}
         and period >= ${a}::date and period < ${b}::date`);
  }
  return parts.length
    ? sql.join(parts, sql` union all `)
    : sql`select ''::text as bucket_path, ''::text as measure, 0::bigint as value where false`;
}

/** Flows summed over [from, to). */
export async function flowTotals(
  db: Database,
  scopePath: string | null,
  from: string | null,
  to: string | null,
): Promise<Record<FlowMeasure, number>> {
  const { rows } = await sql<{ measure: FlowMeasure; value: string }>`
    select measure, sum(value) as value from (${flowSource(scopePath, from, to)}) f group by measure`.execute(db);
  const out = Object.fromEntries(FLOW_MEASURES.map((m) => [m, 0])) as Record<FlowMeasure, number>;
  for (const r of rows) out[r.measure] = Number(r.value);
  return out;
}

/** Monthly flows of a scope over [from, to), one row per month and measure that has any. */
export async function flowByMonth(db: Database, scopePath: string | null, from: string, to: string) {
  const { rows } = await sql<{ month: string; measure: FlowMeasure; value: string }>`
    select to_char(period, 'YYYY-MM') as month, measure, sum(value) as value from cockpit_flow
     where measure in (${sql.join(FLOW_MEASURES)}) and ${inScope(scopePath)}
       and period >= ${from}::date and period < ${to}::date
     group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => ({ month: r.month, measure: r.measure, value: Number(r.value) }));
}

/** Flows of a scope over [from, to) per bucket and measure (the district breakdown and the map). */
export async function flowByBucket(db: Database, scopePath: string | null, from: string | null, to: string | null) {
  const { rows } = await sql<{ bucket: string; measure: FlowMeasure; value: string }>`
    select bucket_path as bucket, measure, sum(value) as value from (${flowSource(scopePath, from, to)}) f
     group by 1, 2`.execute(db);
  return rows.map((r) => ({ bucket: r.bucket, measure: r.measure, value: Number(r.value) }));
}

export async function stockByBucket(db: Database, scopePath: string | null) {
  const { rows } = await sql<{ bucket: string; measure: StockMeasure; value: string }>`
    select bucket_path as bucket, measure, value from cockpit_stock where ${inScope(scopePath)}`.execute(db);
  return rows.map((r) => ({ bucket: r.bucket, measure: r.measure, value: Number(r.value) }));
}

/** The unions that buckets are named after (districts and the federations above them) inside a scope. */
export async function bucketUnions(db: Database, scopePath: string | null) {
  let q = db
    .selectFrom('unions')
    .select(['id', 'code', 'name', 'kind', 'path', 'regionCode'])
    .where('kind', 'in', ['national', 'provincial', 'city', 'district']);
  if (scopePath) q = q.where('path', 'like', `${scopePath}%`);
  return q.orderBy('path').execute();
}

/**
 * Claims per ISO week (Monday) from `since` summed over the scope (the seasonality chart), and per bucket for the
 * given ISO week numbers only (the alerts), system claims by incident and history by pay day.
 */
export async function claimWeekTotals(db: Database, scopePath: string | null, since: string, coverage?: string) {
  const { rows } = await sql<{ week: string; value: string }>`
    select to_char(period, 'YYYY-MM-DD') as week, sum(value) as value from cockpit_flow
     where measure = 'claims_wk' and ${inScope(scopePath)} and period >= ${since}::date
       ${coverage ? sql`and dim = ${coverage}` : sql``}
     group by period`.execute(db);
  return rows.map((r) => ({ bucket: '*', week: r.week, value: Number(r.value) }));
}

export async function claimWeeksByBucket(
  db: Database,
  scopePath: string | null,
  since: string,
  weeks: number[],
  coverage?: string,
) {
  const { rows } = await sql<{ bucket: string; week: string; value: string }>`
    select bucket_path as bucket, to_char(period, 'YYYY-MM-DD') as week, sum(value) as value from cockpit_flow
     where measure = 'claims_wk' and ${inScope(scopePath)} and period >= ${since}::date
       and extract(week from period)::int in (${sql.join(weeks)})
       ${coverage ? sql`and dim = ${coverage}` : sql``}
     group by 1, 2`.execute(db);
  return rows.map((r) => ({ bucket: r.bucket, week: r.week, value: Number(r.value) }));
}

/** The first ISO year with any claim, per bucket (all coverages), from the yearly table. */
export async function claimFirstYears(db: Database, scopePath: string | null) {
  const { rows } = await sql<{ bucket: string; year: number }>`
    select bucket_path as bucket, min(year) as year from cockpit_flow_year
     where measure = 'claims_wk' and ${inScope(scopePath)} and value > 0 group by 1`.execute(db);
  return new Map(rows.map((r) => [r.bucket, Number(r.year)]));
}

/** Responses per survey inside a scope (all time). */
export async function surveyResponsesInScope(db: Database, scopePath: string | null, surveyIds: string[]) {
  if (!surveyIds.length) return new Map<string, number>();
  const { rows } = await sql<{ id: string; value: string }>`
    select dim as id, sum(value) as value from cockpit_flow
     where measure = 'survey_responses' and ${inScope(scopePath)} and dim in (${sql.join(surveyIds)})
     group by dim`.execute(db);
  return new Map(rows.map((r) => [r.id, Number(r.value)]));
}
