import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findRegion } from '../unions/region.ts';
import {
  checkRegionContains,
  distanceM,
  fromWgs84,
  inChina,
  navigationLinks,
  prefectureLabels,
  toWgs84,
} from './geo.ts';

test('CRS round trips stay within centimetres inside China', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 100, max: 125, noNaN: true }),
      fc.double({ min: 22, max: 45, noNaN: true }),
      (lng, lat) => {
        for (const crs of ['gcj02', 'bd09'] as const) {
          const [x, y] = fromWgs84(lng, lat, crs);
          assert.ok(distanceM(lng, lat, x, y) > 50, 'the datums differ by tens to hundreds of metres');
          const [bx, by] = toWgs84(x, y, crs);
          assert.ok(distanceM(lng, lat, bx, by) < 0.5, `${crs} ${lng},${lat}`);
        }
      },
    ),
    { numRuns: 300 },
  );
  assert.deepEqual(toWgs84(116.4, 39.9, 'wgs84'), [116.4, 39.9]);
});

test('China: mainland, Hainan, Taiwan, Hong Kong inside; neighbours and seas outside', () => {
  for (const [lng, lat] of [
    [116.4, 39.9],
    [87.6, 43.8],
    [91.1, 29.65],
    [110.3, 20.0],
    [121.5, 25.05],
    [114.17, 22.3],
    [126.6, 45.75],
  ]) {
    assert.ok(inChina(lng!, lat!), `${lng},${lat}`);
  }
  for (const [lng, lat] of [
    [106.9, 47.9], // Ulaanbaatar
    [126.98, 37.57], // Seoul
    [139.7, 35.7], // Tokyo
    [2.35, 48.85],
    [77.2, 28.6], // Delhi
    [123.5, 30.5], // East China Sea
    [39.9, 116.4],
  ]) {
    assert.equal(inChina(lng!, lat!), false, `${lng},${lat}`);
  }
});

test('a region plausibly contains a point: prefecture outline where known, province otherwise', () => {
  const check = (code: string, lng: number, lat: number) => checkRegionContains(findRegion(code)!, lng, lat);
  assert.deepEqual(check('110105', 116.48, 39.99), { ok: true, level: 'province' });
  assert.equal(check('110105', 113.33, 23.13).ok, false);
  assert.deepEqual(check('440106', 113.33, 23.13), { ok: true, level: 'prefecture' }); // 广州天河
  const shenzhen = check('440304', 113.33, 23.13); // 深圳福田 code with a point in Guangzhou
  assert.equal(shenzhen.ok, false);
  if (!shenzhen.ok) {
    assert.equal(shenzhen.level, 'prefecture');
    assert.ok(shenzhen.labelDistanceKm! > 80 && shenzhen.labelDistanceKm! < 130);
  }
  assert.equal(check('370116', 117.68, 36.21).ok, true); // 莱芜区 (now part of 济南) at Laiwu
  assert.equal(check('540102', 91.13, 29.65).ok, true); // 拉萨城关
});

test('every prefecture label point lies in its own prefecture and province', () => {
  const labels = prefectureLabels();
  assert.ok(labels.length > 330);
  let checked = 0;
  for (const p of labels) {
    const region = findRegion(p.code);
    if (!region) continue;
    checked++;
    assert.ok(checkRegionContains(region, p.lng, p.lat).ok, `${p.code} ${p.name}`);
    assert.ok(inChina(p.lng, p.lat), p.name);
  }
  assert.ok(checked > 320);
});

test('navigation links escape names', () => {
  const nav = navigationLinks('A&B 驿站', 116.4, 39.9);
  assert.ok(nav.amap.includes('name=A%26B%20%E9%A9%BF%E7%AB%99'));
  assert.ok(!nav.baidu.includes(' '));
});
