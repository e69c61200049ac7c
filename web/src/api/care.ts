import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/**
 * Care and benefits (关爱/普惠) as the web app uses it: stock and its ledger, distributions with hand-overs and
 * confirmations, care activities, competitions, supervision visits and volunteer shifts. Shapes follow
 * `src/domains/care/*.schemas.ts` (see /work/notes/care-contract.md).
 */

export const CARE_PERMISSIONS = { read: 'care.read', manage: 'care.manage' } as const;

const BASE = '/api/v1/care';
const ME = '/api/v1/me/care';
const enc = encodeURIComponent;

// ---- stock -------------------------------------------------------------------------------------------------------

export type ItemKind = 'item' | 'kit';

export interface CareItem {
  id: string;
  name: string;
  unit: string;
  kind: ItemKind;
  components?: { itemId: string; quantity: number; itemName: string }[];
}

export interface StockRow {
  unionId: string;
  unionName: string;
  itemId: string;
  itemName: string;
  unit: string;
  kind?: ItemKind;
  quantity: number;
  lowStockThreshold: number | null;
  low: boolean;
}

export type MovementKind = 'receipt' | 'transfer_out' | 'transfer_in' | 'handover' | 'return' | 'correction';
export const MOVEMENT_KINDS: MovementKind[] = [
  'receipt',
  'transfer_out',
  'transfer_in',
  'handover',
  'return',
  'correction',
];

export interface Movement {
  id: string;
  at: string;
  kind: MovementKind;
  itemId: string;
  itemName: string;
  quantity: number;
  unionId: string;
  unionName: string;
  batch: string | null;
  ref: string | null;
  by: string | null;
  note: string | null;
  correctsMovementId: string | null;
}

export interface ReceiptInput {
  unionId: string;
  source: 'purchase' | 'donation';
  fundingSource: string;
  supplier?: string;
  receivedOn: string;
  lines: { itemId: string; quantity: number; batch?: string }[];
}

export interface CorrectionInput {
  unionId: string;
  itemId: string;
  quantity: number;
  reason: string;
  correctsMovementId?: string;
}

export interface ItemInput {
  name: string;
  unit: string;
  kind: ItemKind;
  components?: { itemId: string; quantity: number }[];
}

const items = <T>(body: { items: T[] } | T[]): T[] => (Array.isArray(body) ? body : body.items);

export function useCareItems() {
  return useQuery({
    queryKey: ['care', 'items'],
    queryFn: async ({ signal }) => items(await api<{ items: CareItem[] }>(`${BASE}/items`, { signal })),
    staleTime: 60_000,
  });
}

export function useStock(unionId?: string) {
  return useQuery({
    queryKey: ['care', 'stock', unionId ?? null],
    queryFn: async ({ signal }) =>
      items(await api<{ items: StockRow[] }>(`${BASE}/stock`, { query: { unionId }, signal })),
    placeholderData: keepPreviousData,
  });
}

export interface MovementQuery {
  unionId?: string;
  itemId?: string;
  limit?: number;
}

export function useMovements(query: MovementQuery) {
  return useQuery({
    queryKey: ['care', 'movements', query],
    queryFn: async ({ signal }) =>
      items(await api<{ items: Movement[] }>(`${BASE}/movements`, { query: { ...query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** A write that changes stock: every stock-derived view is refetched afterwards. */
function useCareWrite<I, O>(fn: (input: I) => Promise<O>, extraKeys: string[][] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of [['care', 'stock'], ['care', 'movements'], ['care', 'items'], ...extraKeys])
        void client.invalidateQueries({ queryKey: key });
    },
  });
}

export const useCreateItem = () =>
  useCareWrite((input: ItemInput) => api<{ id: string }>(`${BASE}/items`, { method: 'POST', body: { ...input } }));

export const useCreateReceipt = () =>
  useCareWrite((input: ReceiptInput) =>
    api<{ id: string }>(`${BASE}/receipts`, { method: 'POST', body: { ...input } }),
  );

/** Sets (or clears with null) the level under which a union's stock of an item shows as low. */
export const useSetThreshold = () =>
  useCareWrite((input: { unionId: string; itemId: string; threshold: number | null }) =>
    api<unknown>(`${BASE}/stock/threshold`, { method: 'PUT', body: { ...input } }),
  );

export const useCreateCorrection = () =>
  useCareWrite((input: CorrectionInput) =>
    api<{ id: string }>(`${BASE}/corrections`, { method: 'POST', body: { ...input } }),
  );

// ---- distributions -----------------------------------------------------------------------------------------------

export interface Recipient {
  kind: 'union' | 'member';
  id: string;
  name: string;
  code: string | null;
}

export interface DistributionLine {
  id: string;
  recipient: Recipient;
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
}

export interface Handover {
  id: string;
  lineId: string;
  quantity: number;
  at: string;
  handedOverBy: string | null;
  signedName: string | null;
  hasSignature: boolean;
  confirmedAt: string | null;
  confirmMethod: 'signature' | 'qr' | 'representative' | null;
  /** present while unconfirmed: the QR code encodes it */
  confirmToken: string | null;
}

export interface DistributionSummary {
  id: string;
  title: string;
  fromUnionId: string;
  fromUnionName: string;
  itemId: string;
  itemName: string;
  unit: string;
  createdAt: string;
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
}

export interface Distribution extends DistributionSummary {
  note: string | null;
  lines: DistributionLine[];
  handovers: Handover[];
}

export interface DistributionInput {
  title: string;
  fromUnionId: string;
  itemId: string;
  lines: ({ toUnionId: string; planned: number } | { toMemberId: string; planned: number })[];
}

export interface HandoverInput {
  lineId: string;
  quantity: number;
  handedOverBy?: string;
  signedName?: string;
  /** the receiver's signature drawn on the hand-over dialog, as a PNG data URL */
  signaturePng?: string;
}

export interface Tally {
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
  /** planned − (delivered − returned): still to hand over */
  outstanding: number;
  /** delivered − confirmed */
  unconfirmed: number;
}

export interface ReconciliationRow extends Tally {
  lineId: string;
  recipient: Recipient;
}

export interface Reconciliation {
  distributionId: string;
  title: string;
  items: ReconciliationRow[];
  totals: Tally;
  balanced: boolean;
}

export function useDistributions() {
  return useQuery({
    queryKey: ['care', 'distributions'],
    queryFn: async ({ signal }) =>
      items(await api<{ items: DistributionSummary[] }>(`${BASE}/distributions`, { signal })),
  });
}

export function useDistribution(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'distribution', id],
    queryFn: ({ signal }) => api<Distribution>(`${BASE}/distributions/${enc(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useReconciliation(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'distribution', id, 'reconciliation'],
    queryFn: ({ signal }) => api<Reconciliation>(`${BASE}/distributions/${enc(id ?? '')}/reconciliation`, { signal }),
    enabled: Boolean(id),
  });
}

export const reconciliationXlsxUrl = (id: string) => `${BASE}/distributions/${enc(id)}/reconciliation.xlsx`;

export const useCreateDistribution = () =>
  useCareWrite(
    (input: DistributionInput) => api<{ id: string }>(`${BASE}/distributions`, { method: 'POST', body: { ...input } }),
    [['care', 'distributions']],
  );

export const useHandover = (id: string) =>
  useCareWrite(
    (input: HandoverInput) =>
      api<{ id: string; confirmToken: string | null; confirmed: boolean }>(
        `${BASE}/distributions/${enc(id)}/handovers`,
        {
          method: 'POST',
          body: { ...input },
        },
      ),
    [
      ['care', 'distribution', id],
      ['care', 'distributions'],
    ],
  );

export interface IncomingHandover {
  id: string;
  distributionId: string;
  distributionTitle: string;
  fromUnionName: string;
  toUnionName: string;
  itemName: string;
  quantity: number;
  at: string;
}

/** Unconfirmed hand-overs to unions in the staff member's subtree, for their representative to confirm. */
export function useIncomingHandovers() {
  return useQuery({
    queryKey: ['care', 'distributions', 'incoming'],
    queryFn: async ({ signal }) =>
      items(await api<{ items: IncomingHandover[] }>(`${BASE}/handovers/incoming`, { signal })),
  });
}

export const useStaffConfirm = (distributionId: string) =>
  useCareWrite(
    ({ handoverId, ...body }: { handoverId: string; signedName: string; token?: string; signaturePng?: string }) =>
      api<void>(`${BASE}/handovers/${enc(handoverId)}/confirm`, { method: 'POST', body }),
    [
      ['care', 'distribution', distributionId],
      ['care', 'distributions'],
    ],
  );

export const useReturn = (id: string) =>
  useCareWrite(
    (input: { lineId: string; quantity: number; reason: string }) =>
      api<{ id: string }>(`${BASE}/distributions/${enc(id)}/returns`, { method: 'POST', body: { ...input } }),
    [
      ['care', 'distribution', id],
      ['care', 'distributions'],
    ],
  );

/** The link a receiver opens (QR code) to confirm a hand-over with their own account. */
export const confirmLink = (token: string) => `${window.location.origin}/care/confirm/${enc(token)}`;

// ---- member: hand-overs to confirm ---------------------------------------------------------------------------------

export interface MyHandover {
  id: string;
  distributionTitle: string;
  fromUnionName: string;
  itemName: string;
  unit: string;
  quantity: number;
  at: string;
  confirmedAt: string | null;
}

export function useMyHandovers() {
  return useQuery({
    queryKey: ['care', 'me', 'handovers'],
    queryFn: async ({ signal }) => items(await api<{ items: MyHandover[] }>(`${ME}/handovers`, { signal })),
  });
}

export function useConfirmByToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<{ id: string; confirmedAt: string; quantity: number }>(`${ME}/handovers/confirm`, {
        method: 'POST',
        body: { token },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['care', 'me'] }),
  });
}

// ---- activities --------------------------------------------------------------------------------------------------

export const ACTIVITY_KINDS = ['summer_relief', 'winter_warmth', 'festival_visit', 'health', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityPlace {
  name: string;
  stationCode: string | null;
  lng: number | null;
  lat: number | null;
}

export interface ActivitySummary {
  id: string;
  title: string;
  kind: ActivityKind;
  unionId: string;
  unionName: string;
  startsOn: string;
  endsOn: string;
  places: ActivityPlace[];
  peopleReached: number;
  itemsHandedOut: number;
}

export interface ActivityDetail extends ActivitySummary {
  teams: { name: string; leader: string; members: string[] }[];
  notes: string | null;
  handouts: {
    id: string;
    itemId: string;
    itemName: string;
    unit: string;
    quantity: number;
    placeName: string;
    handedOn: string;
  }[];
  reach: { id: string; date: string; placeName: string; people: number }[];
  photos: { id: string; caption: string | null; contentType: string; url: string }[];
}

export interface ActivityInput {
  title: string;
  kind: ActivityKind;
  unionId: string;
  startsOn: string;
  endsOn: string;
  places: { name: string; stationCode?: string; lng?: number; lat?: number }[];
  teams: { name: string; leader: string; members?: string[] }[];
  notes?: string;
}

export interface ActivityReport {
  activity: ActivitySummary;
  byItem: { itemId: string; itemName: string; unit: string; quantity: number }[];
  byPlace: { placeName: string; peopleReached: number; itemsHandedOut: number }[];
  peopleReached: number;
}

export interface PeriodReport {
  from: string;
  to: string;
  activities: ActivitySummary[];
  byItem: ActivityReport['byItem'];
  byUnion: { unionId: string; unionName: string; activities: number; peopleReached: number; itemsHandedOut: number }[];
  peopleReached: number;
}

export function useActivities(from: string, to: string) {
  return useQuery({
    queryKey: ['care', 'activities', from, to],
    queryFn: async ({ signal }) =>
      items(await api<{ items: ActivitySummary[] }>(`${BASE}/activities`, { query: { from, to }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'activity', id],
    queryFn: ({ signal }) => api<ActivityDetail>(`${BASE}/activities/${enc(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useActivityReport(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'activity', id, 'report'],
    queryFn: ({ signal }) => api<ActivityReport>(`${BASE}/activities/${enc(id ?? '')}/report`, { signal }),
    enabled: Boolean(id),
  });
}

export function usePeriodReport(from: string, to: string) {
  return useQuery({
    queryKey: ['care', 'activities', 'report', from, to],
    queryFn: ({ signal }) => api<PeriodReport>(`${BASE}/reports/activities`, { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const activitiesReportXlsxUrl = (from: string, to: string) =>
  `${BASE}/reports/activities.xlsx?from=${enc(from)}&to=${enc(to)}`;

export const useCreateActivity = () =>
  useCareWrite(
    (input: ActivityInput) => api<{ id: string }>(`${BASE}/activities`, { method: 'POST', body: { ...input } }),
    [['care', 'activities']],
  );

export const useActivityHandout = (id: string) =>
  useCareWrite(
    (input: { itemId: string; quantity: number; placeName: string; handedOn?: string }) =>
      api<{ id: string }>(`${BASE}/activities/${enc(id)}/handouts`, { method: 'POST', body: { ...input } }),
    [
      ['care', 'activity', id],
      ['care', 'activities'],
    ],
  );

export const useActivityReach = (id: string) =>
  useCareWrite(
    (input: { date: string; placeName: string; people: number }) =>
      api<{ id: string }>(`${BASE}/activities/${enc(id)}/reach`, { method: 'POST', body: { ...input } }),
    [
      ['care', 'activity', id],
      ['care', 'activities'],
    ],
  );

export const useActivityPhoto = (id: string) =>
  useCareWrite(
    ({ file, caption }: { file: File; caption?: string }) => {
      const form = new FormData();
      if (caption) form.append('caption', caption); // fields before the file: the server reads the parts in order
      form.append('file', file, file.name);
      return api<{ id: string }>(`${BASE}/activities/${enc(id)}/photos`, { method: 'POST', body: form });
    },
    [['care', 'activity', id]],
  );

// ---- competitions and supervision --------------------------------------------------------------------------------

export interface Competition {
  id: string;
  title: string;
  unionId: string;
  unionName: string;
  startsOn: string;
  endsOn: string;
  registrationClosesOn: string | null;
  events: string[];
  notes: string | null;
  registrations: number;
}

export interface CompetitionInput {
  title: string;
  unionId: string;
  startsOn: string;
  endsOn: string;
  registrationClosesOn?: string;
  events: string[];
  notes?: string;
}

export interface Registration {
  id: string;
  memberId: string;
  memberName: string;
  unionId: string;
  unionName: string;
  event: string;
  registeredAt: string;
}

export interface ResultInput {
  memberId?: string;
  unionId?: string;
  event: string;
  rank: number;
  points: number;
}

export interface CompetitionResult {
  id: string;
  event: string;
  memberId: string | null;
  memberName: string | null;
  unionId: string;
  unionName: string;
  rank: number;
  points: number;
}

export interface PointsRow {
  position: number;
  unionId: string;
  unionName: string;
  points: number;
  results: number;
}

export function useCompetitions() {
  return useQuery({
    queryKey: ['care', 'competitions'],
    queryFn: async ({ signal }) => items(await api<{ items: Competition[] }>(`${BASE}/competitions`, { signal })),
  });
}

function useCompetitionList<T>(id: string | undefined, what: 'registrations' | 'results' | 'points-table') {
  return useQuery({
    queryKey: ['care', 'competition', id, what],
    queryFn: async ({ signal }) =>
      items(await api<{ items: T[] }>(`${BASE}/competitions/${enc(id ?? '')}/${what}`, { signal })),
    enabled: Boolean(id),
  });
}

export const useRegistrations = (id: string | undefined) => useCompetitionList<Registration>(id, 'registrations');
export const useResults = (id: string | undefined) => useCompetitionList<CompetitionResult>(id, 'results');
export const usePointsTable = (id: string | undefined) => useCompetitionList<PointsRow>(id, 'points-table');

export const useCreateCompetition = () =>
  useCareWrite(
    (input: CompetitionInput) => api<{ id: string }>(`${BASE}/competitions`, { method: 'POST', body: { ...input } }),
    [['care', 'competitions']],
  );

export const useRecordResults = (id: string) =>
  useCareWrite(
    (results: ResultInput[]) =>
      api<unknown>(`${BASE}/competitions/${enc(id)}/results`, { method: 'POST', body: { results } }),
    [['care', 'competition', id]],
  );

export interface SupervisionVisit {
  id: string;
  unionId: string;
  unionName: string;
  visitedOn: string;
  findings: string;
  score: number | null;
  unannounced: boolean;
  by: string | null;
}

export interface VisitInput {
  unionId: string;
  visitedOn: string;
  findings: string;
  score?: number;
  unannounced: boolean;
}

export function useSupervisionVisits() {
  return useQuery({
    queryKey: ['care', 'supervision'],
    queryFn: async ({ signal }) =>
      items(await api<{ items: SupervisionVisit[] }>(`${BASE}/supervision-visits`, { signal })),
  });
}

export const useCreateVisit = () =>
  useCareWrite(
    (input: VisitInput) => api<{ id: string }>(`${BASE}/supervision-visits`, { method: 'POST', body: { ...input } }),
    [['care', 'supervision']],
  );

// ---- volunteering ------------------------------------------------------------------------------------------------

export interface VolunteerShift {
  id: string;
  unionId: string;
  unionName: string;
  title: string;
  community: string;
  date: string;
  startTime: string;
  endTime: string;
  task: string;
  capacity: number;
  signedUp: number;
  /** only in member lists */
  mine?: boolean;
}

export interface Signup {
  memberId: string;
  memberName: string;
  signedUpAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
}

export interface VolunteerHoursRow {
  memberId: string;
  memberName: string;
  unionName: string;
  shifts: number;
  minutes: number;
  hours: number;
}

export interface ShiftInput {
  unionId: string;
  title: string;
  community: string;
  date: string;
  startTime: string;
  endTime: string;
  task: string;
  capacity: number;
}

export function useShifts() {
  return useQuery({
    queryKey: ['care', 'shifts'],
    queryFn: async ({ signal }) =>
      items(await api<{ items: VolunteerShift[] }>(`${BASE}/volunteer-shifts`, { signal })),
  });
}

export function useSignups(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'shift', id, 'signups'],
    queryFn: async ({ signal }) =>
      items(await api<{ items: Signup[] }>(`${BASE}/volunteer-shifts/${enc(id ?? '')}/signups`, { signal })),
    enabled: Boolean(id),
  });
}

export function useVolunteerHours(year: number) {
  return useQuery({
    queryKey: ['care', 'volunteer-hours', year],
    queryFn: async ({ signal }) =>
      items(await api<{ items: VolunteerHoursRow[] }>(`${BASE}/volunteer-hours`, { query: { year }, signal })),
  });
}

export const volunteerHoursXlsxUrl = (year: number) => `${BASE}/volunteer-hours.xlsx?year=${year}`;

export const useCreateShift = () =>
  useCareWrite(
    (input: ShiftInput) => api<{ id: string }>(`${BASE}/volunteer-shifts`, { method: 'POST', body: { ...input } }),
    [['care', 'shifts']],
  );

export const useShiftClock = (id: string) =>
  useCareWrite(
    ({ memberId, action }: { memberId: string; action: 'checkin' | 'checkout' }) =>
      api<unknown>(`${BASE}/volunteer-shifts/${enc(id)}/${action}`, { method: 'POST', body: { memberId } }),
    [
      ['care', 'shift', id],
      ['care', 'volunteer-hours'],
      ['care', 'shifts'],
    ],
  );

// ---- member: shifts, hours, competitions -------------------------------------------------------------------------

export interface MyHours {
  year: number;
  minutes: number;
  hours: number;
  shifts: { shiftId: string; title: string; community: string; date: string; task: string; minutes: number | null }[];
}

export function useMyShifts() {
  return useQuery({
    queryKey: ['care', 'me', 'shifts'],
    queryFn: async ({ signal }) => items(await api<{ items: VolunteerShift[] }>(`${ME}/volunteer-shifts`, { signal })),
  });
}

export function useMyHours(year: number) {
  return useQuery({
    queryKey: ['care', 'me', 'hours', year],
    queryFn: ({ signal }) => api<MyHours>(`${ME}/volunteer-hours`, { query: { year }, signal }),
  });
}

export const certificateUrl = (year: number) => `${ME}/volunteer-certificate.pdf?year=${year}`;

export function useShiftSignup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, cancel = false }: { id: string; cancel?: boolean }) =>
      api<unknown>(`${ME}/volunteer-shifts/${enc(id)}/signup`, { method: cancel ? 'DELETE' : 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['care', 'me'] }),
  });
}

/** A competition as a member sees it; `registeredEvents` when the API says which events they entered. */
export interface MyCompetition extends Competition {
  registeredEvents?: string[];
}

export function useMyCompetitions() {
  return useQuery({
    queryKey: ['care', 'me', 'competitions'],
    queryFn: async ({ signal }) => items(await api<{ items: MyCompetition[] }>(`${ME}/competitions`, { signal })),
  });
}

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event }: { id: string; event: string }) =>
      api<unknown>(`${ME}/competitions/${enc(id)}/registrations`, { method: 'POST', body: { event } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['care', 'me'] }),
  });
}
