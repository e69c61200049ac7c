import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { StationGeoIndex, toIndexedStation } from './geo-index.ts';
import { isOpenAt, type OpeningHours } from './opening-hours.ts';
import { seeded } from './station-generator.ts';
import { buildPack, PackIndex, type PackSource, packRegionOf, regionPrefix } from './station-pack.ts';

const NINE_TO_FIVE: OpeningHours = {
  kind: 'weekly',
  week: {
    mon: [{ open: '09:00', close: '17:00' }],
    tue: [{ open: '09:00', close: '17:00' }],
    wed: [{ open: '09:00', close: '17:00' }],
    thu: [{ open: '09:00', close: '17:00' }],
    fri: [{ open: '09:00', close: '17:00' }],
    sat: [],
    sun: [],
  },
  exceptions: [],
};
const NIGHTS: OpeningHours = {
  kind: 'weekly',
  week: {
    mon: [{ open: '20:00', close: '06:00' }],
    tue: [{ open: '20:00', close: '06:00' }],
    wed: [{ open: '20:00', close: '06:00' }],
    thu: [{ open: '20:00', close: '06:00' }],
    fri: [{ open: '20:00', close: '06:00' }],
    sat: [{ open: '20:00', close: '06:00' }],
    sun: [{ open: '20:00', close: '06:00' }],
  },
  exceptions: [{ from: '2025-06-04', to: '2025-06-04', intervals: [] }],
};
const SCHEDULES: OpeningHours[] = [NINE_TO_FIVE, NIGHTS, { kind: 'always', exceptions: [] }, { kind: 'unknown' }];
const AMENITY_SETS = [[], ['drinking_water'], ['drinking_water', 'microwave'], ['phone_charging', 'toilet']];
const DISTRICTS = ['110105', '110114', '110108', '120101'];

/** Deterministic stations around Beijing and Tianjin, each with one of a few schedules and amenity sets. */
function sources(n: number, seed = 7): PackSource[] {
  const rnd = seeded(seed).next;
  return Array.from({ length: n }, (_, i) => ({
    code: `${DISTRICTS[i % DISTRICTS.length]}H${String(i).padStart(5, '0')}X`,
    name: `站点${i}`,
    address: `地址${i}`,
    lng: 116 + rnd() * 1.4,
    lat: 39.5 + rnd() * 1,
    hours: SCHEDULES[Math.floor(rnd() * SCHEDULES.length)]!,
    amenities: AMENITY_SETS[Math.floor(rnd() * AMENITY_SETS.length)]!,
    phone: i % 3 ? null : `010-6000${i}`,
  }));
}

describe('region of a pack', () => {
  test('the prefix drops trailing zero pairs, never below the province', () => {
    assert.equal(regionPrefix('110000'), '11');
    assert.equal(regionPrefix('110100'), '1101');
    assert.equal(regionPrefix('110105'), '110105');
    assert.equal(regionPrefix('440300'), '4403');
  });
  test("a station's pack is its city; a municipality's is the whole municipality", () => {
    assert.equal(packRegionOf('110105H00001F'), '110000');
    assert.equal(packRegionOf('500112H00001F'), '500000');
    assert.equal(packRegionOf('440305H00001F'), '440300');
    assert.equal(packRegionOf('bogus'), null);
  });
});

describe('buildPack', () => {
  const all = sources(200);
  const pack = buildPack(all, '110000', new Date('2025-06-04T04:00:00Z'));

  test('keeps only the region, ordered by code, with each schedule sent once', () => {
    assert.ok(pack.stations.length > 0);
    assert.equal(pack.stations.length, all.filter((s) => s.code.startsWith('11')).length);
    assert.ok(pack.stations.every((s) => s.code.startsWith('11')));
    const codes = pack.stations.map((s) => s.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(pack.hours.length, new Set(pack.hours.map((h) => JSON.stringify(h))).size);
    assert.ok(pack.hours.length <= SCHEDULES.length);
    for (const s of pack.stations) {
      const source = all.find((x) => x.code === s.code)!;
      assert.deepEqual(pack.hours[s.hours], source.hours);
      assert.equal(s.lng, source.lng);
      assert.equal(s.phone, source.phone);
    }
    assert.equal(pack.generatedAt, '2025-06-04T04:00:00.000Z');
  });

  test('the same stations in another order give the same pack', () => {
    const again = buildPack([...all].reverse(), '110000', new Date('2025-06-04T04:00:00Z'));
    assert.equal(JSON.stringify(again), JSON.stringify(pack));
  });

  test('an empty region gives an empty pack that answers nothing', () => {
    const empty = buildPack(all, '310000', new Date());
    assert.equal(empty.stations.length, 0);
    assert.deepEqual(new PackIndex(empty).nearest(116.4, 39.9, { limit: 5, now: new Date() }), []);
  });
});

describe('PackIndex.nearest answers as the server index does', () => {
  const all = sources(600, 11);
  // through JSON, as the phone receives it
  const pack = JSON.parse(JSON.stringify(buildPack(all, '110000', new Date())));
  const phone = new PackIndex(pack);
  const server = new StationGeoIndex(
    all
      .filter((s) => s.code.startsWith('11'))
      .map((s) =>
        toIndexedStation({
          id: s.code,
          code: s.code,
          name: s.name,
          address: s.address,
          lng: s.lng,
          lat: s.lat,
          hours: s.hours,
          amenities: s.amenities,
        }),
      ),
  );

  test('same stations, same metres, same open state, for any point, time and filter', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 115.9, max: 117.5, noNaN: true }),
        fc.double({ min: 39.4, max: 40.6, noNaN: true }),
        fc.integer({ min: Date.parse('2025-06-01T00:00:00Z'), max: Date.parse('2025-06-08T00:00:00Z') }),
        fc.boolean(),
        fc.constantFrom([], ['drinking_water'], ['microwave'], ['toilet', 'phone_charging']),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 200, max: 30_000 }), { nil: undefined }),
        (lng, lat, ms, openNow, amenities, limit, maxDistanceM) => {
          const now = new Date(ms);
          const got = phone.nearest(lng, lat, { limit, maxDistanceM, openNow, amenities, now });
          const want = server.nearest(lng, lat, {
            limit,
            maxDistanceM,
            filter: (s) =>
              amenities.every((a) => s.amenities.includes(a)) && (!openNow || isOpenAt(s.hours, now) === true),
          });
          assert.deepEqual(
            got.map((h) => [h.station.code, h.distanceM, h.openNow]),
            want.map((h) => [h.station.code, h.distanceM, isOpenAt(h.station.hours, now)]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('open now follows the schedule: a night station is closed at noon and on its closed day', () => {
    const noon = new Date('2025-06-03T04:00:00Z'); // Tuesday 12:00 in Beijing
    const hits = phone.nearest(116.4, 39.9, { limit: 50, openNow: true, now: noon });
    assert.ok(hits.length > 0);
    for (const h of hits) {
      assert.equal(h.openNow, true);
      assert.notDeepEqual(phone.hoursOf(h.station), NIGHTS);
      assert.notDeepEqual(phone.hoursOf(h.station), { kind: 'unknown' });
    }
    // Wednesday 2025-06-04 22:00 is an exception day for the night stations
    const closedNight = new Date('2025-06-04T14:00:00Z');
    for (const h of phone.nearest(116.4, 39.9, { limit: 50, openNow: true, now: closedNight })) {
      assert.notDeepEqual(phone.hoursOf(h.station), NIGHTS);
    }
  });

  test('find returns a station by code', () => {
    const first = pack.stations[3];
    assert.equal(phone.find(first.code)?.name, first.name);
    assert.equal(phone.find('nope'), undefined);
  });
});
