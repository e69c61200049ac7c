import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { flushOutbox, type PostResult, postOrQueue } from '../offline/outbox';
import { ApiError, api } from './client';

/** The public station map's API (no sign-in): nearest stations, a station's page, feedback. */

export type Crs = 'wgs84' | 'gcj02' | 'bd09';

export interface PublicConfig {
  mapTileUrl: string;
  mapAttribution: string;
  mapTileCrs: 'wgs84' | 'gcj02';
}

export interface Navigation {
  amap: string;
  baidu: string;
  tencent: string;
}

export interface NearbyStation {
  code: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  distanceM: number;
  /** null: hours unknown (shown as unknown, never as open) */
  openNow: boolean | null;
  amenities: string[];
  navigation: Navigation;
}

export interface PublicStation {
  code: string;
  name: string;
  address: string;
  regionName: string | null;
  stationTypeName: string;
  hostOrg: string | null;
  status: 'planned' | 'active' | 'suspended' | 'exited';
  lng: number;
  lat: number;
  openNow: boolean | null;
  openingHoursText: string;
  amenities: { code: string; label: string }[];
  phone: string | null;
  photos: { id: string; fileRef: string; caption: string | null }[];
  welcome: string;
  lastVerifiedOn: string | null;
  navigation: Navigation;
}

export interface FeedbackSummary {
  code: string;
  ratingAverage: number | null;
  ratingCount: number;
  checkinsLast30Days: number;
}

/** The amenities a worker can filter the map by (codes of the server's vocabulary). */
export const FILTER_AMENITIES = [
  'drinking_water',
  'phone_charging',
  'ebike_charging',
  'microwave',
  'toilet',
  'air_conditioning',
  'heating',
] as const;

const NO_TILES: PublicConfig = { mapTileUrl: '', mapAttribution: '', mapTileCrs: 'wgs84' };

export function usePublicConfig() {
  return useQuery({
    queryKey: ['config', 'public'],
    // the map must work without this answer: fall back to "no tiles"
    queryFn: () => api<PublicConfig>('/api/v1/config/public').catch(() => NO_TILES),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface NearbyQuery {
  lng: number;
  lat: number;
  crs: Crs;
  openNow: boolean;
  amenities: readonly string[];
}

export function useNearby(query: NearbyQuery | null) {
  return useQuery({
    queryKey: ['stations', 'nearby', query],
    queryFn: ({ signal }) =>
      api<{ items: NearbyStation[] }>('/api/v1/stations/nearby', {
        query: {
          lng: query!.lng.toFixed(6),
          lat: query!.lat.toFixed(6),
          crs: query!.crs,
          limit: 10,
          openNow: query!.openNow ? 'true' : undefined,
          amenities: query!.amenities.join(',') || undefined,
        },
        signal,
      }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePublicStation(code: string) {
  return useQuery({
    queryKey: ['stations', 'public', code],
    queryFn: ({ signal }) => api<PublicStation>(`/api/v1/stations/public/${encodeURIComponent(code)}`, { signal }),
  });
}

export function useFeedbackSummary(code: string) {
  return useQuery({
    queryKey: ['stations', 'summary', code],
    queryFn: ({ signal }) =>
      api<FeedbackSummary>(`/api/v1/stations/${encodeURIComponent(code)}/feedback-summary`, { signal }),
  });
}

// ---- feedback: exactly once, even offline (the outbox lives in src/offline/outbox.ts) -------------------------

export type FeedbackKind = 'checkins' | 'ratings' | 'reports';

/** A random UUID; crypto.randomUUID needs a secure context, which a phone on plain http may not have. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type FeedbackResult = PostResult;

/**
 * Posts feedback under a client-made Idempotency-Key (the caller keeps the key for retries of the same post). With
 * no network the post waits in the phone's outbox (IndexedDB), with its key, and goes out later: recorded once.
 */
export const postFeedback = postOrQueue;

/** Sends what was queued offline. */
export const flushFeedbackQueue = flushOutbox;

// ---- "most beautiful station" awards (public) --------------------------------------------------------------------

export interface AwardCriterion {
  key: string;
  label: string;
  weight: number;
  source: 'jury' | 'ratings';
}

export interface AwardCampaign {
  id: string;
  name: string;
  year: number;
  nominationFrom: string;
  nominationTo: string;
  votingFrom: string;
  votingTo: string;
  criteria: AwardCriterion[];
  publicWeight: number;
  juryWeight: number;
  phase: 'upcoming' | 'nomination' | 'between' | 'voting' | 'closed';
  published: boolean;
}

export interface AwardWinner {
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
  status: 'planned' | 'active' | 'suspended' | 'exited';
  lng: number;
  lat: number;
  photos: { id: string; fileRef: string; caption: string | null }[];
  navigation: Navigation;
}

export function useAwardCampaigns() {
  return useQuery({
    queryKey: ['stations', 'awards'],
    queryFn: ({ signal }) => api<{ items: AwardCampaign[] }>('/api/v1/stations/awards', { signal }),
  });
}

export function useAwardWinners(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['stations', 'awards', campaignId, 'winners'],
    queryFn: ({ signal }) =>
      api<{ campaign: AwardCampaign; items: AwardWinner[] }>(
        `/api/v1/stations/awards/${encodeURIComponent(campaignId!)}/winners`,
        { signal },
      ),
    enabled: !!campaignId,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}
