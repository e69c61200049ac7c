import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { can } from './care.policy.ts';
import { conflict, requireCareMember, requireCareStaff, scopePath, unionForActor } from './care-access.ts';
import { dateRangeIssues, isRealDate } from './care-rules.ts';
import {
  CompetitionBody,
  CompetitionList,
  MyCompetitionList,
  PointsTable,
  RegistrationBody,
  RegistrationList,
  ResultList,
  ResultsBody,
  VisitBody,
  VisitList,
  VisitQuery,
} from './competition.schemas.ts';
import { pointsTable } from './points-table.ts';
import { Created, errorResponses, IdParams } from './stock.schemas.ts';

const tags = ['care competitions'];

function competitions(db: FastifyRequest['server']['deps']['db']) {
  return db
    .selectFrom('careCompetitions as c')
    .innerJoin('unions as u', 'u.id', 'c.unionId')
    .select([
      'c.id',
      'c.title',
      'c.unionId',
      'u.name as unionName',
      'c.unionPath',
      'c.startsOn',
      'c.endsOn',
      'c.registrationClosesOn',
      'c.events',
      'c.notes',
    ])
    .select((eb) =>
      sql<number>`(select count(*) from care_competition_registrations r where r.competition_id = ${eb.ref('c.id')})::int`.as(
        'registrations',
      ),
    );
}
const view = ({ unionPath: _p, ...c }: Awaited<ReturnType<ReturnType<typeof competitions>['execute']>>[number]) => c;

async function loadCompetition(request: FastifyRequest, id: string, action: 'read' | 'manage') {
  const actor = requireCareStaff(request, 'read');
  const c = await competitions(request.server.deps.db).where('c.id', '=', id).executeTakeFirst();
  if (!c || !can(actor, 'read', { unionPath: c.unionPath })) throw Problem.notFound();
  if (!can(actor, action, { unionPath: c.unionPath })) throw Problem.forbidden();
  return { actor, competition: c };
}

/** Fitness competitions (registration by members, results, points per union) and the supervision group's visits. */
export const competitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.post(
    '/care/competitions',
    {
      schema: {
        tags,
        summary: 'Create a competition with its events',
        body: CompetitionBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      const issues = dateRangeIssues(
        { field: 'body.startsOn', day: body.startsOn },
        { field: 'body.endsOn', day: body.endsOn },
      );
      if (body.registrationClosesOn && !isRealDate(body.registrationClosesOn)) {
        issues.push({ field: 'body.registrationClosesOn', message: { 'zh-CN': '日期不存在', en: 'no such date' } });
      }
      const events = [...new Set(body.events.map((e) => e.trim()))];
      if (issues.length) throw Problem.validation(issues);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careCompetitions')
          .values({
            id,
            unionId: union.id,
            unionPath: union.path,
            title: body.title.trim(),
            startsOn: body.startsOn,
            endsOn: body.endsOn,
            registrationClosesOn: body.registrationClosesOn ?? null,
            events,
            notes: body.notes?.trim() || null,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'care.competition.create',
          entity: 'care_competition',
          entityId: id,
          unionId: union.id,
          detail: { title: body.title, events },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/care/competitions',
    {
      schema: {
        tags,
        summary: 'Competitions in the actor’s subtree',
        response: { 200: CompetitionList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const rows = await competitions(db)
        .where('c.unionPath', 'like', `${scopePath(actor)}%`)
        .orderBy('c.startsOn', 'desc')
        .limit(500)
        .execute();
      return { items: rows.map(view) };
    },
  );

  app.get(
    '/care/competitions/:id',
    {
      schema: {
        tags,
        summary: 'One competition',
        params: IdParams,
        response: { 200: CompetitionList.properties.items.items, ...errorResponses },
      },
    },
    async (request) => view((await loadCompetition(request, request.params.id, 'read')).competition),
  );

  app.get(
    '/care/competitions/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Who registered for which event',
        params: IdParams,
        response: { 200: RegistrationList, ...errorResponses },
      },
    },
    async (request) => {
      const { competition } = await loadCompetition(request, request.params.id, 'read');
      const rows = await db
        .selectFrom('careCompetitionRegistrations as r')
        .innerJoin('members as m', 'm.id', 'r.memberId')
        .innerJoin('unions as u', 'u.id', 'r.unionId')
        .select([
          'r.id',
          'r.memberId',
          'm.name as memberName',
          'r.unionId',
          'u.name as unionName',
          'r.event',
          'r.registeredAt',
        ])
        .where('r.competitionId', '=', competition.id)
        .orderBy('r.event')
        .orderBy('r.registeredAt')
        .execute();
      return { items: rows.map((r) => ({ ...r, registeredAt: r.registeredAt.toISOString() })) };
    },
  );

  app.post(
    '/care/competitions/:id/results',
    {
      schema: {
        tags,
        summary: 'Record results; replaces earlier results of the events given',
        params: IdParams,
        body: ResultsBody,
        response: { 200: ResultList, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, competition } = await loadCompetition(request, request.params.id, 'manage');
      const results = request.body.results;
      const memberIds = results.flatMap((r) => (r.memberId ? [r.memberId] : []));
      const unionIds = results.flatMap((r) => (r.unionId ? [r.unionId] : []));
      const members = memberIds.length
        ? await db.selectFrom('members').select(['id', 'unionId', 'unionPath']).where('id', 'in', memberIds).execute()
        : [];
      const unions = unionIds.length
        ? await db.selectFrom('unions').select(['id', 'path']).where('id', 'in', unionIds).execute()
        : [];
      const issues: FieldError[] = [];
      const rows = results.map((r, i) => {
        const field = `body.results.${i}`;
        if (!competition.events.includes(r.event.trim()))
          issues.push({
            field: `${field}.event`,
            message: { 'zh-CN': '不是本次比赛的项目', en: 'not an event of this competition' },
          });
        const m = r.memberId ? members.find((x) => x.id === r.memberId) : undefined;
        const u = r.unionId ? unions.find((x) => x.id === r.unionId) : undefined;
        if (!r.memberId === !r.unionId)
          issues.push({
            field,
            message: { 'zh-CN': '须且只能填写会员或工会之一', en: 'give exactly one of memberId, unionId' },
          });
        else if (r.memberId && !m?.unionPath.startsWith(competition.unionPath))
          issues.push({ field: `${field}.memberId`, message: 'notFound' });
        else if (r.unionId && !u?.path.startsWith(competition.unionPath))
          issues.push({ field: `${field}.unionId`, message: 'notFound' });
        return {
          id: uuidv7(),
          competitionId: competition.id,
          event: r.event.trim(),
          memberId: r.memberId ?? null,
          unionId: m?.unionId ?? u?.id ?? '',
          rank: r.rank,
          points: r.points,
          createdBy: actor.accountId,
        };
      });
      if (issues.length) throw Problem.validation(issues);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('careCompetitionResults')
          .where('competitionId', '=', competition.id)
          .where('event', 'in', [...new Set(rows.map((r) => r.event))])
          .execute();
        await trx.insertInto('careCompetitionResults').values(rows).execute();
        await recordAudit(trx, {
          actor,
          action: 'care.competition.results',
          entity: 'care_competition',
          entityId: competition.id,
          unionId: competition.unionId,
          detail: { results: rows.length },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return { items: await resultsOf(competition.id) };
    },
  );

  async function resultsOf(competitionId: string) {
    return db
      .selectFrom('careCompetitionResults as r')
      .innerJoin('unions as u', 'u.id', 'r.unionId')
      .leftJoin('members as m', 'm.id', 'r.memberId')
      .select([
        'r.id',
        'r.event',
        'r.memberId',
        'm.name as memberName',
        'r.unionId',
        'u.name as unionName',
        'r.rank',
        'r.points',
      ])
      .where('r.competitionId', '=', competitionId)
      .orderBy('r.event')
      .orderBy('r.rank')
      .execute();
  }

  app.get(
    '/care/competitions/:id/results',
    {
      schema: {
        tags,
        summary: 'Results by event and rank',
        params: IdParams,
        response: { 200: ResultList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await resultsOf((await loadCompetition(request, request.params.id, 'read')).competition.id),
    }),
  );

  app.get(
    '/care/competitions/:id/points-table',
    {
      schema: {
        tags,
        summary: 'Points per union, highest first',
        params: IdParams,
        response: { 200: PointsTable, ...errorResponses },
      },
    },
    async (request) => ({
      items: pointsTable(await resultsOf((await loadCompetition(request, request.params.id, 'read')).competition.id)),
    }),
  );

  app.get(
    '/me/care/competitions',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'Competitions open to me (my union or one above it), with the events I entered',
        response: { 200: MyCompetitionList, ...errorResponses },
      },
    },
    async (request) => {
      const member = await requireCareMember(request);
      const rows = await competitions(db)
        .where(sql<boolean>`${member.unionPath} like c.union_path || '%'`)
        .where('c.endsOn', '>=', shanghaiDay(clock.now()))
        .orderBy('c.startsOn')
        .execute();
      const entered = rows.length
        ? await db
            .selectFrom('careCompetitionRegistrations')
            .select(['competitionId', 'event'])
            .where('memberId', '=', member.id)
            .where(
              'competitionId',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('registeredAt')
            .execute()
        : [];
      return {
        items: rows.map((r) => ({
          ...view(r),
          registeredEvents: entered.filter((e) => e.competitionId === r.id).map((e) => e.event),
        })),
      };
    },
  );

  app.post(
    '/me/care/competitions/:id/registrations',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'Register for an event',
        params: IdParams,
        body: RegistrationBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = await requireCareMember(request);
      const c = await competitions(db).where('c.id', '=', request.params.id).executeTakeFirst();
      if (!c || !member.unionPath.startsWith(c.unionPath)) throw Problem.notFound();
      const event = request.body.event.trim();
      if (!c.events.includes(event))
        throw Problem.validation([
          { field: 'body.event', message: { 'zh-CN': '不是本次比赛的项目', en: 'not an event of this competition' } },
        ]);
      const today = shanghaiDay(clock.now());
      if ((c.registrationClosesOn ?? c.endsOn) < today)
        throw conflict('params.id', '报名已截止', 'registration has closed');
      const id = uuidv7();
      const inserted = await db
        .insertInto('careCompetitionRegistrations')
        .values({ id, competitionId: c.id, memberId: member.id, unionId: member.unionId, event })
        .onConflict((oc) => oc.columns(['competitionId', 'memberId', 'event']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw conflict('body.event', '已报名该项目', 'already registered for this event');
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/care/supervision-visits',
    {
      schema: {
        tags,
        summary: 'Record a (usually unannounced) supervision visit with findings',
        body: VisitBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      if (!isRealDate(body.visitedOn) || body.visitedOn > shanghaiDay(clock.now())) {
        throw Problem.validation([
          {
            field: 'body.visitedOn',
            message: { 'zh-CN': '日期不存在或晚于今天', en: 'no such date, or in the future' },
          },
        ]);
      }
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careSupervisionVisits')
          .values({
            id,
            unionId: union.id,
            unionPath: union.path,
            visitedOn: body.visitedOn,
            findings: body.findings.trim(),
            score: body.score ?? null,
            unannounced: body.unannounced,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'care.supervision.create',
          entity: 'care_supervision_visit',
          entityId: id,
          unionId: union.id,
          detail: { visitedOn: body.visitedOn, score: body.score ?? null },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/care/supervision-visits',
    {
      schema: {
        tags,
        summary: 'Supervision visits in the actor’s subtree, newest first',
        querystring: VisitQuery,
        response: { 200: VisitList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      let q = db
        .selectFrom('careSupervisionVisits as v')
        .innerJoin('unions as u', 'u.id', 'v.unionId')
        .leftJoin('accounts as a', 'a.id', 'v.createdBy')
        .select([
          'v.id',
          'v.unionId',
          'u.name as unionName',
          'v.visitedOn',
          'v.findings',
          'v.score',
          'v.unannounced',
          'a.displayName as by',
        ])
        .where('v.unionPath', 'like', `${scopePath(actor)}%`);
      if (request.query.unionId) q = q.where('v.unionId', '=', request.query.unionId);
      if (request.query.from) q = q.where('v.visitedOn', '>=', request.query.from);
      if (request.query.to) q = q.where('v.visitedOn', '<=', request.query.to);
      return { items: await q.orderBy('v.visitedOn', 'desc').limit(500).execute() };
    },
  );
};
