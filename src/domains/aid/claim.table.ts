import type { ColumnType, Generated } from 'kysely';
import type { ClaimStatus } from './claim-state.ts';
import type { Reason } from './eligibility.ts';

type Json<T> = ColumnType<T, string | undefined, string>;

export interface AidIncidentTable {
  id: string;
  ref: string;
  coverageId: string;
  incidentDate: string;
  address: string;
  addressKey: string;
  createdAt: Generated<Date>;
}

export interface AidClaimTable {
  id: string;
  claimNo: string;
  memberId: string;
  unionId: string;
  unionPath: string;
  coverageId: string;
  coverageVersionId: string | null;
  incidentId: string;
  incidentDate: string;
  incidentAddress: string;
  description: Generated<string>;
  answers: Json<Record<string, string>>;
  claimedLossFen: number | null;
  claimedDays: number | null;
  assessedLossFen: number | null;
  assessedDays: number | null;
  approvedAmountFen: number | null;
  status: ClaimStatus;
  statusChangedAt: Generated<Date>;
  filedBy: string;
  filedByRole: string;
  consentAt: Date | null;
  consentVersion: string | null;
  consentBy: string | null;
  diagnosisEnc: Buffer | null;
  checkReasons: Json<Reason[]>;
  missingDocuments: Json<string[]>;
  decisionReason: string | null;
  secondReviewRequired: Generated<boolean>;
  secondReviewReason: string | null;
  firstApprovedBy: string | null;
  firstApprovedAt: Date | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  checkedAt: Date | null;
  decidedAt: Date | null;
  paidAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface AidClaimEventTable {
  id: Generated<number>;
  claimId: string;
  at: ColumnType<Date, Date | undefined, never>;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface AidClaimDocumentTable {
  id: string;
  claimId: string;
  docType: string;
  fileName: string;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface NotificationTable {
  id: string;
  channel: 'sms';
  toPhone: string;
  template: string;
  params: Json<Record<string, string | number>>;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  lastError: string | null;
  entity: string | null;
  entityId: string | null;
  createdAt: Generated<Date>;
  nextAttemptAt: Generated<Date>;
  sentAt: Date | null;
}
