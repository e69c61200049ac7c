import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClaimStatus, PrecheckInput, PrecheckResult } from './aid';
import { api } from './client';
import type { CardStatus, MemberStatus } from './types';

/**
 * The 12351 hotline as the console uses it: knowledge base (search, answers, synonyms), consultations (caller look-up,
 * pre-check and claim for the caller, close with outcome and follow-up) and reports. Shapes follow
 * src/domains/hotline/{kb,consultation}.schemas.ts.
 */

export const HOTLINE_PERMISSIONS = {
  answer: 'hotline.answer',
  kb: 'hotline.kb.manage',
} as const;

export const TOPICS = [
  'mutual_aid',
  'claim_status',
  'aid_card',
  'membership',
  'rights',
  'stations',
  'care',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];
export const OUTCOMES = ['answered', 'referred', 'claim_started', 'follow_up'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- knowledge base ----------------------------------------------------------------------------------------------

export interface CoverageRef {
  id: string;
  code: string;
  name: string;
}

export interface LinkedCoverage extends CoverageRef {
  scheme: { id: string; code: string; name: string };
  ruleEffectiveFrom: string | null;
  benefit: string | null;
  filingWindow: string | null;
  documents: { code: string; label: string; hint: string | null; condition: string | null }[];
  exclusions: string[];
  filingSteps: string[];
  precheckPath: string;
}

export interface Answer {
  id: string;
  title: string;
  body: string;
  tags: string[];
  status: 'active' | 'archived';
  schemes: { id: string; code: string; name: string }[];
  coverages: LinkedCoverage[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface AnswerSummary {
  id: string;
  title: string;
  tags: string[];
  status: 'active' | 'archived';
  coverages: CoverageRef[];
  updatedAt: string;
}

export interface AnswerBody {
  title: string;
  body: string;
  tags: string[];
  schemeIds: string[];
  coverageIds: string[];
}

export type MatchKind = 'text' | 'synonym' | 'pinyin' | 'initials';

export interface SearchResult {
  query: string;
  terms: string[];
  items: {
    id: string;
    title: string;
    snippet: string;
    tags: string[];
    coverages: CoverageRef[];
    score: number;
    matchedBy: MatchKind[];
  }[];
  recordedAsUnanswered: boolean;
}

export interface Synonym {
  id: string;
  terms: string[];
  updatedAt: string;
}

export function useKbSearch(q: string, consultationId?: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['hotline', 'search', query, consultationId ?? null],
    queryFn: ({ signal }) =>
      api<SearchResult>('/api/v1/hotline/kb/search', { query: { q: query, limit: 10, consultationId }, signal }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export interface AnswerListQuery {
  tag?: string;
  coverageId?: string;
  status?: 'active' | 'archived' | 'all';
  page: number;
  pageSize: number;
}

export function useAnswers(query: AnswerListQuery) {
  return useQuery({
    queryKey: ['hotline', 'answers', query],
    queryFn: ({ signal }) => api<PageOf<AnswerSummary>>('/api/v1/hotline/kb/answers', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAnswer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['hotline', 'answer', id],
    queryFn: ({ signal }) => api<Answer>(`/api/v1/hotline/kb/answers/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<AnswerBody> }) =>
      id
        ? api<Answer>(`/api/v1/hotline/kb/answers/${id}`, { method: 'PATCH', body: { ...body } })
        : api<Answer>('/api/v1/hotline/kb/answers', { method: 'POST', body: { ...body } }),
    onSuccess: (answer) => {
      client.setQueryData(['hotline', 'answer', answer.id], answer);
      void client.invalidateQueries({ queryKey: ['hotline', 'answers'] });
      void client.invalidateQueries({ queryKey: ['hotline', 'search'] });
    },
  });
}

export function useArchiveAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: string; archive: boolean }) =>
      api<Answer>(`/api/v1/hotline/kb/answers/${id}/${archive ? 'archive' : 'restore'}`, { method: 'POST' }),
    onSuccess: (answer) => {
      client.setQueryData(['hotline', 'answer', answer.id], answer);
      void client.invalidateQueries({ queryKey: ['hotline', 'answers'] });
    },
  });
}

export function useSynonyms() {
  return useQuery({
    queryKey: ['hotline', 'synonyms'],
    queryFn: async ({ signal }) => (await api<{ items: Synonym[] }>('/api/v1/hotline/kb/synonyms', { signal })).items,
  });
}

export function useSaveSynonym() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, terms }: { id?: string; terms: string[] }) =>
      id
        ? api<Synonym>(`/api/v1/hotline/kb/synonyms/${id}`, { method: 'PUT', body: { terms } })
        : api<Synonym>('/api/v1/hotline/kb/synonyms', { method: 'POST', body: { terms } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['hotline', 'synonyms'] });
      void client.invalidateQueries({ queryKey: ['hotline', 'search'] });
    },
  });
}

export function useDeleteSynonym() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/hotline/kb/synonyms/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['hotline', 'synonyms'] }),
  });
}

// ---- consultations -----------------------------------------------------------------------------------------------

export interface CallerMember {
  id: string;
  name: string;
  union: { id: string; name: string };
  memberStatus: MemberStatus;
  idNumberMasked: string;
  card: {
    cardNoMasked: string;
    status: CardStatus;
    validFrom: string;
    validTo: string;
    coversToday: boolean;
  } | null;
}

export interface CallerLookup {
  phoneMasked: string;
  member: CallerMember | null;
  previous: { id: string; startedAt: string; topic: Topic | null; outcome: Outcome | null }[];
}

export interface ClaimRef {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  coverage: { code: string; name: string };
  incidentDate: string;
  relation: 'started' | 'looked_up';
}

export interface FollowUp {
  id: string;
  consultationId: string;
  dueAt: string;
  note: string;
  doneAt: string | null;
  doneNote: string | null;
  overdue: boolean;
  callerPhoneMasked: string;
  memberName: string | null;
  topic: Topic | null;
}

export interface Consultation {
  id: string;
  channel: 'phone' | 'chat';
  callerPhone: string;
  member: CallerMember | null;
  union: { id: string; name: string };
  operator: { id: string; name: string };
  topic: Topic | null;
  question: string | null;
  notes: string | null;
  outcome: Outcome | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  firstAnswerAt: string | null;
  secondsToFirstAnswer: number | null;
  answers: { id: string; title: string; linkedAt: string }[];
  prechecks: { at: string; coverageCode: string; incidentDate: string; eligible: boolean; deadline: string | null }[];
  claims: ClaimRef[];
  followUps: FollowUp[];
  satisfaction: { score: number; comment: string | null; source: 'caller' | 'operator'; at: string } | null;
  feedbackLink: { token: string; path: string; expiresAt: string } | null;
}

export interface ConsultationRow {
  id: string;
  channel: 'phone' | 'chat';
  callerPhoneMasked: string;
  memberName: string | null;
  unionName: string;
  topic: Topic | null;
  outcome: Outcome | null;
  startedAt: string;
  durationSeconds: number | null;
  operatorName: string;
}

export interface CallerClaim {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  statusChangedAt: string;
  coverage: { code: string; name: string };
  incidentDate: string;
  approvedAmountFen: number | null;
  decisionReason: string | null;
  /** When the payment reached her; null until paid. */
  paidAt: string | null;
}

export function useTopics() {
  return useQuery({
    queryKey: ['hotline', 'topics'],
    queryFn: ({ signal }) =>
      api<{ topics: { code: Topic; label: string }[]; outcomes: { code: Outcome; label: string }[] }>(
        '/api/v1/hotline/topics',
        { signal },
      ),
    staleTime: 10 * 60_000,
  });
}

export function useCallerLookup() {
  return useMutation({
    mutationFn: (input: { phone: string; consultationId?: string }) =>
      api<CallerLookup>('/api/v1/hotline/caller-lookups', { method: 'POST', body: { ...input } }),
  });
}

const consultationKey = (id: string) => ['hotline', 'consultation', id] as const;

export function useConsultation(id: string | null) {
  return useQuery({
    queryKey: consultationKey(id ?? ''),
    queryFn: ({ signal }) => api<Consultation>(`/api/v1/hotline/consultations/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Every consultation write answers with the whole consultation: keep the cache and the lists in step. */
function useConsultationWrite<I>(fn: (input: I) => Promise<Consultation>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (c) => {
      client.setQueryData(consultationKey(c.id), c);
      void client.invalidateQueries({ queryKey: ['hotline', 'consultations'] });
      void client.invalidateQueries({ queryKey: ['hotline', 'follow-ups'] });
    },
  });
}

export function useStartConsultation() {
  return useConsultationWrite(
    (input: { channel: 'phone' | 'chat'; callerPhone: string; memberId?: string; topic?: Topic; question?: string }) =>
      api<Consultation>('/api/v1/hotline/consultations', { method: 'POST', body: { ...input } }),
  );
}

export function usePatchConsultation(id: string) {
  return useConsultationWrite((patch: { topic?: Topic; question?: string; notes?: string }) =>
    api<Consultation>(`/api/v1/hotline/consultations/${id}`, { method: 'PATCH', body: { ...patch } }),
  );
}

export function useLinkAnswer(id: string) {
  return useConsultationWrite((answerId: string) =>
    api<Consultation>(`/api/v1/hotline/consultations/${id}/answers`, { method: 'POST', body: { answerId } }),
  );
}

export interface CloseInput {
  outcome: Outcome;
  notes?: string;
  followUp?: { dueAt: string; note: string };
}

export function useCloseConsultation(id: string) {
  return useConsultationWrite((input: CloseInput) =>
    api<Consultation>(`/api/v1/hotline/consultations/${id}/close`, { method: 'POST', body: { ...input } }),
  );
}

export function useSatisfaction(id: string) {
  return useConsultationWrite((input: { score: number; comment?: string }) =>
    api<Consultation>(`/api/v1/hotline/consultations/${id}/satisfaction`, { method: 'POST', body: { ...input } }),
  );
}

export function useCallerPrecheck(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PrecheckInput) =>
      api<PrecheckResult>(`/api/v1/hotline/consultations/${id}/precheck`, { method: 'POST', body: { ...input } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: consultationKey(id) }),
  });
}

export interface StartClaimInput {
  coverageCode: string;
  incidentDate: string;
  incidentAddress: string;
  description?: string;
  answers: Record<string, string>;
  claimedLossFen?: number;
}

export function useStartCallerClaim(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartClaimInput) =>
      api<ClaimRef>(`/api/v1/hotline/consultations/${id}/claims`, { method: 'POST', body: { ...input } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: consultationKey(id) });
      void client.invalidateQueries({ queryKey: ['hotline', 'caller-claims', id] });
    },
  });
}

export function useLinkClaim(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (claimNo: string) =>
      api<ClaimRef>(`/api/v1/hotline/consultations/${id}/claims/link`, { method: 'POST', body: { claimNo } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: consultationKey(id) }),
  });
}

export function useCallerClaims(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['hotline', 'caller-claims', id],
    queryFn: async ({ signal }) =>
      (await api<{ items: CallerClaim[] }>(`/api/v1/hotline/consultations/${id}/caller-claims`, { signal })).items,
    enabled: Boolean(id) && enabled,
  });
}

export interface ConsultationListQuery {
  state?: 'open' | 'closed' | 'all';
  topic?: Topic;
  outcome?: Outcome;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useConsultations(query: ConsultationListQuery) {
  return useQuery({
    queryKey: ['hotline', 'consultations', query],
    queryFn: ({ signal }) =>
      api<PageOf<ConsultationRow>>('/api/v1/hotline/consultations', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The operator's own open call, newest first, or null: a reload (or a return from another page) takes her back to it
 * instead of leaving it "in progress" for ever.
 */
export function useMyOpenCall() {
  return useQuery({
    queryKey: ['hotline', 'consultations', 'mine-open'],
    queryFn: async ({ signal }) =>
      (
        await api<PageOf<ConsultationRow>>('/api/v1/hotline/consultations', {
          query: { state: 'open', mine: 'true', page: 1, pageSize: 1 },
          signal,
        })
      ).items[0] ?? null,
    staleTime: 0,
  });
}

export function useFollowUps(state: 'open' | 'overdue' | 'done' | 'all', pageSize = 20) {
  return useQuery({
    queryKey: ['hotline', 'follow-ups', state, pageSize],
    queryFn: ({ signal }) =>
      api<PageOf<FollowUp>>('/api/v1/hotline/follow-ups', { query: { state, page: 1, pageSize }, signal }),
  });
}

export function useFollowUpDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api<FollowUp>(`/api/v1/hotline/follow-ups/${id}/done`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['hotline', 'follow-ups'] }),
  });
}

// ---- reports -----------------------------------------------------------------------------------------------------

export interface ReportRange {
  from: string;
  to: string;
}

export interface ConsultationReport extends ReportRange {
  total: number;
  byTopic: { topic: Topic | null; count: number }[];
  byUnion: { unionId: string; unionName: string; count: number }[];
  byWeek: { week: string; count: number }[];
}

export interface UnansweredReport {
  searches: { query: string; count: number; lastAt: string }[];
  referred: { id: string; startedAt: string; topic: Topic | null; question: string | null; unionName: string }[];
}

export interface FirstAnswerReport {
  consultations: number;
  answered: number;
  averageSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  byTopic: { topic: Topic | null; answered: number; medianSeconds: number | null }[];
}

function useReport<T>(name: string, range: ReportRange, enabled = true) {
  return useQuery({
    queryKey: ['hotline', 'report', name, range],
    queryFn: ({ signal }) => api<T>(`/api/v1/hotline/reports/${name}`, { query: { ...range }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useConsultationReport = (range: ReportRange) => useReport<ConsultationReport>('consultations', range);
export const useUnansweredReport = (range: ReportRange, enabled = true) =>
  useReport<UnansweredReport>('unanswered', range, enabled);
export const useFirstAnswerReport = (range: ReportRange) => useReport<FirstAnswerReport>('first-answer', range);
