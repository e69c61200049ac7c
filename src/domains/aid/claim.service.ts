import type { Transaction, Updateable } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { type ClaimRow, memberContext, priorClaims } from './claim.repository.ts';
import type { AidClaimTable } from './claim.table.ts';
import { type ClaimAction, transition } from './claim-state.ts';
import { type CoverageRule, parseCoverageRule } from './coverage-rule.ts';
import { judgeEligibility, type Reason, reasonText } from './eligibility.ts';
import { enqueueSms } from './notification.repository.ts';
import { findVersionById, findVersionOn, loadCalendar } from './scheme.repository.ts';

type Db = Database | Transaction<DB>;

/** The consent text a member agrees to before giving sensitive information (diagnoses) for a claim. */
export const CONSENT = {
  version: '2022-05',
  text: {
    'zh-CN':
      '本人同意北京市总工会及所在工会为审核、发放互助金的目的，收集和使用本人提交的诊断、病历等敏感个人信息；' +
      '信息加密保存，仅经办人员在审核所需范围内查看，保存期限届满后删除。',
    en:
      'I agree that the Beijing Federation of Trade Unions and my union collect and use the diagnoses and medical ' +
      'records I submit in order to review and pay mutual aid; they are stored encrypted, seen only by the staff ' +
      'who need them for the review, and deleted when the retention period ends.',
  },
} as const;

export const NOT_ELIGIBLE = { 'zh-CN': '不符合申领条件', en: 'Not eligible' };

/** A 422 carrying every coded reason in the caller's language, so a page can list them. */
export function ineligible(reasons: Reason[], lang: Lang): Problem {
  return new Problem(422, NOT_ELIGIBLE, {
    detail: {
      'zh-CN': reasons.map((r) => reasonText(r, 'zh-CN')).join('；'),
      en: reasons.map((r) => reasonText(r, 'en')).join('; '),
    },
    extra: { reasons: reasons.map((r) => ({ code: r.code, message: reasonText(r, lang) })) },
  });
}

/** The rule a claim is judged by: the version fixed at submission, else the one in force on the incident date. */
export async function ruleFor(
  db: Db,
  claim: { coverageId: string; coverageVersionId: string | null; incidentDate: string },
) {
  const version = claim.coverageVersionId
    ? await findVersionById(db, claim.coverageVersionId)
    : await findVersionOn(db, claim.coverageId, claim.incidentDate);
  if (!version) return null;
  return { versionId: version.id, rule: checkedRule(version.id, version.rule) };
}

// A version's rule never changes once stored (a change is a new version), so each is validated once per process.
const checkedRules = new Map<string, CoverageRule>();

function checkedRule(versionId: string, stored: unknown): CoverageRule {
  const hit = checkedRules.get(versionId);
  if (hit) return hit;
  const parsed = parseCoverageRule(stored);
  if (!parsed.ok) throw new Error(`stored rule ${versionId} is invalid: ${JSON.stringify(parsed.errors)}`);
  if (checkedRules.size > 1000) checkedRules.clear();
  checkedRules.set(versionId, parsed.rule);
  return parsed.rule;
}

/** Runs the eligibility rules on a stored claim, as of its filing date, with its uploaded documents. */
export async function judgeClaim(
  db: Db,
  claim: ClaimRow,
  opts: { today: string; uploadedDocuments?: string[]; lossFen?: number | null; days?: number | null },
) {
  const [found, member, prior, calendar] = await Promise.all([
    ruleFor(db, claim),
    memberContext(db, claim.memberId),
    priorClaims(db, claim.memberId, claim.id),
    loadCalendar(db),
  ]);
  const filedOn = claim.firstSubmittedAt ? shanghaiDay(claim.firstSubmittedAt) : opts.today;
  const eligibility = judgeEligibility({
    filedOn,
    incidentDate: claim.incidentDate,
    coverage: {
      code: claim.coverageCode,
      schemeCode: claim.schemeCode,
      name: { 'zh-CN': claim.coverageName, en: claim.coverageNameEn },
    },
    rule: found?.rule ?? null,
    member: member!,
    cards: member!.cards,
    priorClaims: prior,
    answers: claim.answers,
    lossFen: opts.lossFen === undefined ? claim.claimedLossFen : opts.lossFen,
    days: opts.days === undefined ? claim.claimedDays : opts.days,
    uploadedDocuments: opts.uploadedDocuments,
    calendar,
  });
  return { eligibility, versionId: found?.versionId ?? null, rule: found?.rule ?? null };
}

export interface MoveContext {
  now: Date;
  requestId?: string | null;
  ip?: string | null;
}

const TRANSITION_PROBLEMS = {
  invalidTransition: new Problem(409, {
    'zh-CN': '申报当前的状态不允许此操作',
    en: 'The claim’s current status does not allow this',
  }),
  roleNotAllowed: Problem.forbidden(),
  reasonRequired: Problem.validation([{ field: 'body.reason', message: 'fieldRequired' }]),
} as const;

const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));

/**
 * Moves a claim along the transition table inside the caller's transaction: the status changes only if nobody
 * changed it meanwhile (compare-and-set), and the event, the audit entry and the member's text message land with
 * it or not at all.
 */
export async function moveClaim(
  trx: Transaction<DB>,
  ctx: MoveContext,
  claim: ClaimRow,
  action: ClaimAction,
  actor: Pick<Actor, 'accountId' | 'role'>,
  opts: { reason?: string | null; set?: Updateable<AidClaimTable>; detail?: Record<string, unknown> } = {},
) {
  const result = transition(claim.status, action, actor.role, opts.reason);
  if (!result.ok) throw TRANSITION_PROBLEMS[result.error];
  const to = result.transition.to;
  const updated = await trx
    .updateTable('aidClaims')
    .set({ ...opts.set, status: to, statusChangedAt: ctx.now, updatedAt: ctx.now })
    .where('id', '=', claim.id)
    .where('status', '=', claim.status)
    .returning(['approvedAmountFen'])
    .executeTakeFirst();
  if (!updated) throw TRANSITION_PROBLEMS.invalidTransition;
  await trx
    .insertInto('aidClaimEvents')
    .values({
      claimId: claim.id,
      at: ctx.now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action,
      fromStatus: claim.status,
      toStatus: to,
      reason: opts.reason ?? null,
      detail: JSON.stringify(opts.detail ?? {}),
    })
    .execute();
  await recordAudit(trx, {
    actor,
    action: `aid.claim.${action}`,
    entity: 'aidClaim',
    entityId: claim.id,
    unionId: claim.unionId,
    reason: opts.reason ?? null,
    detail: { claimNo: claim.claimNo, from: claim.status, to, ...opts.detail },
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
  await enqueueSms(trx, {
    to: claim.memberPhone,
    template: `aid.claim.${to}`,
    params: {
      claimNo: claim.claimNo,
      coverage: claim.coverageName,
      reason: opts.reason ?? '',
      amount: yuan(updated.approvedAmountFen),
    },
    entity: 'aidClaim',
    entityId: claim.id,
    at: ctx.now,
  });
  return to;
}
