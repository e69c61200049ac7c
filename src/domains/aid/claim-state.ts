/**
 * The life of a claim as a transition table: which action moves it from which status to which, and who may take
 * it. Routes ask `transition()`; nothing else changes a claim's status. Second review (sampling and large amounts)
 * is a guard on 'approve': the first approval is recorded, the claim waits for a different reviewer.
 */
import type { Role } from '../../platform/roles.ts';

export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'workplace_checked',
  'approved',
  'rejected',
  'returned',
  'paid',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_ACTIONS = ['submit', 'resubmit', 'check', 'return', 'approve', 'reject', 'pay'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** Who acts: a member on their own claim, or a staff role; 'bank' is reconciliation confirming a payment. */
export type ClaimActor = Role;

export interface Transition {
  from: ClaimStatus;
  action: ClaimAction;
  to: ClaimStatus;
  roles: readonly ClaimActor[];
  /** A reason the member will read (returned, rejected). */
  needsReason: boolean;
}

const FILERS: ClaimActor[] = ['member', 'workplace_staff', 'admin'];
const CHECKERS: ClaimActor[] = ['workplace_staff', 'admin'];
const DECIDERS: ClaimActor[] = ['city_staff', 'admin'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'submit', to: 'submitted', roles: FILERS, needsReason: false },
  { from: 'returned', action: 'resubmit', to: 'submitted', roles: FILERS, needsReason: false },
  { from: 'submitted', action: 'check', to: 'workplace_checked', roles: CHECKERS, needsReason: false },
  { from: 'submitted', action: 'return', to: 'returned', roles: [...CHECKERS, 'city_staff'], needsReason: true },
  { from: 'workplace_checked', action: 'approve', to: 'approved', roles: DECIDERS, needsReason: false },
  { from: 'workplace_checked', action: 'reject', to: 'rejected', roles: DECIDERS, needsReason: true },
  { from: 'workplace_checked', action: 'return', to: 'returned', roles: DECIDERS, needsReason: true },
  { from: 'approved', action: 'pay', to: 'paid', roles: DECIDERS, needsReason: false },
];

export type TransitionResult =
  | { ok: true; transition: Transition }
  | { ok: false; error: 'invalidTransition' | 'roleNotAllowed' | 'reasonRequired' };

/** The move `action` makes from `from` for `role`, or why it is refused. */
export function transition(
  from: ClaimStatus,
  action: ClaimAction,
  role: ClaimActor,
  reason?: string | null,
): TransitionResult {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) return { ok: false, error: 'invalidTransition' };
  if (!t.roles.includes(role)) return { ok: false, error: 'roleNotAllowed' };
  if (t.needsReason && !reason?.trim()) return { ok: false, error: 'reasonRequired' };
  return { ok: true, transition: t };
}

/** Actions open to `role` on a claim in `status`, for the buttons a page shows. */
export function availableActions(status: ClaimStatus, role: ClaimActor): ClaimAction[] {
  return TRANSITIONS.filter((t) => t.from === status && t.roles.includes(role)).map((t) => t.action);
}

/** Statuses in which the member (or the filing clerk) may still change the claim and its documents. */
export const EDITABLE: readonly ClaimStatus[] = ['draft', 'returned'];

export type ApprovalStep = 'final' | 'firstOfTwo' | 'sameReviewer';

/**
 * With second review required, the first approval only records itself; the claim is approved when a different
 * reviewer approves too. The same person approving twice is refused.
 */
export function approvalStep(
  claim: { secondReviewRequired: boolean; firstApprovedBy: string | null },
  reviewerId: string,
): ApprovalStep {
  if (!claim.secondReviewRequired) return 'final';
  if (claim.firstApprovedBy === null) return 'firstOfTwo';
  return claim.firstApprovedBy === reviewerId ? 'sameReviewer' : 'final';
}

/**
 * Whether an approval goes to a second reviewer: every claim over the threshold, and a random sample of the rest.
 * `draw` is uniform in [0, 1) (injected so tests decide).
 */
export function needsSecondReview(
  amountFen: number,
  settings: { samplePercent: number; thresholdFen: number },
  draw: number,
): 'overThreshold' | 'sampled' | null {
  if (amountFen > settings.thresholdFen) return 'overThreshold';
  if (draw * 100 < settings.samplePercent) return 'sampled';
  return null;
}
