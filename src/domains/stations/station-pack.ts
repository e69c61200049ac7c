/**
 * The station pack: the public stations of one region in a compact form a phone keeps for when it has no network,
 * and the search the phone runs over it. The phone imports this very module (web/src/offline), so "nearest open
 * station" offline is computed by the same code as the server's /stations/nearby: the same kd-tree search
 * (geo-knn.ts over kdbush, great-circle metres bit-identical to geo.ts's distanceM), the same open-now rule
 * (opening-hours.ts) and the same amenity filter (amenity.ts). Pure: no Fastify, no Kysely, no Node built-ins.
 */
import KDBush from 'kdbush';
import { amenityMask } from './amenity.ts';
import { GeoKnn } from './geo-knn.ts';
import { isOpenAt, type OpeningHours, type OpenState } from './opening-hours.ts';

export const PACK_VERSION = 1;

/** One station as the pack carries it; `hours` indexes the pack's shared list of schedules. */
export interface PackStation {
  code: string;
  name: string;
  address: string;
  /** WGS-84, as stored. */
  lng: number;
  lat: number;
  hours: number;
  amenities: string[];
  phone: string | null;
}

export interface StationPack {
  version: typeof PACK_VERSION;
  /** The 6-digit GB/T 2260 code asked for (province, prefecture or district). */
  region: string;
  /** When the server wrote this pack (ISO 8601). */
  generatedAt: string;
  /** Distinct schedules: most stations share a handful, so they are sent once. */
  hours: OpeningHours[];
  stations: PackStation[];
}

/** What the pack is built from: a station on the public map (the server's geo index entries carry these). */
export interface PackSource {
  code: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  hours: OpeningHours;
  amenities: string[];
  phone?: string | null;
}

/** Station codes start with the district's region code: 110000 → '11', 110100 → '1101', 110105 → '110105'. */
export function regionPrefix(region: string): string {
  let prefix = region;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/**
 * The region a phone should keep for a station: its city (a municipality such as Beijing is one province-level
 * city, so its pack is the whole municipality).
 */
export function packRegionOf(stationCode: string): string | null {
  const m = /^(\d{2})(\d{2})\d{2}/.exec(stationCode);
  if (!m) return null;
  return ['11', '12', '31', '50'].includes(m[1]!) ? `${m[1]}0000` : `${m[1]}${m[2]}00`;
}

/** Builds the pack of the stations whose code falls under `region`, ordered by code so equal data gives equal bytes. */
export function buildPack(stations: Iterable<PackSource>, region: string, generatedAt: Date): StationPack {
  const prefix = regionPrefix(region);
  const chosen = [...stations].filter((s) => s.code.startsWith(prefix)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const hours: OpeningHours[] = [];
  const hoursIndex = new Map<string, number>();
  const packed = chosen.map((s): PackStation => {
    const key = JSON.stringify(s.hours);
    let h = hoursIndex.get(key);
    if (h === undefined) {
      h = hours.push(s.hours) - 1;
      hoursIndex.set(key, h);
    }
    return {
      code: s.code,
      name: s.name,
      address: s.address,
      lng: s.lng,
      lat: s.lat,
      hours: h,
      amenities: s.amenities,
      phone: s.phone ?? null,
    };
  });
  return { version: PACK_VERSION, region, generatedAt: generatedAt.toISOString(), hours, stations: packed };
}

export interface PackQuery {
  limit: number;
  maxDistanceM?: number;
  /** Only stations known to be open at `now`. */
  openNow?: boolean;
  /** Amenity codes the station must all have. */
  amenities?: readonly string[];
  now: Date;
}

export interface PackHit {
  station: PackStation;
  distanceM: number;
  openNow: OpenState;
}

/** A pack ready to search: the kd-tree is built once per pack. */
export class PackIndex {
  private readonly knn: GeoKnn | null;
  private readonly masks: number[];

  constructor(readonly pack: StationPack) {
    this.masks = pack.stations.map((s) => amenityMask(s.amenities));
    if (pack.stations.length === 0) {
      this.knn = null;
      return;
    }
    const tree = new KDBush(pack.stations.length, 32);
    for (const s of pack.stations) tree.add(s.lng, s.lat);
    tree.finish();
    this.knn = new GeoKnn(tree);
  }

  hoursOf(station: PackStation): OpeningHours {
    return this.pack.hours[station.hours] ?? { kind: 'unknown' };
  }

  find(code: string): PackStation | undefined {
    return this.pack.stations.find((s) => s.code === code);
  }

  /** The nearest stations to (lng, lat) (WGS-84) passing the filters, nearest first: /stations/nearby's rule. */
  nearest(lng: number, lat: number, q: PackQuery): PackHit[] {
    if (!this.knn) return [];
    const stations = this.pack.stations;
    const mask = amenityMask(q.amenities ?? []);
    const accept =
      mask || q.openNow
        ? (i: number) =>
            (this.masks[i]! & mask) === mask && (!q.openNow || isOpenAt(this.hoursOf(stations[i]!), q.now) === true)
        : undefined;
    const n = this.knn.search(lng, lat, q.limit, q.maxDistanceM ?? Infinity, accept);
    const hits: PackHit[] = [];
    for (let k = 0; k < n; k++) {
      const station = stations[this.knn.resultIds[k]!]!;
      hits.push({ station, distanceM: this.knn.resultM[k]!, openNow: isOpenAt(this.hoursOf(station), q.now) });
    }
    return hits;
  }
}
