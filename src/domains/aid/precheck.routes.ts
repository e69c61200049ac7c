import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { priorClaims } from './claim.repository.ts';
import { errorResponses, PrecheckBody, PrecheckResult } from './claim.schemas.ts';
import { answerProblem, targetMember } from './claim-access.ts';
import { answerErrors, parseCoverageRule } from './coverage-rule.ts';
import { judgeEligibility, reasonText } from './eligibility.ts';
import { findCoverage, findVersionOn, loadCalendar } from './scheme.repository.ts';

/**
 * "Am I covered?": the member on the phone page, or hotline/union staff for a member in their subtree, answer the
 * coverage's questions and get the verdict, the documents to prepare, the deadline and the likely amount — from the
 * same rules the review applies.
 */
export const precheckRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.post(
    '/aid/precheck',
    {
      schema: {
        tags: ['aid claims'],
        summary: 'Am I covered? Eligibility, reasons, documents to prepare, filing deadline, estimated benefit',
        body: PrecheckBody,
        response: { 200: PrecheckResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const member = await targetMember(db, actor, body.memberId, 'read');
      const coverage = await findCoverage(db, { code: body.coverageCode });
      if (!coverage) throw Problem.validation([{ field: 'body.coverageCode', message: 'notFound' }]);
      const version = await findVersionOn(db, coverage.id, body.incidentDate);
      const parsed = version ? parseCoverageRule(version.rule) : null;
      const rule = parsed?.ok ? parsed.rule : null;
      if (rule) {
        const errs = answerErrors(rule, body.answers);
        if (errs.length) throw answerProblem(errs);
      }
      const lang = pickLang(request.headers['accept-language']);
      const e = judgeEligibility({
        filedOn: shanghaiDay(clock.now()),
        incidentDate: body.incidentDate,
        coverage: {
          code: coverage.code,
          schemeCode: coverage.schemeCode,
          name: { 'zh-CN': coverage.name, en: coverage.nameEn },
        },
        rule,
        member,
        cards: member.cards,
        priorClaims: await priorClaims(db, member.id),
        answers: body.answers,
        lossFen: body.lossFen,
        days: body.days,
        calendar: await loadCalendar(db),
      });
      return {
        eligible: e.eligible,
        reasons: e.reasons.map((r) => ({ code: r.code, message: reasonText(r, lang) })),
        documents: e.documents.map((d) => ({ code: d.code, label: d.label[lang], hint: d.hint?.[lang] ?? null })),
        deadline: e.deadline,
        estimate: e.estimate,
        coverage: { code: coverage.code, name: lang === 'en' ? coverage.nameEn || coverage.name : coverage.name },
        ruleEffectiveFrom: version?.effectiveFrom ?? null,
      };
    },
  );
};
