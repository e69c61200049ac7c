import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Problem } from '../../platform/errors.ts';
import { ConsultationReport, FirstAnswerReport, ReportQuery, UnansweredReport } from './consultation.schemas.ts';
import { operator } from './consultation-access.ts';
import { errorResponses } from './kb.schemas.ts';

const RANGE = { 'zh-CN': '结束日期不能早于开始日期', en: 'must not be before from' };

/** Shanghai day of a timestamptz column, for "from/to" filters and ISO weeks. */
const day = (column: string) => sql<string>`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date`;

/** Hotline reports for the operator's subtree: volume, unanswered questions, time to first answer. */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['hotline reports'];

  function scoped(actor: { unionPath: string | null }, from: string, to: string) {
    if (to < from) throw Problem.validation([{ field: 'query.to', message: RANGE }]);
    let q = db
      .selectFrom('hotlineConsultations as c')
      .where(sql<boolean>`${day('c.startedAt')} between ${from}::date and ${to}::date`);
    if (actor.unionPath !== null) q = q.where('c.unionPath', 'like', `${actor.unionPath}%`);
    return q;
  }

  app.get(
    '/hotline/reports/consultations',
    {
      schema: {
        tags,
        summary: 'Consultations by topic, union and ISO week',
        querystring: ReportQuery,
        response: { 200: ConsultationReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const { from, to } = request.query;
      const q = scoped(actor, from, to);
      const [byTopic, byUnion, byWeek] = await Promise.all([
        q
          .select(['c.topic', (eb) => eb.fn.countAll<string>().as('count')])
          .groupBy('c.topic')
          .orderBy('count', 'desc')
          .orderBy('c.topic')
          .execute(),
        q
          .innerJoin('unions as u', 'u.id', 'c.unionId')
          .select(['u.id as unionId', 'u.name as unionName', (eb) => eb.fn.countAll<string>().as('count')])
          .groupBy(['u.id', 'u.name'])
          .orderBy('count', 'desc')
          .orderBy('u.name')
          .execute(),
        q
          .select([
            sql<string>`to_char(${day('c.startedAt')}, 'IYYY-"W"IW')`.as('week'),
            (eb) => eb.fn.countAll<string>().as('count'),
          ])
          .groupBy('week')
          .orderBy('week')
          .execute(),
      ]);
      const total = byTopic.reduce((s, r) => s + Number(r.count), 0);
      return {
        from,
        to,
        total,
        byTopic: byTopic.map((r) => ({ topic: r.topic, count: Number(r.count) })),
        byUnion: byUnion.map((r) => ({ unionId: r.unionId, unionName: r.unionName, count: Number(r.count) })),
        byWeek: byWeek.map((r) => ({ week: r.week, count: Number(r.count) })),
      };
    },
  );

  app.get(
    '/hotline/reports/unanswered',
    {
      schema: {
        tags,
        summary: 'Questions the knowledge base could not answer: empty searches and referred consultations',
        querystring: ReportQuery,
        response: { 200: UnansweredReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const { from, to } = request.query;
      let s = db
        .selectFrom('hotlineUnansweredSearches as s')
        .where(sql<boolean>`${day('s.at')} between ${from}::date and ${to}::date`);
      if (actor.unionPath !== null) s = s.where('s.unionPath', 'like', `${actor.unionPath}%`);
      const [searches, referred] = await Promise.all([
        s
          .select([
            's.normalized',
            sql<string>`min(s.query)`.as('query'),
            (eb) => eb.fn.countAll<string>().as('count'),
            (eb) => eb.fn.max('s.at').as('lastAt'),
          ])
          .groupBy('s.normalized')
          .orderBy('count', 'desc')
          .orderBy('s.normalized')
          .limit(200)
          .execute(),
        scoped(actor, from, to)
          .innerJoin('unions as u', 'u.id', 'c.unionId')
          .select(['c.id', 'c.startedAt', 'c.topic', 'c.question', 'u.name as unionName'])
          .where('c.outcome', '=', 'referred')
          .orderBy('c.startedAt', 'desc')
          .limit(500)
          .execute(),
      ]);
      return {
        searches: searches.map((r) => ({
          query: r.query,
          count: Number(r.count),
          lastAt: new Date(r.lastAt as unknown as string).toISOString(),
        })),
        referred: referred.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() })),
      };
    },
  );

  app.get(
    '/hotline/reports/first-answer',
    {
      schema: {
        tags,
        summary: 'Time from the start of a consultation to the first knowledge-base answer given',
        querystring: ReportQuery,
        response: { 200: FirstAnswerReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const { from, to } = request.query;
      const secs = sql<number>`extract(epoch from (c.first_answer_at - c.started_at))`;
      const stats = (q: ReturnType<typeof scoped>) =>
        q.select([
          (eb) => eb.fn.countAll<string>().as('consultations'),
          sql<string>`count(c.first_answer_at)`.as('answered'),
          sql<number | null>`avg(${secs})`.as('average'),
          sql<number | null>`percentile_cont(0.5) within group (order by ${secs})`.as('median'),
          sql<number | null>`percentile_cont(0.9) within group (order by ${secs})`.as('p90'),
        ]);
      const [all, byTopic] = await Promise.all([
        stats(scoped(actor, from, to)).executeTakeFirstOrThrow(),
        stats(scoped(actor, from, to))
          .select('c.topic')
          .groupBy('c.topic')
          .orderBy('c.topic')
          .execute(),
      ]);
      const num = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
      return {
        consultations: Number(all.consultations),
        answered: Number(all.answered),
        averageSeconds: num(all.average),
        medianSeconds: num(all.median),
        p90Seconds: num(all.p90),
        byTopic: byTopic.map((r) => ({ topic: r.topic, answered: Number(r.answered), medianSeconds: num(r.median) })),
      };
    },
  );
};
