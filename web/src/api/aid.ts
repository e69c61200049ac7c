import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { currentLanguage } from '../i18n';
import { ApiError, api, NetworkError } from './client';
import type { ProblemDetails } from './types';

/** Mutual aid (互助保障) as the web app uses it: schemes, pre-check, claims, documents, review, payouts, statistics. */

/** Permission strings (user.permissions) that open the console's mutual-aid pages and actions. */
export const AID_PERMISSIONS = {
  read: 'aid.claims.read',
  check: 'aid.claims.check',
  decide: 'aid.claims.decide',
  payouts: 'aid.payouts',
  stats: 'aid.stats',
} as const;

export type ClaimStatus = 'draft' | 'submitted' | 'workplace_checked' | 'approved' | 'rejected' | 'returned' | 'paid';
export type ClaimAction = 'submit' | 'resubmit' | 'check' | 'return' | 'approve' | 'reject' | 'pay';
export type Localized = { 'zh-CN': string; en: string };

export interface Reason {
  code: string;
  message: string;
}

export interface DocumentRequirement {
  code: string;
  label: string;
  hint: string | null;
}

export interface Estimate {
  amountFen: number | null;
  bound: string | null;
  limitedTo: number | null;
}

export interface SchemeList {
  items: {
    id: string;
    code: string;
    name: string;
    since: string;
    coverages: { id: string; code: string; name: string }[];
  }[];
}

export interface CoverageQuestion {
  code: string;
  label: Localized;
  required: boolean;
  options: { value: string; label: Localized }[];
}

export interface CoverageRule {
  benefit:
    | { kind: 'fixed'; amountFen: number }
    | { kind: 'percentOfLoss'; percent: number; floorFen?: number; capFen: number }
    | { kind: 'perDay'; amountFenPerDay: number; minDays: number; maxDays: number };
  waitingDays: number;
  filingWindow:
    | { kind: 'calendar'; years?: number; months?: number; days?: number }
    | { kind: 'workingDays'; days: number };
  questions: CoverageQuestion[];
  requiredDocuments: { code: string; label: Localized; hint?: Localized }[];
}

export interface CoverageDetail {
  code: string;
  name: string;
  nameEn: string;
  scheme: { code: string; name: string };
  on: string;
  rule: CoverageRule | null;
  deadlineIfToday: string | null;
}

export interface PrecheckInput {
  coverageCode: string;
  incidentDate: string;
  answers: Record<string, string>;
  lossFen?: number;
  days?: number;
}

export interface PrecheckResult {
  eligible: boolean;
  reasons: Reason[];
  documents: DocumentRequirement[];
  deadline: string | null;
  estimate: Estimate | null;
  coverage: { code: string; name: string };
  ruleEffectiveFrom: string | null;
}

export interface ClaimDocument {
  id: string;
  type: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ClaimEvent {
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actorRole: string | null;
}

export interface Claim {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  statusChangedAt: string;
  coverage: { code: string; name: string };
  scheme: { code: string; name: string };
  member: { id: string; name: string; unionName: string };
  incident: { ref: string; date: string; address: string; relatedClaims: number };
  description: string;
  answers: Record<string, string>;
  claimedLossFen: number | null;
  claimedDays: number | null;
  assessedLossFen: number | null;
  approvedAmountFen: number | null;
  consent: { at: string; version: string } | null;
  hasDiagnosis: boolean;
  reasons: Reason[];
  decisionReason: string | null;
  missingDocuments: DocumentRequirement[];
  requiredDocuments: { code: string; label: string; uploaded: boolean }[];
  documents: ClaimDocument[];
  deadline: string | null;
  availableActions: ClaimAction[];
  secondReview: { required: boolean; reason: string | null; firstApprovedAt: string | null } | null;
  payout: { status: string; amountFen: number; failureReason: string | null; paidOn: string | null } | null;
  events: ClaimEvent[];
  submittedAt: string | null;
  createdAt: string;
}

export interface MyClaimItem {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  statusChangedAt: string;
  coverage: { code: string; name: string };
  incidentDate: string;
  approvedAmountFen: number | null;
  decisionReason: string | null;
}

export interface Consent {
  version: string;
  text: Localized;
}

/** A 422 "not eligible" carries the coded reasons in the reader's language. */
export function problemReasons(err: unknown): Reason[] {
  if (!(err instanceof ApiError)) return [];
  const reasons = (err.problem as ProblemDetails & { reasons?: Reason[] }).reasons;
  return Array.isArray(reasons) ? reasons : [];
}

// ---- shared reads ------------------------------------------------------------------------------------------------

export function useSchemes() {
  return useQuery({
    queryKey: ['aid', 'schemes'],
    queryFn: ({ signal }) => api<SchemeList>('/api/v1/aid/schemes', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** A coverage with the rule in force on `on` (the incident date): its questions, documents and benefit. */
export function useCoverage(code: string | undefined, on?: string) {
  return useQuery({
    queryKey: ['aid', 'coverage', code, on ?? null],
    queryFn: ({ signal }) =>
      api<CoverageDetail>(`/api/v1/aid/coverages/${encodeURIComponent(code ?? '')}`, { query: { on }, signal }),
    enabled: Boolean(code),
    staleTime: 10 * 60_000,
  });
}

// ---- member ------------------------------------------------------------------------------------------------------

export function usePrecheck() {
  return useMutation({
    mutationFn: (input: PrecheckInput) =>
      api<PrecheckResult>('/api/v1/aid/precheck', { method: 'POST', body: { ...input } }),
  });
}

export function useConsentText() {
  return useQuery({
    queryKey: ['aid', 'consent'],
    queryFn: ({ signal }) => api<Consent>('/api/v1/aid/consent', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMyClaims() {
  return useQuery({
    queryKey: ['aid', 'my', 'claims'],
    queryFn: async ({ signal }) => (await api<{ items: MyClaimItem[] }>('/api/v1/aid/my/claims', { signal })).items,
  });
}

/** One claim: the member reads it through /my, staff through the claims API. */
export function useClaim(id: string | undefined, audience: 'member' | 'staff') {
  return useQuery({
    queryKey: ['aid', 'claim', id],
    queryFn: ({ signal }) =>
      api<Claim>(`/api/v1/aid/${audience === 'member' ? 'my/' : ''}claims/${encodeURIComponent(id ?? '')}`, {
        signal,
      }),
    enabled: Boolean(id),
  });
}

export interface ClaimCreateInput {
  coverageCode: string;
  incidentDate: string;
  incidentAddress: string;
  description: string;
  answers: Record<string, string>;
  claimedLossFen?: number;
  claimedDays?: number;
}

/**
 * Creates the draft and records the consent the member gave on the previous step, before any document goes up. A
 * retry after a failed consent call reuses the draft instead of filing a duplicate.
 */
export function useStartClaim() {
  const client = useQueryClient();
  const draft = useRef<string | null>(null);
  return useMutation({
    mutationFn: async ({ input, consentVersion }: { input: ClaimCreateInput; consentVersion: string }) => {
      draft.current ??= (await api<Claim>('/api/v1/aid/claims', { method: 'POST', body: { ...input } })).id;
      return api<Claim>(`/api/v1/aid/claims/${draft.current}/consent`, {
        method: 'POST',
        body: { version: consentVersion, method: 'online' },
      });
    },
    onSuccess: (claim) => {
      client.setQueryData(['aid', 'claim', claim.id], claim);
      void client.invalidateQueries({ queryKey: ['aid', 'my', 'claims'] });
    },
  });
}

export function useUpdateClaim(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      patch: Partial<Pick<Claim, 'description'>> & { incidentAddress?: string; claimedLossFen?: number | null },
    ) => api<Claim>(`/api/v1/aid/claims/${id}`, { method: 'PATCH', body: { ...patch } }),
    onSuccess: (claim) => client.setQueryData(['aid', 'claim', id], claim),
  });
}

export function useSubmitClaim(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<Claim>(`/api/v1/aid/claims/${id}/submit`, { method: 'POST' }),
    onSuccess: (claim) => {
      client.setQueryData(['aid', 'claim', id], claim);
      void client.invalidateQueries({ queryKey: ['aid', 'my', 'claims'] });
    },
  });
}

export function useDeleteDocument(claimId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (docId: string) => api<void>(`/api/v1/aid/claims/${claimId}/documents/${docId}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['aid', 'claim', claimId] }),
  });
}

export const documentUrl = (claimId: string, docId: string) =>
  `/api/v1/aid/claims/${encodeURIComponent(claimId)}/documents/${encodeURIComponent(docId)}`;

/**
 * Uploads one document with progress (fetch cannot report upload progress, XMLHttpRequest can). Rejects with
 * ApiError (the server's problem+json) or NetworkError, like `api()`.
 */
export function uploadDocument(
  claimId: string,
  type: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ClaimDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/aid/claims/${encodeURIComponent(claimId)}/documents`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as ClaimDocument);
      } else {
        const p = (body ?? {}) as Partial<ProblemDetails>;
        reject(new ApiError({ ...p, status: p.status ?? xhr.status, title: p.title ?? `HTTP ${xhr.status}` }));
      }
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('type', type); // the field before the file: the server reads the parts in order
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

// ---- staff -------------------------------------------------------------------------------------------------------

export type QueueName = 'check' | 'decide' | 'secondReview' | 'payout';

export interface QueueQuery {
  queue?: QueueName;
  status?: ClaimStatus;
  coverage?: string;
  unionId?: string;
  minAgeDays?: number;
  claimNo?: string;
  page: number;
  pageSize: number;
}

export interface QueueItem {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  coverage: { code: string; name: string };
  memberName: string;
  unionName: string;
  incidentDate: string;
  submittedAt: string | null;
  statusSince: string;
  ageWorkingDays: number;
  slaDays: number | null;
  overdue: boolean;
  claimedLossFen: number | null;
  approvedAmountFen: number | null;
  secondReview: { required: boolean; firstApproved: boolean };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function useQueue(query: QueueQuery, enabled = true) {
  return useQuery({
    queryKey: ['aid', 'queue', query],
    queryFn: ({ signal }) => api<Page<QueueItem>>('/api/v1/aid/claims', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface ClaimChecks {
  checkedOn: string;
  eligible: boolean;
  checks: { code: string; passed: boolean }[];
  reasons: Reason[];
  estimate: Estimate | null;
  lossFen: number | null;
  days: number | null;
  deadline: string | null;
}

export function useClaimChecks(id: string | undefined) {
  return useQuery({
    queryKey: ['aid', 'claim', id, 'checks'],
    queryFn: ({ signal }) => api<ClaimChecks>(`/api/v1/aid/claims/${encodeURIComponent(id ?? '')}/checks`, { signal }),
    enabled: Boolean(id),
  });
}

/** The loss (fen) or days a reviewer is typing into the approval; an empty loss means the claim's own figure. */
export interface Assessed {
  assessedLossFen?: number;
  assessedDays?: number;
}

/**
 * What approving with these figures would pay: the claim's checks asked "as if assessed so", judged by the same rule,
 * limits and fallbacks as the approval itself. `null` (invalid input) asks nothing.
 */
export function useBenefitPreview(id: string, assessed: Assessed | null) {
  return useQuery({
    queryKey: ['aid', 'claim', id, 'checks', assessed],
    queryFn: ({ signal }) =>
      api<ClaimChecks>(`/api/v1/aid/claims/${encodeURIComponent(id)}/checks`, { query: { ...assessed }, signal }),
    enabled: assessed !== null,
    placeholderData: keepPreviousData,
  });
}

export type ReviewInput =
  | {
      kind: 'check';
      body: { outcome: 'pass' | 'return'; reason?: string; missingDocuments?: string[]; assessedLossFen?: number };
    }
  | {
      kind: 'decide';
      body: {
        decision: 'approve' | 'reject' | 'return';
        reason?: string;
        missingDocuments?: string[];
        assessedLossFen?: number;
        assessedDays?: number;
      };
    };

export function useReview(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: ReviewInput) =>
      api<Claim>(`/api/v1/aid/claims/${id}/${kind}`, { method: 'POST', body: { ...body } }),
    onSuccess: (claim) => {
      client.setQueryData(['aid', 'claim', id], claim);
      void client.invalidateQueries({ queryKey: ['aid', 'queue'] });
      void client.invalidateQueries({ queryKey: ['aid', 'claim', id, 'checks'] });
    },
  });
}

export type BatchStatus = 'open' | 'exported' | 'reconciled';
export type PayoutStatus = 'pending' | 'paid' | 'failed';

export interface BatchSummary {
  id: string;
  batchNo: string;
  status: BatchStatus;
  claimCount: number;
  totalFen: number;
  createdAt: string;
  exportedAt: string | null;
  reconciledAt: string | null;
}

export interface Payout {
  reference: string;
  claimId: string;
  payeeName: string;
  bankAccountMasked: string;
  bankName: string | null;
  amountFen: number;
  status: PayoutStatus;
  failureReason: string | null;
  settledOn: string | null;
}

export interface BatchDetail extends BatchSummary {
  payouts: Payout[];
}

export function useBatches() {
  return useQuery({
    queryKey: ['aid', 'batches'],
    queryFn: async ({ signal }) =>
      (await api<{ items: BatchSummary[] }>('/api/v1/aid/payout-batches', { signal })).items,
  });
}

export function useBatch(id: string | null) {
  return useQuery({
    queryKey: ['aid', 'batch', id],
    queryFn: ({ signal }) => api<BatchDetail>(`/api/v1/aid/payout-batches/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** A random key for one user intention (a batch to create); retries of the same intention send the same key. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `batch-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** One batch per click: the key is made once per dialog, so a double click or a retry replays, never pays twice. */
export function useCreateBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ claimIds, key }: { claimIds: string[]; key: string }) =>
      api<BatchDetail & { replayed: boolean; skipped: { claimId: string; reason: string }[] }>(
        '/api/v1/aid/payout-batches',
        { method: 'POST', body: { claimIds }, headers: { 'Idempotency-Key': key } },
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['aid', 'batches'] });
      void client.invalidateQueries({ queryKey: ['aid', 'queue'] });
    },
  });
}

export function useReconcile(batchId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ paid: number; failed: number; unchanged: number }>(
        `/api/v1/aid/payout-batches/${batchId}/reconciliation`,
        { method: 'POST', body: form },
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['aid', 'batch', batchId] });
      void client.invalidateQueries({ queryKey: ['aid', 'batches'] });
      void client.invalidateQueries({ queryKey: ['aid', 'queue'] });
    },
  });
}

/** Payee names in the bank file: masked (the default) or in full, for a bank that matches name with account. */
export type BankFileNames = 'masked' | 'full';

export const bankFileUrl = (batchId: string, format: 'csv' | 'xlsx', names: BankFileNames = 'masked') =>
  `/api/v1/aid/payout-batches/${encodeURIComponent(batchId)}/bank-file?format=${format}${names === 'full' ? '&names=full' : ''}`;

export type StatDimension = 'scheme' | 'coverage' | 'year' | 'district' | 'union';

export interface StatsQuery {
  groupBy?: string;
  from?: string;
  to?: string;
  audience?: 'internal' | 'external';
}

export interface StatsResult {
  groupBy: StatDimension[];
  rows: {
    keys: Record<string, string | null>;
    labels: Record<string, string | null>;
    beneficiaries: number | null;
    amountFen: number | null;
    suppressed: boolean;
  }[];
  total: { beneficiaries: number | null; amountFen: number | null; suppressed: boolean };
}

export function useStats(query: StatsQuery) {
  return useQuery({
    queryKey: ['aid', 'stats', query],
    queryFn: ({ signal }) => api<StatsResult>('/api/v1/aid/stats', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function statsXlsxUrl(query: StatsQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  return `/api/v1/aid/stats.xlsx?${params}`;
}
