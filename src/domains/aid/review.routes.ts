import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { inScope } from '../../platform/permissions.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { claimDocuments, findClaim, insertClaimEvent, listQueue } from './claim.repository.ts';
import {
  CheckBody,
  ClaimParams,
  ClaimView,
  DecideBody,
  errorResponses,
  QueuePage,
  QueueQuery,
} from './claim.schemas.ts';
import { ineligible, judgeClaim, moveClaim, ruleFor } from './claim.service.ts';
import { claimFor, viewOf } from './claim-access.ts';
import { approvalStep, type ClaimStatus, needsSecondReview } from './claim-state.ts';
import { loadCalendar, reviewSettings } from './scheme.repository.ts';

const QUEUES: Record<string, { statuses: ClaimStatus[]; secondReviewPending?: boolean; unpaidOnly?: boolean }> = {
  check: { statuses: ['submitted'] },
  decide: { statuses: ['workplace_checked'] },
  secondReview: { statuses: ['workplace_checked'], secondReviewPending: true },
  payout: { statuses: ['approved'], unpaidOnly: true },
};

const UNKNOWN_DOCUMENT = { 'zh-CN': '不是本项目的申报材料', en: 'is not a document of this coverage' };
const SAME_REVIEWER = {
  'zh-CN': '此申报需要另一位审核人复核，不能由首次审批人再次批准',
  en: 'This claim needs a second, different reviewer',
};
const NO_AMOUNT = { 'zh-CN': '请填写核定损失金额或住院天数', en: 'enter the assessed loss or number of days' };
const NOTHING_PAYABLE = {
  'zh-CN': '按规则核定的互助金为 0，请改为不予批准',
  en: 'The rule pays nothing here: reject instead',
};

/** Work queues and decisions: workplace unions check completeness, the city federation decides. */
export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['aid review'];

  app.get(
    '/aid/claims',
    {
      schema: {
        tags,
        summary: 'Work queue in your subtree, oldest first, with age and SLA in working days',
        querystring: QueueQuery,
        response: { 200: QueuePage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'aid.claims.read');
      const q = request.query;
      let unionPath: string | undefined;
      if (q.unionId) {
        const union = await findUnionById(db, q.unionId);
        if (!union || !inScope(actor, union.path)) throw Problem.notFound();
        unionPath = union.path;
      }
      const [calendar, settings] = await Promise.all([loadCalendar(db), reviewSettings(db)]);
      const today = shanghaiDay(clock.now());
      const queue = q.queue ? QUEUES[q.queue]! : { statuses: q.status ? [q.status] : [] };
      let changedBefore: Date | undefined;
      if (q.minAgeDays) {
        // Aged at least N working days: entered the status on or before the end of that (Beijing) day.
        const day = calendar.subtractWorkingDays(today, q.minAgeDays);
        changedBefore = new Date(`${day}T23:59:59.999+08:00`);
      }
      const { items, total } = await listQueue(db, {
        scopePath: actor.unionPath,
        ...queue,
        statuses: q.status && q.queue ? queue.statuses.filter((s) => s === q.status) : queue.statuses,
        coverageCode: q.coverage,
        unionPath,
        changedBefore,
        claimNo: q.claimNo,
        page: q.page,
        pageSize: q.pageSize,
      });
      const en = pickLang(request.headers['accept-language']) === 'en';
      return {
        items: items.map((c) => {
          const age = calendar.workingDaysBetween(shanghaiDay(c.statusChangedAt), today);
          const sla =
            c.status === 'submitted'
              ? settings.checkSlaDays
              : c.status === 'workplace_checked'
                ? settings.decideSlaDays
                : null;
          return {
            id: c.id,
            claimNo: c.claimNo,
            status: c.status,
            coverage: { code: c.coverageCode, name: en ? c.coverageNameEn || c.coverageName : c.coverageName },
            memberName: c.memberName,
            unionName: c.unionName,
            incidentDate: c.incidentDate,
            submittedAt: c.submittedAt?.toISOString() ?? null,
            statusSince: c.statusChangedAt.toISOString(),
            ageWorkingDays: age,
            slaDays: sla,
            overdue: sla !== null && age > sla,
            claimedLossFen: c.claimedLossFen,
            approvedAmountFen: c.approvedAmountFen,
            secondReview: { required: c.secondReviewRequired, firstApproved: c.firstApprovedBy !== null },
          };
        }),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/aid/claims/:id/check',
    {
      schema: {
        tags,
        summary: 'Workplace union: documents complete → pass to the federation, or return with what is missing',
        params: ClaimParams,
        body: CheckBody,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const lang = pickLang(request.headers['accept-language']);
      await db.transaction().execute(async (trx) => {
        const claim = await claimFor(trx, request.params.id, actor, 'check', true);
        const now = clock.now();
        const ctx = { now, requestId: request.id, ip: request.ip };
        if (body.outcome === 'return') {
          const missing = await checkedMissing(trx, claim, body.missingDocuments ?? []);
          await moveClaim(trx, ctx, claim, 'return', actor, {
            reason: body.reason,
            set: { missingDocuments: JSON.stringify(missing), decisionReason: body.reason ?? null },
            detail: { missingDocuments: missing },
          });
          return;
        }
        const docs = await claimDocuments(trx, claim.id);
        const lossFen = body.assessedLossFen ?? claim.claimedLossFen;
        const { eligibility } = await judgeClaim(trx, claim, {
          today: shanghaiDay(now),
          uploadedDocuments: docs.map((d) => d.docType),
          lossFen,
        });
        if (!eligibility.eligible) throw ineligible(eligibility.reasons, lang);
        await moveClaim(trx, ctx, claim, 'check', actor, {
          set: { checkedAt: now, assessedLossFen: body.assessedLossFen ?? claim.assessedLossFen },
        });
      });
      return viewOf(db, (await findClaim(db, request.params.id))!, request, actor);
    },
  );

  app.post(
    '/aid/claims/:id/decide',
    {
      schema: {
        tags,
        summary: 'City federation: approve (amount from the rule), reject or return, with the reason the member reads',
        params: ClaimParams,
        body: DecideBody,
        response: { 200: ClaimView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const lang = pickLang(request.headers['accept-language']);
      await db.transaction().execute(async (trx) => {
        const claim = await claimFor(trx, request.params.id, actor, 'decide', true);
        const now = clock.now();
        const ctx = { now, requestId: request.id, ip: request.ip };
        if (body.decision !== 'approve') {
          const missing =
            body.decision === 'return' ? await checkedMissing(trx, claim, body.missingDocuments ?? []) : [];
          await moveClaim(trx, ctx, claim, body.decision, actor, {
            reason: body.reason,
            set: { decidedAt: now, decisionReason: body.reason ?? null, missingDocuments: JSON.stringify(missing) },
            detail: missing.length ? { missingDocuments: missing } : {},
          });
          return;
        }
        if (claim.status !== 'workplace_checked') {
          await moveClaim(trx, ctx, claim, 'approve', actor); // refuses with the state machine's own answer
          return;
        }
        // Limits count approved claims: serialise approvals per member so two reviewers cannot both use the last one.
        await trx.selectFrom('members').select('id').where('id', '=', claim.memberId).forUpdate().execute();
        const docs = await claimDocuments(trx, claim.id);
        const lossFen = body.assessedLossFen ?? claim.assessedLossFen ?? claim.claimedLossFen;
        const days = body.assessedDays ?? claim.assessedDays ?? claim.claimedDays;
        const { eligibility, rule } = await judgeClaim(trx, claim, {
          today: shanghaiDay(now),
          uploadedDocuments: docs.map((d) => d.docType),
          lossFen,
          days,
        });
        if (!eligibility.eligible) throw ineligible(eligibility.reasons, lang);
        const amount = eligibility.estimate?.amountFen ?? null;
        const field = rule?.benefit.kind === 'perDay' ? 'body.assessedDays' : 'body.assessedLossFen';
        if (amount === null) throw Problem.validation([{ field, message: NO_AMOUNT }]);
        // the reviewer's figure is what pays nothing: say so under it (a zero approval would be a rejection)
        if (amount <= 0) throw Problem.validation([{ field, message: NOTHING_PAYABLE }]);
        let required = claim.secondReviewRequired;
        let secondReason = claim.secondReviewReason;
        if (!required && claim.firstApprovedBy === null) {
          const settings = await reviewSettings(trx);
          secondReason = needsSecondReview(
            amount,
            { samplePercent: settings.samplePercent, thresholdFen: settings.secondReviewThresholdFen },
            Math.random(),
          );
          required = secondReason !== null;
        }
        const assessed = { assessedLossFen: lossFen, assessedDays: days };
        const step = approvalStep(
          { secondReviewRequired: required, firstApprovedBy: claim.firstApprovedBy },
          actor.accountId,
        );
        if (step === 'sameReviewer') throw new Problem(409, 'conflict', { detail: SAME_REVIEWER });
        if (step === 'firstOfTwo') {
          await trx
            .updateTable('aidClaims')
            .set({
              ...assessed,
              secondReviewRequired: true,
              secondReviewReason: secondReason,
              firstApprovedBy: actor.accountId,
              firstApprovedAt: now,
              updatedAt: now,
            })
            .where('id', '=', claim.id)
            .execute();
          await insertClaimEvent(trx, {
            claimId: claim.id,
            at: now,
            actorId: actor.accountId,
            actorRole: actor.role,
            action: 'firstApproval',
            fromStatus: claim.status,
            toStatus: claim.status,
            reason: body.reason ?? null,
            detail: { amountFen: amount, secondReviewReason: secondReason },
          });
          await recordAudit(trx, {
            actor,
            action: 'aid.claim.firstApproval',
            entity: 'aidClaim',
            entityId: claim.id,
            unionId: claim.unionId,
            reason: body.reason ?? null,
            detail: { amountFen: amount, secondReviewReason: secondReason },
            requestId: request.id,
            ip: request.ip,
          });
          return;
        }
        await moveClaim(trx, ctx, claim, 'approve', actor, {
          reason: body.reason,
          set: {
            ...assessed,
            approvedAmountFen: amount,
            decidedAt: now,
            decisionReason: body.reason ?? null,
            secondReviewRequired: required,
            secondReviewReason: secondReason,
          },
          detail: { amountFen: amount, bound: eligibility.estimate?.bound ?? null, secondReview: required },
        });
      });
      return viewOf(db, (await findClaim(db, request.params.id))!, request, actor);
    },
  );
};

/** The missing-document codes a reviewer names must be documents of the claim's coverage. */
async function checkedMissing(
  trx: Parameters<typeof ruleFor>[0],
  claim: Parameters<typeof ruleFor>[1],
  codes: string[],
) {
  const found = await ruleFor(trx, claim);
  const known = new Set((found?.rule.requiredDocuments ?? []).map((d) => d.code));
  const bad = codes.findIndex((c) => !known.has(c));
  if (bad >= 0) throw Problem.validation([{ field: `body.missingDocuments.${bad}`, message: UNKNOWN_DOCUMENT }]);
  return [...new Set(codes)];
}
