import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AMENITIES } from './amenity.ts';
import { type Crs, fromWgs84, type NavigationLinks, navigationLinksAt, toWgs84 } from './geo.ts';
import { type IndexedStation, StationGeoIndex, toIndexedStation } from './geo-index.ts';
import { amenitiesFromMask, COMPACT_FIELDS, decodeNearbyCompact, type NearbyCompactAnswer } from './nearby-compact.ts';
import { StationJsonCache } from './nearby-json.ts';
import type { OpenState } from './opening-hours.ts';
import { NearbyCompactResponse, NearbyResponse } from './station.schemas.ts';
import { generateStationsFile, seeded } from './station-generator.ts';

const CRSES = ['wgs84', 'gcj02', 'bd09'] as const;

interface FullItem {
  code: string;
  name: string;
  lng: number;
  lat: number;
  distanceM: number;
  openNow: boolean | null;
  amenities: string[];
  navigation: { amap: string; baidu: string; tencent: string };
}

/** The full answer's amenities as the compact form can carry them: vocabulary codes in vocabulary order. */
const inVocabularyOrder = (list: readonly string[]) => AMENITIES.filter((a) => list.includes(a)) as string[];

/** Asserts the decoded compact answer carries exactly the full answer, field by field, but address and links. */
function assertSameStations(compact: NearbyCompactAnswer, full: FullItem[], context: string) {
  const decoded = decodeNearbyCompact(compact);
  assert.deepEqual(
    decoded,
    full.map((i) => ({
      code: i.code,
      name: i.name,
      lng: i.lng,
      lat: i.lat,
      distanceM: i.distanceM,
      openNow: i.openNow,
      amenities: inVocabularyOrder(i.amenities),
    })),
    context,
  );
}

describe('compact /nearby answer (pure)', () => {
  const r = seeded(5);
  const { stations } = generateStationsFile(3_000, { seed: 3, crs: 'wgs84', encoding: 'utf-8' });
  const opens: OpenState[] = [true, false, 'unknown'];
  const indexed = stations.map((s, i) =>
    toIndexedStation({
      id: `id-${i}`,
      code: s.externalId,
      name: i % 7 === 0 ? `${s.name} "引号" \\ \u0001 😀` : s.name,
      address: '',
      lng: s.lng,
      lat: s.lat,
      hours: { kind: 'unknown' },
      amenities: AMENITIES.filter(() => r.next() < 0.3).reverse(), // stored order need not be the vocabulary's
    }),
  );
  const state = new Map(indexed.map((s) => [s, r.pick(opens)]));
  const openNow = (s: IndexedStation) => state.get(s)!;
  const index = new StationGeoIndex(indexed);

  test('the same stations, order, positions, distances, open-now and amenities as the full answer', () => {
    const cache = new StationJsonCache(500); // small: evictions and rebuilt fragments on the way
    for (let q = 0; q < 600; q++) {
      const s = r.pick(stations);
      const lng = s.lng + (r.next() - 0.5) * 0.4;
      const lat = s.lat + (r.next() - 0.5) * 0.4;
      const crs = CRSES[q % 3]!;
      const hits = index.nearest(lng, lat, { limit: r.int(1, 12) });
      const compact = JSON.parse(cache.compact(hits, crs, openNow).toString('utf8')) as NearbyCompactAnswer;
      const full = JSON.parse(cache.answer(hits, crs, openNow).toString('utf8')) as { items: FullItem[] };
      assert.ok(
        Value.Check(NearbyCompactResponse, compact),
        [...Value.Errors(NearbyCompactResponse, compact)][0]?.message,
      );
      assert.equal(compact.crs, crs);
      assert.deepEqual(compact.fields, COMPACT_FIELDS);
      assertSameStations(compact, full.items, `query ${q}`);
    }
  });

  test('an empty answer, and the bit set over the vocabulary (unknown bits ignored)', () => {
    const cache = new StationJsonCache();
    const empty = JSON.parse(cache.compact([], 'bd09', openNow).toString()) as NearbyCompactAnswer;
    assert.deepEqual(empty, { v: 1, crs: 'bd09', fields: [...COMPACT_FIELDS], rows: [] });
    assert.deepEqual(amenitiesFromMask(0), []);
    assert.deepEqual(amenitiesFromMask(0b101), ['drinking_water', 'microwave']);
    assert.deepEqual(amenitiesFromMask((1 << AMENITIES.length) | 1), ['drinking_water']);
  });

  test('the decoder reads columns by name and refuses another version', () => {
    const answer = {
      v: 1 as const,
      crs: 'wgs84' as const,
      fields: ['openNow', 'distanceM', 'extra', 'amenities', 'lat', 'lng', 'name', 'code'],
      rows: [[null, 12.5, 'x', 2, 39.9, 116.4, '驿站', 'C1']],
    };
    assert.deepEqual(decodeNearbyCompact(answer), [
      { code: 'C1', name: '驿站', lng: 116.4, lat: 39.9, distanceM: 12.5, openNow: null, amenities: ['hot_water'] },
    ]);
    assert.throws(() => decodeNearbyCompact({ ...answer, v: 2 as 1 }), /version 2/);
    assert.throws(() => decodeNearbyCompact({ ...answer, fields: ['code'] }), /no "name" field/);
  });
});

// Wednesday 2025-06-04, 12:00 in Beijing: the demo stations are open, closed and of unknown hours.
const t: TestApp = await createTestApp({ clock: fixedClock('2025-06-04T04:00:00Z') });

describe('GET /stations/nearby?format=compact (public)', () => {
  const get = async (query: string) => {
    const res = await t.app.inject({ url: `/api/v1/stations/nearby?${query}` });
    assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    return res;
  };

  test('for random points in every CRS and filter, exactly the stations of the full answer', async () => {
    const r = seeded(17);
    const filters = [
      '',
      '&openNow=true',
      '&amenities=water,charging',
      '&radiusM=4000',
      '&openNow=true&amenities=toilet',
    ];
    let rows = 0;
    for (let q = 0; q < 40; q++) {
      const [wlng, wlat] = [116.1 + r.next() * 0.7, 39.7 + r.next() * 0.6];
      for (const crs of CRSES) {
        const [lng, lat] = fromWgs84(wlng, wlat, crs);
        const query = `lng=${lng}&lat=${lat}&crs=${crs}&limit=${r.int(1, 20)}${r.pick(filters)}`;
        const full = (await get(query)).json() as { items: FullItem[] };
        const res = await get(`${query}&format=compact`);
        const compact = res.json() as NearbyCompactAnswer;
        assert.ok(Value.Check(NearbyCompactResponse, compact), query);
        assert.ok(Value.Check(NearbyResponse, full), query);
        assert.equal(compact.crs, crs);
        assertSameStations(compact, full.items, query);
        assert.ok(res.rawPayload.length < (await get(query)).rawPayload.length / 3 || full.items.length === 0);
        // The phone builds the navigation links with the server's function from the compact row: the same links,
        // give or take the sixth decimal (the row's position is already rounded to 6 decimals).
        for (const [k, s] of decodeNearbyCompact(compact).entries()) {
          const links = navigationLinksAt(s.name, toCrs(s, crs, 'gcj02'), toCrs(s, crs, 'bd09'));
          assertSameLinks(links, full.items[k]!.navigation, query);
        }
        rows += compact.rows.length;
      }
    }
    assert.ok(rows > 300, `only ${rows} rows compared`);
  });

  test('format=full is the default answer; a bad format is a field error; filters are checked as before', async () => {
    const query = 'lng=116.4807&lat=39.9963&limit=5';
    assert.deepEqual((await get(`${query}&format=full`)).json(), (await get(query)).json());
    for (const lang of ['zh-CN', 'en']) {
      const bad = await t.app.inject({
        url: `/api/v1/stations/nearby?${query}&format=xml`,
        headers: { 'accept-language': lang },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(bad.json().errors[0].field, 'querystring.format', bad.body);
    }
    const sauna = await t.app.inject({ url: `/api/v1/stations/nearby?${query}&format=compact&amenities=sauna` });
    assert.equal(sauna.statusCode, 400);
    assert.match(sauna.json().errors[0].message, /sauna/);
    const far = await t.app.inject({ url: '/api/v1/stations/nearby?lng=200&lat=39.9&format=compact' });
    assert.equal(far.statusCode, 400);
  });
});

function toCrs(s: { lng: number; lat: number }, from: Crs, to: 'gcj02' | 'bd09'): [number, number] {
  if (from === to) return [s.lng, s.lat];
  const [wlng, wlat] = toWgs84(s.lng, s.lat, from);
  return fromWgs84(wlng, wlat, to);
}

const NUMBER = /-?\d+\.\d{6}/g;
function assertSameLinks(got: NavigationLinks, want: NavigationLinks, context: string) {
  for (const key of ['amap', 'baidu', 'tencent'] as const) {
    assert.equal(got[key]!.replace(NUMBER, '#'), want[key]!.replace(NUMBER, '#'), `${context} ${key}`);
    const a = got[key]!.match(NUMBER)!.map(Number);
    const b = want[key]!.match(NUMBER)!.map(Number);
    assert.equal(a.length, b.length);
    for (const [i, x] of a.entries()) assert.ok(Math.abs(x - b[i]!) <= 3e-6, `${context} ${key}: ${x} vs ${b[i]}`);
  }
}
