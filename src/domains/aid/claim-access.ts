import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { type ClaimPolicyAction, can } from './claim.policy.ts';
import {
  type ClaimRow,
  claimDocuments,
  claimEvents,
  findClaim,
  latestPayout,
  memberContext,
} from './claim.repository.ts';
import { ruleFor } from './claim.service.ts';
import { claimView } from './claim-view.ts';
import { filingDeadline, type RuleError } from './coverage-rule.ts';
import { loadCalendar } from './scheme.repository.ts';

// What every claim route does first: find the claim or member the actor may see, and shape the answer.

/** Loads a claim the actor may see (404 otherwise, so ids cannot be probed) and may act on (403 otherwise). */
export async function claimFor(
  db: Database | Transaction<DB>,
  id: string,
  actor: Actor,
  action: ClaimPolicyAction,
  forUpdate = false,
) {
  const claim = await findClaim(db, id, { forUpdate });
  if (!claim || !can(actor, 'read', claim)) throw Problem.notFound();
  if (!can(actor, action, claim)) throw Problem.forbidden();
  return claim;
}

export async function viewOf(db: Database, claim: ClaimRow, request: FastifyRequest, actor: Actor) {
  const [found, events, documents, payout, calendar] = await Promise.all([
    ruleFor(db, claim),
    claimEvents(db, claim.id),
    claimDocuments(db, claim.id),
    latestPayout(db, claim.id),
    loadCalendar(db),
  ]);
  return claimView({
    claim,
    rule: found?.rule ?? null,
    deadline: found ? filingDeadline(found.rule, claim.incidentDate, calendar) : null,
    events,
    documents,
    payout,
    lang: pickLang(request.headers['accept-language']),
    audience: actor.role === 'member' ? 'member' : 'staff',
    role: actor.role,
    mayFile: can(actor, 'file', claim),
  });
}

const NO_MEMBER = { 'zh-CN': '请指定会员', en: 'choose the member' };

/** Answer errors as field errors: `body.answers.pipeOwner` is required, `body.answers.colour` is unknown. */
export function answerProblem(errs: RuleError[]): Problem {
  return Problem.validation(
    errs.map((e) => ({
      field: `body.answers.${e.path}`,
      message: e.message === 'required' ? 'fieldRequired' : e.message === 'unknown' ? 'fieldUnknown' : 'fieldType',
    })),
  );
}

export function isUniqueViolation(err: unknown, constraint?: string) {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

/** The member a request is about: the signed-in member, or one in the staff member's subtree. */
export async function targetMember(
  db: Database,
  actor: Actor,
  memberId: string | undefined,
  action: ClaimPolicyAction,
) {
  const id = actor.role === 'member' ? actor.memberId : memberId;
  if (!id) throw Problem.validation([{ field: 'body.memberId', message: NO_MEMBER }]);
  if (actor.role === 'member' && memberId && memberId !== actor.memberId) throw Problem.notFound();
  const member = await memberContext(db, id);
  if (!member || !can(actor, 'read', { memberId: member.id, unionPath: member.unionPath })) throw Problem.notFound();
  if (!can(actor, action, { memberId: member.id, unionPath: member.unionPath })) throw Problem.forbidden();
  return member;
}
