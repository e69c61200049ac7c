import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import {
  claimDocuments,
  findClaim,
  insertClaimEvent,
  listMemberClaims,
  nextClaimNo,
  priorClaims,
  resolveIncident,
} from './claim.repository.ts';
import { ClaimCreateBody, ClaimParams, ClaimView, errorResponses, MyClaimList } from './claim.schemas.ts';
import { CONSENT, ineligible, judgeClaim, moveClaim } from './claim.service.ts';
import { answerProblem, claimFor, isUniqueViolation, targetMember, viewOf } from './claim-access.ts';
import { answerErrors } from './coverage-rule.ts';
import { judgeEligibility } from './eligibility.ts';
import { findCoverage, findVersionOn, loadCalendar } from './scheme.repository.ts';

const REF_MISMATCH = {
  'zh-CN': '事故编号不存在，或与保障项目、事故日期不一致',
  en: 'no incident with this reference for this coverage and date',
};
const DUPLICATE_DETAIL = {
  'zh-CN': '该会员已就同一事故申报过本项目，不能重复申报',
  en: 'This member already has a claim under this coverage for the same incident',
};

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
      const body = request.body;
      const member = await targetMember(db, actor, body.memberId, 'file');
      const coverage = await findCoverage(db, { code: body.coverageCode });
      if (!coverage) throw Problem.validation([{ field: 'body.coverageCode', message: 'notFound' }]);
      const lang = pickLang(request.headers['accept-language']);
      const version = await findVersionOn(db, coverage.id, body.incidentDate);
      if (!version) {
        const e = judgeEligibility({
          filedOn: shanghaiDay(clock.now()),
          incidentDate: body.incidentDate,
          coverage: {
            code: coverage.code,
            schemeCode: coverage.schemeCode,
            name: { 'zh-CN': coverage.name, en: coverage.nameEn },
          },
          rule: null,
          member,
          cards: member.cards,
          priorClaims: [],
          answers: {},
          calendar: await loadCalendar(db),
        });
        throw ineligible(e.reasons, lang);
      }
      const errs = answerErrors(version.rule, body.answers);
      if (errs.length) throw answerProblem(errs);
      const prior = await priorClaims(db, member.id);
      const dup = prior.some(
        (c) => c.status !== 'rejected' && c.coverageCode === coverage.code && c.incidentDate === body.incidentDate,
      );
      // A true duplicate is a conflict with the existing claim (409), whether seen here or by the unique index.
      const duplicate = () => {
        const p = ineligible([{ code: 'duplicate', params: { incidentDate: body.incidentDate } }], lang);
        return new Problem(
          409,
          { 'zh-CN': '重复申报', en: 'Duplicate claim' },
          { detail: DUPLICATE_DETAIL, extra: p.options.extra },
        );
      };
      if (dup) throw duplicate();
      const now = clock.now();
      const id = uuidv7();
      try {
        await db.transaction().execute(async (trx) => {
          const incident = await resolveIncident(trx, {
            ref: body.incidentRef,
            coverageId: coverage.id,
            incidentDate: body.incidentDate,
            address: body.incidentAddress.trim(),
          });
          if (incident === 'refMismatch')
            throw Problem.validation([{ field: 'body.incidentRef', message: REF_MISMATCH }]);
          await trx
            .insertInto('aidClaims')
            .values({
              id,
              claimNo: await nextClaimNo(trx, shanghaiDay(now).slice(0, 4)),
              memberId: member.id,
              unionId: member.unionId,
              unionPath: member.unionPath,
              coverageId: coverage.id,
              coverageVersionId: null,
              incidentId: incident.id,
              incidentDate: body.incidentDate,
              incidentAddress: body.incidentAddress.trim(),
              description: body.description,
              answers: JSON.stringify(body.answers),
              claimedLossFen: body.claimedLossFen ?? null,
              claimedDays: body.claimedDays ?? null,
              assessedLossFen: null,
              assessedDays: null,
              approvedAmountFen: null,
              status: 'draft',
              statusChangedAt: now,
              filedBy: actor.accountId,
              filedByRole: actor.role,
              consentAt: null,
              consentVersion: null,
              consentBy: null,
              diagnosisEnc: null,
              decisionReason: null,
              secondReviewReason: null,
              firstApprovedBy: null,
              firstApprovedAt: null,
              firstSubmittedAt: null,
              submittedAt: null,
              checkedAt: null,
              decidedAt: null,
              paidAt: null,
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await insertClaimEvent(trx, {
            claimId: id,
            at: now,
            actorId: actor.accountId,
            actorRole: actor.role,
            action: 'create',
            fromStatus: null,
            toStatus: 'draft',
            detail: { incidentRef: incident.ref },
          });
          await recordAudit(trx, {
            actor,
            action: 'aid.claim.create',
            entity: 'aidClaim',
            entityId: id,
            unionId: member.unionId,
            detail: { coverage: coverage.code, incidentRef: incident.ref, onBehalf: actor.role !== 'member' },
            requestId: request.id,
            ip: request.ip,
          });
        });
      } catch (err) {
        if (isUniqueViolation(err, 'aid_claims_no_duplicate_idx')) throw duplicate();
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
      return {
        items: rows.map((r) => ({
          id: r.id,
          claimNo: r.claimNo,
          status: r.status,
          statusChangedAt: r.statusChangedAt.toISOString(),
          coverage: { code: r.coverageCode, name: lang === 'en' ? r.coverageNameEn || r.coverageName : r.coverageName },
          incidentDate: r.incidentDate,
          approvedAmountFen: r.approvedAmountFen,
          decisionReason: r.decisionReason,
        })),
      };
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
    { schema: { tags, summary: 'The current consent text for sensitive personal information' } },
    async () => CONSENT,
  );
};
