/**
 * Derives `web/src/pages/console/cockpit/beijing-districts.json` (committed): the 16 district outlines of Beijing keyed by their 6-digit region
 * code (GB/T 2260), for the cockpit map (echarts.registerMap in web/src/pages/console/cockpit).
 *
 * Provenance: the npm package echarts@4.9.0 (Apache-2.0, © The Apache Software Foundation), file
 * `map/json/province/beijing.json` — echarts dropped its map data from version 5, so it is taken from the tarball
 * and not added as a dependency. That file is "UTF8Encoding" compressed (each ring a string of zigzag-encoded
 * deltas, offsets in `encodeOffsets`, scale 1024); here it is decoded into plain GeoJSON, rounded to 4 decimals
 * (~10 m) and stripped to what the map needs. Coordinates are as echarts ships them (GCJ-02-ish; fine for a
 * choropleth, not for measuring).
 *
 *   cd /tmp && npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json/province/beijing.json
 *   npx tsx src/domains/cockpit/districts.derive.ts /tmp/package/map/json/province/beijing.json
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

type Ring = [number, number][];
interface EncodedFeature {
  id: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
  properties: { name: string; cp?: [number, number] };
}

/** echarts 4's decoder (src/coord/geo/parseGeoJson.js), ported. */
export function decodeRing(encoded: string, offset: [number, number], scale = 1024): Ring {
  const out: Ring = [];
  let [px, py] = offset;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    const point: [number, number] = [Math.round((x / scale) * 1e4) / 1e4, Math.round((y / scale) * 1e4) / 1e4];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

export function derive(source: { features: EncodedFeature[]; UTF8Encoding?: boolean }) {
  if (!source.UTF8Encoding) throw new Error('expected an echarts UTF8Encoding map file');
  return {
    type: 'FeatureCollection',
    source: 'echarts@4.9.0 map/json/province/beijing.json (Apache-2.0)',
    features: source.features
      .map((f) => {
        const g = f.geometry;
        const coordinates =
          g.type === 'Polygon'
            ? (g.coordinates as string[]).map((r, i) => decodeRing(r, (g.encodeOffsets as [number, number][])[i]!))
            : (g.coordinates as string[][]).map((p, j) =>
                p.map((r, i) => decodeRing(r, (g.encodeOffsets as [number, number][][])[j]![i]!)),
              );
        return {
          type: 'Feature',
          id: f.id,
          // name is the region code, so series data is keyed by code; label is what people read
          properties: { name: f.id, label: f.properties.name, cp: f.properties.cp },
          geometry: { type: g.type, coordinates },
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const input = process.argv[2];
  if (!input) throw new Error('usage: districts.derive.ts path/to/echarts-4.9.0/map/json/province/beijing.json');
  const out = derive(JSON.parse(fs.readFileSync(input, 'utf8')));
  const target = fileURLToPath(
    new URL('../../../web/src/pages/console/cockpit/beijing-districts.json', import.meta.url),
  );
  fs.writeFileSync(target, `${JSON.stringify(out)}\n`);
  console.log(`${out.features.length} districts → ${target}`);
}
