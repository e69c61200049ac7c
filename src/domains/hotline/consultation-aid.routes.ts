import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { type Localized, pickLang } from '../../platform/i18n.ts';
import { listMemberClaims } from '../aid/claim.repository.ts';
import { isUniqueViolation } from '../aid/claim-access.ts';
import { memberClaimItem } from '../aid/claim-view.ts';
import { duplicate, precheckFor, startDraftClaim } from './aid-bridge.ts';
import type { ConsultationRow } from './consultation.repository.ts';
import {
  CallerClaims,
  ClaimRef,
  ConsultationPrecheckBody,
  LinkClaimBody,
  PrecheckResult,
  StartClaimBody,
} from './consultation.schemas.ts';
import { consultationFor, operator } from './consultation-access.ts';
import { errorResponses, IdParams } from './kb.schemas.ts';

const NO_CALLER: Localized = {
  'zh-CN': '请先确认来电人的会员身份',
  en: 'Identify the caller as a member first',
};

function callerOf(c: ConsultationRow): string {
  if (!c.memberId) throw Problem.validation([{ field: 'memberId', message: NO_CALLER }]);
  return c.memberId;
}

/** Mutual aid from the operator screen: pre-check, the caller's claims, a draft claim started for the caller. */
export const consultationAidRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline consultations'];

  app.post(
    '/hotline/consultations/:id/precheck',
    {
      schema: {
        tags,
        summary: 'Run the mutual-aid pre-check for the identified caller (kept with the consultation)',
        params: IdParams,
        body: ConsultationPrecheckBody,
        response: { 200: PrecheckResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const c = await consultationFor(db, request.params.id, actor);
      const memberId = callerOf(c);
      const lang = pickLang(request.headers['accept-language']);
      const now = clock.now();
      const { coverageId, result } = await precheckFor(db, memberId, request.body, shanghaiDay(now), lang);
      await db
        .insertInto('hotlinePrechecks')
        .values({
          id: uuidv7(),
          consultationId: c.id,
          coverageId,
          incidentDate: request.body.incidentDate,
          answers: JSON.stringify(request.body.answers),
          eligible: result.eligible,
          result: JSON.stringify(result),
          at: now,
          byAccount: actor.accountId,
        })
        .execute();
      return result;
    },
  );

  app.get(
    '/hotline/consultations/:id/caller-claims',
    {
      schema: {
        tags,
        summary: "The identified caller's claims (look-up)",
        params: IdParams,
        response: { 200: CallerClaims, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const c = await consultationFor(db, request.params.id, actor);
      const lang = pickLang(request.headers['accept-language']);
      const rows = await listMemberClaims(db, callerOf(c));
      return {
        items: rows.map((r) => ({ ...memberClaimItem(r, lang), paidAt: r.paidAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/hotline/consultations/:id/claims',
    {
      schema: {
        tags,
        summary: 'Start a draft claim for the caller; the member or her workplace union completes and submits it',
        params: IdParams,
        body: StartClaimBody,
        response: { 201: ClaimRef, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = operator(request);
      const lang = pickLang(request.headers['accept-language']);
      const body = request.body;
      try {
        const started = await db.transaction().execute(async (trx) => {
          const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true, open: true });
          const now = clock.now();
          const claim = await startDraftClaim(
            trx,
            { actor, now, lang, requestId: request.id, ip: request.ip, consultationId: c.id },
            callerOf(c),
            body,
          );
          await trx
            .insertInto('hotlineConsultationClaims')
            .values({
              consultationId: c.id,
              claimId: claim.id,
              relation: 'started',
              at: now,
              byAccount: actor.accountId,
            })
            .execute();
          return claim;
        });
        return reply.code(201).send({
          id: started.id,
          claimNo: started.claimNo,
          status: 'draft' as const,
          coverage: started.coverage,
          incidentDate: body.incidentDate,
          relation: 'started' as const,
        });
      } catch (err) {
        if (isUniqueViolation(err, 'aid_claims_no_duplicate_idx')) throw duplicate(body.incidentDate, lang);
        throw err;
      }
    },
  );

  app.post(
    '/hotline/consultations/:id/claims/link',
    {
      schema: {
        tags,
        summary: "Link one of the caller's existing claims (looked up by its number)",
        params: IdParams,
        body: LinkClaimBody,
        response: { 200: ClaimRef, ...errorResponses },
      },
    },
    async (request) => {
      const actor = operator(request);
      const lang = pickLang(request.headers['accept-language']);
      return db.transaction().execute(async (trx) => {
        const c = await consultationFor(trx, request.params.id, actor, { forUpdate: true, open: true });
        const memberId = callerOf(c);
        const claim = await trx
          .selectFrom('aidClaims as a')
          .innerJoin('aidCoverages as cv', 'cv.id', 'a.coverageId')
          .select(['a.id', 'a.claimNo', 'a.status', 'a.incidentDate', 'a.unionId', 'cv.code', 'cv.name', 'cv.nameEn'])
          .where('a.claimNo', '=', request.body.claimNo.trim().toUpperCase())
          .where('a.memberId', '=', memberId)
          .executeTakeFirst();
        if (!claim) throw Problem.validation([{ field: 'body.claimNo', message: 'notFound' }]);
        const row = await trx
          .insertInto('hotlineConsultationClaims')
          .values({
            consultationId: c.id,
            claimId: claim.id,
            relation: 'looked_up',
            at: clock.now(),
            byAccount: actor.accountId,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('relation')
          .executeTakeFirst();
        const relation =
          row?.relation ??
          (
            await trx
              .selectFrom('hotlineConsultationClaims')
              .select('relation')
              .where('consultationId', '=', c.id)
              .where('claimId', '=', claim.id)
              .executeTakeFirstOrThrow()
          ).relation;
        await recordAudit(trx, {
          actor,
          action: 'hotline.consultation.claim.link',
          entity: 'hotlineConsultation',
          entityId: c.id,
          unionId: claim.unionId,
          detail: { claimNo: claim.claimNo },
          requestId: request.id,
          ip: request.ip,
        });
        return {
          id: claim.id,
          claimNo: claim.claimNo,
          status: claim.status,
          coverage: { code: claim.code, name: lang === 'en' ? claim.nameEn || claim.name : claim.name },
          incidentDate: claim.incidentDate,
          relation,
        };
      });
    },
  );
};
