import { BASE, byId, enc, keepPrevious, send, useCareGet, useCareList, useCareWrite } from './care-query';
import { api } from './client';

/** Care activities (关爱活动): places and teams, what was handed out where, people reached, photos and reports. */

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

/** What a PATCH may change: any of the fields but the union. */
export type ActivityPatch = Partial<Omit<ActivityInput, 'unionId'>>;

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

/** What a write on one activity changes: that activity and the lists. */
const activityKeys = (id: string) => [
  ['care', 'activity', id],
  ['care', 'activities'],
];

export const useActivities = (from: string, to: string) =>
  useCareList<ActivitySummary>(['care', 'activities', from, to], `${BASE}/activities`, { from, to }, keepPrevious);

export const useActivity = (id: string | undefined) =>
  useCareGet<ActivityDetail>(...byId('activity', `${BASE}/activities`, id));

export const useActivityReport = (id: string | undefined) =>
  useCareGet<ActivityReport>(...byId('activity', `${BASE}/activities`, id, 'report'));

export const usePeriodReport = (from: string, to: string) =>
  useCareGet<PeriodReport>(
    ['care', 'activities', 'report', from, to],
    `${BASE}/reports/activities`,
    { from, to },
    keepPrevious,
  );

export const activitiesReportXlsxUrl = (from: string, to: string) =>
  `${BASE}/reports/activities.xlsx?from=${enc(from)}&to=${enc(to)}`;

export const useCreateActivity = () =>
  useCareWrite(send<ActivityInput>(`${BASE}/activities`), [['care', 'activities']]);

export const useUpdateActivity = (id: string) =>
  useCareWrite(
    (patch: ActivityPatch) =>
      api<void>(`${BASE}/activities/${enc(id)}`, { method: 'PATCH', body: { ...patch } as Record<string, unknown> }),
    activityKeys(id),
  );

export const useActivityHandout = (id: string) =>
  useCareWrite(
    send<{ itemId: string; quantity: number; placeName: string; handedOn?: string }>(
      `${BASE}/activities/${enc(id)}/handouts`,
    ),
    activityKeys(id),
  );

export const useActivityReach = (id: string) =>
  useCareWrite(
    send<{ date: string; placeName: string; people: number }>(`${BASE}/activities/${enc(id)}/reach`),
    activityKeys(id),
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
