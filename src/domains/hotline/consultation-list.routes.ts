import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import { pickLang } from '../../platform/i18n.ts';
import { maskPhone } from '../../platform/mask.ts';
import { callerMember, membersByPhone, previousConsultations } from './consultation.repository.ts';
import {
  CallerLookupBody,
  CallerLookupResult,
  ConsultationListQuery,
  ConsultationPage,
  OUTCOMES,
  TOPICS,
  TopicList,
} from './consultation.schemas.ts';
import { operator } from './consultation-access.ts';
import { errorResponses } from './kb.schemas.ts';
import { OUTCOME_LABELS, TOPIC_LABELS } from './topics.ts';

/** Before and around a call: topics, who is calling (masked, audited), the list of consultations. */
export const consultationListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline consultations'];

  app.get(
    '/hotline/topics',
    {
      config: { public: true },
      schema: { tags, summary: 'Topics and outcomes with their labels', response: { 200: TopicList } },
    },
    async (request) => {
      const lang = pickLang(request.headers['accept-language']);
      return {
        topics: TOPICS.map((code) => ({ code, label: TOPIC_LABELS[code][lang] })),
        outcomes: OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code][lang] })),
      };
    },
  );

  app.post(
    '/hotline/caller-lookups',
    {
      schema: {
        tags,
        summary: 'Who is calling: the member with this phone in your subtree, masked (audited)',
        body: CallerLookupBody,
        response: { 200: CallerLookupResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const { phone, consultationId } = request.body;
      const now = clock.now();
      const [match] = await membersByPhone(db, phone, actor.unionPath);
      const member = match ? await callerMember(db, match.id, now) : null;
      await recordAudit(db, {
        actor,
        action: 'hotline.caller.lookup',
        entity: 'member',
        entityId: member?.view.id ?? null,
        unionId: match?.unionId ?? null,
        detail: { phone: maskPhone(phone), found: Boolean(member), consultationId: consultationId ?? null },
        requestId: request.id,
        ip: request.ip,
      });
      return {
        phoneMasked: maskPhone(phone),
        member: member?.view ?? null,
        previous: await previousConsultations(db, phone, actor.unionPath),
      };
    },
  );

  app.get(
    '/hotline/consultations',
    {
      schema: {
        tags,
        summary: 'Consultations in your subtree, newest first',
        querystring: ConsultationListQuery,
        response: { 200: ConsultationPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const f = request.query;
      let q = db
        .selectFrom('hotlineConsultations as c')
        .innerJoin('unions as u', 'u.id', 'c.unionId')
        .innerJoin('accounts as o', 'o.id', 'c.operatorId')
        .leftJoin('members as m', 'm.id', 'c.memberId');
      if (actor.unionPath !== null) q = q.where('c.unionPath', 'like', `${actor.unionPath}%`);
      if (f.state === 'open') q = q.where('c.endedAt', 'is', null);
      if (f.state === 'closed') q = q.where('c.endedAt', 'is not', null);
      if (f.topic) q = q.where('c.topic', '=', f.topic);
      if (f.outcome) q = q.where('c.outcome', '=', f.outcome);
      if (f.phone) q = q.where('c.callerPhone', '=', f.phone);
      if (f.mine) q = q.where('c.operatorId', '=', actor.accountId);
      if (f.from) q = q.where(sql<boolean>`(c.started_at at time zone 'Asia/Shanghai')::date >= ${f.from}::date`);
      if (f.to) q = q.where(sql<boolean>`(c.started_at at time zone 'Asia/Shanghai')::date <= ${f.to}::date`);
      const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
      const rows = await q
        .select([
          'c.id',
          'c.channel',
          'c.callerPhone',
          'm.name as memberName',
          'u.name as unionName',
          'c.topic',
          'c.outcome',
          'c.startedAt',
          'c.endedAt',
          'o.displayName as operatorName',
        ])
        .orderBy('c.startedAt', 'desc')
        .orderBy('c.id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          callerPhoneMasked: maskPhone(r.callerPhone),
          memberName: r.memberName,
          unionName: r.unionName,
          topic: r.topic,
          outcome: r.outcome,
          startedAt: r.startedAt.toISOString(),
          durationSeconds: r.endedAt ? Math.round((r.endedAt.getTime() - r.startedAt.getTime()) / 1000) : null,
          operatorName: r.operatorName,
        })),
        total: Number(total),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );
};
