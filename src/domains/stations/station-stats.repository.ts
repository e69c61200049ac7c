import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const STATS_GROUPS = ['region', 'status', 'managementMode', 'amenity'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

const GROUP_SQL: Record<StatsGroup, ReturnType<typeof sql.raw>> = {
  region: sql.raw('s.region_code'),
  status: sql.raw('s.status'),
  managementMode: sql.raw('s.management_mode'),
  amenity: sql.raw('a.amenity'),
};

const scope = (scopePath: string | null) =>
  scopePath ? sql`s.union_path LIKE ${`${scopePath}%`}` : sql<boolean>`true`;

/**
 * Stations of a subtree counted by one dimension, with how many are active and the investment recorded (fen).
 * By amenity a station counts once per amenity it has, so those groups overlap by design.
 */
export async function stationGroups(db: Db, scopePath: string | null, groupBy: StatsGroup) {
  const from =
    groupBy === 'amenity' ? sql`stations s CROSS JOIN LATERAL unnest(s.amenities) AS a(amenity)` : sql`stations s`;
  const key = GROUP_SQL[groupBy];
  const { rows } = await sql<{ key: string; stations: number; active: number; investmentFen: number }>`
    SELECT ${key} AS key, count(*)::int AS stations, (count(*) FILTER (WHERE s.status = 'active'))::int AS active,
           coalesce(sum(s.investment_fen), 0)::bigint AS "investmentFen"
      FROM ${from}
     WHERE ${scope(scopePath)}
     GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
  return rows.map((r) => ({ ...r, investmentFen: Number(r.investmentFen) }));
}

export async function stationTotals(db: Db, scopePath: string | null) {
  const { rows } = await sql<{
    stations: number;
    active: number;
    exited: number;
    investmentFen: number;
    withInvestment: number;
  }>`
    SELECT count(*)::int AS stations,
           (count(*) FILTER (WHERE s.status = 'active'))::int AS active,
           (count(*) FILTER (WHERE s.status = 'exited'))::int AS exited,
           coalesce(sum(s.investment_fen), 0)::bigint AS "investmentFen",
           count(s.investment_fen)::int AS "withInvestment"
      FROM stations s WHERE ${scope(scopePath)}`.execute(db);
  const r = rows[0]!;
  return { ...r, investmentFen: Number(r.investmentFen) };
}

/** Check-ins per Shanghai month since `since` (the first of a month), months without any included as 0. */
export async function checkinsPerMonth(db: Db, scopePath: string | null, since: Date, until: Date) {
  const { rows } = await sql<{ month: string; checkins: number; stations: number }>`
    SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(c.checkins, 0)::int AS checkins,
           coalesce(c.stations, 0)::int AS stations
      FROM generate_series(date_trunc('month', ${since}::timestamptz AT TIME ZONE 'Asia/Shanghai'),
                           date_trunc('month', ${until}::timestamptz AT TIME ZONE 'Asia/Shanghai'),
                           interval '1 month') AS m(month)
      LEFT JOIN (
        SELECT date_trunc('month', c.created_at AT TIME ZONE 'Asia/Shanghai') AS month,
               count(*) AS checkins, count(DISTINCT c.station_id) AS stations
          FROM station_checkins c JOIN stations s ON s.id = c.station_id
         WHERE ${scope(scopePath)} AND c.created_at >= ${since}
         GROUP BY 1
      ) c ON c.month = m.month
     ORDER BY m.month`.execute(db);
  return rows;
}
