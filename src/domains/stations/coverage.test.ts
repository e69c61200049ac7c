import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { distance } from 'geokdbush';
import {
  type Area,
  type Bbox,
  cellSizeFor,
  coverage,
  demandCellCentre,
  demandCellOf,
  padBbox,
  suggestSites,
} from './coverage.ts';

// Squares of side `km` in Chaoyang, with positions in km from their south-west corner on the same local
// projection the coverage grid uses (centred on the square's middle latitude).
const LNG0 = 116.4;
const LAT0 = 39.9;
function grid(km: number) {
  const lat0 = LAT0 + (km * 1000) / 111_320 / 2;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const bbox: Bbox = [LNG0, LAT0, LNG0 + (km * 1000) / kx, LAT0 + (km * 1000) / 111_320];
  const at = (xKm: number, yKm: number): [number, number] => [LNG0 + (xKm * 1000) / kx, LAT0 + (yKm * 1000) / 111_320];
  return { area: { bbox, contains: () => true } as Area, at };
}
const square = (km: number) => grid(km).area;
const at = grid(10).at;

test('one station in the middle of 100 km² covers π km² within 1 km', () => {
  const r = coverage(square(10), [at(5, 5)], [500, 1000], 100);
  assert.equal(r.cells, 10_000);
  assert.ok(Math.abs(r.areaKm2 - 100) < 0.5, String(r.areaKm2));
  const [half, one] = r.results;
  assert.ok(Math.abs(one!.share - Math.PI / 100) < 0.001, String(one!.share));
  assert.ok(Math.abs(half!.share - Math.PI / 400) < 0.0005, String(half!.share));
});

test('no station covers nothing; a 1 km lattice with 1 km radius covers everything', () => {
  assert.equal(coverage(square(5), [], [1000]).results[0]!.share, 0);
  const lattice: [number, number][] = [];
  for (let x = 0; x <= 5; x++) for (let y = 0; y <= 5; y++) lattice.push(grid(5).at(x, y));
  assert.equal(coverage(square(5), lattice, [1000], 250).results[0]!.share, 1);
});

test('only cells inside the area count', () => {
  const area = square(10);
  const westHalf: Area = { ...area, contains: (lng) => lng < at(5, 0)[0] };
  const r = coverage(westHalf, [at(5, 5)], [1000], 100);
  assert.equal(r.cells, 5_000);
  assert.ok(Math.abs(r.results[0]!.share - Math.PI / 100) < 0.002, String(r.results[0]!.share));
});

test('the planar cell test agrees with great-circle distance except at the very edge of a circle', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true })), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.constantFrom(300, 500, 1000),
      (points, radiusM) => {
        const g = grid(4);
        const stations = points.map(([x, y]) => g.at(x, y));
        const cellM = 200;
        const result = coverage(g.area, stations, [radiusM], cellM);
        assert.equal(result.cells, 400);
        const got = result.results[0]!.coveredCells;
        let exact = 0;
        let edge = 0;
        for (let j = 0; j < 20; j++) {
          for (let i = 0; i < 20; i++) {
            const [lng, lat] = g.at(((i + 0.5) * cellM) / 1000, ((j + 0.5) * cellM) / 1000);
            const d = Math.min(...stations.map(([sx, sy]) => distance(lng, lat, sx, sy) * 1000));
            if (d <= radiusM) exact++;
            if (Math.abs(d - radiusM) < 3) edge++;
          }
        }
        assert.ok(Math.abs(got - exact) <= edge, `${got} vs ${exact} (±${edge})`);
      },
    ),
    { numRuns: 60 },
  );
});

test('cells grow for large areas so a province stays computable', () => {
  assert.equal(cellSizeFor(square(10).bbox), 250);
  const beijing: Bbox = [115.426, 39.443, 117.515, 41.062];
  const cell = cellSizeFor(beijing);
  assert.ok(cell >= 250 && cell <= 400, String(cell));
  const xinjiang: Bbox = [73.5, 34.3, 96.4, 49.2];
  assert.ok(cellSizeFor(xinjiang) > 2000);
  const padded = padBbox(square(10).bbox, 1000);
  assert.ok(Math.abs((padded[3] - padded[1]) * 111_320 - 12_000) < 1);
});

test('demand cells: a point lies in its cell, whose centre is within half a cell', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 73, max: 135, noNaN: true }),
      fc.double({ min: 18, max: 53, noNaN: true }),
      (lng, lat) => {
        const { x, y } = demandCellOf(lng, lat);
        const [cx, cy] = demandCellCentre(x, y);
        assert.ok(Math.abs(cx - lng) <= 0.0015 + 1e-9 && Math.abs(cy - lat) <= 0.00125 + 1e-9);
        assert.deepEqual(demandCellOf(cx, cy), { x, y });
      },
    ),
  );
});

test('suggested sites: demand far from every active station, ranked by searches + 3 × check-ins', () => {
  const cell = (xKm: number, yKm: number, searches: number, checkins = 0) => ({
    ...demandCellOf(...at(xKm, yKm)),
    searches,
    checkins,
  });
  const stations = [at(1, 1)];
  const sites = suggestSites([cell(1.1, 1.1, 500), cell(5, 5, 10, 1), cell(8, 8, 20), cell(3, 3, 12, 0)], stations, {
    minDistanceM: 1000,
  });
  assert.deepEqual(
    sites.map((s) => [s.searches, s.checkins, s.score]),
    [
      [20, 0, 20],
      [10, 1, 13],
      [12, 0, 12],
    ],
  );
  assert.ok(sites.every((s) => s.nearestStationM !== null && s.nearestStationM >= 1000));
  const none = suggestSites([cell(1, 1, 3)], []);
  assert.equal(none[0]!.nearestStationM, null);
  const inWest = suggestSites([cell(2, 5, 9), cell(8, 5, 9)], stations, {
    area: { bbox: square(10).bbox, contains: (lng) => lng < at(5, 0)[0] },
  });
  assert.equal(inWest.length, 1);
  assert.equal(suggestSites([cell(5, 5, 1), cell(6, 6, 2), cell(7, 7, 3)], stations, { limit: 2 }).length, 2);
});
