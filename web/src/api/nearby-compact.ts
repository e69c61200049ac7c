import gcoord from 'gcoord';
import { navigationLinksAt } from '../../../src/domains/stations/navigation-links.ts';
import {
  type CompactStation,
  decodeNearbyCompact,
  type NearbyCompactAnswer,
} from '../../../src/domains/stations/nearby-compact.ts';
import { api } from './client';
import type { Crs, NearbyQuery, NearbyStation } from './stations';

/**
 * The map's nearest stations in the compact form of /stations/nearby (`format=compact`, docs/nearby-compact.md):
 * ~0.6 KB for five stations instead of ~5 KB, for phones on a weak signal. The server's own decoder and navigation
 * links function (pure modules shared with the server) turn it back into the full answer's items, but the address,
 * which comes with the station's page (or from the saved station pack).
 */

export type { CompactStation };
export { decodeNearbyCompact };

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

function convert(lng: number, lat: number, from: Crs, to: Crs): [number, number] {
  if (from === to) return [lng, lat];
  return gcoord.transform([lng, lat], GCOORD[from], GCOORD[to]) as [number, number];
}

export interface CompactNearby {
  /** The datum of the stations' lng/lat: the one asked for. */
  crs: Crs;
  stations: CompactStation[];
}

/** GET /stations/nearby?format=compact, decoded. Same filters, validation and errors (ApiError) as the full form. */
export async function fetchNearbyCompact(
  q: NearbyQuery,
  options: { limit?: number; radiusM?: number; signal?: AbortSignal } = {},
): Promise<CompactNearby> {
  const answer = await api<NearbyCompactAnswer>('/api/v1/stations/nearby', {
    query: {
      lng: q.lng.toFixed(6),
      lat: q.lat.toFixed(6),
      crs: q.crs,
      limit: options.limit ?? 10,
      radiusM: options.radiusM,
      openNow: q.openNow ? 'true' : undefined,
      amenities: q.amenities.join(',') || undefined,
      format: 'compact',
    },
    signal: options.signal,
  });
  return { crs: answer.crs, stations: decodeNearbyCompact(answer) };
}

/**
 * The deep links into Amap, Baidu and Tencent maps, built as the server builds them (navigationLinksAt). The
 * position is the row's, rounded to 6 decimals in `crs`, so a coordinate may differ from the full answer's link in
 * its sixth decimal (≤ 0.1 m).
 */
export function navigationOfCompact(s: CompactStation, crs: Crs) {
  return navigationLinksAt(s.name, convert(s.lng, s.lat, crs, 'gcj02'), convert(s.lng, s.lat, crs, 'bd09'));
}

/** A compact station as the map's list item of the full answer; the address is the caller's (pack) or empty. */
export function toNearbyStation(s: CompactStation, crs: Crs, address = ''): NearbyStation {
  return { ...s, address, navigation: navigationOfCompact(s, crs) };
}
