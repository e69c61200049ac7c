/** Surveys, their versions, publication and audience: the queries behind the staff routes. */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { AudienceFilter } from './survey.table.ts';
import type { SurveyDefinition } from './survey-definition.ts';
import { AGE_BAND_RANGES } from './survey-window.ts';

export type SurveyRow = Awaited<ReturnType<typeof findSurvey>> & {};

/** A survey with its current definition and the names of its owner and audience unions. */
export async function findSurvey(db: Database, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('surveys as s')
    .innerJoin('surveyVersions as v', (j) =>
      j.onRef('v.surveyId', '=', 's.id').onRef('v.version', '=', 's.currentVersion'),
    )
    .innerJoin('unions as o', 'o.id', 's.ownerUnionId')
    .leftJoin('unions as a', 'a.id', 's.audienceUnionId')
    .selectAll('s')
    .select(['v.definition', 'o.name as ownerUnionName', 'a.name as audienceUnionName'])
    .where('s.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

export async function listSurveys(db: Database, scopePath: string | null) {
  let q = db
    .selectFrom('surveys as s')
    .innerJoin('unions as o', 'o.id', 's.ownerUnionId')
    .leftJoin('unions as a', 'a.id', 's.audienceUnionId')
    .selectAll('s')
    .select((eb) => [
      'o.name as ownerUnionName',
      'a.name as audienceUnionName',
      eb
        .selectFrom('surveyResponses as r')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('r.surveyId', '=', 's.id')
        .where('r.via', '=', 'member')
        .as('memberResponses'),
    ])
    .orderBy('s.createdAt', 'desc')
    .limit(500);
  if (scopePath !== null) q = q.where('s.ownerUnionPath', 'like', `${scopePath}%`);
  return q.execute();
}

export async function insertSurvey(
  db: Database,
  s: {
    id: string;
    ownerUnionId: string;
    ownerUnionPath: string;
    definition: SurveyDefinition;
    createdBy: string | null;
  },
) {
  await db
    .insertInto('surveys')
    .values({
      id: s.id,
      ownerUnionId: s.ownerUnionId,
      ownerUnionPath: s.ownerUnionPath,
      title: s.definition.title.trim(),
      createdBy: s.createdBy,
    })
    .execute();
  await db
    .insertInto('surveyVersions')
    .values({ surveyId: s.id, version: 1, definition: JSON.stringify(s.definition), createdBy: s.createdBy })
    .execute();
}

/**
 * Saves an edited definition. Before publication the current version is replaced; after it a new version is added,
 * so responses keep the version they were given under. Call inside a transaction holding the survey row lock.
 */
export async function saveDefinition(
  db: Database,
  survey: { id: string; currentVersion: number; publishedAt: Date | null },
  definition: SurveyDefinition,
  createdBy: string | null,
): Promise<number> {
  const json = JSON.stringify(definition);
  let version = survey.currentVersion;
  if (survey.publishedAt) {
    version += 1;
    await db
      .insertInto('surveyVersions')
      .values({ surveyId: survey.id, version, definition: json, createdBy })
      .execute();
  } else {
    await db
      .updateTable('surveyVersions')
      .set({ definition: json, createdBy })
      .where('surveyId', '=', survey.id)
      .where('version', '=', version)
      .execute();
  }
  await db
    .updateTable('surveys')
    .set({ title: definition.title.trim(), currentVersion: version, updatedAt: sql`now()` })
    .where('id', '=', survey.id)
    .execute();
  return version;
}

export async function listVersions(db: Database, surveyId: string) {
  return db
    .selectFrom('surveyVersions as v')
    .select((eb) => [
      'v.version',
      'v.createdAt',
      eb
        .selectFrom('surveyResponses as r')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('r.surveyId', '=', 'v.surveyId')
        .whereRef('r.version', '=', 'v.version')
        .as('responses'),
    ])
    .where('v.surveyId', '=', surveyId)
    .orderBy('v.version')
    .execute();
}

export async function findVersion(db: Database, surveyId: string, version: number) {
  return db
    .selectFrom('surveyVersions')
    .select('definition')
    .where('surveyId', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

interface AudienceSpec {
  audiencePath: string | null;
  audienceFilter: AudienceFilter;
  opensAt: Date | null;
}

/**
 * The SQL condition "member m (with union u) is in the audience": active, in the audience subtree, and matching the
 * optional filter. Age is taken on the opening day in Beijing time.
 */
export function audienceCondition(s: AudienceSpec): Expression<SqlBool> {
  const parts = [sql`m.status = 'active'`, sql`m.union_path like ${`${s.audiencePath ?? '/none/'}%`}`];
  const f = s.audienceFilter ?? {};
  if (f.unionKinds?.length) parts.push(sql`u.kind in (${sql.join(f.unionKinds)})`);
  if (f.ageBands?.length) {
    const on = sql`(${s.opensAt ?? new Date()}::timestamptz at time zone 'Asia/Shanghai')::date`;
    const age = sql`extract(year from age(${on}, m.birth_date))`;
    parts.push(
      sql`(${sql.join(
        f.ageBands.map((b) => sql`(${age} >= ${AGE_BAND_RANGES[b][0]} and ${age} < ${AGE_BAND_RANGES[b][1]})`),
        sql` or `,
      )})`,
    );
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export async function audienceSize(db: Database, s: AudienceSpec): Promise<number> {
  if (!s.audiencePath) return 0;
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from members m join unions u on u.id = m.union_id where ${audienceCondition(s)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Audience per union (the member's own union), for the by-union table. */
export async function audienceByUnion(db: Database, s: AudienceSpec) {
  if (!s.audiencePath) return [];
  const { rows } = await sql<{ unionId: string; name: string; n: string }>`
    select u.id as union_id, u.name, count(*) as n
      from members m join unions u on u.id = m.union_id
     where ${audienceCondition(s)}
     group by u.id, u.name`.execute(db);
  return rows.map((r) => ({ unionId: r.unionId, name: r.name, audience: Number(r.n) }));
}

export async function isInAudience(db: Database, s: AudienceSpec, memberId: string): Promise<boolean> {
  if (!s.audiencePath) return false;
  const { rows } = await sql`
    select 1 from members m join unions u on u.id = m.union_id
     where m.id = ${memberId} and ${audienceCondition(s)}`.execute(db);
  return rows.length > 0;
}

/** Published surveys whose audience could include a member of `memberUnionPath` (the filter is checked after). */
export async function publishedForUnionPath(db: Database, memberUnionPath: string) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('surveyVersions as v', (j) =>
      j.onRef('v.surveyId', '=', 's.id').onRef('v.version', '=', 's.currentVersion'),
    )
    .selectAll('s')
    .select('v.definition')
    .where('s.publishedAt', 'is not', null)
    .where(sql<SqlBool>`${memberUnionPath} like s.audience_path || '%'`)
    .orderBy('s.closesAt')
    .execute();
}

export async function countLinks(db: Database, surveyId: string): Promise<number> {
  const r = await db
    .selectFrom('surveyLinks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('surveyId', '=', surveyId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
