import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { Value } from 'typebox/value';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { createTestDb, testKey } from '../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { distanceM, fromWgs84, toWgs84 } from './geo.ts';
import { isOpenAt, type OpeningHours } from './opening-hours.ts';
import { AlongRouteResponse, NearbyResponse } from './station.schemas.ts';

// Wednesday 2025-06-04, 12:00 in Beijing.
const clock = fixedClock('2025-06-04T04:00:00Z');
const t: TestApp = await createTestApp({ clock });

const active = await t.db
  .selectFrom('stations')
  .select(['code', 'name', 'lng', 'lat', 'openingHours', 'amenities', 'status', 'investmentFen', 'externalId'])
  .execute();
const onMap = active.filter((s) => s.status === 'active');

interface Item {
  code: string;
  name: string;
  lng: number;
  lat: number;
  distanceM: number;
  openNow: boolean | null;
  amenities: string[];
  navigation: { amap: string; baidu: string; tencent: string };
}
const nearby = async (query: string) => {
  const res = await t.app.inject({ url: `/api/v1/stations/nearby?${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Item[];
};

describe('GET /stations/nearby (public)', () => {
  test('nearest first by great-circle distance, identical to a brute-force scan, from every CRS', async () => {
    for (const [wlng, wlat] of [
      [116.4, 39.95],
      [116.3, 40.1],
      [116.55, 39.85],
    ] as const) {
      const expected = onMap
        .map((s) => ({ code: s.code, d: distanceM(wlng, wlat, s.lng, s.lat) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 8);
      for (const crs of ['wgs84', 'gcj02', 'bd09'] as const) {
        const [qlng, qlat] = fromWgs84(wlng, wlat, crs);
        const items = await nearby(`lng=${qlng}&lat=${qlat}&crs=${crs}&limit=8`);
        assert.deepEqual(
          items.map((i) => i.code),
          expected.map((e) => e.code),
          crs,
        );
        for (const [k, item] of items.entries()) {
          assert.ok(Math.abs(item.distanceM - expected[k]!.d) < 0.5, `${crs} ${item.distanceM}`);
        }
        // Coordinates come back in the asked CRS.
        const station = onMap.find((s) => s.code === items[0]!.code)!;
        const [back] = [toWgs84(items[0]!.lng, items[0]!.lat, crs)];
        assert.ok(distanceM(back[0], back[1], station.lng, station.lat) < 1);
      }
    }
  });

  test('radius, open-now in Beijing time (unknown hours are null), and amenity filters with aliases', async () => {
    const within = await nearby('lng=116.4807&lat=39.9963&limit=50&radiusM=3000');
    assert.ok(within.length > 0 && within.every((i) => i.distanceM <= 3000));
    const all = await nearby('lng=116.4807&lat=39.9963&limit=50');
    for (const item of all) {
      const s = onMap.find((x) => x.code === item.code)!;
      const state = isOpenAt(s.openingHours as OpeningHours, clock.now());
      assert.equal(item.openNow, state === 'unknown' ? null : state);
    }
    assert.ok(
      all.some((i) => i.openNow === null) &&
        all.some((i) => i.openNow === false) &&
        all.some((i) => i.openNow === true),
    );
    const open = await nearby('lng=116.4807&lat=39.9963&limit=50&openNow=true');
    assert.deepEqual(
      open.map((i) => i.code),
      all.filter((i) => i.openNow === true).map((i) => i.code),
    );
    const charged = await nearby('lng=116.4807&lat=39.9963&limit=50&amenities=water,charging');
    assert.ok(charged.length > 0);
    assert.deepEqual(
      charged.map((i) => i.code),
      all
        .filter((i) => i.amenities.includes('drinking_water') && i.amenities.includes('phone_charging'))
        .map((i) => i.code),
    );
    const bad = await t.app.inject({ url: '/api/v1/stations/nearby?lng=116.4&lat=39.9&amenities=sauna' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().errors[0].message, /sauna/);
    assert.equal((await t.app.inject({ url: '/api/v1/stations/nearby?lng=200&lat=39.9' })).statusCode, 400);
  });

  test('navigation links carry each provider’s datum', async () => {
    const [item] = await nearby('lng=116.4807&lat=39.9963&limit=1');
    const s = onMap.find((x) => x.code === item!.code)!;
    const [glng, glat] = fromWgs84(s.lng, s.lat, 'gcj02');
    const [blng, blat] = fromWgs84(s.lng, s.lat, 'bd09');
    const nav = item!.navigation;
    assert.ok(nav.amap.startsWith(`https://uri.amap.com/marker?position=${glng.toFixed(6)},${glat.toFixed(6)}&name=`));
    assert.ok(nav.amap.includes('coordinate=gaode'));
    assert.ok(
      nav.baidu.startsWith(`https://api.map.baidu.com/marker?location=${blat.toFixed(6)},${blng.toFixed(6)}&title=`),
    );
    assert.ok(nav.baidu.includes('coord_type=bd09ll') && nav.baidu.includes('src=unioncare'));
    assert.ok(
      nav.tencent.startsWith(
        `https://apis.map.qq.com/uri/v1/marker?marker=coord:${glat.toFixed(6)},${glng.toFixed(6)};title:`,
      ),
    );
    assert.ok(nav.tencent.endsWith('&referer=unioncare'));
  });

  test('the hand-written JSON is what the response schemas describe, as application/json', async () => {
    for (const url of [
      '/api/v1/stations/nearby?lng=116.4807&lat=39.9963&limit=50',
      '/api/v1/stations/nearby?lng=116.4807&lat=39.9963&limit=3&crs=bd09&openNow=true',
      '/api/v1/stations/nearby?lng=80&lat=30&limit=5&radiusM=1000',
      '/api/v1/stations/along-route?path=116.336,40.07;116.316,39.983&maxDetourM=2000',
    ]) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', url);
      const schema = url.includes('along-route') ? AlongRouteResponse : NearbyResponse;
      assert.ok(Value.Check(schema, res.json()), `${url}: ${[...Value.Errors(schema, res.json())][0]?.message}`);
    }
  });

  test('a station changed by staff shows its new name, amenities and place in the very next answer', async () => {
    const staff = await t.login('13800000003'); // district staff of 朝阳
    const s = onMap.find((x) => x.name === '国贸CBD户外劳动者服务站')!;
    const first = async (lng = s.lng, lat = s.lat) => (await nearby(`lng=${lng}&lat=${lat}&limit=1&crs=gcj02`))[0]!;
    const [glng, glat] = fromWgs84(s.lng, s.lat, 'gcj02');
    assert.equal((await first(glng, glat)).name, s.name); // its fragment is now cached
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/stations/${s.code}`, headers: staff, payload });
    const changed = await patch({ name: '国贸“暖心”驿站', amenities: ['toilet', 'wifi'], lng: 116.4612, lat: 39.9105 });
    assert.equal(changed.statusCode, 200, changed.body);
    const [nlng, nlat] = fromWgs84(116.4612, 39.9105, 'gcj02');
    const now = await first(nlng, nlat);
    assert.deepEqual([now.code, now.amenities], [s.code, ['toilet', 'wifi']]);
    assert.equal(now.name, '国贸“暖心”驿站');
    assert.ok(now.navigation.amap.includes(encodeURIComponent('国贸“暖心”驿站')));
    assert.ok(now.navigation.amap.includes(`position=${nlng.toFixed(6)},${nlat.toFixed(6)}`));
    assert.ok(Math.abs(now.lng - nlng) < 1e-6 && Math.abs(now.lat - nlat) < 1e-6 && now.distanceM < 0.5);
    const back = await patch({ name: s.name, amenities: s.amenities, lng: s.lng, lat: s.lat });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await first(glng, glat)).name, s.name);
  });
});

describe('GET /stations/along-route (public)', () => {
  test('stations within the detour of a route, ordered along it', async () => {
    // 回龙观 → 西二旗 → 中关村, in GCJ-02 as a phone map app would send it.
    const route = [
      [116.336, 40.07],
      [116.306, 40.053],
      [116.316, 39.983],
    ].map(([x, y]) => fromWgs84(x!, y!, 'gcj02').join(','));
    const res = await t.app.inject({
      url: `/api/v1/stations/along-route?path=${route.join(';')}&crs=gcj02&maxDetourM=800`,
    });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as (Item & { alongM: number })[];
    const codes = items.map((i) => i.code);
    const named = (name: string) => onMap.find((s) => s.name === name)!.code;
    for (const name of ['回龙观地铁站驿站', '西二旗快递小哥之家', '中关村大街户外劳动者服务站'])
      assert.ok(codes.includes(named(name)), name);
    assert.ok(codes.indexOf(named('回龙观地铁站驿站')) < codes.indexOf(named('西二旗快递小哥之家')));
    assert.ok(codes.indexOf(named('西二旗快递小哥之家')) < codes.indexOf(named('中关村大街户外劳动者服务站')));
    assert.ok(items.every((i, k) => k === 0 || items[k - 1]!.alongM <= i.alongM));
    assert.ok(items.every((i) => i.distanceM <= 800));
    assert.ok(!codes.includes(named('国贸CBD户外劳动者服务站')));
    const bad = await t.app.inject({ url: '/api/v1/stations/along-route?path=116.3,40.0' });
    assert.equal(bad.statusCode, 400);
  });
});

describe('public station page and sign', () => {
  test('public data only: no investment, no external id, no operators; planned stations are not public', async () => {
    const s = onMap.find((x) => x.name === '望京SOHO户外劳动者服务站')!;
    const res = await t.app.inject({
      url: `/api/v1/stations/public/${s.code}?crs=gcj02`,
      headers: { 'accept-language': 'en' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json();
    assert.equal(page.code, s.code);
    assert.equal(page.crs, 'gcj02');
    assert.equal(page.openNow, true); // Wednesday noon, office hours
    assert.match(page.welcome, /outdoor workers/);
    assert.match(page.openingHoursText, /^Mon-Fri 08:00-20:00/);
    assert.ok(
      page.amenities.some((a: { code: string; label: string }) => a.code === 'microwave' && a.label === 'Microwave'),
    );
    for (const secret of ['investmentFen', 'externalId', 'operators', 'unionId', 'lastVerified'])
      assert.ok(!(secret in page), secret);
    assert.ok(!res.body.includes(String(s.investmentFen)));
    const planned = active.find((x) => x.status === 'planned')!;
    assert.equal((await t.app.inject({ url: `/api/v1/stations/public/${planned.code}` })).statusCode, 404);
  });

  test('the sign is a well-formed A4 SVG with the code, hours, amenities and a QR code to /s/<code>', async () => {
    const s = onMap.find((x) => x.name === '回龙观地铁站驿站')!;
    const res = await t.app.inject({
      url: `/api/v1/stations/${s.code}/sign.svg`,
      headers: { host: 'stations.example.org' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/svg+xml; charset=utf-8');
    const svg = res.body;
    const elements: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => elements.push(tag.local));
    parser.write(svg).close(); // throws on malformed XML
    assert.equal(elements[0], 'svg');
    assert.ok(elements.filter((e) => e === 'svg').length === 2, 'the QR code is a nested svg');
    assert.match(svg, /width="210mm" height="297mm"/);
    assert.ok(svg.includes(`>${s.code}<`));
    assert.ok(svg.includes(`http://stations.example.org/s/${s.code}`));
    assert.ok(svg.includes('户外劳动者之家 欢迎您'));
    assert.ok(svg.includes('每天') || svg.includes('周'));
    assert.ok(svg.includes('微波炉'));
    assert.match(svg, /<path stroke="#000000" d="M[^"]{200,}"/); // the QR modules
  });

  test('the amenity vocabulary is public', async () => {
    const res = await t.app.inject({ url: '/api/v1/stations/amenities' });
    assert.equal(res.json().items.length, 15);
  });
});

describe('several instances stay in step through LISTEN/NOTIFY', () => {
  test('a write in one instance reaches the other instance’s index', async () => {
    const { db, connection } = await createTestDb({ demo: true });
    const make = () =>
      buildApp({
        db,
        cipher: createFieldCipher(testKey()),
        clock,
        config: { dataDir: '/nonexistent', logLevel: 'silent', trustProxy: false },
        logger: false,
        listenConnection: connection,
      });
    const [a, b] = [await make(), await make()];
    after(async () => {
      await a.close();
      await b.close();
    });
    await Promise.all([a.ready(), b.ready()]);
    const login = await a.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: '13800000003', password: 'Demo@12351' },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const created = await a.inject({
      method: 'POST',
      url: '/api/v1/stations',
      headers,
      payload: {
        name: '多实例测试站',
        address: '北京市朝阳区',
        regionCode: '110105',
        managementMode: 'self_run',
        lng: 116.7,
        lat: 39.9,
        status: 'active',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const code = created.json().code;
    const nearestIn = async (app: typeof a) =>
      (await app.inject({ url: '/api/v1/stations/nearby?lng=116.7&lat=39.9&limit=1' })).json().items[0]?.code;
    assert.equal(await nearestIn(a), code);
    const deadline = Date.now() + 5000;
    while ((await nearestIn(b)) !== code && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await nearestIn(b), code);
    const exit = await a.inject({
      method: 'POST',
      url: `/api/v1/stations/${code}/status`,
      headers,
      payload: { status: 'exited', reason: '测试退出' },
    });
    assert.equal(exit.statusCode, 204);
    while ((await nearestIn(b)) === code && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 20));
    assert.notEqual(await nearestIn(b), code);
  });
});
