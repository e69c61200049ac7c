import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';

export const STAT_DIMENSIONS = ['scheme', 'coverage', 'year', 'district', 'union'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export interface StatFilter {
  scopePath: string | null;
  from?: string;
  to?: string;
  source: 'all' | 'system' | 'history';
  groupBy: StatDimension[];
}

export interface StatRow {
  keys: Partial<Record<StatDimension, string | null>>;
  labels: Partial<Record<StatDimension, string | null>>;
  beneficiaries: number;
  amountFen: number;
  members: number;
}

const KEY_SQL: Record<StatDimension, [ReturnType<typeof sql>, ReturnType<typeof sql>]> = {
  scheme: [sql`x.scheme_code`, sql`max(s.name)`],
  coverage: [sql`x.coverage_code`, sql`max(c.name)`],
  year: [sql`to_char(x.paid_on, 'YYYY')`, sql`to_char(x.paid_on, 'YYYY')`],
  district: [sql`d.code`, sql`max(d.name)`],
  union: [sql`w.code`, sql`max(w.name)`],
};

/**
 * Paid claims (人次, amounts, distinct members) from the system's confirmed payouts plus the imported history,
 * grouped by the requested dimensions, inside the actor's subtree. A member is counted once per cell; history rows
 * without an ID number count each 人次 as a person.
 */
export async function paidStats(
  db: Database,
  f: StatFilter,
): Promise<{ rows: StatRow[]; total: Omit<StatRow, 'keys' | 'labels'> }> {
  const parts = [];
  if (f.source !== 'history') {
    parts.push(sql`select p.settled_on as paid_on, s.code as scheme_code, c.code as coverage_code, p.union_path,
        1 as beneficiaries, p.amount_fen, a.member_id::text as member_key
      from aid_payouts p join aid_claims a on a.id = p.claim_id
      join aid_coverages c on c.id = a.coverage_id join aid_schemes s on s.id = c.scheme_id
      where p.status = 'paid'`);
  }
  if (f.source !== 'system') {
    parts.push(sql`select h.paid_on, h.scheme_code, h.coverage_code, h.union_path, h.beneficiaries, h.amount_fen,
        encode(h.member_key, 'hex') as member_key
      from aid_payout_history h`);
  }
  const source = sql.join(parts, sql` union all `);
  const where = [sql`true`];
  if (f.scopePath) where.push(sql`x.union_path like ${`${f.scopePath}%`}`);
  if (f.from) where.push(sql`x.paid_on >= ${f.from}`);
  if (f.to) where.push(sql`x.paid_on <= ${f.to}`);
  const joins = [
    sql`left join aid_schemes s on s.code = x.scheme_code`,
    sql`left join aid_coverages c on c.code = x.coverage_code`,
  ];
  if (f.groupBy.includes('district'))
    joins.push(sql`left join unions d on d.kind = 'district' and x.union_path like d.path || '%'`);
  if (f.groupBy.includes('union'))
    joins.push(sql`left join unions w on w.kind = 'workplace' and x.union_path like w.path || '%'`);
  const measures = sql`sum(x.beneficiaries)::bigint as beneficiaries, coalesce(sum(x.amount_fen), 0)::bigint as amount_fen,
    (count(distinct x.member_key) + coalesce(sum(x.beneficiaries) filter (where x.member_key is null), 0))::bigint as members`;
  const keyCols = f.groupBy.map(
    (d, i) => sql`${KEY_SQL[d][0]} as ${sql.ref(`k${i}`)}, ${KEY_SQL[d][1]} as ${sql.ref(`l${i}`)}`,
  );
  const groupCols = f.groupBy.map((d) => KEY_SQL[d][0]);
  const select = keyCols.length ? sql`${sql.join(keyCols)}, ${measures}` : measures;
  const grouping = groupCols.length ? sql`group by ${sql.join(groupCols)} order by ${sql.join(groupCols)}` : sql``;
  const { rows } = await sql<Record<string, string | number | null>>`
    select ${select} from (${source}) x ${sql.join(joins, sql` `)} where ${sql.join(where, sql` and `)} ${grouping}`.execute(
    db,
  );
  const totals = await sql<{ beneficiaries: number; amount_fen: number; members: number }>`
    select ${measures} from (${source}) x where ${sql.join(where, sql` and `)}`.execute(db);
  const t = totals.rows[0]!;
  return {
    rows: rows.map((r) => ({
      keys: Object.fromEntries(f.groupBy.map((d, i) => [d, (r[`k${i}`] as string | null) ?? null])),
      labels: Object.fromEntries(f.groupBy.map((d, i) => [d, (r[`l${i}`] as string | null) ?? null])),
      beneficiaries: Number(r.beneficiaries ?? r.beneficiaries),
      amountFen: Number(r.amountFen ?? r.amount_fen),
      members: Number(r.members),
    })),
    total: {
      beneficiaries: Number(t.beneficiaries ?? 0),
      amountFen: Number((t as Record<string, unknown>).amountFen ?? t.amount_fen ?? 0),
      members: Number(t.members ?? 0),
    },
  };
}
