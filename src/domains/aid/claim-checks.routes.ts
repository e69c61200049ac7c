import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { claimDocuments } from './claim.repository.ts';
import { ChecksQuery, ClaimParams, Estimate, errorResponses, ReasonView } from './claim.schemas.ts';
import { judgeClaim } from './claim.service.ts';
import { claimFor } from './claim-access.ts';
import { REASON_CODES, reasonText } from './eligibility.ts';

const ClaimChecks = Type.Object({
  checkedOn: IsoDate,
  eligible: Type.Boolean(),
  /** Every automatic check, in a fixed order, passed or not: the reviewer sees what was checked, not only failures. */
  checks: Type.Array(Type.Object({ code: StringEnum(REASON_CODES), passed: Type.Boolean() })),
  reasons: Type.Array(ReasonView),
  estimate: Estimate,
  lossFen: Nullable(Type.Integer()),
  days: Nullable(Type.Integer()),
  deadline: Nullable(IsoDate),
});

/**
 * The automatic checks of submission run again now, for the reviewer's screen: a limit may have been used up or a
 * document removed since the member submitted. Read-only and staff-only (members see the outcome on their claim).
 * With `assessedLossFen` or `assessedDays` they answer for the values the reviewer is typing, exactly as the
 * approval with those values would judge and pay.
 */
export const claimChecksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/aid/claims/:id/checks',
    {
      schema: {
        tags: ['aid review'],
        summary:
          "The claim's automatic checks as of today, with coded reasons and the amount the rule would pay (for the assessed loss or days given)",
        params: ClaimParams,
        querystring: ChecksQuery,
        response: { 200: ClaimChecks, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.role === 'member') throw Problem.notFound();
      const claim = await claimFor(db, request.params.id, actor, 'read');
      const today = shanghaiDay(clock.now());
      const docs = await claimDocuments(db, claim.id);
      // the same fallbacks as the approval (review.routes.ts)
      const lossFen = request.query.assessedLossFen ?? claim.assessedLossFen ?? claim.claimedLossFen;
      const days = request.query.assessedDays ?? claim.assessedDays ?? claim.claimedDays;
      const { eligibility } = await judgeClaim(db, claim, {
        today,
        uploadedDocuments: docs.map((d) => d.docType),
        lossFen,
        days,
      });
      const lang = pickLang(request.headers['accept-language']);
      const failed = new Set(eligibility.reasons.map((r) => r.code));
      return {
        checkedOn: today,
        eligible: eligibility.eligible,
        checks: REASON_CODES.map((code) => ({ code, passed: !failed.has(code) })),
        reasons: eligibility.reasons.map((r) => ({ code: r.code, message: reasonText(r, lang) })),
        estimate: eligibility.estimate,
        lossFen,
        days,
        deadline: eligibility.deadline,
      };
    },
  );
};
