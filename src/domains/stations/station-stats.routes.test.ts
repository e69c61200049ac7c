import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { flushDemand, recordDemand } from './coverage.demand.ts';

const clock = fixedClock(new Date().toISOString());
const t = await createTestApp({ clock });
const [chaoyang, city, operator, auditor] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000005'),
  t.login('13800000008'),
  t.login('13800000006'),
]);
const get = (url: string, headers: object) =>
  t.app.inject({ url: `/api/v1/stations/${url}`, headers: headers as Record<string, string> });

describe('statistics', () => {
  test('by region, status, management mode and amenity, scoped to the subtree', async () => {
    const all = await t.db
      .selectFrom('stations')
      .select(['regionCode', 'status', 'investmentFen', 'amenities'])
      .execute();
    const cityStats = await get('stats?groupBy=region', city);
    assert.equal(cityStats.statusCode, 200, cityStats.body);
    const body = cityStats.json();
    assert.equal(body.totals.stations, all.length);
    assert.equal(
      body.totals.investmentFen,
      all.reduce((s, r) => s + Number(r.investmentFen ?? 0), 0),
    );
    const chaoyangGroup = body.groups.find((g: { key: string }) => g.key === '110105');
    assert.equal(chaoyangGroup.label, '北京市朝阳区');
    assert.equal(chaoyangGroup.stations, all.filter((r) => r.regionCode === '110105').length);

    const cy = (await get('stats?groupBy=status', chaoyang)).json();
    assert.equal(cy.totals.stations, all.filter((r) => r.regionCode === '110105').length);
    assert.equal(
      cy.groups.reduce((s: number, g: { stations: number }) => s + g.stations, 0),
      cy.totals.stations,
    );
    const byAmenity = (await get('stats?groupBy=amenity', city)).json();
    const water = byAmenity.groups.find((g: { key: string }) => g.key === 'drinking_water');
    assert.equal(water.stations, all.filter((r) => r.amenities.includes('drinking_water')).length);
    assert.ok(water.label);
    const modes = (await get('stats?groupBy=managementMode', auditor)).json();
    assert.ok(modes.groups.length >= 2);
    assert.equal((await get('stats?groupBy=colour', city)).statusCode, 400);
    assert.equal((await get('stats', operator)).statusCode, 403);
  });

  test('usage: check-ins per Beijing month, every month present', async () => {
    const res = (await get('stats?months=4', city)).json();
    assert.equal(res.usage.length, 4);
    const total = res.usage.reduce((s: number, u: { checkins: number }) => s + u.checkins, 0);
    const since = new Date(`${res.usage[0].month}-01T00:00:00+08:00`);
    const rows = await t.db.selectFrom('stationCheckins').select('id').where('createdAt', '>=', since).execute();
    assert.equal(total, rows.length);
    assert.ok(total > 0);
  });
});

describe('coverage and suggested sites', () => {
  test('Beijing by its outline; a district by the extent of its stations; 1 km covers more than 500 m', async () => {
    const bj = await get('coverage?regionCode=110000', city);
    assert.equal(bj.statusCode, 200, bj.body);
    const b = bj.json();
    assert.equal(b.area.source, 'outline');
    assert.ok(b.areaKm2 > 14_000 && b.areaKm2 < 18_500, String(b.areaKm2)); // Beijing: 16,410 km²
    const [half, one] = b.results;
    assert.ok(half.share > 0 && half.share < one.share && one.share < 0.05);
    const municipal = (await get('coverage?regionCode=110100&radiusM=1000', city)).json();
    assert.equal(municipal.results[0].coveredCells, one.coveredCells);

    const cy = await get('coverage?regionCode=110105', chaoyang);
    assert.equal(cy.statusCode, 200, cy.body);
    assert.equal(cy.json().area.source, 'district-extent');
    assert.equal(cy.json().cellM, 250);
    assert.ok(cy.json().results[1].share > cy.json().results[0].share);
    const nowhere = await get('coverage?regionCode=110119', city); // 延庆区: no station
    assert.equal(nowhere.statusCode, 400);
    assert.equal((await get('coverage?regionCode=999999', city)).statusCode, 400);
    assert.equal((await get('coverage?regionCode=110105', operator)).statusCode, 403);
  });

  test('every /nearby search is recorded as demand in its grid cell', async () => {
    await flushDemand(t.db); // start from an empty buffer
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: '/api/v1/stations/nearby?lng=116.515&lat=39.95&limit=3' });
      assert.equal(res.statusCode, 200);
    }
    assert.equal(await flushDemand(t.db), 1, 'three searches at one point fill one cell');
    const rows = await t.db.selectFrom('stationDemandCells').selectAll().execute();
    assert.ok(
      rows.some((r) => r.searches >= 3),
      JSON.stringify(rows),
    );
    await t.db.deleteFrom('stationDemandCells').execute();
  });

  test('searches recorded by recordDemand far from any station become suggested sites', async () => {
    // Near 望京 (a station within 1 km): not suggested. East of 酒仙桥 by 2.5 km, over 1 km from any active demo station: suggested.
    for (let i = 0; i < 30; i++) recordDemand(116.4815, 39.9965, clock.now());
    for (let i = 0; i < 12; i++) recordDemand(116.515, 39.95, clock.now());
    recordDemand(Number.NaN, 39.9);
    assert.ok((await flushDemand(t.db)) >= 2);
    assert.equal(await flushDemand(t.db), 0, 'the buffer is empty after a flush');
    for (let i = 0; i < 3; i++) recordDemand(116.515, 39.95, clock.now());
    await flushDemand(t.db);
    const res = await get('suggested-sites?regionCode=110105', chaoyang);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { lng: number; lat: number; searches: number; nearestStationM: number }[];
    const dongba = items.find((i) => Math.abs(i.lng - 116.515) < 0.003 && Math.abs(i.lat - 39.95) < 0.003);
    assert.ok(dongba, JSON.stringify(items));
    assert.equal(dongba.searches, 15);
    assert.ok(dongba.nearestStationM >= 1000);
    assert.ok(!items.some((i) => Math.abs(i.lng - 116.4815) < 0.003 && Math.abs(i.lat - 39.9965) < 0.003));
  });
});

describe('suggested sites on the map', () => {
  test('searches made through the public /nearby become suggested sites in the map view (staff only)', async () => {
    // 通州 near 北关 (116.66, 39.92 WGS-84): searched from the map; no demo station within 1 km
    const here = { lng: 116.6612, lat: 39.9213 };
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ url: `/api/v1/stations/nearby?lng=${here.lng}&lat=${here.lat}&limit=3` });
      assert.equal(res.statusCode, 200, res.body);
    }
    await flushDemand(t.db);
    const view = `${here.lng - 0.05},${here.lat - 0.03},${here.lng + 0.05},${here.lat + 0.03}`;
    const res = await get(`suggested-sites?bbox=${view}`, chaoyang);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().area.source, 'view');
    const items = res.json().items as { lng: number; lat: number; searches: number; nearestStationM: number | null }[];
    const cell = items.find((i) => Math.abs(i.lng - here.lng) <= 0.0015 && Math.abs(i.lat - here.lat) <= 0.00125);
    assert.ok(cell, JSON.stringify(items));
    assert.equal(cell.searches, 7);
    assert.ok(cell.nearestStationM === null || cell.nearestStationM >= 1000);
    for (const i of items) {
      assert.ok(
        i.lng >= here.lng - 0.05 && i.lng <= here.lng + 0.05 && i.lat >= here.lat - 0.03 && i.lat <= here.lat + 0.03,
      );
    }

    // the same question from the public, from an operator, or badly put
    const anonymous = await t.app.inject({ url: `/api/v1/stations/suggested-sites?bbox=${view}` });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await get(`suggested-sites?bbox=${view}`, operator)).statusCode, 403);
    for (const [query, field] of [
      ['bbox=116.7,39.9,116.6,40.0', 'querystring.bbox'],
      ['bbox=115,39,117,40', 'querystring.bbox'],
      ['bbox=abc', 'querystring.bbox'],
      [`bbox=${view}&regionCode=110105`, 'querystring.bbox'],
      ['', 'querystring.bbox'],
    ] as const) {
      const bad = await get(`suggested-sites?${query}`, chaoyang);
      assert.equal(bad.statusCode, 400, query);
      assert.equal(bad.json().errors[0].field, field, `${query}: ${bad.body}`);
    }
  });
});

describe('health', () => {
  test('a station’s health with its five components', async () => {
    const wangjing = await t.db
      .selectFrom('stations')
      .select('code')
      .where('name', '=', '望京SOHO户外劳动者服务站')
      .executeTakeFirstOrThrow();
    const res = await get(`${wangjing.code}/health`, operator);
    assert.equal(res.statusCode, 200, res.body);
    const h = res.json();
    assert.deepEqual(
      h.components.map((c: { key: string; weight: number }) => [c.key, c.weight]),
      [
        ['inspection', 30],
        ['freshness', 20],
        ['reports', 25],
        ['ratings', 10],
        ['usage', 15],
      ],
    );
    const weighted =
      h.components.reduce((s: number, c: { value: number; weight: number }) => s + c.value * c.weight, 0) / 100;
    assert.ok(Math.abs(weighted - h.score) <= 1, `${weighted} vs ${h.score}`);
    // demo inspections: 100 twelve days ago, 90 (no welcome statement) 95 days ago → 0.7·100 + 0.3·90
    assert.equal(h.components[0].value, 97);
    assert.equal(h.components[4].value, 0, 'no check-in in the demo data');
    const yayuncun = await t.db
      .selectFrom('stations')
      .select('code')
      .where('name', '=', '亚运村户外劳动者服务站')
      .executeTakeFirstOrThrow();
    const used = (await get(`${yayuncun.code}/health`, city)).json();
    assert.equal(used.components[4].value, Math.round((100 * Math.log1p(12)) / Math.log1p(90))); // 12 demo check-ins
  });

  test('falling health: a drop of at least N points against the best score of the window', async () => {
    const sanlitun = await t.db
      .selectFrom('stations')
      .select(['id', 'code'])
      .where('name', '=', '三里屯太古里驿站')
      .executeTakeFirstOrThrow();
    const current = (await get(`${sanlitun.code}/health`, city)).json().score as number;
    const tenDaysAgo = new Date(clock.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
    await t.db
      .insertInto('stationHealthHistory')
      .values({ stationId: sanlitun.id, day: tenDaysAgo, score: Math.min(100, current + 25) })
      .onConflict((oc) => oc.columns(['stationId', 'day']).doUpdateSet({ score: Math.min(100, current + 25) }))
      .execute();
    const falling = (await get('health/falling?drop=20&days=30', chaoyang)).json().items;
    const hit = falling.find((f: { code: string }) => f.code === sanlitun.code);
    assert.ok(hit, JSON.stringify(falling));
    assert.equal(hit.fall, Math.min(100, current + 25) - current);
    assert.equal((await get('health/falling?drop=30&days=30', chaoyang)).json().items.length, 0);
    const other = (await get('health/falling?drop=20', await t.login('13800000004'))).json().items;
    assert.ok(!other.some((f: { code: string }) => f.code === sanlitun.code));
    const recompute = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/health/recompute',
      headers: chaoyang,
    });
    assert.equal(recompute.statusCode, 200);
    assert.ok(recompute.json().recomputed >= 10);
  });
});
