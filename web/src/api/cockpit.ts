import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const COCKPIT_PERMISSIONS = { view: 'cockpit.view' } as const;

interface Aid {
  filed: number;
  paid: number;
  paidFen: number;
}
export interface CockpitScope {
  unionId: string | null;
  code: string | null;
  name: string | null;
  regionCode: string | null;
}
export interface CockpitSummary {
  scope: CockpitScope;
  asOf: string;
  year: number;
  members: { active: number; cardsActive: number };
  aid: { since: string | null; year: Aid; total: Aid };
  stations: { live: number; active: number; checkinsYear: number; healthAvg: number | null };
  surveys: {
    running: number;
    responses: number;
    audience: number;
    responseRate: number | null;
    items: { id: string; title: string; responses: number; audience: number; responseRate: number | null }[];
  };
  care: { activitiesYear: number; peopleYear: number };
  hotline: { consultationsYear: number };
}
export const DISTRICT_MEASURES = [
  'members',
  'cardsActive',
  'claimsFiled',
  'claimsPaid',
  'paidFen',
  'stationsActive',
  'checkins',
  'healthAvg',
  'careActivities',
  'carePeople',
  'hotline',
] as const;
export type DistrictMeasure = (typeof DISTRICT_MEASURES)[number];
export interface CockpitDistricts {
  scope: CockpitScope;
  period: 'year' | 'month' | 'all';
  items: {
    unionId: string;
    code: string;
    name: string;
    kind: string;
    regionCode: string;
    figures: Record<DistrictMeasure, number | null>;
  }[];
}
export interface CockpitTrend {
  months: string[];
  claimsFiled: number[];
  claimsPaid: number[];
  paidFen: number[];
  checkins: number[];
  carePeople: number[];
  hotline: number[];
}
interface Range {
  centre: number;
  lower: number;
  upper: number;
}
export interface Seasonality {
  rule: string;
  years: number;
  week: { year: number; week: number };
  series: { week: number; value: number | null; expected: Range | null }[];
  alerts: {
    unionCode: string | null;
    unionName: string | null;
    regionCode: string | null;
    week: { year: number; week: number };
    monday: string;
    value: number;
    expected: Range;
    direction: 'above' | 'below';
    excess: number;
  }[];
}
export interface Sites {
  items: {
    lng: number;
    lat: number;
    searches: number;
    checkins: number;
    score: number;
    nearestStationM: number | null;
  }[];
}
export interface Falling {
  items: { id: string; code: string; name: string; score: number; best: number; fall: number }[];
}
export interface TermShifts {
  survey: { id: string; title: string; question: string } | null;
  shifts: {
    unionName: string | null;
    term: string;
    count: number;
    share: number;
    otherShare: number;
    shiftPp: number;
  }[];
}

/** Every cockpit panel refreshes each minute while the page is visible (TanStack pauses hidden tabs). */
const REFRESH = { refetchInterval: 60_000, refetchIntervalInBackground: false, staleTime: 30_000 } as const;

export const useCockpitSummary = () =>
  useQuery({
    queryKey: ['cockpit', 'summary'],
    queryFn: () => api<CockpitSummary>('/api/v1/cockpit/summary'),
    ...REFRESH,
  });
export const useCockpitDistricts = (period: 'year' | 'month' | 'all') =>
  useQuery({
    queryKey: ['cockpit', 'districts', period],
    queryFn: () => api<CockpitDistricts>('/api/v1/cockpit/districts', { query: { period } }),
    ...REFRESH,
  });
export const useCockpitTrend = () =>
  useQuery({ queryKey: ['cockpit', 'trend'], queryFn: () => api<CockpitTrend>('/api/v1/cockpit/trend'), ...REFRESH });
export const useSeasonality = () =>
  useQuery({
    queryKey: ['cockpit', 'seasonality'],
    queryFn: () => api<Seasonality>('/api/v1/cockpit/analysis/seasonality'),
    ...REFRESH,
  });
export const useSites = () =>
  useQuery({ queryKey: ['cockpit', 'sites'], queryFn: () => api<Sites>('/api/v1/cockpit/analysis/sites'), ...REFRESH });
export const useFalling = () =>
  useQuery({
    queryKey: ['cockpit', 'falling'],
    queryFn: () => api<Falling>('/api/v1/cockpit/analysis/falling-stations'),
    ...REFRESH,
  });
export const useTermShifts = () =>
  useQuery({
    queryKey: ['cockpit', 'terms'],
    queryFn: () => api<TermShifts>('/api/v1/cockpit/analysis/survey-terms'),
    ...REFRESH,
  });

export const reportUrl = (month: string, format: 'pdf' | 'xlsx') =>
  `/api/v1/cockpit/report?month=${encodeURIComponent(month)}&format=${format}`;
