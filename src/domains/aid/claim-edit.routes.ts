import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { findClaim, insertClaimEvent } from './claim.repository.ts';
import { ClaimParams, ClaimPatchBody, ClaimView, ConsentBody, errorResponses } from './claim.schemas.ts';
import { CONSENT, ruleFor } from './claim.service.ts';
import { answerProblem, claimFor, viewOf } from './claim-access.ts';
import { EDITABLE } from './claim-state.ts';
import { answerErrors } from './coverage-rule.ts';

/** Changing a draft or returned claim, and the separate consent step before any sensitive data (diagnoses). */
export const claimEditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, cipher } = app.deps;
  const tags = ['aid claims'];

  app.patch(
    '/aid/claims/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned claim (the diagnosis only after consent)',
        params: ClaimParams,
        body: ClaimPatchBody,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      await db.transaction().execute(async (trx) => {
        const claim = await claimFor(trx, request.params.id, actor, 'file', true);
        if (!EDITABLE.includes(claim.status)) throw new Problem(409, 'conflict');
        if (body.answers) {
          const found = await ruleFor(trx, claim);
          const errs = found ? answerErrors(found.rule, body.answers) : [];
          if (errs.length) throw answerProblem(errs);
        }
        if (body.diagnosis !== undefined && !claim.consentAt) {
          throw Problem.validation([
            {
              field: 'body.diagnosis',
              message: { 'zh-CN': '请先同意敏感个人信息处理', en: 'consent to sensitive data first' },
            },
          ]);
        }
        await trx
          .updateTable('aidClaims')
          .set({
            ...(body.incidentAddress !== undefined ? { incidentAddress: body.incidentAddress.trim() } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.answers !== undefined ? { answers: JSON.stringify(body.answers) } : {}),
            ...(body.claimedLossFen !== undefined ? { claimedLossFen: body.claimedLossFen } : {}),
            ...(body.claimedDays !== undefined ? { claimedDays: body.claimedDays } : {}),
            ...(body.diagnosis !== undefined ? { diagnosisEnc: cipher.encrypt(body.diagnosis) } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', claim.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'aid.claim.update',
          entity: 'aidClaim',
          entityId: claim.id,
          unionId: claim.unionId,
          detail: { fields: Object.keys(body) },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return viewOf(db, (await findClaim(db, request.params.id))!, request, actor);
    },
  );

  app.post(
    '/aid/claims/:id/consent',
    {
      schema: {
        tags,
        summary: 'Record consent to processing sensitive personal information (current text: GET /aid/consent)',
        params: ClaimParams,
        body: ConsentBody,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.body.version !== CONSENT.version) {
        throw Problem.validation([
          { field: 'body.version', message: 'fieldEnum', params: { values: CONSENT.version } },
        ]);
      }
      if (actor.role === 'member' && request.body.method !== 'online') throw Problem.forbidden();
      await db.transaction().execute(async (trx) => {
        const claim = await claimFor(trx, request.params.id, actor, 'file', true);
        const now = clock.now();
        await trx
          .updateTable('aidClaims')
          .set({ consentAt: now, consentVersion: CONSENT.version, consentBy: actor.accountId, updatedAt: now })
          .where('id', '=', claim.id)
          .execute();
        await insertClaimEvent(trx, {
          claimId: claim.id,
          at: now,
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'consent',
          fromStatus: claim.status,
          toStatus: claim.status,
          detail: { version: CONSENT.version, method: request.body.method },
        });
        await recordAudit(trx, {
          actor,
          action: 'aid.claim.consent',
          entity: 'aidClaim',
          entityId: claim.id,
          unionId: claim.unionId,
          detail: { version: CONSENT.version, method: request.body.method },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return viewOf(db, (await findClaim(db, request.params.id))!, request, actor);
    },
  );
};
