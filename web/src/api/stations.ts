import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api, NetworkError } from './client';

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

// ---- feedback: exactly once, even offline ----------------------------------------------------------------------

export type FeedbackKind = 'checkins' | 'ratings' | 'reports';

interface QueuedPost {
  code: string;
  kind: FeedbackKind;
  body: Record<string, unknown>;
  key: string;
}

const QUEUE_KEY = 'unioncare.feedbackQueue';

/** A random UUID; crypto.randomUUID needs a secure context, which a phone on plain http may not have. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readQueue(): QueuedPost[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: QueuedPost[]): void {
  try {
    if (queue.length) localStorage.setItem(QUEUE_KEY, JSON.stringify(queue.slice(-50)));
    else localStorage.removeItem(QUEUE_KEY);
  } catch {
    // storage unavailable: the post is simply not kept
  }
}

function send(post: QueuedPost) {
  return api<{ id: string; replayed: boolean }>(`/api/v1/stations/${encodeURIComponent(post.code)}/${post.kind}`, {
    method: 'POST',
    body: post.body,
    headers: { 'Idempotency-Key': post.key },
  });
}

export type FeedbackResult = { state: 'sent'; id: string } | { state: 'queued' };

/**
 * Posts feedback under a client-made Idempotency-Key (the caller keeps the key for retries of the same post). With
 * no network the post waits in localStorage, with its key, and goes out later: the server records it once.
 */
export async function postFeedback(post: QueuedPost): Promise<FeedbackResult> {
  try {
    const { id } = await send(post);
    return { state: 'sent', id };
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    writeQueue([...readQueue().filter((q) => q.key !== post.key), post]);
    return { state: 'queued' };
  }
}

let flushing = false;

/** Sends what was queued offline; keeps what still cannot reach the server, drops what the server refuses. */
export async function flushFeedbackQueue(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (const post of readQueue()) {
      try {
        await send(post);
      } catch (err) {
        if (err instanceof NetworkError) break;
        if (err instanceof ApiError && err.status === 429) break;
      }
      writeQueue(readQueue().filter((q) => q.key !== post.key));
    }
  } finally {
    flushing = false;
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushFeedbackQueue());
}
