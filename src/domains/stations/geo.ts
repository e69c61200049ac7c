/**
 * Coordinates, distances and coarse region geometry for stations. Stored coordinates are WGS-84; Amap, Tencent and
 * WeChat speak GCJ-02 and Baidu BD-09, so input is converted on the way in and output on the way out (gcoord).
 *
 * Region outlines come from region-bounds.json (derived once from echarts@4.9.0 by region-bounds.derive.ts):
 * province and prefecture outlines simplified to about 2–3 km. They are good enough to say "this point is not in
 * 朝阳区's prefecture (Beijing)" or "this is not in China", not to draw borders: see docs/station-code.md § Limits.
 */
import { createRequire } from 'node:module';
import gcoordModule from 'gcoord';
import { distance } from 'geokdbush';
import { type NavigationLinks, navigationLinksAt } from './navigation-links.ts';

export { type NavigationLinks, navigationLinksAt };

type Gcoord = typeof gcoordModule.default;
// gcoord ships CommonJS whose types declare an ES default export; under Node's ESM loader the module object is it.
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

export const CRS_LIST = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_LIST)[number];

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], GCOORD[crs], gcoord.WGS84) as [number, number];
  return [x, y];
}

export function fromWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, GCOORD[crs]) as [number, number];
  return [x, y];
}

/** Great-circle distance in metres (haversine, R = 6371 km), the metric the geo index orders by. */
export function distanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return distance(lng1, lat1, lng2, lat2) * 1000;
}

/** Rounds to 6 decimals (≈ 0.1 m): enough for a door, and stable JSON. */
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

// ---- region outlines -------------------------------------------------------------------------------------------

interface Outline {
  name: string;
  label: [number, number] | null;
  bbox: [number, number, number, number];
  rings: number[][];
}
interface Bounds {
  provinces: Record<string, Outline>;
  prefectures: Record<string, Outline>;
}

let bounds: Bounds | undefined;
function loadBounds(): Bounds {
  bounds ??= createRequire(import.meta.url)('./region-bounds.json') as Bounds;
  return bounds;
}

/** Outlines are simplified by up to ~2–3 km: points this close outside still count as inside. */
export const OUTLINE_TOLERANCE_KM = 5;

function inRing(ring: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in km from a point to a ring's edges, on a local equirectangular projection (fine at a few km). */
function ringDistanceKm(ring: number[], x: number, y: number): number {
  const kx = 111.32 * Math.cos((y * Math.PI) / 180);
  const ky = 110.57;
  let best = Infinity;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const ax = (ring[j]! - x) * kx;
    const ay = (ring[j + 1]! - y) * ky;
    const bx = (ring[i]! - x) * kx;
    const by = (ring[i + 1]! - y) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

function nearBox(o: Outline, x: number, y: number, toleranceKm: number): boolean {
  const pad = toleranceKm / 80; // degrees, generous at every latitude of China
  const [minX, minY, maxX, maxY] = o.bbox;
  return x >= minX - pad && x <= maxX + pad && y >= minY - pad && y <= maxY + pad;
}

/** Even-odd over all rings: islands are further rings, holes (enclaves) cancel out. */
function inside(o: Outline, x: number, y: number): boolean {
  let n = 0;
  for (const r of o.rings) if (inRing(r, x, y)) n++;
  return n % 2 === 1;
}

function near(o: Outline, x: number, y: number, toleranceKm: number): boolean {
  if (!nearBox(o, x, y, toleranceKm)) return false;
  if (inside(o, x, y)) return true;
  return toleranceKm > 0 && o.rings.some((r) => ringDistanceKm(r, x, y) <= toleranceKm);
}

let provinceList: Outline[] | undefined;

/** Whether a WGS-84 point lies in (or within a few km of) China, Hong Kong, Macao and Taiwan included. */
export function inChina(lng: number, lat: number): boolean {
  if (!(lng >= 72 && lng <= 136 && lat >= 3 && lat <= 54)) return false;
  provinceList ??= Object.values(loadBounds().provinces);
  const candidates = provinceList.filter((o) => nearBox(o, lng, lat, OUTLINE_TOLERANCE_KM));
  // Containment first (cheap); distances to outlines only for points in no province: near a border or a coast.
  if (candidates.some((o) => inside(o, lng, lat))) return true;
  return candidates.some((o) => o.rings.some((r) => ringDistanceKm(r, lng, lat) <= OUTLINE_TOLERANCE_KM));
}

export type RegionCheck =
  | { ok: true; level: 'prefecture' | 'province' }
  | { ok: false; level: 'prefecture' | 'province'; name: string; labelDistanceKm: number | null };

/**
 * Whether a point plausibly lies in the region with this code: checked against its prefecture's outline where the
 * data has one (the prefecture, or the county for province-administered counties such as 济源), else its
 * province's. A district is not checked against its own outline (the data has none): 110105 passes anywhere in
 * Beijing.
 */
export function checkRegionContains(
  region: { code: string; provinceCode: string; cityCode: string | null },
  lng: number,
  lat: number,
): RegionCheck {
  const b = loadBounds();
  const prefecture = b.prefectures[region.code] ?? (region.cityCode ? b.prefectures[region.cityCode] : undefined);
  const outline = prefecture ?? b.provinces[region.provinceCode];
  const level = prefecture ? 'prefecture' : 'province';
  if (!outline) return { ok: true, level };
  if (near(outline, lng, lat, OUTLINE_TOLERANCE_KM)) return { ok: true, level };
  const labelDistanceKm = outline.label ? Math.round(distance(lng, lat, outline.label[0], outline.label[1])) : null;
  return { ok: false, level, name: outline.name, labelDistanceKm };
}

/**
 * The outline the data has for exactly this code (a prefecture, a province-administered county, or a province),
 * for area statistics such as coverage; undefined for districts and other codes without an outline of their own.
 */
export interface RegionOutline {
  level: 'prefecture' | 'province';
  name: string;
  bbox: [number, number, number, number];
  contains(lng: number, lat: number): boolean;
}

export function regionOutline(code: string): RegionOutline | undefined {
  const b = loadBounds();
  const o = b.prefectures[code] ?? b.provinces[code];
  if (!o) return undefined;
  return {
    level: b.prefectures[code] ? 'prefecture' : 'province',
    name: o.name,
    bbox: o.bbox,
    contains: (lng, lat) => inside(o, lng, lat),
  };
}

/**
 * Label points of the prefectures in the outline data, plus the four municipalities (under their 市辖区 city
 * code), for generating realistic test stations.
 */
export function prefectureLabels(): { code: string; name: string; lng: number; lat: number }[] {
  const b = loadBounds();
  const municipalities = ['110000', '120000', '310000', '500000']
    .map((code) => [`${code.slice(0, 2)}0100`, b.provinces[code]!] as const)
    .filter(([, o]) => o?.label);
  return [...Object.entries(b.prefectures), ...municipalities]
    .filter(([, o]) => o.label)
    .map(([code, o]) => ({ code, name: o.name, lng: o.label![0], lat: o.label![1] }));
}

// ---- navigation hand-off ---------------------------------------------------------------------------------------

/** Deep links that open each provider's app (or web page) at the station, in the datum that provider expects. */
export function navigationLinks(name: string, wgsLng: number, wgsLat: number): NavigationLinks {
  return navigationLinksAt(name, fromWgs84(wgsLng, wgsLat, 'gcj02'), fromWgs84(wgsLng, wgsLat, 'bd09'));
}
