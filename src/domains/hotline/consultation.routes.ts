import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { callerMember, linkedClaimCount, operatorUnion } from './consultation.repository.ts';
import {
  CloseBody,
  ConsultationCreateBody,
  ConsultationPatchBody,
  ConsultationView,
  LinkAnswerBody,
} from './consultation.schemas.ts';
import { consultationFor, consultationView, operator } from './consultation-access.ts';
import { can } from './hotline.policy.ts';
import { errorResponses, IdParams } from './kb.schemas.ts';

const FEEDBACK_DAYS = 7;
const NEEDS_CLAIM = { 'zh-CN': '结果为“已发起申报”时须先发起或关联一笔申报', en: 'Start or link a claim first' };

/** The operator screen: who is calling, what they asked, what they were told, how it ended. */
export const consultationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline consultations'];

  app.post(
    '/hotline/consultations',
    {
      schema: {
        tags,
        summary: 'Start a consultation (a call or a chat) now',
        body: ConsultationCreateBody,
        response: { 201: ConsultationView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = operator(request);
      const b = request.body;
      let union: { id: string; path: string };
      if (b.memberId) {
        const m = await callerMember(db, b.memberId, clock.now());
        if (!m || !can(actor, 'consultation.write', { unionPath: m.unionPath }))
          throw Problem.validation([{ field: 'body.memberId', message: 'notFound' }]);
        union = { id: m.view.union.id, path: m.unionPath };
      } else union = await operatorUnion(db, actor.unionId);
      const id = uuidv7();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('hotlineConsultations')
          .values({
            id,
            channel: b.channel,
            callerPhone: b.callerPhone,
            memberId: b.memberId ?? null,
            unionId: union.id,
            unionPath: union.path,
            operatorId: actor.accountId,
            topic: b.topic ?? null,
            question: b.question?.trim() || null,
            notes: null,
            outcome: null,
            startedAt: now,
            endedAt: null,
            firstAnswerAt: null,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.consultation.start',
          entity: 'hotlineConsultation',
          entityId: id,
          unionId: union.id,
          detail: { channel: b.channel, member: Boolean(b.memberId) },
          requestId: request.id,
          ip: request.ip,
        });
      });
      const c = await consultationFor(db, id, actor);
      return reply.code(201).send(await consultationView(db, c, clock.now()));
    },
  );

  app.get(
    '/hotline/consultations/:id',
    {
      schema: {
        tags,
        summary: 'One consultation with answers, pre-checks, claims, follow-ups and satisfaction',
        params: IdParams,
        response: { 200: ConsultationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      return consultationView(db, await consultationFor(db, request.params.id, actor), clock.now());
    },
  );

  app.patch(
    '/hotline/consultations/:id',
    {
      schema: {
        tags,
        summary: 'Set the topic, question, notes or caller of an open consultation',
        params: IdParams,
        body: ConsultationPatchBody,
        response: { 200: ConsultationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const b = request.body;
      await db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true, open: true });
        let union: { id: string; path: string } | null = null;
        if (b.memberId) {
          const m = await callerMember(trx, b.memberId, clock.now());
          if (!m || !can(actor, 'consultation.write', { unionPath: m.unionPath }))
            throw Problem.validation([{ field: 'body.memberId', message: 'notFound' }]);
          union = { id: m.view.union.id, path: m.unionPath };
        } else if (b.memberId === null) union = await operatorUnion(trx, actor.unionId);
        await trx
          .updateTable('hotlineConsultations')
          .set({
            ...(b.topic !== undefined && { topic: b.topic }),
            ...(b.question !== undefined && { question: b.question.trim() || null }),
            ...(b.notes !== undefined && { notes: b.notes.trim() || null }),
            ...(b.memberId !== undefined && { memberId: b.memberId }),
            ...(union && { unionId: union.id, unionPath: union.path }),
            updatedAt: clock.now(),
          })
          .where('id', '=', c.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.consultation.update',
          entity: 'hotlineConsultation',
          entityId: c.id,
          unionId: union?.id ?? c.unionId,
          detail: { fields: Object.keys(b) },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return consultationView(db, await consultationFor(db, request.params.id, actor), clock.now());
    },
  );

  app.post(
    '/hotline/consultations/:id/answers',
    {
      schema: {
        tags,
        summary: 'Record a knowledge-base answer given (the first one fixes the time to first answer)',
        params: IdParams,
        body: LinkAnswerBody,
        response: { 200: ConsultationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      await db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true, open: true });
        const answer = await trx
          .selectFrom('hotlineKbAnswers')
          .select('id')
          .where('id', '=', request.body.answerId)
          .executeTakeFirst();
        if (!answer) throw Problem.validation([{ field: 'body.answerId', message: 'notFound' }]);
        const now = clock.now();
        const linked = await trx
          .insertInto('hotlineConsultationAnswers')
          .values({ consultationId: c.id, answerId: answer.id, linkedAt: now, linkedBy: actor.accountId })
          .onConflict((oc) => oc.doNothing())
          .returning('answerId')
          .executeTakeFirst();
        if (!linked) return;
        await trx
          .updateTable('hotlineConsultations')
          .set({ firstAnswerAt: sql`coalesce(first_answer_at, ${now})`, updatedAt: now })
          .where('id', '=', c.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.consultation.answer',
          entity: 'hotlineConsultation',
          entityId: c.id,
          unionId: c.unionId,
          detail: { answerId: answer.id },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return consultationView(db, await consultationFor(db, request.params.id, actor), clock.now());
    },
  );

  app.post(
    '/hotline/consultations/:id/close',
    {
      schema: {
        tags,
        summary: 'End the consultation with its outcome; returns the caller’s single-use satisfaction link',
        params: IdParams,
        body: CloseBody,
        response: { 200: ConsultationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const b = request.body;
      if (b.outcome === 'follow_up' && !b.followUp)
        throw Problem.validation([{ field: 'body.followUp', message: 'fieldRequired' }]);
      await db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true, open: true });
        if (b.outcome === 'claim_started' && (await linkedClaimCount(trx, c.id)) === 0)
          throw Problem.validation([{ field: 'body.outcome', message: NEEDS_CLAIM }]);
        const now = clock.now();
        await trx
          .updateTable('hotlineConsultations')
          .set({
            outcome: b.outcome,
            endedAt: now,
            ...(b.notes !== undefined && { notes: b.notes.trim() || null }),
            updatedAt: now,
          })
          .where('id', '=', c.id)
          .execute();
        if (b.followUp) {
          await trx
            .insertInto('hotlineFollowUps')
            .values({
              id: uuidv7(),
              consultationId: c.id,
              unionPath: c.unionPath,
              dueAt: new Date(b.followUp.dueAt),
              note: b.followUp.note,
              createdBy: actor.accountId,
              createdAt: now,
              doneAt: null,
              doneBy: null,
              doneNote: null,
            })
            .execute();
        }
        await trx
          .insertInto('hotlineFeedbackLinks')
          .values({
            token: randomBytes(16).toString('base64url'),
            consultationId: c.id,
            expiresAt: new Date(now.getTime() + FEEDBACK_DAYS * 86_400_000),
            usedAt: null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'hotline.consultation.close',
          entity: 'hotlineConsultation',
          entityId: c.id,
          unionId: c.unionId,
          detail: { outcome: b.outcome, followUp: Boolean(b.followUp) },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return consultationView(db, await consultationFor(db, request.params.id, actor), clock.now());
    },
  );
};
