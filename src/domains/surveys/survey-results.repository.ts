/**
 * Results computed in PostgreSQL: every figure is an aggregate over the survey's responses (jsonb operators,
 * lateral jsonb_each), returned as one jsonb document, so 100,000 responses never travel to the service.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/index.ts';

export interface ResponseFilter {
  surveyId: string;
  /** Respondents of this union's subtree. */
  unionPath?: string;
  /** questionId → optionId: respondents who picked that option. */
  answers?: Record<string, string>;
}

/** The options a respondent picked on a choice question, as rows `opt` (none when unanswered). */
const picked = (answers: RawBuilder<unknown>, q: string | RawBuilder<unknown>) =>
  sql`jsonb_array_elements_text(coalesce(${answers}->${q}->'optionIds', jsonb_build_array(${answers}->${q}->'optionId')))`;

export function filterCondition(f: ResponseFilter, alias = 'r') {
  const a = sql.ref(`${alias}.answers`);
  const parts = [sql`${sql.ref(`${alias}.survey_id`)} = ${f.surveyId}`];
  if (f.unionPath) parts.push(sql`${sql.ref(`${alias}.union_path`)} like ${`${f.unionPath}%`}`);
  for (const [q, o] of Object.entries(f.answers ?? {})) {
    parts.push(
      sql`(${a}->${q}->>'optionId' = ${o} or coalesce(${a}->${q}->'optionIds', '[]'::jsonb) @> jsonb_build_array(${o}::text))`,
    );
  }
  return sql.join(parts, sql` and `);
}

export interface Aggregates {
  responses: number;
  /** Responses of signed-in members (the audience); the rest came through single-use public links. */
  memberResponses: number;
  byUnion: { unionId: string; n: number; members: number }[];
  answered: { q: string; n: number }[];
  choices: { q: string; opt: string; n: number }[];
  values: { q: string; v: number; n: number }[];
  stats: { q: string; mean: number | null; min: number | null; max: number | null; median: number | null }[];
  matrix: { q: string; row: string; col: string; n: number }[];
}

export interface AggregateSpec {
  single: string[];
  multiple: { id: string; options: string[] }[];
  rating: string[];
  numeric: string[];
  matrix: { id: string; rows: string[] }[];
  all: string[];
}

/**
 * Per-question figures in two scans of the survey's responses, both reading answers by path (no jsonb_each):
 * 1. one GROUP BY GROUPING SETS with a set per single-choice question, rating question and matrix row;
 * 2. one row of filtered aggregates: answered per question, picks per multiple-choice option, numeric statistics.
 */
export async function aggregateResults(db: Database, f: ResponseFilter, spec: AggregateSpec): Promise<Aggregates> {
  const a = sql.ref('r.answers');
  const keys: { q: string; row?: string; expr: RawBuilder<unknown> }[] = [
    ...spec.single.map((q) => ({ q, expr: sql`${a}->${q}->>'optionId'` })),
    ...spec.rating.map((q) => ({ q, expr: sql`${a}->>${q}` })),
    ...spec.matrix.flatMap((m) => m.rows.map((row) => ({ q: m.id, row, expr: sql`${a}->${m.id}->>${row}` }))),
  ];
  const grouped = keys.length
    ? sql<Record<string, string | null>>`
        select ${sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.ref(`k${i}`)}`))}, count(*) as n
          from survey_responses r where ${filterCondition(f)}
         group by grouping sets (${sql.join(keys.map((_, i) => sql`(${sql.ref(`k${i}`)})`))})`.execute(db)
    : Promise.resolve({ rows: [] as Record<string, string | null>[] });

  const columns: { name: string; expr: RawBuilder<unknown> }[] = [
    { name: 'total', expr: sql`count(*)` },
    { name: 'members', expr: sql`count(*) filter (where r.via = 'member')` },
  ];
  for (const [i, q] of spec.all.entries()) {
    columns.push({ name: `a${i}`, expr: sql`count(*) filter (where ${a} ? ${q})` });
  }
  for (const [i, m] of spec.multiple.entries()) {
    for (const [j, o] of m.options.entries()) {
      columns.push({ name: `m${i}x${j}`, expr: sql`count(*) filter (where ${a}->${m.id}->'optionIds' ? ${o})` });
    }
  }
  [...spec.rating, ...spec.numeric].forEach((q, i) => {
    const v = sql`(${a}->>${q})::float8`;
    columns.push({ name: `mean${i}`, expr: sql`avg(${v})` });
    columns.push({ name: `min${i}`, expr: sql`min(${v})` });
    columns.push({ name: `max${i}`, expr: sql`max(${v})` });
    columns.push({ name: `med${i}`, expr: sql`percentile_cont(0.5) within group (order by ${v})` });
  });
  const totals = sql<Record<string, string | number | null>>`
    select ${sql.join(columns.map((c) => sql`${c.expr} as ${sql.ref(c.name)}`))}
      from survey_responses r where ${filterCondition(f)}`.execute(db);
  const byUnion = sql<{ unionId: string; n: string; members: string }>`
    select r.union_id, count(*) as n, count(*) filter (where r.via = 'member') as members
      from survey_responses r where ${filterCondition(f)} group by 1`.execute(db);

  const [g, t, bu] = await Promise.all([grouped, totals, byUnion]);
  const row = t.rows[0] ?? {};
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const out: Aggregates = {
    responses: Number(row.total ?? 0),
    memberResponses: Number(row.members ?? 0),
    byUnion: bu.rows.map((b) => ({ unionId: b.unionId, n: Number(b.n), members: Number(b.members) })),
    answered: spec.all.map((q, i) => ({ q, n: Number(row[`a${i}`] ?? 0) })),
    choices: spec.multiple.flatMap((m, i) =>
      m.options.map((opt, j) => ({ q: m.id, opt, n: Number(row[`m${i}x${j}`] ?? 0) })),
    ),
    values: [],
    stats: [...spec.rating, ...spec.numeric].map((q, i) => ({
      q,
      mean: num(row[`mean${i}`]),
      min: num(row[`min${i}`]),
      max: num(row[`max${i}`]),
      median: num(row[`med${i}`]),
    })),
    matrix: [],
  };
  const rating = new Set(spec.rating);
  for (const r of g.rows) {
    const i = keys.findIndex((_, k) => r[`k${k}`] !== null && r[`k${k}`] !== undefined);
    if (i < 0) continue; // the unanswered group of some set
    const k = keys[i]!;
    const value = String(r[`k${i}`]);
    const n = Number(r.n);
    if (k.row) out.matrix.push({ q: k.q, row: k.row, col: value, n });
    else if (rating.has(k.q)) out.values.push({ q: k.q, v: Number(value), n });
    else out.choices.push({ q: k.q, opt: value, n });
  }
  return out;
}

export interface CrosstabCell {
  r: string;
  c: string;
  n: number;
}

/** What the rows of a cross-tab are: the respondent's union or the options of a choice question. */
export type CrosstabRows = { byUnion: true } | { question: string };

const rowSource = (row: CrosstabRows) => {
  const ans = sql`r.answers` as RawBuilder<unknown>;
  return 'byUnion' in row ? sql`(select r.union_id::text as opt) rr` : sql`${picked(ans, row.question)} rr(opt)`;
};

/**
 * Respondents per (row, column), and per row: every response of the row, whether it answered the column question
 * or not (the size the small-group rule looks at).
 */
export async function crosstabCells(
  db: Database,
  f: ResponseFilter,
  row: CrosstabRows,
  colQuestion: string,
): Promise<{ cells: CrosstabCell[]; rowSizes: Map<string, number> }> {
  const ans = sql`r.answers` as RawBuilder<unknown>;
  const { rows } = await sql<{ r: string; c: string | null; whole: number; n: string }>`
    select rr.opt as r, cc.opt as c, grouping(cc.opt) as whole, count(distinct r.id) as n
      from survey_responses r
     cross join lateral ${rowSource(row)}
      left join lateral ${picked(ans, colQuestion)} cc(opt) on true
     where ${filterCondition(f)} and rr.opt is not null
     group by grouping sets ((rr.opt, cc.opt), (rr.opt))`.execute(db);
  const cells: CrosstabCell[] = [];
  const rowSizes = new Map<string, number>();
  for (const x of rows) {
    if (Number(x.whole)) rowSizes.set(x.r, Number(x.n));
    else if (x.c !== null) cells.push({ r: x.r, c: x.c, n: Number(x.n) });
  }
  return { cells, rowSizes };
}

/** Responses matching a filter; with `inRows`, only those in any of these rows (counted once where rows overlap). */
export async function countResponses(
  db: Database,
  f: ResponseFilter,
  inRows?: { row: CrosstabRows; ids: string[] },
): Promise<number> {
  const within = inRows
    ? sql`and exists (select 1 from ${rowSource(inRows.row)} where rr.opt = any(${inRows.ids}::text[]))`
    : sql``;
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from survey_responses r where ${filterCondition(f)} ${within}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** How many responses answered a text question. */
export async function countTextAnswers(db: Database, f: ResponseFilter, questionId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from survey_responses r
     where ${filterCondition(f)} and jsonb_typeof(r.answers->${questionId}) = 'string'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The non-empty texts of a text question (for segmentation), with their response ids. */
export async function textAnswers(
  db: Database,
  f: ResponseFilter,
  questionId: string,
  contains?: string,
  limit?: number,
) {
  const { rows } = await sql<{ id: string; text: string }>`
    select r.id, r.answers->>${questionId} as text from survey_responses r
     where ${filterCondition(f)} and jsonb_typeof(r.answers->${questionId}) = 'string'
       ${contains ? sql`and strpos(r.answers->>${questionId}, ${contains}) > 0` : sql``}
     order by r.id ${limit ? sql`limit ${limit}` : sql``}`.execute(db);
  return rows;
}

/** Distinct texts of a text question with how many answers gave each, for segmentation. */
export async function textCounts(db: Database, f: ResponseFilter, questionId: string) {
  const { rows } = await sql<{ text: string; count: string }>`
    select r.answers->>${questionId} as text, count(*) as count from survey_responses r
     where ${filterCondition(f)} and jsonb_typeof(r.answers->${questionId}) = 'string'
     group by 1`.execute(db);
  return rows.map((r) => ({ text: r.text, count: Number(r.count) }));
}

/**
 * Every response of a survey for an export, in id order (stable; random for anonymous surveys), page by page: the
 * ids are sorted once, then each page is fetched by primary key (keyset pages would re-sort the survey each time).
 * No connection is held between pages, so a slow download never pins a pooled connection (a cursor would).
 */
export async function* responsePages(db: Database, surveyId: string, pageSize = 5000) {
  const ids = (
    await db.selectFrom('surveyResponses').select('id').where('surveyId', '=', surveyId).orderBy('id').execute()
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += pageSize) {
    yield db
      .selectFrom('surveyResponses as r')
      .innerJoin('unions as u', 'u.id', 'r.unionId')
      .select(['r.id', 'r.version', 'r.unionId', 'u.name as unionName', 'r.via', 'r.submittedOn', 'r.answers'])
      .where('r.id', '=', sql<string>`any(${ids.slice(i, i + pageSize)}::uuid[])`)
      .orderBy('r.id')
      .execute();
  }
}

/** Responses per union of a survey (for the export's small-union rule). */
export async function unionCounts(db: Database, surveyId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('surveyResponses')
    .select(['unionId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('surveyId', '=', surveyId)
    .groupBy('unionId')
    .execute();
  return new Map(rows.map((r) => [r.unionId, Number(r.n)]));
}
