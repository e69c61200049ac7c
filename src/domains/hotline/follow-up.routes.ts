import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import type { Localized } from '../../platform/i18n.ts';
import { followUpQuery, followUpView } from './consultation.repository.ts';
import {
  ConsultationView,
  FollowUpBody,
  FollowUpDoneBody,
  FollowUpPage,
  FollowUpQuery,
  FollowUpView,
  PublicFeedbackView,
  SatisfactionBody,
} from './consultation.schemas.ts';
import { consultationFor, consultationView, operator } from './consultation-access.ts';
import { can } from './hotline.policy.ts';
import { errorResponses, IdParams } from './kb.schemas.ts';

const ALREADY_RATED: Localized = { 'zh-CN': '已经评价过了，感谢您的反馈', en: 'Already rated: thank you' };
const LINK_EXPIRED: Localized = { 'zh-CN': '评价链接已过期', en: 'This feedback link has expired' };
const DONE_ALREADY: Localized = { 'zh-CN': '该回访已完成', en: 'This follow-up is already done' };

/** Follow-ups with due times, and satisfaction: the caller's single-use link or the operator's entry. */
export const followUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline consultations'];

  app.post(
    '/hotline/consultations/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Promise the caller a call back by a due time',
        params: IdParams,
        body: FollowUpBody,
        response: { 201: FollowUpView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = operator(request);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor);
        await trx
          .insertInto('hotlineFollowUps')
          .values({
            id,
            consultationId: c.id,
            unionPath: c.unionPath,
            dueAt: new Date(request.body.dueAt),
            note: request.body.note,
            createdBy: actor.accountId,
            createdAt: clock.now(),
            doneAt: null,
            doneBy: null,
            doneNote: null,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.followUp.create',
          entity: 'hotlineFollowUp',
          entityId: id,
          unionId: c.unionId,
          detail: { consultationId: c.id, dueAt: request.body.dueAt },
          requestId: request.id,
          ip: request.ip,
        });
      });
      const row = await followUpQuery(db).where('f.id', '=', id).executeTakeFirstOrThrow();
      return reply.code(201).send(followUpView(row, clock.now()));
    },
  );

  app.get(
    '/hotline/follow-ups',
    {
      schema: {
        tags,
        summary: 'Follow-ups in your subtree: open (default), overdue, done or all; soonest due first',
        querystring: FollowUpQuery,
        response: { 200: FollowUpPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const f = request.query;
      const now = clock.now();
      let q = followUpQuery(db);
      if (actor.unionPath !== null) q = q.where('f.unionPath', 'like', `${actor.unionPath}%`);
      const state = f.state ?? 'open';
      if (state === 'open' || state === 'overdue') q = q.where('f.doneAt', 'is', null);
      if (state === 'overdue') q = q.where('f.dueAt', '<', now);
      if (state === 'done') q = q.where('f.doneAt', 'is not', null);
      const { total } = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .orderBy('f.dueAt')
        .orderBy('f.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map((r) => followUpView(r, now)), total: Number(total), page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/hotline/follow-ups/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark a follow-up done',
        params: IdParams,
        body: FollowUpDoneBody,
        response: { 200: FollowUpView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('hotlineFollowUps')
          .selectAll()
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!row || !can(actor, 'consultation.write', row)) throw Problem.notFound();
        if (row.doneAt) throw new Problem(409, DONE_ALREADY);
        await trx
          .updateTable('hotlineFollowUps')
          .set({ doneAt: clock.now(), doneBy: actor.accountId, doneNote: request.body.note?.trim() || null })
          .where('id', '=', row.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.followUp.done',
          entity: 'hotlineFollowUp',
          entityId: row.id,
          requestId: request.id,
          ip: request.ip,
        });
      });
      const row = await followUpQuery(db).where('f.id', '=', request.params.id).executeTakeFirstOrThrow();
      return followUpView(row, clock.now());
    },
  );

  app.post(
    '/hotline/consultations/:id/satisfaction',
    {
      schema: {
        tags,
        summary: 'Enter the score the caller gave on the phone (once per consultation)',
        params: IdParams,
        body: SatisfactionBody,
        response: { 200: ConsultationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      await db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true });
        const saved = await trx
          .insertInto('hotlineSatisfaction')
          .values({
            consultationId: c.id,
            score: request.body.score,
            comment: request.body.comment?.trim() || null,
            source: 'operator',
            at: clock.now(),
          })
          .onConflict((oc) => oc.doNothing())
          .returning('consultationId')
          .executeTakeFirst();
        if (!saved) throw new Problem(409, ALREADY_RATED);
        await recordAudit(trx, {
          actor,
          action: 'hotline.satisfaction.enter',
          entity: 'hotlineConsultation',
          entityId: c.id,
          unionId: c.unionId,
          detail: { score: request.body.score },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return consultationView(db, await consultationFor(db, request.params.id, actor), clock.now());
    },
  );

  // ── public: the caller's single-use link ─────────────────────────────────────────────────────────────────────

  const Token = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });
  const publicLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get(
    '/hotline/feedback/:token',
    {
      config: { public: true, ...publicLimit },
      schema: {
        tags,
        summary: 'What the caller is asked to rate (public, by the link sent to them)',
        params: Token,
        response: { 200: PublicFeedbackView, ...errorResponses },
      },
    },
    async (request) => {
      const link = await db
        .selectFrom('hotlineFeedbackLinks as l')
        .innerJoin('hotlineConsultations as c', 'c.id', 'l.consultationId')
        .leftJoin('hotlineSatisfaction as s', 's.consultationId', 'l.consultationId')
        .select(['c.startedAt', 'c.topic', 'l.usedAt', 'l.expiresAt', 's.score'])
        .where('l.token', '=', request.params.token)
        .executeTakeFirst();
      if (!link) throw Problem.notFound();
      return {
        startedAt: link.startedAt.toISOString(),
        topic: link.topic,
        used: link.usedAt !== null || link.score !== null,
        expired: link.expiresAt.getTime() <= clock.now().getTime(),
      };
    },
  );

  app.post(
    '/hotline/feedback/:token',
    {
      config: { public: true, ...publicLimit },
      schema: {
        tags,
        summary: 'The caller rates the consultation, once',
        params: Token,
        body: SatisfactionBody,
        response: { 204: Type.Null(), ...errorResponses, 410: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const link = await trx
          .selectFrom('hotlineFeedbackLinks')
          .selectAll()
          .where('token', '=', request.params.token)
          .forUpdate()
          .executeTakeFirst();
        if (!link) throw Problem.notFound();
        if (link.usedAt) throw new Problem(409, ALREADY_RATED);
        if (link.expiresAt.getTime() <= now.getTime()) throw new Problem(410, LINK_EXPIRED);
        const saved = await trx
          .insertInto('hotlineSatisfaction')
          .values({
            consultationId: link.consultationId,
            score: request.body.score,
            comment: request.body.comment?.trim() || null,
            source: 'caller',
            at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('consultationId')
          .executeTakeFirst();
        if (!saved) throw new Problem(409, ALREADY_RATED);
        await trx.updateTable('hotlineFeedbackLinks').set({ usedAt: now }).where('token', '=', link.token).execute();
      });
      return reply.code(204).send(null);
    },
  );
};
