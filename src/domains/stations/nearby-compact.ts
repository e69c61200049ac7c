/**
 * The compact form of the /stations/nearby answer (`format=compact`, opt-in; the default answer is the contract of
 * DESIGN.md). For the map on a worker's phone, often on a weak signal: one array per station instead of an object
 * with an address and three navigation URLs, ~0.6 KB for five stations instead of ~5 KB.
 *
 *   { "v": 1, "crs": "gcj02", "fields": ["code","name","lng","lat","amenities","distanceM","openNow"],
 *     "rows": [["11010500H00012X", "国贸CBD户外劳动者服务站", 116.47, 39.93, 1234, 312.5, 1], …] }
 *
 * - lng/lat: in the asked `crs`, rounded to 6 decimals, distanceM to 0.1 m: the very numbers of the full answer.
 * - amenities: a bit set over AMENITIES (amenity.ts) in its order: bit i is AMENITIES[i]. The vocabulary only ever
 *   grows at its end, so an older client ignores bits it does not know; a change of order would be version 2.
 * - openNow: 1 open, 0 closed, null when the hours are unknown.
 * - Not carried: the address and the navigation links. The links are built on the phone by navigationLinksAt
 *   (navigation-links.ts, the server's own function) from the name and the position; the address, hours text,
 *   photos and phone come with the station's page (`/stations/public/:code`) when the worker opens it.
 *
 * Pure (no Node built-ins): the web client imports the decoder from here, and the tests decode with it too.
 */
import { AMENITIES } from './amenity.ts';

export const COMPACT_VERSION = 1;

/** The columns of a row, in order; the answer repeats them so a reader can look them up by name. */
export const COMPACT_FIELDS = ['code', 'name', 'lng', 'lat', 'amenities', 'distanceM', 'openNow'] as const;

export type CompactCrs = 'wgs84' | 'gcj02' | 'bd09';
export type CompactRow = [string, string, number, number, number, number, 0 | 1 | null];

export interface NearbyCompactAnswer {
  v: typeof COMPACT_VERSION;
  crs: CompactCrs;
  fields: string[];
  rows: unknown[][];
}

/** One station of a compact answer, decoded: the full answer's item without address and navigation. */
export interface CompactStation {
  code: string;
  name: string;
  lng: number;
  lat: number;
  distanceM: number;
  openNow: boolean | null;
  /** Vocabulary codes, in vocabulary order. */
  amenities: string[];
}

/** The vocabulary codes of a bit set, in vocabulary order; bits beyond the vocabulary (a newer server) are ignored. */
export function amenitiesFromMask(mask: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < AMENITIES.length; i++) if (mask & (1 << i)) out.push(AMENITIES[i]!);
  return out;
}

/** Decodes a compact answer by field name, so columns added later (at any place) do not break an older reader. */
export function decodeNearbyCompact(answer: NearbyCompactAnswer): CompactStation[] {
  if (answer.v !== COMPACT_VERSION) throw new Error(`compact nearby answer: unknown version ${answer.v}`);
  const at = (name: (typeof COMPACT_FIELDS)[number]) => {
    const i = answer.fields.indexOf(name);
    if (i < 0) throw new Error(`compact nearby answer: no "${name}" field`);
    return i;
  };
  const [code, name, lng, lat, amenities, distance, open] = COMPACT_FIELDS.map(at) as number[];
  return answer.rows.map((row) => {
    const o = row[open!];
    return {
      code: row[code!] as string,
      name: row[name!] as string,
      lng: row[lng!] as number,
      lat: row[lat!] as number,
      distanceM: row[distance!] as number,
      openNow: o === null ? null : o === 1,
      amenities: amenitiesFromMask(row[amenities!] as number),
    };
  });
}
