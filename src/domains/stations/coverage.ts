/**
 * Coverage and demand geometry. Pure: no Fastify, no Kysely.
 *
 * Coverage: the region's area is cut into square cells of `cellM` metres on a local equirectangular projection
 * around the area's centre (distortion < 0.5 % across a district or a city); a cell counts as covered when its
 * centre lies within the radius of an active station; the share is covered cells in the area / cells in the area.
 *
 * Demand: searches are counted on a fixed global grid of 0.003° longitude × 0.0025° latitude (≈ 256 × 278 m in
 * Beijing, ≈ 300 × 278 m in the south): coarse on purpose, since a position finer than a block is personal data.
 */

import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';

export const DEMAND_CELL = { lng: 0.003, lat: 0.0025 } as const;

export function demandCellOf(lng: number, lat: number): { x: number; y: number } {
  return { x: Math.floor(lng / DEMAND_CELL.lng), y: Math.floor(lat / DEMAND_CELL.lat) };
}

export function demandCellCentre(x: number, y: number): [number, number] {
  return [(x + 0.5) * DEMAND_CELL.lng, (y + 0.5) * DEMAND_CELL.lat];
}

export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export interface Area {
  bbox: Bbox;
  contains(lng: number, lat: number): boolean;
}

const M_PER_DEG_LAT = 111_320;

/** Grows a box by `m` metres on every side. */
export function padBbox([x0, y0, x1, y1]: Bbox, m: number): Bbox {
  const dy = m / M_PER_DEG_LAT;
  const dx = m / (M_PER_DEG_LAT * Math.cos(((y0 + y1) / 2) * (Math.PI / 180)));
  return [x0 - dx, y0 - dy, x1 + dx, y1 + dy];
}

export function intersectBbox(a: Bbox, b: Bbox): Bbox | null {
  const r: Bbox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] < r[2] && r[1] < r[3] ? r : null;
}

/** The smallest cell size (≥ minCellM) that keeps the grid under maxCells cells: a province stays computable. */
export function cellSizeFor(bbox: Bbox, minCellM = 250, maxCells = 400_000): number {
  const lat0 = (bbox[1] + bbox[3]) / 2;
  const w = (bbox[2] - bbox[0]) * M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const h = (bbox[3] - bbox[1]) * M_PER_DEG_LAT;
  const needed = Math.sqrt((w * h) / maxCells);
  return Math.max(minCellM, Math.ceil(needed / 50) * 50);
}

export interface CoverageResult {
  cellM: number;
  cells: number;
  areaKm2: number;
  results: { radiusM: number; coveredCells: number; share: number }[];
}

/** Share of the area within each radius of at least one of the stations ([lng, lat], WGS-84). */
export function coverage(
  area: Area,
  stations: readonly (readonly [number, number])[],
  radiiM: readonly number[],
  cellM = cellSizeFor(area.bbox),
): CoverageResult {
  const [x0, y0, x1, y1] = area.bbox;
  const lat0 = (y0 + y1) / 2;
  const kx = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const ky = M_PER_DEG_LAT;
  // (a thousandth of a cell of slack keeps a box of n cells from growing an n+1-th column through rounding)
  const nx = Math.max(1, Math.ceil(((x1 - x0) * kx) / cellM - 1e-3));
  const ny = Math.max(1, Math.ceil(((y1 - y0) * ky) / cellM - 1e-3));
  const inArea = new Uint8Array(nx * ny);
  let cells = 0;
  for (let j = 0; j < ny; j++) {
    const lat = y0 + ((j + 0.5) * cellM) / ky;
    for (let i = 0; i < nx; i++) {
      const lng = x0 + ((i + 0.5) * cellM) / kx;
      if (area.contains(lng, lat)) {
        inArea[j * nx + i] = 1;
        cells++;
      }
    }
  }
  const results = radiiM.map((radiusM) => {
    const covered = new Uint8Array(nx * ny);
    let coveredCells = 0;
    const r2 = radiusM * radiusM;
    for (const [lng, lat] of stations) {
      const sx = (lng - x0) * kx;
      const sy = (lat - y0) * ky;
      const i0 = Math.max(0, Math.floor((sx - radiusM) / cellM));
      const i1 = Math.min(nx - 1, Math.floor((sx + radiusM) / cellM));
      const j0 = Math.max(0, Math.floor((sy - radiusM) / cellM));
      const j1 = Math.min(ny - 1, Math.floor((sy + radiusM) / cellM));
      for (let j = j0; j <= j1; j++) {
        const dy = (j + 0.5) * cellM - sy;
        for (let i = i0; i <= i1; i++) {
          const k = j * nx + i;
          if (!inArea[k] || covered[k]) continue;
          const dx = (i + 0.5) * cellM - sx;
          if (dx * dx + dy * dy <= r2) {
            covered[k] = 1;
            coveredCells++;
          }
        }
      }
    }
    return { radiusM, coveredCells, share: cells ? Math.round((coveredCells / cells) * 10_000) / 10_000 : 0 };
  });
  return { cellM, cells, areaKm2: Math.round((cells * cellM * cellM) / 1e4) / 100, results };
}

export interface DemandCell {
  x: number;
  y: number;
  searches: number;
  checkins: number;
}

export interface SuggestedSite {
  lng: number;
  lat: number;
  searches: number;
  checkins: number;
  score: number;
  /** Distance to the nearest active station, or null when there is none within 50 km. */
  nearestStationM: number | null;
}

/** A check-in away from every station is stronger evidence of need than a search. */
export const CHECKIN_WEIGHT = 3;

/**
 * Demand cells with no active station within `minDistanceM` of their centre, ranked by demand (searches plus
 * three times check-ins), the suggested new sites on the map.
 */
export function suggestSites(
  cells: readonly DemandCell[],
  stations: readonly (readonly [number, number])[],
  options: { minDistanceM?: number; limit?: number; area?: Area } = {},
): SuggestedSite[] {
  const minDistanceM = options.minDistanceM ?? 1000;
  const index = stations.length ? new KDBush(stations.length) : null;
  for (const [lng, lat] of stations) index!.add(lng, lat);
  index?.finish();
  const out: SuggestedSite[] = [];
  for (const c of cells) {
    const [lng, lat] = demandCellCentre(c.x, c.y);
    if (options.area && !options.area.contains(lng, lat)) continue;
    const [nearest] = index ? around(index, lng, lat, 1, 50) : [];
    const nearestStationM =
      nearest === undefined
        ? null
        : Math.round(distance(lng, lat, stations[nearest]![0], stations[nearest]![1]) * 1000);
    if (nearestStationM !== null && nearestStationM < minDistanceM) continue;
    out.push({
      lng: Math.round(lng * 1e5) / 1e5,
      lat: Math.round(lat * 1e5) / 1e5,
      searches: c.searches,
      checkins: c.checkins,
      score: c.searches + CHECKIN_WEIGHT * c.checkins,
      nearestStationM,
    });
  }
  out.sort((a, b) => b.score - a.score || a.lng - b.lng || a.lat - b.lat);
  return out.slice(0, options.limit ?? 50);
}
