import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, launchBrowser, screenshot, withPage } from './helpers';

/** A courier in 望京 (朝阳区), WGS-84 as a phone's GPS gives it. */
const WANGJING = { latitude: 39.9968, longitude: 116.4707 };
const RUN = randomUUID().slice(0, 6);

let browser: Browser;
let staff: { authorization: string };
/** Stations this run adds next to the courier: a 24-hour one ~150 m away and a closed one ~60 m away. */
const made = { open: '', closed: '' };

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

/** Today and tomorrow in Beijing, for an exception that closes a station now. */
function beijingDays(): [string, string] {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  return [day(new Date()), day(new Date(Date.now() + 24 * 3600_000))];
}

async function createStation(name: string, dLng: number, dLat: number, openingHours: unknown): Promise<string> {
  const { code } = await apiJson<{ code: string }>('/api/v1/stations', {
    method: 'POST',
    headers: staff,
    body: JSON.stringify({
      name,
      address: '北京市朝阳区望京花家地街（端到端测试）',
      regionCode: '110105',
      managementMode: 'purchased',
      lng: WANGJING.longitude + dLng,
      lat: WANGJING.latitude + dLat,
      openingHours,
      amenities: ['drinking_water', 'microwave', 'phone_charging', 'ebike_charging', 'toilet'],
      phone: '010-64700000',
      status: 'active',
    }),
  });
  return code;
}

interface NearbyItem {
  code: string;
  name: string;
  distanceM: number;
  openNow: boolean | null;
  navigation: { amap: string; baidu: string; tencent: string };
}

const nearby = (query: string) =>
  apiJson<{ items: NearbyItem[] }>(
    `/api/v1/stations/nearby?lng=${WANGJING.longitude}&lat=${WANGJING.latitude}&limit=10${query}`,
  );

before(async () => {
  browser = await launchBrowser();
  // 朝阳区 district staff, signed in by API as a script would
  const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone: DEMO.districtChaoyang.phone, password: DEMO.districtChaoyang.password }),
  });
  staff = { authorization: `Bearer ${login.token}` };
  made.open = await createStation(`望京花家地24小时驿站 ${RUN}`, 0.0015, 0.0005, { kind: 'always', exceptions: [] });
  const [today, tomorrow] = beijingDays();
  made.closed = await createStation(`望京临时闭站驿站 ${RUN}`, 0.0005, 0.0003, {
    kind: 'always',
    exceptions: [{ from: today, to: tomorrow, intervals: [], note: '检修' }],
  });
});

after(async () => {
  await browser?.close();
});

/** A phone-sized page (like helpers.withPage) whose context has extra options: a GPS position and its permission. */
const withPhone = (name: string, extra: BrowserContextOptions, fn: (page: Page) => Promise<void>) =>
  withPage(browser, 'phone', name, fn, extra);

const located = { geolocation: WANGJING, permissions: ['geolocation'] };

async function listedCodes(page: Page): Promise<string[]> {
  const list = page.getByTestId('station-list');
  await list.waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=station-list]')?.getAttribute('aria-busy') === 'false',
  );
  return list.locator(':scope > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code') ?? ''));
}

/**
 * The app's name in the map's top bar is either shown whole (inside the bar, nothing of it scrolled away) or not at
 * all (clipped out of the bar entirely), never cut to "Wo…"; the logo stays and nothing sticks out of the bar.
 */
async function expectNameWholeOrGone(header: Locator, when: string): Promise<void> {
  // (no named functions inside evaluate: the test's compiler would wrap them in a helper the page lacks)
  const bar = await header.evaluate((el) => {
    const name = el.querySelector('.uc-stations-brand > span') as HTMLElement;
    const link = (name.parentElement as HTMLElement).getBoundingClientRect();
    const box = name.getBoundingClientRect();
    return {
      name: [box.left, box.top, box.right, box.bottom].map(Math.round),
      scroll: [name.scrollWidth, name.clientWidth],
      link: [link.left, link.top, link.right, link.bottom].map(Math.round),
      logo: el.querySelector('.uc-member-mark')?.getBoundingClientRect().width ?? 0,
      bar: [el.scrollWidth, el.clientWidth],
    };
  });
  const facts = `${when}: ${JSON.stringify(bar)}`;
  const [left, top, right, bottom] = bar.name as [number, number, number, number];
  const [linkLeft, linkTop, linkRight, linkBottom] = bar.link as [number, number, number, number];
  const shown = right - left > 1 && top < linkBottom;
  if (shown) {
    assert.ok(left >= linkLeft && right <= linkRight && top >= linkTop && bottom <= linkBottom, `cut: ${facts}`);
    assert.ok(bar.scroll[0]! <= bar.scroll[1]!, `cut: ${facts}`);
  }
  console.log(`[e2e] 360 px, English, ${when}: the name is ${shown ? 'shown whole' : 'left to the logo'} ${facts}`);
  assert.ok(bar.logo >= 24, `the logo stays: ${facts}`);
  assert.ok(bar.bar[0]! <= bar.bar[1]!, `nothing sticks out of the bar: ${facts}`);
}

describe('the public station map', () => {
  test('a courier in 望京 finds the nearest open station, opens its page and reports a problem', async () => {
    await withPhone('station-map', located, async (page) => {
      await page.goto('/map');
      await page.getByRole('heading', { level: 1, name: '附近的户外劳动者驿站' }).waitFor();
      // the position was allowed, so the page locates at once; the button does it again
      await page.getByRole('button', { name: /定位我的位置|重新定位/ }).click();

      const codes = await listedCodes(page);
      const api = await nearby('&openNow=true');
      assert.ok(api.items.length > 0);
      assert.equal(codes[0], api.items[0]!.code, 'the list starts with the API’s nearest open station');
      assert.deepEqual(
        codes,
        api.items.map((i) => i.code),
        'the list is the API answer, in order',
      );
      // the 24-hour station this run added ~150 m away is the nearest open one (an earlier run against the same
      // server may have left its twin at the same spot: then either is right)
      const nearest = api.items[0]!;
      assert.ok(nearest.name.startsWith('望京花家地24小时驿站') && nearest.distanceM < 200, JSON.stringify(nearest));
      if (nearest.code !== made.open) made.open = nearest.code;
      assert.ok(!codes.includes(made.closed), 'a closed station is not listed while “正在开放” is on');

      const first = page.getByTestId('station-list').locator(':scope > li').first();
      assert.match(await text(first), new RegExp(nearest.name));
      assert.match(await text(first.getByTestId('distance')), /^距离 \d+ 米$/);
      const badge = first.locator('.uc-open');
      assert.equal(await badge.getAttribute('data-open'), 'open');
      assert.equal(await text(badge), '正在开放', 'open is told in words');
      assert.equal(await badge.locator('svg').count(), 1, '…and with an icon');
      assert.match(await text(first.locator('.uc-amenities')), /微波炉/);

      // the map: numbered markers, the courier's position, a scale bar, and a plain ground (no tiles configured)
      const map = page.getByTestId('station-map');
      assert.equal(await map.locator('.uc-pin').count(), codes.length);
      await map.getByText('您的位置').waitFor();
      await map.locator('.leaflet-control-scale-line').first().waitFor();
      assert.match(await text(page.getByTestId('tiles-note')), /未配置底图/);
      await screenshot(page, 'station-map', { fullPage: false });

      // "open now" off: the closed station appears, marked closed in words
      await page.getByRole('button', { name: /正在开放/, pressed: true }).click();
      await page.waitForFunction(
        (code) => !!document.querySelector(`[data-testid=station-list] > li[data-code="${code}"]`),
        made.closed,
      );
      const closed = page.locator(`[data-testid=station-list] > li[data-code="${made.closed}"]`);
      assert.equal(await text(closed.locator('.uc-open')), '已关闭');
      // amenity chip: only stations with e-bike charging
      await page.getByRole('button', { name: /电动车充电/ }).click();
      const withCharging = await nearby('&amenities=ebike_charging');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=station-list] > li').length === n,
        withCharging.items.length,
      );
      assert.deepEqual(
        await listedCodes(page),
        withCharging.items.map((i) => i.code),
      );
      await page.getByRole('button', { name: /电动车充电/ }).click();
      await page.getByRole('button', { name: /正在开放/, pressed: false }).click();
      assert.deepEqual(await listedCodes(page), codes, 'back to the first answer');

      // 360 px wide: nothing sideways, every control at least 48 px tall
      await page.setViewportSize({ width: 360, height: 760 });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scrolling');
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main button, main a, .uc-chip')]
          .filter((el) => el.getBoundingClientRect().height < 48 && !el.closest('.leaflet-control-attribution'))
          .map((el) => `${el.className}:${el.textContent}:${el.getBoundingClientRect().height}`),
      );
      const leafletZoom = small.filter((s) => !s.includes('leaflet-control-zoom'));
      assert.deepEqual(leafletZoom, [], 'tap targets under 48 px');
      await screenshot(page, 'station-map-360', { fullPage: false });

      // the station page
      await first.getByRole('link').click();
      await page.waitForURL(`**/s/${made.open}`);
      await page.getByRole('heading', { level: 1, name: nearest.name }).waitFor();
      await page.getByRole('heading', { name: '户外劳动者之家 欢迎您' }).waitFor();
      assert.match(await text(page.getByTestId('hours')), /24/);
      assert.equal(await page.locator('.uc-open').first().getAttribute('data-open'), 'open');
      assert.match(await text(page.getByRole('link', { name: /拨打/ })), /010-64700000/);
      await screenshot(page, 'station-page', { fullPage: false });

      await page.getByRole('button', { name: '导航去这里' }).click();
      const apps = page.getByRole('navigation', { name: '选择导航软件' });
      const expected = api.items[0]!.navigation;
      assert.equal(await apps.getByRole('link', { name: '高德地图' }).getAttribute('href'), expected.amap);
      assert.equal(await apps.getByRole('link', { name: '百度地图' }).getAttribute('href'), expected.baidu);
      assert.equal(await apps.getByRole('link', { name: '腾讯地图' }).getAttribute('href'), expected.tencent);

      // "I was here" and a 4-star rating: the page's summary follows the API's
      interface Summary {
        ratingAverage: number | null;
        ratingCount: number;
        checkinsLast30Days: number;
      }
      const summary = () => apiJson<Summary>(`/api/v1/stations/${made.open}/feedback-summary`);
      const before = await summary();
      await page.getByRole('button', { name: '我来过这里' }).click();
      await page.getByTestId('checkin-done').waitFor();
      await page.locator('.uc-star').nth(3).click();
      await page.getByRole('button', { name: '提交评分' }).click();
      await page.getByTestId('rating-done').waitFor();
      const afterwards = await summary();
      assert.equal(afterwards.ratingCount, before.ratingCount + 1);
      assert.equal(afterwards.checkinsLast30Days, before.checkinsLast30Days + 1);
      const shown = page.getByTestId('feedback-summary');
      await shown.getByText(`${afterwards.ratingAverage!.toFixed(1)} 分（${afterwards.ratingCount} 人评价）`).waitFor();
      await shown.getByText(`近 30 天 ${afterwards.checkinsLast30Days} 人次到访`).waitFor();

      // a problem report
      const report = `端到端测试 ${RUN}：下午两点门锁着，敲门没人应。`;
      await page.getByLabel('开放时间内没开门').check();
      await page.getByLabel('具体情况').fill(report);
      await page.getByRole('button', { name: '提交问题' }).click();
      const done = page.getByTestId('report-done');
      await done.waitFor();
      await done.scrollIntoViewIfNeeded();
      assert.match(await text(done), /问题已收到.*反馈编号：[0-9A-F]{8}/);
      await screenshot(page, 'station-page-report-sent', { fullPage: false });

      // the district sees it through the staff API
      const open = await apiJson<{
        items: { station: { code: string }; kind: string; text: string; status: string }[];
      }>(`/api/v1/stations/reports?status=open&stationCode=${made.open}`, { headers: staff });
      const mine = open.items.filter((r) => r.text === report);
      assert.equal(mine.length, 1, `one report recorded: ${JSON.stringify(open.items)}`);
      assert.equal(mine[0]!.kind, 'closed_during_hours');
      assert.equal(mine[0]!.station.code, made.open);
    });
  });

  test('at 360 px in English the top bar shows the app name whole, or leaves it to the logo: never cut', async () => {
    await withPhone('station-map-360-en', { viewport: { width: 360, height: 760 } }, async (page) => {
      await page.addInitScript(() => localStorage.setItem('unioncare.lang', 'en'));
      await page.goto('/map');
      await page.getByRole('heading', { level: 1, name: 'Outdoor-worker stations near you' }).waitFor();
      const header = page.locator('header');
      // the name stays the home link's accessible name whether it is shown or not
      await header.getByRole('link', { name: 'Worker Services', exact: true }).waitFor();
      await expectNameWholeOrGone(header, 'normal text');
      // the language to switch to, and large text, are still there
      await header.getByRole('button', { name: '中文' }).waitFor();
      await screenshot(page, 'station-map-360-en', { fullPage: false });

      // large text zooms the page: less room still
      await header.locator('.uc-display-switch').click();
      await page.waitForFunction(() => document.documentElement.dataset.display === 'large');
      await header.getByRole('link', { name: 'Worker Services', exact: true }).waitFor();
      await expectNameWholeOrGone(header, 'large text');
      await screenshot(page, 'station-map-360-en-large', { fullPage: false });
    });
  });

  test('with the tile server blocked the map still shows stations, the position and a scale on a plain ground', async () => {
    await withPhone('station-map-no-tiles', located, async (page) => {
      let blocked = 0;
      await page.route('**/api/v1/config/public', (route) =>
        route.fulfill({
          json: {
            mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
            mapAttribution: '© OpenStreetMap',
            mapTileCrs: 'wgs84',
          },
        }),
      );
      await page.route('https://tile.openstreetmap.org/**', (route) => {
        blocked++;
        return route.abort('blockedbyclient');
      });
      await page.goto('/map');
      const codes = await listedCodes(page);
      assert.equal(codes[0], made.open);
      const map = page.getByTestId('station-map');
      await page
        .getByTestId('tiles-note')
        .getByText(/底图加载不了/)
        .waitFor();
      assert.ok(blocked > 0, 'the page did try the tile server');
      assert.equal(await map.locator('.leaflet-tile-loaded').count(), 0);
      assert.equal(await map.getAttribute('class').then((c) => c?.includes('uc-map-plain')), true);
      assert.equal(await map.locator('.uc-pin').count(), codes.length);
      await map.getByText('您的位置').waitFor();
      await map.locator('.leaflet-control-scale-line').first().waitFor();
      await screenshot(page, 'station-map-tiles-blocked', { fullPage: false });
    });
  });

  test('when locating is refused the worker taps the map to choose a point', async () => {
    await withPhone('station-map-pick', { permissions: [] }, async (page) => {
      // the way in from the sign-in page
      await page.goto('/login');
      await page.getByRole('link', { name: /找附近的户外劳动者驿站/ }).click();
      await page.waitForURL('**/map');
      await page.getByRole('button', { name: '定位我的位置' }).click();
      await page
        .getByRole('status')
        .getByText(/无法获取您的位置.*在地图上点一下/)
        .waitFor();
      const map = page.getByTestId('station-map');
      const box = (await map.boundingBox())!;
      await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
      await map.getByText('您选的位置').waitFor();
      const codes = await listedCodes(page);
      assert.ok(codes.length > 0, 'stations near the chosen point are listed');
      const at = new URL(page.url()).searchParams.get('at');
      assert.match(at ?? '', /^116\.\d+,39\.\d+$/, `the chosen point is in Beijing: ${at}`);
      const [lng, lat] = at!.split(',');
      const api = await apiJson<{ items: NearbyItem[] }>(
        `/api/v1/stations/nearby?lng=${lng}&lat=${lat}&limit=10&openNow=true`,
      );
      assert.deepEqual(
        codes,
        api.items.map((i) => i.code),
      );
      await screenshot(page, 'station-map-picked', { fullPage: false });
    });
  });

  test('signed-in staff switch on the suggested new sites where workers searched far from any station', async () => {
    // workers search from 通州 北关, over 1 km from every station; the server counts it and flushes every 10 s
    const here = { lng: 116.6612, lat: 39.9213 };
    for (let i = 0; i < 5; i++) await nearby2(here);
    const view = `${here.lng - 0.05},${here.lat - 0.03},${here.lng + 0.05},${here.lat + 0.03}`;
    let sites: { lng: number; lat: number; searches: number }[] = [];
    for (let i = 0; i < 40 && !sites.some((s) => near(s, here)); i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      sites = (
        await apiJson<{ items: typeof sites }>(`/api/v1/stations/suggested-sites?bbox=${view}`, { headers: staff })
      ).items;
    }
    const cell = sites.find((s) => near(s, here));
    assert.ok(cell, `the searched cell is suggested: ${JSON.stringify(sites)}`);

    const at = `/map?at=${here.lng},${here.lat}&src=pick`;
    await withPhone('station-map-suggested-public', {}, async (page) => {
      await page.goto(at);
      await listedCodes(page);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('button', { name: '建议新建站点' }).count(), 0, 'not for the public');
    });
    await withPhone('station-map-suggested', {}, async (page) => {
      await page.goto('/login');
      await page.getByLabel(/手机号/).fill(DEMO.districtChaoyang.phone);
      await page.getByLabel(/^密码$/).fill(DEMO.districtChaoyang.password);
      await page.getByRole('button', { name: /^登录$/ }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(at);
      await listedCodes(page);
      const toggle = page.getByRole('button', { name: '建议新建站点' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'off by default');
      assert.equal(await page.getByTestId('suggested-site').count(), 0);
      await toggle.click();
      await page
        .getByTestId('suggested-sites')
        .getByText(/处建议站点/)
        .waitFor();
      const marker = page.locator('.leaflet-marker-icon[title^="建议新建站点"]', {
        has: page.getByTestId('suggested-site'),
      });
      await marker.first().waitFor();
      const titles = await marker.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
      // (the pages above searched from here too: their counts may have been flushed in the meantime)
      const counts = titles.map((t) => Number(/搜索 (\d+) 次/.exec(t)?.[1] ?? 0));
      assert.ok(
        counts.some((n) => n >= cell.searches),
        `a marker for the searched cell: ${titles.join(' | ')}`,
      );
      await screenshot(page, 'station-map-suggested', { fullPage: false });
      await toggle.click();
      await page.getByTestId('suggested-site').first().waitFor({ state: 'detached' });
    });
  });
});

const near = (s: { lng: number; lat: number }, p: { lng: number; lat: number }) =>
  Math.abs(s.lng - p.lng) <= 0.0015 && Math.abs(s.lat - p.lat) <= 0.00125;

const nearby2 = (p: { lng: number; lat: number }) =>
  apiJson<{ items: NearbyItem[] }>(`/api/v1/stations/nearby?lng=${p.lng}&lat=${p.lat}&limit=3`);
