/**
 * Derives region-bounds.json (shipped beside this file) from the boundary data of echarts@4.9.0, which the team
 * chose in DESIGN.md as the source of prefecture label points. It is run once by hand, not at run time:
 *
 *   npm pack echarts@4.9.0 && tar -xzf echarts-4.9.0.tgz package/map/json
 *   npx tsx src/domains/stations/region-bounds.derive.ts package/map/json > src/domains/stations/region-bounds.json
 *
 * The echarts outlines are older than the 2023 GB/T 2260 table: a few prefecture codes changed since (Tibet's
 * prefectures became cities, Laiwu merged into Jinan, Danzhou became a prefecture-level city). They are mapped to
 * their 2023 codes below; prefectures the data lacks (三沙) fall back to the province outline.
 */
import fs from 'node:fs';
import path from 'node:path';

type Ring = [number, number][];
interface Feature {
  id: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
}

/** echarts' "UTF8Encoding": zig-zag, delta-coded coordinates quantised to 1/1024 degree. */
function decodeRing(text: string, offset: [number, number]): Ring {
  const ring: Ring = [];
  let [px, py] = offset;
  for (let i = 0; i < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64;
    let y = text.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

/**
 * Every ring of a feature. echarts stores islands as further rings of one polygon (and the odd real hole), so
 * containment is decided by the even-odd rule over all rings together (see geo.ts).
 */
function allRings(f: Feature): Ring[] {
  const g = f.geometry;
  if (g.type === 'Polygon') {
    const rings = g.coordinates as string[];
    const offsets = g.encodeOffsets as [number, number][];
    return rings.map((r, i) => decodeRing(r, offsets[i]!));
  }
  const polys = g.coordinates as string[][];
  const offsets = g.encodeOffsets as [number, number][][];
  return polys.flatMap((p, i) => p.map((r, j) => decodeRing(r, offsets[i]![j]!)));
}

/** Douglas–Peucker in degrees: outlines only need to be right to about a kilometre. */
function simplify(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b]!;
    let max = 0;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [x, y] = ring[i]!;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
      if (d > max) {
        max = d;
        at = i;
      }
    }
    if (max > tolerance && at > 0) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function entry(features: Feature[], tolerance: number) {
  const rings = features.flatMap(allRings).map((r) => simplify(r, tolerance));
  const flat = rings.filter((r) => r.length >= 3).map((r) => r.flatMap(([x, y]) => [round(x), round(y)]));
  const xs = flat.flatMap((r) => r.filter((_, i) => i % 2 === 0));
  const ys = flat.flatMap((r) => r.filter((_, i) => i % 2 === 1));
  const cp = features[0]!.properties.cp;
  return {
    name: features[0]!.properties.name,
    label: cp ? [round(cp[0]), round(cp[1])] : null,
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    rings: flat,
  };
}

/** Old echarts code → 2023 GB/T 2260 code. */
const RENAMED: Record<string, string> = {
  '652100': '650400', // 吐鲁番地区 → 吐鲁番市
  '652200': '650500', // 哈密地区 → 哈密市
  '542200': '540500', // 山南地区 → 山南市
  '542400': '540600', // 那曲地区 → 那曲市
  '542600': '540400', // 林芝地区 → 林芝市
  '469003': '460400', // 儋州 → 儋州市 (prefecture level since 2015)
  '371200': '370100', // 莱芜 merged into 济南 (2019)
};

const dir = process.argv[2];
if (!dir) throw new Error('usage: region-bounds.derive.ts <echarts map/json folder>');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { features: Feature[] };
const provinces: Record<string, ReturnType<typeof entry>> = {};
for (const f of read('china.json').features) provinces[f.id] = entry([f], 0.03);
const grouped = new Map<string, Feature[]>();
for (const f of read('china-cities.json').features) {
  if (/0000$/.test(f.id)) continue; // municipalities repeat their province outline
  const code = RENAMED[f.id] ?? f.id;
  grouped.set(code, [...(grouped.get(code) ?? []), f]);
}
const prefectures: Record<string, ReturnType<typeof entry>> = {};
for (const [code, features] of [...grouped].sort()) {
  // Jinan keeps its own label point when Laiwu's outline joins it.
  features.sort((a, b) => (a.id === code ? -1 : b.id === code ? 1 : 0));
  prefectures[code] = entry(features, 0.02);
}
process.stdout.write(
  `${JSON.stringify({
    source: 'echarts@4.9.0 map/json/china.json and china-cities.json, simplified (Douglas-Peucker 0.03°/0.02°)',
    provinces,
    prefectures,
  })}\n`,
);
