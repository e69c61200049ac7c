import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { distanceM } from './geo.ts';
import { type IndexedStation, pointToSegment, StationGeoIndex, toIndexedStation } from './geo-index.ts';
import { seeded } from './station-generator.ts';

function station(i: number, lng: number, lat: number, amenities: string[] = []): IndexedStation {
  return toIndexedStation({
    id: `id-${i}`,
    code: `C${i}`,
    name: `S${i}`,
    address: '',
    lng,
    lat,
    hours: { kind: 'unknown' },
    amenities,
  });
}

/** Deterministic pseudo-random points over north China. */
function points(n: number, seed = 1): IndexedStation[] {
  const rnd = seeded(seed).next;
  return Array.from({ length: n }, (_, i) =>
    station(i, 110 + rnd() * 12, 34 + rnd() * 8, rnd() < 0.3 ? ['microwave'] : []),
  );
}

function brute(
  all: Iterable<IndexedStation>,
  lng: number,
  lat: number,
  k: number,
  filter?: (s: IndexedStation) => boolean,
) {
  return [...all]
    .filter((s) => !filter || filter(s))
    .map((s) => ({ s, d: distanceM(lng, lat, s.lng, s.lat) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, k);
}

const sameDistances = (got: { distanceM: number }[], want: { d: number }[]) => {
  assert.equal(got.length, want.length);
  for (const [i, g] of got.entries()) {
    assert.ok(Math.abs(g.distanceM - want[i]!.d) < 1e-6, `${i}: ${g.distanceM} vs ${want[i]!.d}`);
  }
};

describe('StationGeoIndex', () => {
  const data = points(5000);
  const index = new StationGeoIndex(data);

  test('property: the k nearest match a brute-force scan (with and without filters and radius)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 105, max: 127, noNaN: true }),
        fc.double({ min: 30, max: 45, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (lng, lat, k, microwave) => {
          const filter = microwave ? (s: IndexedStation) => s.amenities.includes('microwave') : undefined;
          sameDistances(index.nearest(lng, lat, { limit: k, filter }), brute(data, lng, lat, k, filter));
          const radius = 30_000;
          const within = brute(data, lng, lat, 1000)
            .filter((x) => x.d <= radius)
            .slice(0, k);
          sameDistances(index.nearest(lng, lat, { limit: k, maxDistanceM: radius }), within);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('patches (upsert, move, remove) take effect at once, before and after a rebuild', () => {
    const idx = new StationGeoIndex(points(2000, 7));
    const live = new Map([...idx.all()].map((s) => [s.id, s]));
    const rnd = seeded(99).next;
    for (let step = 0; step < 1500; step++) {
      const r = rnd();
      if (r < 0.4) {
        const st = station(10_000 + step, 110 + rnd() * 12, 34 + rnd() * 8);
        idx.upsert(st);
        live.set(st.id, st);
      } else if (r < 0.7) {
        const ids = [...live.keys()];
        const moved = { ...live.get(ids[Math.floor(rnd() * ids.length)]!)!, lng: 110 + rnd() * 12 };
        idx.upsert(moved);
        live.set(moved.id, moved);
      } else {
        const ids = [...live.keys()];
        const id = ids[Math.floor(rnd() * ids.length)]!;
        idx.remove(id);
        live.delete(id);
      }
      if (step % 50 === 0) {
        const [lng, lat] = [110 + rnd() * 12, 34 + rnd() * 8];
        sameDistances(idx.nearest(lng, lat, { limit: 5 }), brute(live.values(), lng, lat, 5));
        const got = idx.nearest(lng, lat, { limit: 5 }).map((h) => h.station);
        for (const g of got) assert.equal(live.get(g.id), g);
      }
    }
    assert.equal(idx.size, live.size);
  });

  test('an empty index answers nothing', () => {
    const idx = new StationGeoIndex();
    assert.deepEqual(idx.nearest(116, 40, { limit: 5 }), []);
    assert.deepEqual(
      idx.alongRoute(
        [
          [116, 40],
          [117, 40],
        ],
        { maxDistanceM: 500, limit: 5 },
      ),
      [],
    );
    idx.upsert(station(1, 116.5, 40.001));
    assert.equal(idx.nearest(116, 40, { limit: 5 })[0]!.station.id, 'id-1');
  });

  test('every entry has the same hidden class, so property reads on the hot path stay in the inline caches', () => {
    // V8's own answer (%HaveSameMap needs --allow-natives-syntax, hence a child process): entries built from a
    // `{ ...s, … }` spread each got a hidden class of their own once the function was warm, 19,992 for 20,000.
    const script = `
      import { toIndexedStation } from ${JSON.stringify(new URL('./geo-index.ts', import.meta.url).href)};
      const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
      const hours = [{ kind: 'unknown' }, { kind: 'always', exceptions: [] }];
      const all = Array.from({ length: 5000 }, (_, i) => toIndexedStation({
        id: 'id-' + i, code: 'C' + i, name: 'S' + i, address: '', lng: i % 2 ? 116 : 116.25 + i / 1e4, lat: 39.5,
        hours: JSON.parse(JSON.stringify(hours[i % 2])), amenities: i % 3 ? [] : ['microwave'],
      }));
      const shapes = [];
      for (const s of all) if (!shapes.some((t) => sameMap(t, s))) shapes.push(s);
      console.log(shapes.length);`;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module'], {
      input: script,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    // Integer and fractional coordinates may split the first few into two shapes (V8 widens the field), no more.
    assert.ok(Number(run.stdout.trim()) <= 2, `${run.stdout.trim()} hidden classes for 5,000 entries`);
  });

  test('along a route: every station within the distance, none outside, ordered along the route', () => {
    const route: [number, number][] = [
      [112, 36],
      [113.5, 36.4],
      [114, 38],
      [116.2, 38.1],
    ];
    const max = 8000;
    const hits = index.alongRoute(route, { maxDistanceM: max, limit: 10_000 });
    const near = (s: IndexedStation) => {
      let best = Infinity;
      for (let k = 1; k < route.length; k++) {
        const [ax, ay] = route[k - 1]!;
        const [bx, by] = route[k]!;
        const n = Math.max(1, Math.ceil(distanceM(ax, ay, bx, by) / 5000));
        for (let p = 0; p < n; p++) {
          const seg = pointToSegment(
            s.lng,
            s.lat,
            ax + ((bx - ax) * p) / n,
            ay + ((by - ay) * p) / n,
            ax + ((bx - ax) * (p + 1)) / n,
            ay + ((by - ay) * (p + 1)) / n,
          );
          best = Math.min(best, seg.distance);
        }
      }
      return best;
    };
    const expected = data
      .filter((s) => near(s) <= max)
      .map((s) => s.id)
      .sort();
    assert.ok(expected.length > 10);
    assert.deepEqual(hits.map((h) => h.station.id).sort(), expected);
    assert.ok(hits.every((h, i) => i === 0 || hits[i - 1]!.alongM <= h.alongM));
    // The detour is close to the great-circle distance to the nearest point of the route.
    for (const h of hits) assert.ok(Math.abs(h.distanceM - near(h.station)) < 1e-6);
  });

  test('pointToSegment agrees with great-circle distance at short range', () => {
    const { distance, t } = pointToSegment(116.41, 39.91, 116.4, 39.9, 116.42, 39.9);
    assert.ok(Math.abs(distance - distanceM(116.41, 39.91, 116.41, 39.9)) < 2);
    assert.ok(Math.abs(t - 0.5) < 1e-9);
  });
});
