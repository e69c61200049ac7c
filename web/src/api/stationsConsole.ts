import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** The staff side of the outdoor-worker stations (驿站): registry, status changes, exit reviews. */

/** Permission strings (user.permissions) that open the console's station pages and actions. */
export const STATION_PERMISSIONS = {
  read: 'stations.read',
  write: 'stations.write',
  oversee: 'stations.oversee',
  awards: 'stations.awards',
} as const;

export const STATION_STATUSES = ['planned', 'active', 'suspended', 'exited'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
export const MANAGEMENT_MODES = ['purchased', 'partnership', 'entrusted', 'self_run'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
/** The server's amenity vocabulary, the same list (a pure module both sides import). */
export { AMENITIES } from '../../../src/domains/stations/amenity.ts';
/** Beijing's districts, the region filter of a city federation's console. */
export const BEIJING_DISTRICTS = [
  '110101',
  '110102',
  '110105',
  '110106',
  '110107',
  '110108',
  '110109',
  '110111',
  '110112',
  '110113',
  '110114',
  '110115',
  '110116',
  '110117',
  '110118',
  '110119',
] as const;

export interface StationListItem {
  id: string;
  code: string;
  name: string;
  address: string;
  regionCode: string;
  unionId: string;
  unionName: string;
  managementMode: ManagementMode;
  status: StationStatus;
  lng: number;
  lat: number;
  amenities: string[];
  openingHoursText: string;
  updatedAt: string;
}

export interface StationListQuery {
  regionCode?: string;
  status?: StationStatus;
  managementMode?: ManagementMode;
  amenity?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface VerifiedStamp {
  at: string;
  by: string | null;
}

export interface StationDetail {
  id: string;
  code: string;
  stationType: string;
  name: string;
  address: string;
  regionCode: string;
  regionName: string | null;
  union: { id: string; code: string; name: string };
  hostOrg: string | null;
  managementMode: ManagementMode;
  lng: number;
  lat: number;
  openingHoursText: string;
  amenities: string[];
  phone: string | null;
  externalId: string | null;
  status: StationStatus;
  investmentFen: number | null;
  lastVerified: { hours?: VerifiedStamp; amenities?: VerifiedStamp; location?: VerifiedStamp };
  createdAt: string;
  updatedAt: string;
  history: { status: StationStatus; at: string; reason: string | null; actorId: string | null }[];
  photos: { id: string; fileRef: string; caption: string | null }[];
  operators: { accountId: string; displayName: string }[];
  allowed: { update: boolean; operate: boolean; nextStatuses: StationStatus[] };
}

export const EXIT_RULES = ['failed_inspections', 'verified_closed_reports', 'no_sign_of_life'] as const;
export type ExitRuleCode = (typeof EXIT_RULES)[number];

export interface ExitReason {
  rule: ExitRuleCode;
  count?: number;
  withinDays?: number;
  days?: number;
  since: string;
}

export interface ExitReview {
  id: string;
  station: { code: string; name: string; status: string };
  reasons: ExitReason[];
  openedAt: string;
  decision: 'keep' | 'exit' | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface ExitRunReport {
  dryRun: boolean;
  evaluated: number;
  opened: number;
  matched: { stationId: string; code: string; name: string; reasons: ExitReason[]; outcome: string }[];
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function useStationList(query: StationListQuery) {
  return useQuery({
    queryKey: ['stations', 'list', query],
    queryFn: ({ signal }) => api<Page<StationListItem>>('/api/v1/stations', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useStationDetail(ref: string | undefined) {
  return useQuery({
    queryKey: ['stations', 'detail', ref],
    queryFn: ({ signal }) => api<StationDetail>(`/api/v1/stations/${encodeURIComponent(ref ?? '')}`, { signal }),
    enabled: Boolean(ref),
  });
}

/** The printable A4 sign (public SVG with the QR code of the station's page). */
export const signUrl = (code: string) => `/api/v1/stations/${encodeURIComponent(code)}/sign.svg`;

export function useChangeStatus(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { status: StationStatus; reason: string }) =>
      api<void>(`/api/v1/stations/${encodeURIComponent(code)}/status`, { method: 'POST', body: { ...input } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stations'] }),
  });
}

export function useExitReviews(state: 'open' | 'decided', page: number, pageSize: number) {
  return useQuery({
    queryKey: ['stations', 'exit-reviews', state, page, pageSize],
    queryFn: ({ signal }) =>
      api<Page<ExitReview>>('/api/v1/stations/exit-reviews', { query: { state, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRunExitRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<ExitRunReport>('/api/v1/stations/exit-reviews/run', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stations'] }),
  });
}

export function useDecideExitReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: 'keep' | 'exit'; reason: string }) =>
      api<{ id: string; decision: string; decidedAt: string }>(
        `/api/v1/stations/exit-reviews/${encodeURIComponent(id)}/decision`,
        { method: 'POST', body },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stations'] }),
  });
}

// ---- inspections (巡查) -------------------------------------------------------------------------------------------

export interface ChecklistItem {
  key: string;
  label: string;
  weight: number;
}

export interface Checklist {
  id: string;
  name: string;
  items: ChecklistItem[];
  passScore: number;
  isDefault: boolean;
}

export interface Inspection {
  id: string;
  checklistId: string;
  checklistName: string;
  inspectedOn: string;
  inspector: { id: string; name: string };
  score: number;
  passScore: number;
  passed: boolean;
  results: { key: string; ok: boolean; note?: string }[];
  notes: string | null;
  photoRefs: string[];
  createdAt: string;
}

export interface InspectionInput {
  checklistId: string;
  inspectedOn: string;
  results: { key: string; ok: boolean }[];
  notes?: string;
}

export function useChecklists(enabled: boolean) {
  return useQuery({
    queryKey: ['stations', 'checklists'],
    queryFn: async ({ signal }) => (await api<{ items: Checklist[] }>('/api/v1/stations/checklists', { signal })).items,
    enabled,
    staleTime: 10 * 60_000,
  });
}

export function useInspections(code: string) {
  return useQuery({
    queryKey: ['stations', 'inspections', code],
    queryFn: async ({ signal }) =>
      (await api<{ items: Inspection[] }>(`/api/v1/stations/${encodeURIComponent(code)}/inspections`, { signal }))
        .items,
  });
}

export function useRecordInspection(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InspectionInput) =>
      api<{ id: string; score: number; passScore: number; passed: boolean; healthScore: number }>(
        `/api/v1/stations/${encodeURIComponent(code)}/inspections`,
        { method: 'POST', body: { ...input } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stations'] }),
  });
}

// ---- "most beautiful station" campaigns (最美驿站) ----------------------------------------------------------------

export type CampaignPhase = 'upcoming' | 'nomination' | 'between' | 'voting' | 'closed';

export interface Campaign {
  id: string;
  name: string;
  year: number;
  nominationFrom: string;
  nominationTo: string;
  votingFrom: string;
  votingTo: string;
  criteria: { key: string; label: string; weight: number; source: 'jury' | 'ratings' }[];
  publicWeight: number;
  juryWeight: number;
  phase: CampaignPhase;
  published: boolean;
}

export interface RankedStation {
  code: string;
  name: string;
  address: string;
  rank: number;
  stars: number;
  total: number;
  voteScore: number;
  criteriaScore: number;
  criteria: Record<string, number>;
  votes: number;
  flaggedVotes?: number;
  jurors?: number;
}

export function useCampaigns() {
  return useQuery({
    queryKey: ['stations', 'awards'],
    queryFn: async ({ signal }) => (await api<{ items: Campaign[] }>('/api/v1/stations/awards', { signal })).items,
  });
}

/** Published winners (four and five stars), or the full ranking for campaign staff. */
export function useCampaignRanking(id: string | undefined, view: 'winners' | 'results', enabled = true) {
  return useQuery({
    queryKey: ['stations', 'awards', id, view],
    queryFn: async ({ signal }) =>
      (
        await api<{ campaign: Campaign; items: RankedStation[] }>(
          `/api/v1/stations/awards/${encodeURIComponent(id ?? '')}/${view}`,
          { signal },
        )
      ).items,
    enabled: Boolean(id) && enabled,
  });
}

export function usePublishCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/stations/awards/${encodeURIComponent(id)}/publish`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stations', 'awards'] }),
  });
}
