import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Labelled as MatrixItem,
  QuestionType,
  SurveyDefinition,
} from '../../../src/domains/surveys/survey-definition.ts';
import { ApiError, api } from './client';

/**
 * 问卷调查 as the web app uses it: definitions, publishing, links, results (staff); answering (member, public link).
 * Shapes follow /work/notes/surveys-contract.md and src/domains/surveys/survey-definition.ts.
 */

export const SURVEY_PERMISSIONS = { read: 'surveys.read', manage: 'surveys.manage' } as const;

// The definition's shapes are the server's own (a pure module), so the builder and the validator cannot drift apart.
export {
  type Labelled as MatrixItem,
  type Option as Choice,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type Section,
  type ShowIf,
  type SurveyDefinition,
} from '../../../src/domains/surveys/survey-definition.ts';

export type SurveyStatus = 'draft' | 'scheduled' | 'open' | 'closed';

export type AnswerValue =
  | { optionId: string; otherText?: string }
  | { optionIds: string[]; otherText?: string }
  | number
  | string
  | Record<string, string>;

export type Answers = Record<string, AnswerValue>;

export const AGE_BANDS = ['under30', '30to39', '40to49', '50plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AUDIENCE_UNION_KINDS = ['workplace', 'home'] as const;
export type AudienceUnionKind = (typeof AUDIENCE_UNION_KINDS)[number];

/** Narrows the audience union's subtree: members' age band at opening, kind of their union. */
export interface AudienceFilter {
  ageBands?: AgeBand[];
  unionKinds?: AudienceUnionKind[];
}

export interface Publication {
  audienceUnionId: string;
  audienceUnionName: string;
  audienceFilter: AudienceFilter;
  opensAt: string;
  closesAt: string;
  graceMinutes: number;
  closedMessage: string | null;
  anonymous: boolean;
  quota: number | null;
  publishedAt: string;
  closedAt: string | null;
  closedReason: 'manual' | 'quota' | null;
}

export interface SurveySummary {
  id: string;
  title: string;
  status: SurveyStatus;
  version: number;
  ownerUnionId: string;
  ownerUnionName: string;
  audienceUnionName: string | null;
  opensAt: string | null;
  closesAt: string | null;
  anonymous: boolean | null;
  /** all responses: members' and through single-use public links */
  responses: number;
  memberResponses: number;
  /** members in the audience (0 before publication) */
  audienceSize: number;
  /** memberResponses / audienceSize (at most 1), null without an audience */
  responseRate: number | null;
  createdAt: string;
}

export interface Survey {
  id: string;
  status: SurveyStatus;
  version: number;
  ownerUnionId: string;
  ownerUnionName: string;
  definition: SurveyDefinition;
  publication: Publication | null;
  counts: { responses: number; audience: number; links: number };
  versions: { version: number; createdAt: string; responses: number }[];
}

export interface PublishInput {
  audienceUnionId: string;
  audienceFilter?: AudienceFilter;
  opensAt: string;
  closesAt: string;
  graceMinutes?: number;
  closedMessage?: string;
  anonymous: boolean;
  quota?: number;
}

export interface SurveyLink {
  token: string;
  url: string;
  qrUrl: string;
}

export interface OptionResult {
  id: string;
  label: string;
  count: number;
  /** 0..1 of the question's answered */
  share: number;
}

export interface QuestionResult {
  id: string;
  type: QuestionType;
  title: string;
  answered: number;
  options?: OptionResult[];
  stats?: { mean: number | null; min: number | null; max: number | null; median: number | null };
  matrix?: {
    columns: MatrixItem[];
    /** counts in column order */
    rows: (MatrixItem & { counts: number[]; answered: number })[];
  };
  suppressed: boolean;
}

export interface Results {
  audienceSize: number;
  /**
   * memberResponses (members of the audience) + linkResponses (QR codes / public links, no account); null in an
   * anonymous survey under an answer filter that fewer than 5 responses match (the count itself is an answer)
   */
  responses: number | null;
  memberResponses: number | null;
  linkResponses: number | null;
  /** memberResponses / audienceSize, at most 1 */
  responseRate: number | null;
  /** an anonymous survey filtered to fewer than 5 responses: per-question figures are withheld */
  suppressed: boolean;
  /** counts are null in an anonymous survey under an answer filter: per union they are cross-tab cells */
  byUnion: {
    unionId: string;
    name: string;
    responses: number | null;
    memberResponses: number | null;
    audience: number;
  }[];
  questions: QuestionResult[];
}

export interface Crosstab {
  /** an anonymous survey with fewer than 5 matching responses: no rows, no totals */
  suppressed: boolean;
  /** suppressed: a row of fewer than 5 responses of an anonymous survey (or the one withheld with it) */
  rows: { id: string; label: string; suppressed: boolean }[];
  columns: { id: string; label: string }[];
  /** cells[row][column] = respondents, null in a withheld row (a multiple-choice axis counts each picked option) */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  /** over every row, withheld ones included; null when these are too few to hide among */
  columnTotals: (number | null)[];
  /** the grand total */
  total: number | null;
}

export interface TextAnalysis {
  /** an anonymous survey with fewer than 5 text answers: no terms and no count */
  suppressed: boolean;
  answered: number | null;
  terms: { term: string; count: number }[];
  phrases: { term: string; count: number }[];
}

/** Filters of the results page: a union and answers to choice questions (questionId → optionId). */
export interface ResultsFilter {
  unionId?: string;
  answers?: Record<string, string>;
}

const base = '/api/v1/surveys';
const enc = encodeURIComponent;

function filterQuery(filter: ResultsFilter): Record<string, string | undefined> {
  return { unionId: filter.unionId, ...(filter.answers ?? {}) };
}

// ---- staff -------------------------------------------------------------------------------------------------------

export function useSurveys(status?: SurveyStatus) {
  return useQuery({
    queryKey: ['surveys', 'list', status ?? 'all'],
    queryFn: async ({ signal }) => (await api<{ items: SurveySummary[] }>(base, { query: { status }, signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({
    queryKey: ['surveys', 'one', id],
    queryFn: ({ signal }) => api<Survey>(`${base}/${enc(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveDefinition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, definition }: { id?: string; definition: SurveyDefinition }) => {
      if (!id) {
        const created = await api<{ id: string }>(base, { method: 'POST', body: { definition } });
        return { id: created.id, version: 1 };
      }
      const saved = await api<{ version: number }>(`${base}/${enc(id)}/definition`, {
        method: 'PUT',
        body: { definition },
      });
      return { id, version: saved.version };
    },
    onSuccess: ({ id }) => {
      void client.invalidateQueries({ queryKey: ['surveys', 'list'] });
      void client.invalidateQueries({ queryKey: ['surveys', 'one', id] });
    },
  });
}

export function useImportDefinition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (definition: SurveyDefinition) =>
      api<{ id: string }>(`${base}/import`, { method: 'POST', body: { definition } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['surveys', 'list'] }),
  });
}

export function usePublish(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishInput) =>
      api<Survey>(`${base}/${enc(id)}/publish`, { method: 'POST', body: { ...input } }),
    onSuccess: (survey) => {
      client.setQueryData(['surveys', 'one', id], survey);
      void client.invalidateQueries({ queryKey: ['surveys', 'list'] });
    },
  });
}

export function useCloseSurvey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Survey>(`${base}/${enc(id)}/close`, { method: 'POST', body: {} }),
    onSuccess: (survey) => {
      client.setQueryData(['surveys', 'one', survey.id], survey);
      void client.invalidateQueries({ queryKey: ['surveys', 'list'] });
    },
  });
}

export function useCreateLinks(id: string) {
  return useMutation({
    mutationFn: async (count: number) =>
      (await api<{ items: SurveyLink[] }>(`${base}/${enc(id)}/links`, { method: 'POST', body: { count } })).items,
  });
}

export const linkQrUrl = (token: string) => `${base}/links/${enc(token)}/qr.svg`;
export const definitionJsonUrl = (id: string) => `${base}/${enc(id)}/definition.json`;

/** The page a worker without an account opens: /q/:token on this origin (/s/ is the station page). */
export function publicLinkUrl(link: SurveyLink): string {
  return `${window.location.origin}/q/${enc(link.token)}`;
}

/** The whole survey's responses (cells under 5 suppressed by the server), with stable response ids. */
export const exportUrl = (id: string, format: 'xlsx' | 'csv') => `${base}/${enc(id)}/export.${format}`;

/** Live results: refetched every 15 s while the page is open, so counts follow the answers as they come in. */
export function useResults(id: string, filter: ResultsFilter) {
  return useQuery({
    queryKey: ['surveys', 'results', id, filter],
    queryFn: ({ signal }) => api<Results>(`${base}/${enc(id)}/results`, { query: filterQuery(filter), signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export interface CrosstabQuery {
  rowQuestion?: string;
  byUnion?: boolean;
  colQuestion?: string;
}

export function useCrosstab(id: string, q: CrosstabQuery, filter: ResultsFilter) {
  return useQuery({
    queryKey: ['surveys', 'crosstab', id, q, filter],
    queryFn: ({ signal }) =>
      api<Crosstab>(`${base}/${enc(id)}/crosstab`, {
        query: {
          rowQuestion: q.byUnion ? undefined : q.rowQuestion,
          byUnion: q.byUnion ? 'true' : undefined,
          colQuestion: q.colQuestion,
          unionId: filter.unionId,
        },
        signal,
      }),
    enabled: Boolean(q.colQuestion && (q.byUnion || q.rowQuestion)),
    placeholderData: keepPreviousData,
  });
}

export function useTextAnalysis(id: string, questionId: string | undefined, filter: ResultsFilter) {
  return useQuery({
    queryKey: ['surveys', 'text', id, questionId, filter],
    queryFn: ({ signal }) =>
      api<TextAnalysis>(`${base}/${enc(id)}/text/${enc(questionId ?? '')}`, {
        query: { limit: 30, unionId: filter.unionId },
        signal,
      }),
    enabled: Boolean(questionId),
    placeholderData: keepPreviousData,
  });
}

export interface TermAnswers {
  /** an anonymous survey with fewer than 5 text answers: none listed */
  suppressed: boolean;
  items: { responseId: string; text: string }[];
}

export function useTermAnswers(
  id: string,
  questionId: string | undefined,
  term: string | undefined,
  filter: ResultsFilter,
) {
  return useQuery({
    queryKey: ['surveys', 'text', id, questionId, 'answers', term, filter.unionId],
    queryFn: ({ signal }) =>
      api<TermAnswers>(`${base}/${enc(id)}/text/${enc(questionId ?? '')}/answers`, {
        query: { term, limit: 200, unionId: filter.unionId },
        signal,
      }),
    enabled: Boolean(questionId && term),
  });
}

// ---- member and public link --------------------------------------------------------------------------------------

export interface MySurveyItem {
  id: string;
  title: string;
  closesAt: string;
  status: SurveyStatus;
  answered: boolean;
  hasDraft: boolean;
  anonymous: boolean;
}

/** What an answering page needs, from the member route or a public link. */
export interface AnswerSheet {
  survey: {
    id: string;
    version: number;
    definition: SurveyDefinition;
    status: SurveyStatus;
    opensAt: string;
    closesAt: string;
    anonymous: boolean;
    closedMessage: string | null;
  };
  draft?: Answers | null;
  submitted: boolean;
}

export function useMySurveys(enabled = true) {
  return useQuery({
    queryKey: ['me', 'surveys'],
    queryFn: async ({ signal }) => (await api<{ items: MySurveyItem[] }>('/api/v1/me/surveys', { signal })).items,
    enabled,
  });
}

/** Where the member's or the link's answers go: the same three calls on two route prefixes. */
export function answerEndpoint(target: { surveyId: string } | { token: string }): string {
  return 'token' in target
    ? `/api/v1/public/surveys/${enc(target.token)}`
    : `/api/v1/me/surveys/${enc(target.surveyId)}`;
}

export function useAnswerSheet(endpoint: string) {
  return useQuery({
    queryKey: ['answer-sheet', endpoint],
    queryFn: ({ signal }) => api<AnswerSheet>(endpoint, { signal }),
    // an unknown, spent or mistyped link stays so: only a network or server failure is worth a second try
    retry: (failures, err) => failures < 1 && !(err instanceof ApiError && err.status < 500),
    // a draft being typed must not be replaced under the member's fingers
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function saveDraft(endpoint: string, answers: Answers, signal?: AbortSignal) {
  return api<{ savedAt: string; errors: { field: string; message: string }[] }>(`${endpoint}/draft`, {
    method: 'PUT',
    body: { answers },
    signal,
  });
}

export function submitResponse(endpoint: string, answers: Answers, submissionKey: string) {
  return api<{ responseId: string }>(`${endpoint}/responses`, {
    method: 'POST',
    body: { answers, submissionKey },
  });
}
