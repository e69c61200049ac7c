import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { type Crs, navigationLinksAt, round6 } from './geo.ts';
import { type IndexedStation, StationGeoIndex, toIndexedStation } from './geo-index.ts';
import { decimetres, StationJsonCache } from './nearby-json.ts';
import type { OpenState } from './opening-hours.ts';
import { AlongRouteResponse, NearbyResponse } from './station.schemas.ts';

const station = (i: number, over: Partial<IndexedStation> = {}) =>
  toIndexedStation({
    id: `id-${i}`,
    code: `C${i}`,
    name: `望京驿站 ${i}`,
    address: '北京市朝阳区',
    lng: 116.48 + i / 1000,
    lat: 39.99 + i / 2000,
    hours: { kind: 'unknown' },
    amenities: ['drinking_water', 'microwave'],
    ...over,
  });

/** What the route returned before (an object the response schema's serializer wrote, keys in schema order). */
function reference(s: IndexedStation, distance: number, crs: Crs, open: OpenState, alongM?: number) {
  const [lng, lat] = crs === 'wgs84' ? [s.lng, s.lat] : crs === 'gcj02' ? s.gcj : s.bd;
  return {
    code: s.code,
    name: s.name,
    address: s.address,
    lng: round6(lng),
    lat: round6(lat),
    distanceM: Math.round(distance * 10) / 10,
    openNow: open === 'unknown' ? null : open,
    amenities: s.amenities,
    navigation: navigationLinksAt(s.name, s.gcj, s.bd),
    ...(alongM === undefined ? {} : { alongM: Math.round(alongM) }),
  };
}

describe('StationJsonCache', () => {
  test('property: byte for byte the JSON of the old answer, valid against the response schemas', () => {
    const cache = new StationJsonCache(50);
    const itemArb = fc.record({
      name: fc.string({ unit: 'grapheme', maxLength: 30 }),
      address: fc.string({ unit: 'binary', maxLength: 30 }), // lone surrogates, control characters, quotes, \
      lng: fc.double({ min: 73, max: 135, noNaN: true }),
      lat: fc.double({ min: 18, max: 53, noNaN: true }),
      amenities: fc.subarray(['drinking_water', 'microwave', 'toilet', 'wifi']),
      d: fc.double({ min: 0, max: 2e7, noNaN: true }),
      open: fc.constantFrom<OpenState>(true, false, 'unknown'),
      along: fc.double({ min: 0, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 6 }),
        fc.constantFrom<Crs>('wgs84', 'gcj02', 'bd09'),
        fc.boolean(),
        (list, crs, alongRoute) => {
          const items = list.map((x, i) => ({
            station: station(i, { name: x.name, address: x.address, lng: x.lng, lat: x.lat, amenities: x.amenities }),
            distanceM: x.d,
            open: x.open,
            ...(alongRoute ? { alongM: x.along } : {}),
          }));
          const open = new Map(items.map((it) => [it.station, it.open]));
          const got = cache.answer(items, crs, (s) => open.get(s)!);
          const want = {
            items: items.map((it) => reference(it.station, it.distanceM, crs, it.open, it.alongM)),
          };
          assert.equal(got.toString('utf8'), JSON.stringify(want));
          assert.ok(Value.Check(alongRoute ? AlongRouteResponse : NearbyResponse, JSON.parse(got.toString())));
        },
      ),
      { numRuns: 500 },
    );
    assert.equal(cache.answer([], 'wgs84', () => true).toString(), '{"items":[]}');
  });

  test('property: distances are written as JSON writes Math.round(d * 10) / 10', () => {
    for (const d of [0, 0.04, 0.05, 0.95, 1, 9.95, 99.94999, 1234.56, 19_999_999.96, 2e7])
      assert.equal(decimetres(d), JSON.stringify(Math.round(d * 10) / 10), String(d));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2.1e7, noNaN: true }), (d) => {
        assert.equal(decimetres(d), JSON.stringify(Math.round(d * 10) / 10));
      }),
      { numRuns: 20_000 },
    );
  });

  test('a station changed in the index gets fresh fragments at once (the old ones are never served again)', () => {
    const index = new StationGeoIndex([station(1), station(2)]);
    const cache = new StationJsonCache();
    const nearest = () => {
      const [hit] = index.nearest(116.481, 39.9905, { limit: 1 });
      return JSON.parse(cache.answer([hit!], 'gcj02', () => 'unknown').toString()).items[0];
    };
    assert.equal(nearest().name, '望京驿站 1');
    index.upsert(station(1, { name: '望京 "新" 驿站', address: '望京街 1 号', amenities: ['toilet'] }));
    const after = nearest();
    assert.deepEqual([after.name, after.address, after.amenities], ['望京 "新" 驿站', '望京街 1 号', ['toilet']]);
    assert.ok(after.navigation.amap.includes(encodeURIComponent('望京 "新" 驿站')));
    index.upsert(station(1, { lng: 116.4811, lat: 39.9906 })); // moved: coordinates and links follow
    const moved = nearest();
    const fresh = station(1, { lng: 116.4811, lat: 39.9906 });
    assert.deepEqual([moved.lng, moved.lat], [round6(fresh.gcj[0]), round6(fresh.gcj[1])]);
    assert.equal(moved.navigation.amap, navigationLinksAt(fresh.name, fresh.gcj, fresh.bd).amap);
    index.remove('id-1');
    assert.equal(nearest().code, 'C2');
  });

  test('answers kept around stay intact while many more are written (no shared or reused bytes)', () => {
    const cache = new StationJsonCache();
    const all = Array.from({ length: 30 }, (_, i) => station(i));
    const kept = Array.from({ length: 400 }, (_, k) => {
      const items = all.slice(k % 25, (k % 25) + 5).map((s, j) => ({ station: s, distanceM: k + j / 10 }));
      return { items, bytes: cache.answer(items, 'gcj02', () => k % 2 === 0) };
    });
    for (const [k, { items, bytes }] of kept.entries()) {
      const want = { items: items.map((it) => reference(it.station, it.distanceM, 'gcj02', k % 2 === 0)) };
      assert.equal(bytes.toString(), JSON.stringify(want), `answer ${k}`);
    }
  });

  test('holds at most its capacity, first in first out, and stays correct past it, even within one answer', () => {
    const cache = new StationJsonCache(3);
    const all = Array.from({ length: 20 }, (_, i) => station(i));
    const items = all.map((s) => ({ station: s, distanceM: 1 }));
    for (const crs of ['wgs84', 'bd09'] as const) {
      const answer = JSON.parse(cache.answer(items, crs, () => true).toString());
      assert.deepEqual(
        answer.items.map((i: { code: string }) => i.code),
        all.map((s) => s.code),
      );
      assert.equal(cache.size, 3);
    }
  });
});
