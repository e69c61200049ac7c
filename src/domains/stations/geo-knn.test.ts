import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceM } from './geo.ts';
import { GeoKnn } from './geo-knn.ts';
import { seeded } from './station-generator.ts';

function tree(points: [number, number][], nodeSize = 16): KDBush {
  const t = new KDBush(points.length, nodeSize);
  for (const [x, y] of points) t.add(x, y);
  t.finish();
  return t;
}

/** Points in clusters (as stations are: around towns) over a wide area, plus exact duplicates. */
function cloud(n: number, seed: number): [number, number][] {
  const r = seeded(seed);
  const centres = Array.from({ length: 40 }, () => [75 + r.next() * 60, 18 + r.next() * 35] as const);
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && r.next() < 0.02) pts.push([...pts[r.int(0, i - 1)]!]);
    else {
      const [cx, cy] = r.pick(centres);
      pts.push([cx + (r.next() - 0.5) * 2, cy + (r.next() - 0.5) * 2]);
    }
  }
  return pts;
}

function brute(pts: [number, number][], x: number, y: number, k: number, maxM: number, ok: (i: number) => boolean) {
  return pts
    .map(([px, py], i) => ({ i, d: distanceM(x, y, px, py) }))
    .filter((p) => p.d <= maxM && ok(p.i))
    .sort((a, b) => a.d - b.d)
    .slice(0, k);
}

describe('GeoKnn', () => {
  const pts = cloud(8000, 3);
  const knn = new GeoKnn(tree(pts));

  test('property: the k nearest (filtered, within a radius) match a brute-force scan, distances bit-identical', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 70, max: 140, noNaN: true }),
        fc.double({ min: 10, max: 56, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(Infinity, 500, 5_000, 50_000, 400_000),
        fc.integer({ min: 0, max: 3 }),
        (x, y, k, maxM, mod) => {
          const ok = (i: number) => mod === 0 || i % (mod + 1) === 0;
          const n = knn.search(x, y, k, maxM, mod === 0 ? undefined : ok);
          const want = brute(pts, x, y, k, maxM, ok);
          assert.equal(n, want.length);
          for (let j = 0; j < n; j++) {
            assert.equal(knn.resultM[j], want[j]!.d, `rank ${j}`);
            const [px, py] = pts[knn.resultIds[j]!]!;
            assert.equal(distanceM(x, y, px, py), knn.resultM[j]);
            assert.ok(ok(knn.resultIds[j]!));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test('finds the same stations as geokdbush (ties aside), for small and large leaves', () => {
    for (const nodeSize of [2, 16, 64]) {
      const t = tree(pts, nodeSize);
      const mine = new GeoKnn(t);
      const r = seeded(nodeSize);
      for (let q = 0; q < 300; q++) {
        const [x, y] = [75 + r.next() * 60, 18 + r.next() * 35];
        const theirs = around(t, x, y, 10).map((i) => distanceM(x, y, pts[i]![0], pts[i]![1]));
        mine.search(x, y, 10, Infinity);
        assert.deepEqual(mine.resultM, theirs);
      }
    }
  });

  test('edge cases: more asked than there are, nothing accepted, a zero radius on a point, the antimeridian', () => {
    const few: [number, number][] = [
      [116.4, 39.9],
      [116.5, 39.9],
      [179.9, 0],
      [-179.9, 0],
    ];
    const s = new GeoKnn(tree(few));
    assert.equal(s.search(116.41, 39.9, 50, Infinity), 4);
    assert.deepEqual(s.resultIds, [0, 1, 2, 3]);
    assert.equal(
      s.search(116.41, 39.9, 5, Infinity, () => false),
      0,
    );
    assert.deepEqual(s.resultIds, []);
    assert.equal(s.search(116.5, 39.9, 5, 0), 1);
    assert.deepEqual([s.resultIds[0], s.resultM[0]], [1, 0]);
    s.search(179.99, 0, 2, Infinity); // +179.9 is 10 km away, -179.9 across the antimeridian 12.2 km
    assert.deepEqual(s.resultIds, [2, 3]);
    assert.ok(Math.abs(s.resultM[1]! - 12_231) < 5, String(s.resultM[1]));
  });

  test('reused across many queries with growing limits, it keeps answering right', () => {
    const r = seeded(5);
    for (let q = 0; q < 200; q++) {
      const [x, y] = [75 + r.next() * 60, 18 + r.next() * 35];
      const k = r.int(1, 200);
      knn.search(x, y, k, Infinity);
      assert.deepEqual(
        knn.resultM,
        brute(pts, x, y, k, Infinity, () => true).map((p) => p.d),
      );
    }
  });
});
