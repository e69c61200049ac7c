/**
 * Analysis that leads to action: claim seasonality with district alerts, suggested new station sites, stations whose
 * health is falling, and survey terms that differ between districts. Reuses the stations and surveys domains.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { activeStationPoints, demandCells, regionArea } from '../stations/coverage.repository.ts';
import { padBbox, suggestSites } from '../stations/coverage.ts';
import { fallingStations } from '../stations/health-score.repository.ts';
import type { SurveyDefinition } from '../surveys/survey-definition.ts';
import { bucketOf } from './bucket.ts';
import { bucketUnions, claimFirstYears, claimWeeksByBucket, claimWeekTotals } from './cockpit.repository.ts';
import type { Scope } from './cockpit.service.ts';
import { departures, isoWeekOf, mondayOf, type RangeRule, recentWeeks, yearSeries } from './seasonality.ts';
import { termShifts } from './term-shift.ts';

export async function seasonality(
  db: Database,
  scope: Scope,
  now: Date,
  o: { coverage?: string; years?: number; rule?: RangeRule },
) {
  const today = shanghaiDay(now);
  const years = o.years ?? 5;
  const since = mondayOf({ year: isoWeekOf(today).year - years, week: 1 });
  const weeks = [...new Set(recentWeeks(today).map((w) => w.week))];
  const [totals, byBucket, firstYears, unions] = await Promise.all([
    claimWeekTotals(db, scope.path, since, o.coverage),
    claimWeeksByBucket(db, scope.path, since, weeks, o.coverage),
    claimFirstYears(db, scope.path),
    bucketUnions(db, scope.path),
  ]);
  const options = { today, years, rule: o.rule ?? 'sigma', firstYears };
  const names = new Map(unions.map((u) => [u.path, u]));
  return {
    rule: options.rule,
    years,
    week: isoWeekOf(today),
    series: yearSeries(totals, options),
    alerts: departures(byBucket, options).map((d) => ({
      ...d,
      unionCode: names.get(d.bucket)?.code ?? null,
      unionName: names.get(d.bucket)?.name ?? null,
      regionCode: names.get(d.bucket)?.regionCode ?? null,
    })),
  };
}

/** Demand cells with no active station near, ranked (the stations domain's suggestSites over the scope's area). */
export async function suggestedSites(db: Database, scope: Scope, now: Date, limit = 10, days = 90) {
  if (!scope.regionCode) return [];
  const area = await regionArea(db, scope.regionCode);
  if (!area) return [];
  const [cells, points] = await Promise.all([
    demandCells(db, area.bbox, now, days),
    activeStationPoints(db, padBbox(area.bbox, 5000)),
  ]);
  return suggestSites(cells, points, { area, limit });
}

export async function falling(db: Database, scope: Scope, now: Date, drop = 10, days = 30) {
  const rows = await fallingStations(db, { scopePath: scope.path, drop, days, now, limit: 20 });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    score: r.score,
    best: Number(r.best),
    fall: Number(r.fall),
  }));
}

const TEXT_TYPES = new Set(['text', 'longtext']);

/** Free-text terms over-represented in one district's answers compared with the others. */
export async function surveyTermShifts(db: Database, scope: Scope, surveyId?: string) {
  const reach = scope.path
    ? sql<boolean>`(coalesce(s.audience_path, s.owner_union_path) like ${`${scope.path}%`}
                    or ${scope.path} like coalesce(s.audience_path, s.owner_union_path) || '%')`
    : sql<boolean>`true`;
  const { rows: candidates } = await sql<{ id: string; title: string; definition: SurveyDefinition }>`
    select s.id, s.title, v.definition from surveys s
      join survey_versions v on v.survey_id = s.id and v.version = s.current_version
     where s.published_at is not null and ${reach} ${surveyId ? sql`and s.id = ${surveyId}` : sql``}
     order by s.response_count desc, s.id limit 20`.execute(db);
  for (const s of candidates) {
    const questions = s.definition.sections.flatMap((sec) => sec.questions).filter((q) => TEXT_TYPES.has(q.type));
    if (!questions.length) continue;
    const q = questions[0]!;
    const { rows } = await sql<{ path: string; text: string; n: string }>`
      select r.union_path as path, r.answers->>${q.id} as text, count(*) as n from survey_responses r
       where r.survey_id = ${s.id} and jsonb_typeof(r.answers->${q.id}) = 'string'
         ${scope.path ? sql`and r.union_path like ${`${scope.path}%`}` : sql``}
       group by 1, 2`.execute(db);
    const all = await db.selectFrom('unions').select(['path', 'kind']).where('kind', '!=', 'workplace').execute();
    const kinds = new Map(all.map((u) => [u.path, u.kind as string]));
    const unions = new Map((await bucketUnions(db, scope.path)).map((u) => [u.path, u]));
    const counted = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const bucket = bucketOf(r.path, kinds);
      const texts = counted.get(bucket) ?? new Map<string, number>();
      texts.set(r.text, (texts.get(r.text) ?? 0) + Number(r.n));
      counted.set(bucket, texts);
    }
    const groups = new Map([...counted].map(([g, m]) => [g, [...m].map(([text, count]) => ({ text, count }))]));
    const shifts = termShifts([...groups].map(([group, texts]) => ({ group, texts })));
    return {
      survey: { id: s.id, title: s.title, questionId: q.id, question: q.title },
      groups: [...groups].map(([g, texts]) => ({
        unionCode: unions.get(g)?.code ?? null,
        unionName: unions.get(g)?.name ?? null,
        answers: texts.reduce((n, t) => n + t.count, 0),
      })),
      shifts: shifts.map((x) => ({
        ...x,
        unionCode: unions.get(x.group)?.code ?? null,
        unionName: unions.get(x.group)?.name ?? null,
      })),
    };
  }
  return { survey: null, groups: [], shifts: [] };
}
