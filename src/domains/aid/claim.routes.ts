import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { claimDocuments, findClaim, listMemberClaims } from './claim.repository.ts';
import { ClaimCreateBody, ClaimParams, ClaimView, errorResponses, MyClaimList } from './claim.schemas.ts';
import { CONSENT, ineligible, judgeClaim, moveClaim } from './claim.service.ts';
import { claimFor, isUniqueViolation, targetMember, viewOf } from './claim-access.ts';
import { duplicateClaim, startClaim } from './claim-start.service.ts';
import { memberClaimItem } from './claim-view.ts';

/** Members file and follow their claims; workplace staff file on a member's behalf. */
export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['aid claims'];

  app.post(
    '/aid/claims',
    {
      schema: {
        tags,
        summary: 'Start a claim (draft) for yourself, or as workplace staff for a member',
        body: ClaimCreateBody,
        response: { 201: ClaimView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const member = await targetMember(db, actor, request.body.memberId, 'file');
      const lang = pickLang(request.headers['accept-language']);
      const ctx = { actor, now: clock.now(), lang, requestId: request.id, ip: request.ip };
      let id: string;
      try {
        ({ id } = await db.transaction().execute((trx) => startClaim(trx, ctx, member, request.body)));
      } catch (err) {
        if (isUniqueViolation(err, 'aid_claims_no_duplicate_idx'))
          throw duplicateClaim(request.body.incidentDate, lang);
        throw err;
      }
      const claim = (await findClaim(db, id))!;
      return reply.code(201).send(await viewOf(db, claim, request, actor));
    },
  );

  app.get(
    '/aid/claims/:id',
    {
      schema: {
        tags,
        summary: 'One claim with its documents, reasons and history',
        params: ClaimParams,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const claim = await claimFor(db, request.params.id, actor, 'read');
      return viewOf(db, claim, request, actor);
    },
  );

  app.get(
    '/aid/my/claims',
    { schema: { tags, summary: "The signed-in member's claims", response: { 200: MyClaimList, ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.memberId) throw Problem.notFound();
      const lang = pickLang(request.headers['accept-language']);
      const rows = await listMemberClaims(db, actor.memberId);
      return { items: rows.map((r) => memberClaimItem(r, lang)) };
    },
  );

  app.get(
    '/aid/my/claims/:id',
    {
      schema: {
        tags,
        summary: 'One of your own claims',
        params: ClaimParams,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const claim = await findClaim(db, request.params.id);
      if (!claim || !actor.memberId || claim.memberId !== actor.memberId) throw Problem.notFound();
      return viewOf(db, claim, request, actor);
    },
  );

  app.post(
    '/aid/claims/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit (or resubmit) a claim: automatic checks run first and refuse with coded reasons',
        params: ClaimParams,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const lang = pickLang(request.headers['accept-language']);
      await db.transaction().execute(async (trx) => {
        const claim = await claimFor(trx, request.params.id, actor, 'file', true);
        const now = clock.now();
        const docs = await claimDocuments(trx, claim.id);
        const { eligibility, versionId } = await judgeClaim(trx, claim, {
          today: shanghaiDay(now),
          uploadedDocuments: docs.map((d) => d.docType),
        });
        if (!eligibility.eligible) throw ineligible(eligibility.reasons, lang);
        await moveClaim(
          trx,
          { now, requestId: request.id, ip: request.ip },
          claim,
          claim.status === 'returned' ? 'resubmit' : 'submit',
          actor,
          {
            set: {
              coverageVersionId: versionId,
              firstSubmittedAt: claim.firstSubmittedAt ?? now,
              submittedAt: now,
              checkReasons: '[]',
              missingDocuments: '[]',
              decisionReason: null,
            },
          },
        );
      });
      return viewOf(db, (await findClaim(db, request.params.id))!, request, actor);
    },
  );

  app.get(
    '/aid/consent',
    {
      config: { public: true },
      schema: { tags, summary: 'The current consent text for sensitive personal information' },
    },
    async () => CONSENT,
  );
};
