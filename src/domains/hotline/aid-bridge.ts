/**
 * What the operator does in mutual aid on the caller's behalf, through the aid domain's own services (not HTTP):
 * - the pre-check, with exactly the aid pre-check's verdict, documents, deadline and estimate;
 * - starting a DRAFT claim. Hotline roles (district/city staff) do not hold `aid.claims.file`, so they cannot
 *   complete or submit a claim: the draft carries what the caller said, and the member (on her phone) or her
 *   workplace union adds documents and submits it through the aid routes, where every automatic check runs.
 */
import type { Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { Problem } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { memberContext } from '../aid/claim.repository.ts';
import {
  duplicateClaim,
  type PrecheckInput,
  precheck,
  type StartClaimInput,
  startClaim,
} from '../aid/claim-start.service.ts';

export type { PrecheckInput };
export type DraftInput = Omit<StartClaimInput, 'claimedDays' | 'incidentRef'>;

async function caller(db: Database | Transaction<DB>, memberId: string) {
  const member = await memberContext(db, memberId);
  if (!member) throw Problem.notFound();
  return member;
}

/** The aid pre-check for the caller: same rules, same shape as POST /aid/precheck. */
export async function precheckFor(db: Database, memberId: string, body: PrecheckInput, today: string, lang: Lang) {
  return precheck(db, await caller(db, memberId), body, today, lang);
}

/** The 409 POST /aid/claims answers for a true duplicate (also when the unique index catches a race). */
export const duplicate = duplicateClaim;

/** Starts a draft claim for the caller inside the consultation's transaction, marked as coming from the hotline. */
export async function startDraftClaim(
  trx: Transaction<DB>,
  ctx: { actor: Actor; now: Date; lang: Lang; requestId: string; ip: string; consultationId: string },
  memberId: string,
  body: DraftInput,
) {
  const { consultationId, ...rest } = ctx;
  return startClaim(trx, { ...rest, via: { channel: 'hotline', consultationId } }, await caller(trx, memberId), body);
}
