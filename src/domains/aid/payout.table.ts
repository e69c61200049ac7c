import type { Generated } from 'kysely';

export interface AidPayoutBatchTable {
  id: string;
  batchNo: string;
  idempotencyKey: string | null;
  status: 'open' | 'exported' | 'reconciled';
  claimCount: number;
  totalFen: number;
  createdBy: string;
  createdAt: Generated<Date>;
  exportedAt: Date | null;
  reconciledAt: Date | null;
}

export type PayoutStatus = 'pending' | 'paid' | 'failed';

export interface AidPayoutTable {
  id: string;
  reference: string;
  batchId: string;
  claimId: string;
  amountFen: number;
  status: PayoutStatus;
  failureReason: string | null;
  payeeName: string;
  bankAccountEnc: Buffer;
  bankAccountMasked: string;
  bankName: string | null;
  unionPath: string;
  createdAt: Generated<Date>;
  settledAt: Date | null;
  settledOn: string | null;
}

export interface AidLedgerTable {
  id: Generated<number>;
  claimId: string;
  payoutId: string;
  entry: 'payout' | 'reversal';
  amountFen: number;
  at: Generated<Date>;
}

export interface AidHistoryImportTable {
  id: string;
  fileName: string;
  fileSha256: string;
  rows: number;
  beneficiaries: number;
  totalFen: number;
  importedAt: Generated<Date>;
  importedBy: string | null;
}

export interface AidPayoutHistoryTable {
  id: Generated<number>;
  importId: string;
  rowNumber: number;
  paidOn: string;
  schemeCode: string;
  coverageCode: string | null;
  unionId: string;
  unionPath: string;
  amountFen: number;
  beneficiaries: number;
  memberKey: Buffer | null;
}
