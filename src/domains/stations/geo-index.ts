/**
 * The in-memory index of stations on the map, answering "nearest open station" in microseconds at 100,000
 * stations: a static kd-tree (kdbush) searched by great-circle distance (geo-knn.ts), plus a small overlay of
 * stations added or changed since the tree was built, scanned by brute force and merged in. A write patches the
 * overlay at once (so an exited station leaves the map immediately); the tree is rebuilt when the overlay grows.
 *
 * Results are exact: the search (geo-knn.ts, geokdbush's bounds without its allocations) opens tree nodes in order
 * of their lower-bound distance, so the k nearest under the haversine metric are found, never approximated (the
 * tests check against a brute-force scan).
 */

import KDBush from 'kdbush';
import { amenityMask } from './amenity.ts';
import { distanceM, fromWgs84 } from './geo.ts';
import { GeoKnn } from './geo-knn.ts';
import type { StationFragments } from './nearby-json.ts';
import { type CompiledHours, compileHours, type OpeningHours, type OpenState, openStateAt } from './opening-hours.ts';

export interface IndexedStation {
  id: string;
  code: string;
  name: string;
  address: string;
  /** WGS-84. */
  lng: number;
  lat: number;
  hours: OpeningHours;
  amenities: string[];
  /** Bit set of amenities (amenityMask) for "has all of these" filters. */
  amenityMask: number;
  /** The position in GCJ-02 and BD-09, converted once: answers and navigation links need them on every query. */
  gcj: [number, number];
  bd: [number, number];
  /**
   * Caches of the /nearby hot path, kept on the entry rather than in a Map or WeakMap keyed by it (a look-up there
   * was a few cache misses per station per request): the compiled hours (openNowAt) and the answer's JSON fragments
   * (nearby-json.ts, which bounds how many entries hold them). Both derive from the entry's fields alone, and an
   * entry is never changed in place (a changed station is a new entry), so they cannot go stale.
   */
  compiledHours: CompiledHours | undefined;
  json: StationFragments | undefined;
}

/** The stored fields an entry is made from. */
export type StationEntryInput = Omit<IndexedStation, 'amenityMask' | 'gcj' | 'bd' | 'compiledHours' | 'json'>;

/**
 * An index entry from a station's stored fields (WGS-84), with its derived fields.
 *
 * Written out field by field, never as `{ ...s, … }`: once warm, V8 gave every entry built by that spread a hidden
 * class of its own, so every property read of a station on the hot path (/nearby's answer, open-now) missed its
 * inline cache and went through the runtime (4 % of /nearby's CPU in a perf profile). All entries must share one
 * shape (geo-index.test.ts checks).
 */
export function toIndexedStation(s: StationEntryInput): IndexedStation {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    address: s.address,
    lng: s.lng,
    lat: s.lat,
    hours: s.hours,
    amenities: s.amenities,
    amenityMask: amenityMask(s.amenities),
    gcj: fromWgs84(s.lng, s.lat, 'gcj02'),
    bd: fromWgs84(s.lng, s.lat, 'bd09'),
    compiledHours: undefined,
    json: undefined,
  };
}

/** Whether the station is open at `at` (isOpenAt of its hours), with its hours compiled once per entry. */
export function openNowAt(s: IndexedStation, at: Date): OpenState {
  let c = s.compiledHours;
  if (c === undefined) {
    c = compileHours(s.hours);
    s.compiledHours = c;
  }
  return openStateAt(c, at);
}

export interface Hit {
  station: IndexedStation;
  distanceM: number;
}

export interface RouteHit extends Hit {
  /** Distance along the route to the point nearest the station. */
  alongM: number;
}

const REBUILD_AFTER = 256;
/** Points per kd-tree leaf: small leaves suit k-nearest queries for small k (kdbush's default, 64, suits ranges). */
const NODE_SIZE = 32;
const ROUTE_PIECE_M = 5_000;
const M_PER_DEG_LAT = 111_320;

export class StationGeoIndex {
  private tree: KDBush | null = null;
  private knn: GeoKnn | null = null;
  private treeItems: IndexedStation[] = [];
  /** Ids whose tree entry is stale (changed or removed since the build). */
  private stale = new Set<string>();
  /** Stations added or changed since the build. */
  private overlay = new Map<string, IndexedStation>();
  private live = new Map<string, IndexedStation>();

  constructor(stations: Iterable<IndexedStation> = []) {
    this.replaceAll(stations);
  }

  get size(): number {
    return this.live.size;
  }

  get(id: string): IndexedStation | undefined {
    return this.live.get(id);
  }

  all(): IterableIterator<IndexedStation> {
    return this.live.values();
  }

  /** Replaces the whole content (start-up, or after a bulk import). */
  replaceAll(stations: Iterable<IndexedStation>): void {
    this.live = new Map();
    for (const s of stations) this.live.set(s.id, s);
    this.build();
  }

  /** Adds or replaces one station (it is on the map). */
  upsert(station: IndexedStation): void {
    this.live.set(station.id, station);
    this.stale.add(station.id);
    this.overlay.set(station.id, station);
    this.maybeRebuild();
  }

  /** Takes a station off the map (suspended, exited, deleted). */
  remove(id: string): void {
    if (!this.live.delete(id)) return;
    this.stale.add(id);
    this.overlay.delete(id);
    this.maybeRebuild();
  }

  private maybeRebuild() {
    if (this.overlay.size > REBUILD_AFTER || this.stale.size > REBUILD_AFTER * 8) this.build();
  }

  private build() {
    this.treeItems = [...this.live.values()];
    this.stale = new Set();
    this.overlay = new Map();
    if (this.treeItems.length === 0) {
      this.tree = null;
      this.knn = null;
      return;
    }
    const tree = new KDBush(this.treeItems.length, NODE_SIZE);
    for (const s of this.treeItems) tree.add(s.lng, s.lat);
    tree.finish();
    this.tree = tree;
    this.knn = new GeoKnn(tree);
  }

  /**
   * The `limit` nearest stations passing `filter`, nearest first, optionally within `maxDistanceM`.
   * Lng/lat are WGS-84.
   */
  nearest(
    lng: number,
    lat: number,
    options: { limit: number; maxDistanceM?: number; filter?: (s: IndexedStation) => boolean },
  ): Hit[] {
    const { limit, maxDistanceM, filter } = options;
    const hits: Hit[] = [];
    if (this.knn) {
      const items = this.treeItems;
      const stale = this.stale;
      const accept =
        stale.size || filter
          ? (i: number) => {
              const s = items[i]!;
              return !(stale.size && stale.has(s.id)) && (!filter || filter(s));
            }
          : undefined;
      const knn = this.knn;
      const n = knn.search(lng, lat, limit, maxDistanceM ?? Infinity, accept);
      for (let k = 0; k < n; k++) hits.push({ station: items[knn.resultIds[k]!]!, distanceM: knn.resultM[k]! });
    }
    if (this.overlay.size) {
      for (const s of this.overlay.values()) {
        if (filter && !filter(s)) continue;
        const d = distanceM(lng, lat, s.lng, s.lat);
        if (maxDistanceM === undefined || d <= maxDistanceM) hits.push({ station: s, distanceM: d });
      }
      hits.sort((a, b) => a.distanceM - b.distanceM);
      hits.length = Math.min(hits.length, limit);
    }
    return hits;
  }

  /**
   * Stations within `maxDistanceM` of a polyline (WGS-84 [lng, lat] points), ordered by how far along the route
   * they are, for a rider who wants a stop on the way.
   */
  alongRoute(
    path: readonly [number, number][],
    options: { maxDistanceM: number; limit: number; filter?: (s: IndexedStation) => boolean },
  ): RouteHit[] {
    const { maxDistanceM, limit, filter } = options;
    const best = new Map<string, RouteHit>();
    const consider = (s: IndexedStation, ax: number, ay: number, bx: number, by: number, start: number) => {
      if (filter && !filter(s)) return;
      const { distance, t, length } = pointToSegment(s.lng, s.lat, ax, ay, bx, by);
      if (distance > maxDistanceM) return;
      const prev = best.get(s.id);
      if (!prev || distance < prev.distanceM)
        best.set(s.id, { station: s, distanceM: distance, alongM: start + t * length });
    };
    let along = 0;
    for (let k = 1; k < path.length; k++) {
      const [x0, y0] = path[k - 1]!;
      const [x1, y1] = path[k]!;
      const total = distanceM(x0, y0, x1, y1);
      const pieces = Math.max(1, Math.ceil(total / ROUTE_PIECE_M));
      for (let p = 0; p < pieces; p++) {
        const ax = x0 + ((x1 - x0) * p) / pieces;
        const ay = y0 + ((y1 - y0) * p) / pieces;
        const bx = x0 + ((x1 - x0) * (p + 1)) / pieces;
        const by = y0 + ((y1 - y0) * (p + 1)) / pieces;
        const start = along + (total * p) / pieces;
        if (this.tree) {
          const padLat = maxDistanceM / M_PER_DEG_LAT + 1e-6;
          const cos = Math.cos((Math.min(89, Math.max(Math.abs(ay), Math.abs(by)) + padLat) * Math.PI) / 180);
          const padLng = padLat / Math.max(cos, 1e-6);
          const ids = this.tree.range(
            Math.min(ax, bx) - padLng,
            Math.min(ay, by) - padLat,
            Math.max(ax, bx) + padLng,
            Math.max(ay, by) + padLat,
          );
          for (const i of ids) {
            const s = this.treeItems[i]!;
            if (!this.stale.has(s.id)) consider(s, ax, ay, bx, by, start);
          }
        }
        for (const s of this.overlay.values()) consider(s, ax, ay, bx, by, start);
      }
      along += total;
    }
    return [...best.values()].sort((a, b) => a.alongM - b.alongM || a.distanceM - b.distanceM).slice(0, limit);
  }
}

/**
 * Distance in metres from a point to a short segment (≤ 5 km), on an equirectangular projection centred on the
 * segment: the error against the great circle is far below a metre at these lengths.
 */
export function pointToSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): { distance: number; t: number; length: number } {
  const kx = M_PER_DEG_LAT * Math.cos((((ay + by) / 2) * Math.PI) / 180);
  const ky = M_PER_DEG_LAT;
  const dx = (bx - ax) * kx;
  const dy = (by - ay) * ky;
  const qx = (px - ax) * kx;
  const qy = (py - ay) * ky;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2)) : 0;
  return { distance: Math.hypot(qx - t * dx, qy - t * dy), t, length: Math.sqrt(len2) };
}
