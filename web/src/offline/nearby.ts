import { keepPreviousData, useQuery } from '@tanstack/react-query';
import gcoord from 'gcoord';
import { navigationLinksAt } from '../../../src/domains/stations/navigation-links.ts';
import { type PackIndex, type PackStation, packRegionOf } from '../../../src/domains/stations/station-pack.ts';
import { api, NetworkError } from '../api/client';
import type { Crs, NearbyQuery, NearbyStation } from '../api/stations';
import { lastRegion, loadPack, refreshPack } from './pack';

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
/** With one bar of signal a request can hang for minutes: past this, answer from the phone instead. */
const NETWORK_PATIENCE_MS = 8_000;
const LIMIT = 10;

function convert(lng: number, lat: number, from: Crs, to: Crs): [number, number] {
  if (from === to) return [lng, lat];
  return gcoord.transform([lng, lat], GCOORD[from], GCOORD[to]) as [number, number];
}

/** The navigation apps' links, as the server writes them. */
export function navigationOf(s: PackStation) {
  return navigationLinksAt(s.name, convert(s.lng, s.lat, 'wgs84', 'gcj02'), convert(s.lng, s.lat, 'wgs84', 'bd09'));
}

/**
 * /stations/nearby's answer computed on the phone from a station pack: the same search and open-now rule
 * (station-pack.ts, shared with the server), the same rounding and the same navigation links.
 */
export function nearbyFromPack(index: PackIndex, q: NearbyQuery, now: Date): NearbyStation[] {
  const [lng, lat] = convert(q.lng, q.lat, q.crs, 'wgs84');
  return index.nearest(lng, lat, { limit: LIMIT, openNow: q.openNow, amenities: q.amenities, now }).map((h) => {
    const s = h.station;
    const [x, y] = convert(s.lng, s.lat, 'wgs84', q.crs);
    return {
      code: s.code,
      name: s.name,
      address: s.address,
      lng: round6(x),
      lat: round6(y),
      distanceM: Math.round(h.distanceM * 10) / 10,
      openNow: h.openNow === 'unknown' ? null : h.openNow,
      amenities: s.amenities,
      navigation: navigationOf(s),
    };
  });
}

export interface NearbyAnswer {
  items: NearbyStation[];
  /** server: /stations/nearby answered; phone: no network, computed from the saved pack. */
  source: 'server' | 'phone';
  /** The region whose pack serves (or will serve) this place offline. */
  region: string | null;
}

async function fetchNearby(q: NearbyQuery, signal: AbortSignal): Promise<NearbyStation[]> {
  const patience = new AbortController();
  const timer = setTimeout(
    () => patience.abort(new DOMException('no answer in time', 'TimeoutError')),
    NETWORK_PATIENCE_MS,
  );
  const abort = () => patience.abort(signal.reason);
  signal.addEventListener('abort', abort);
  try {
    const { items } = await api<{ items: NearbyStation[] }>('/api/v1/stations/nearby', {
      query: {
        lng: q.lng.toFixed(6),
        lat: q.lat.toFixed(6),
        crs: q.crs,
        limit: LIMIT,
        openNow: q.openNow ? 'true' : undefined,
        amenities: q.amenities.join(',') || undefined,
      },
      signal: patience.signal,
    });
    return items;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

/**
 * The map's nearest stations: from the server when it answers (and the pack of that city is saved or revalidated
 * on the side), from the phone's pack when there is no network.
 */
export function useNearbyAnywhere(query: NearbyQuery | null) {
  return useQuery({
    queryKey: ['offline', 'nearby', query],
    queryFn: async ({ signal }): Promise<NearbyAnswer> => {
      const q = query!;
      if (navigator.onLine !== false) {
        try {
          const items = await fetchNearby(q, signal);
          const region = packRegionOf(items[0]?.code ?? '') ?? (await lastRegion());
          if (region) void refreshPack(region); // on the side: the answer does not wait for the pack
          return { items, source: 'server', region };
        } catch (err) {
          if (signal.aborted) throw err;
          if (!(err instanceof NetworkError)) throw err;
        }
      }
      const region = await lastRegion();
      const loaded = region ? await loadPack(region) : null;
      if (!loaded) throw new NetworkError('no station pack on this phone');
      return { items: nearbyFromPack(loaded.index, q, new Date()), source: 'phone', region };
    },
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
    networkMode: 'always', // the answer comes from the phone when there is no network: never hold the query
  });
}
