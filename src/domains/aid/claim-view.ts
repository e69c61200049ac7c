/**
 * What a claim looks like to the member and to staff, in the reader's language: the status, every reason (coded
 * and worded), which documents are still missing, what they may do next. Pure: the route loads, this shapes.
 */
import type { Lang } from '../../platform/i18n.ts';
import type { Role } from '../../platform/roles.ts';
import type { ClaimRow, MemberClaimRow } from './claim.repository.ts';
import { availableActions, type ClaimAction, EDITABLE } from './claim-state.ts';
import { type CoverageRule, documentsFor } from './coverage-rule.ts';
import { reasonText } from './eligibility.ts';

export interface ClaimViewInput {
  claim: ClaimRow;
  rule: CoverageRule | null;
  deadline: string | null;
  events: {
    at: Date;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    reason: string | null;
    actorRole: string | null;
  }[];
  documents: {
    id: string;
    docType: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    uploadedAt: Date;
  }[];
  payout: { status: string; amountFen: number; failureReason: string | null; settledOn: string | null } | undefined;
  lang: Lang;
  audience: 'member' | 'staff';
  role: Role;
  /** May this reader file (edit, submit) for the claim? */
  mayFile: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type HeadRow = Pick<
  ClaimRow,
  'id' | 'claimNo' | 'status' | 'statusChangedAt' | 'coverageCode' | 'coverageName' | 'coverageNameEn'
>;

/** What every view of a claim opens with: which claim, where it stands, its coverage in the reader's language. */
function claimHead(c: HeadRow, lang: Lang) {
  return {
    id: c.id,
    claimNo: c.claimNo,
    status: c.status,
    statusChangedAt: c.statusChangedAt.toISOString(),
    coverage: { code: c.coverageCode, name: lang === 'en' ? c.coverageNameEn || c.coverageName : c.coverageName },
  };
}

export function claimView(v: ClaimViewInput) {
  const { claim: c, lang } = v;
  const label = (l: { 'zh-CN': string; en: string }) => l[lang];
  const docs = v.rule ? documentsFor(v.rule, c.answers) : [];
  const uploaded = new Set(v.documents.map((d) => d.docType));
  const allDocs = new Map((v.rule?.requiredDocuments ?? []).map((d) => [d.code, d]));
  const missing = (c.missingDocuments as string[]).map((code) => {
    const d = allDocs.get(code);
    return { code, label: d ? label(d.label) : code, hint: d?.hint ? label(d.hint) : null };
  });
  let actions: ClaimAction[] = availableActions(c.status, v.role);
  if (!v.mayFile) actions = actions.filter((a) => a !== 'submit' && a !== 'resubmit');
  if (v.audience === 'member') actions = actions.filter((a) => a === 'submit' || a === 'resubmit');
  const hasPayment = v.payout && v.payout.status !== 'failed';
  if (hasPayment) actions = actions.filter((a) => a !== 'pay');
  return {
    ...claimHead(c, lang),
    scheme: { code: c.schemeCode, name: c.schemeName },
    member: { id: c.memberId, name: c.memberName, unionName: c.unionName },
    incident: {
      ref: c.incidentRef,
      date: c.incidentDate,
      address: c.incidentAddress,
      relatedClaims: v.audience === 'staff' ? Number(c.relatedClaims ?? 0) : 0,
    },
    description: c.description,
    answers: c.answers,
    claimedLossFen: c.claimedLossFen,
    claimedDays: c.claimedDays,
    assessedLossFen: c.assessedLossFen,
    approvedAmountFen: c.approvedAmountFen,
    consent: c.consentAt ? { at: c.consentAt.toISOString(), version: c.consentVersion ?? '' } : null,
    hasDiagnosis: c.diagnosisEnc !== null,
    reasons: c.checkReasons.map((r) => ({ code: r.code, message: reasonText(r, lang) })),
    decisionReason: c.decisionReason,
    missingDocuments: missing,
    requiredDocuments: docs.map((d) => ({ code: d.code, label: label(d.label), uploaded: uploaded.has(d.code) })),
    documents: v.documents.map((d) => ({
      id: d.id,
      type: d.docType,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    deadline: EDITABLE.includes(c.status) || v.audience === 'staff' ? v.deadline : null,
    availableActions: actions,
    secondReview:
      v.audience === 'staff'
        ? { required: c.secondReviewRequired, reason: c.secondReviewReason, firstApprovedAt: iso(c.firstApprovedAt) }
        : null,
    payout: v.payout
      ? {
          status: v.payout.status,
          amountFen: v.payout.amountFen,
          failureReason: v.payout.failureReason,
          paidOn: v.payout.settledOn,
        }
      : null,
    events: v.events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      actorRole: e.actorRole,
    })),
    submittedAt: iso(c.submittedAt),
    createdAt: c.createdAt.toISOString(),
  };
}

/** One line of a member's claim list (GET /aid/my/claims; the hotline's caller-claims adds `paidAt`). */
export function memberClaimItem(r: MemberClaimRow, lang: Lang) {
  return {
    ...claimHead(r, lang),
    incidentDate: r.incidentDate,
    approvedAmountFen: r.approvedAmountFen,
    decisionReason: r.decisionReason,
  };
}
