/**
 * The two ways into mutual aid that several channels share — the member's phone, her workplace union, the 12351
 * operator: the pre-check ("am I covered?") and starting a draft claim. One implementation, so every channel
 * applies the same rules, refuses the same things and records the same trail.
 */
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { insertClaimEvent, type memberContext, nextClaimNo, priorClaims, resolveIncident } from './claim.repository.ts';
import { ineligible } from './claim.service.ts';
import { answerProblem } from './claim-access.ts';
import { answerErrors, parseCoverageRule } from './coverage-rule.ts';
import { judgeEligibility, reasonText } from './eligibility.ts';
import { findCoverage, findVersionOn, loadCalendar } from './scheme.repository.ts';

type Db = Database | Transaction<DB>;
export type ClaimMember = NonNullable<Awaited<ReturnType<typeof memberContext>>>;

export interface PrecheckInput {
  coverageCode: string;
  incidentDate: string;
  answers: Record<string, string>;
  lossFen?: number;
  days?: number;
}

/** The verdict, reasons, documents to prepare, filing deadline and estimate, from the rules the review applies. */
export async function precheck(db: Db, member: ClaimMember, body: PrecheckInput, today: string, lang: Lang) {
  const coverage = await findCoverage(db, { code: body.coverageCode });
  if (!coverage) throw Problem.validation([{ field: 'body.coverageCode', message: 'notFound' }]);
  const version = await findVersionOn(db, coverage.id, body.incidentDate);
  const parsed = version ? parseCoverageRule(version.rule) : null;
  const rule = parsed?.ok ? parsed.rule : null;
  if (rule) {
    const errs = answerErrors(rule, body.answers);
    if (errs.length) throw answerProblem(errs);
  }
  const e = judgeEligibility({
    filedOn: today,
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
    coverageId: coverage.id,
    result: {
      eligible: e.eligible,
      reasons: e.reasons.map((r) => ({ code: r.code, message: reasonText(r, lang) })),
      documents: e.documents.map((d) => ({ code: d.code, label: d.label[lang], hint: d.hint?.[lang] ?? null })),
      deadline: e.deadline,
      estimate: e.estimate,
      coverage: { code: coverage.code, name: lang === 'en' ? coverage.nameEn || coverage.name : coverage.name },
      ruleEffectiveFrom: version?.effectiveFrom ?? null,
    },
  };
}

const REF_MISMATCH = {
  'zh-CN': '事故编号不存在，或与保障项目、事故日期不一致',
  en: 'no incident with this reference for this coverage and date',
};
const DUPLICATE_DETAIL = {
  'zh-CN': '该会员已就同一事故申报过本项目，不能重复申报',
  en: 'This member already has a claim under this coverage for the same incident',
};

/** A true duplicate is a conflict with the existing claim (409), whether seen up front or by the unique index. */
export function duplicateClaim(incidentDate: string, lang: Lang): Problem {
  const p = ineligible([{ code: 'duplicate', params: { incidentDate } }], lang);
  return new Problem(
    409,
    { 'zh-CN': '重复申报', en: 'Duplicate claim' },
    { detail: DUPLICATE_DETAIL, extra: p.options.extra },
  );
}

export interface StartClaimInput {
  coverageCode: string;
  incidentDate: string;
  incidentAddress: string;
  description: string;
  answers: Record<string, string>;
  claimedLossFen?: number;
  claimedDays?: number;
  /** Joins the claim to an incident others already reported (a burst pipe that flooded several flats). */
  incidentRef?: string;
}

export interface StartClaimContext {
  actor: Actor;
  now: Date;
  lang: Lang;
  requestId: string;
  ip: string;
  /** Where the claim was started from, when not the aid pages themselves (kept in the claim's history). */
  via?: { channel: 'hotline'; consultationId: string };
}

/**
 * Starts a draft claim for the member inside the caller's transaction, refusing up front what can never become a
 * claim: an unknown coverage, one not in force on the incident date, answers the rule does not accept, a true
 * duplicate. Callers map the unique index's race (`aid_claims_no_duplicate_idx`) to `duplicateClaim`.
 */
export async function startClaim(
  trx: Transaction<DB>,
  ctx: StartClaimContext,
  member: ClaimMember,
  body: StartClaimInput,
) {
  const coverage = await findCoverage(trx, { code: body.coverageCode });
  if (!coverage) throw Problem.validation([{ field: 'body.coverageCode', message: 'notFound' }]);
  const coverageName = { 'zh-CN': coverage.name, en: coverage.nameEn };
  const version = await findVersionOn(trx, coverage.id, body.incidentDate);
  if (!version) {
    const e = judgeEligibility({
      filedOn: shanghaiDay(ctx.now),
      incidentDate: body.incidentDate,
      coverage: { code: coverage.code, schemeCode: coverage.schemeCode, name: coverageName },
      rule: null,
      member,
      cards: member.cards,
      priorClaims: [],
      answers: {},
      calendar: await loadCalendar(trx),
    });
    throw ineligible(e.reasons, ctx.lang);
  }
  const errs = answerErrors(version.rule, body.answers);
  if (errs.length) throw answerProblem(errs);
  const prior = await priorClaims(trx, member.id);
  const sameIncident = (c: (typeof prior)[number]) =>
    c.status !== 'rejected' && c.coverageCode === coverage.code && c.incidentDate === body.incidentDate;
  if (prior.some(sameIncident)) throw duplicateClaim(body.incidentDate, ctx.lang);

  const address = body.incidentAddress.trim();
  const incident = await resolveIncident(trx, {
    ref: body.incidentRef,
    coverageId: coverage.id,
    incidentDate: body.incidentDate,
    address,
  });
  if (incident === 'refMismatch') throw Problem.validation([{ field: 'body.incidentRef', message: REF_MISMATCH }]);
  const id = uuidv7();
  const claimNo = await nextClaimNo(trx, shanghaiDay(ctx.now).slice(0, 4));
  const { actor, now } = ctx;
  await trx
    .insertInto('aidClaims')
    .values({
      id,
      claimNo,
      memberId: member.id,
      unionId: member.unionId,
      unionPath: member.unionPath,
      coverageId: coverage.id,
      coverageVersionId: null,
      incidentId: incident.id,
      incidentDate: body.incidentDate,
      incidentAddress: address,
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
  const via = ctx.via ? { via: ctx.via.channel } : {};
  await insertClaimEvent(trx, {
    claimId: id,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: 'create',
    fromStatus: null,
    toStatus: 'draft',
    detail: { incidentRef: incident.ref, ...via, ...(ctx.via ? { consultationId: ctx.via.consultationId } : {}) },
  });
  await recordAudit(trx, {
    actor,
    action: 'aid.claim.create',
    entity: 'aidClaim',
    entityId: id,
    unionId: member.unionId,
    detail: { coverage: coverage.code, incidentRef: incident.ref, onBehalf: actor.role !== 'member', ...via },
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
  return {
    id,
    claimNo,
    coverage: { code: coverage.code, name: ctx.lang === 'en' ? coverage.nameEn || coverage.name : coverage.name },
  };
}
