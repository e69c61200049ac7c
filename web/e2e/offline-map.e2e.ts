import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, BASE_URL, collectPageErrors, launchBrowser, screenshot } from './helpers';

/** A sanitation worker in 望京, then a courier in 国贸 (WGS-84, as a phone's GPS gives them). */
const WANGJING = { latitude: 39.9968, longitude: 116.4707 };
const GUOMAO = { latitude: 39.9087, longitude: 116.4605 };
const RUN = randomUUID().slice(0, 8);

let browser: Browser;
let staff: { authorization: string };

interface NearbyItem {
  code: string;
  name: string;
  distanceM: number;
  openNow: boolean | null;
}

/** What the server's /nearby answers for a point, as the map asks it (open now, 10 stations). */
const serverNearby = (p: { latitude: number; longitude: number }) =>
  apiJson<{ items: NearbyItem[] }>(
    `/api/v1/stations/nearby?lng=${p.longitude}&lat=${p.latitude}&crs=wgs84&limit=10&openNow=true`,
  ).then((r) => r.items);

async function listed(page: Page): Promise<{ code: string; distance: string }[]> {
  await page.getByTestId('station-list').waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=station-list]')?.getAttribute('aria-busy') === 'false',
  );
  return page
    .getByTestId('station-list')
    .locator(':scope > li')
    .evaluateAll((items) =>
      items.map((li) => ({
        code: li.getAttribute('data-code') ?? '',
        distance: li.querySelector('[data-testid=distance]')?.textContent ?? '',
      })),
    );
}

async function reportsWith(code: string, text: string): Promise<number> {
  const page = await apiJson<{ items: { text: string }[] }>(
    `/api/v1/stations/reports?stationCode=${encodeURIComponent(code)}&pageSize=200`,
    { headers: staff },
  );
  return page.items.filter((r) => r.text === text).length;
}

before(async () => {
  browser = await launchBrowser();
  const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone: DEMO.admin.phone, password: DEMO.admin.password }),
  });
  staff = { authorization: `Bearer ${login.token}` };
});

after(async () => {
  await browser?.close();
});

describe('the station map with no network', () => {
  test('offline: reload from the service worker, nearest open station from the pack, a report sent exactly once', async () => {
    // what the server answers for both places, asked before the phone loses its signal
    const atWangjing = await serverNearby(WANGJING);
    const atGuomao = await serverNearby(GUOMAO);
    assert.ok(atWangjing.length > 0 && atGuomao.length > 0, 'the demo data has open stations near both places');
    assert.notDeepEqual(atWangjing[0]!.code, atGuomao[0]!.code);

    const context = await browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: WANGJING,
      permissions: ['geolocation'],
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto('/map');
      // online: the list is the server's answer, and the city's pack is saved on the phone
      assert.deepEqual(
        (await listed(page)).map((i) => i.code),
        atWangjing.map((i) => i.code),
      );
      await page.getByTestId('pack-status').waitFor({ timeout: 20_000 });
      assert.match((await page.getByTestId('pack-status').textContent()) ?? '', /已在手机上保存 \d+ 个站点/);
      // the app shell is installed: a service worker controls the page
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
        }
      });
      const manifest = await apiJson<{ name: string; icons: { sizes: string; purpose?: string }[] }>(
        '/manifest.webmanifest',
      );
      assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));

      // no network: the page comes back from the service worker and answers from the pack
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '附近的户外劳动者驿站' }).waitFor();
      await page.getByTestId('pack-answer').waitFor();
      const offlineWangjing = await listed(page);
      assert.deepEqual(
        offlineWangjing.map((i) => i.code),
        atWangjing.map((i) => i.code),
        'the phone finds what the server found',
      );

      // the worker moves to 国贸 and locates again, still offline
      await context.setGeolocation(GUOMAO);
      await page.getByRole('button', { name: /定位我的位置|重新定位/ }).click();
      await page.waitForFunction(
        (code) => document.querySelector('[data-testid=station-list] > li')?.getAttribute('data-code') === code,
        atGuomao[0]!.code,
      );
      const offlineGuomao = await listed(page);
      assert.deepEqual(
        offlineGuomao.map((i) => i.code),
        atGuomao.map((i) => i.code),
        'the nearest open station at 国贸, computed on the phone, is the server’s',
      );
      await screenshot(page, 'offline-map-from-pack', { fullPage: false });

      // its page, from the pack; a problem report waits on the phone
      const nearest = atGuomao[0]!;
      await page.getByTestId('station-list').locator(':scope > li').first().getByRole('link').click();
      await page.getByTestId('station-from-pack').waitFor({ timeout: 15_000 });
      await page.getByRole('heading', { level: 1, name: nearest.name }).waitFor();
      const text = `离线端到端测试 ${RUN}：中午门锁着`;
      await page.getByLabel('开放时间内没开门').check();
      await page.getByLabel('具体情况').fill(text);
      await page.getByRole('button', { name: '提交问题' }).click();
      const queued = page.getByTestId('report-done');
      await queued.waitFor();
      assert.match((await queued.textContent()) ?? '', /保存在手机上/);
      await page.getByRole('button', { name: '我来过这里' }).click();
      await page.getByTestId('checkin-done').waitFor();
      await screenshot(page, 'offline-station-queued', { fullPage: false });
      assert.equal(await reportsWith(nearest.code, text), 0, 'nothing reached the server while offline');
      const before = await apiJson<{ checkinsLast30Days: number }>(`/api/v1/stations/${nearest.code}/feedback-summary`);

      // back online: the outbox goes out by itself, once
      await context.setOffline(false);
      const deadline = Date.now() + 15_000;
      while ((await reportsWith(nearest.code, text)) === 0 && Date.now() < deadline) await page.waitForTimeout(250);
      assert.equal(await reportsWith(nearest.code, text), 1);
      // a reload flushes again (the outbox must be empty by now) and a second online event changes nothing
      await page.reload();
      await page.getByRole('heading', { level: 1, name: nearest.name }).waitFor();
      await context.setOffline(true);
      await context.setOffline(false);
      await page.waitForTimeout(1500);
      assert.equal(await reportsWith(nearest.code, text), 1, 'exactly once');
      const afterSummary = await apiJson<{ checkinsLast30Days: number }>(
        `/api/v1/stations/${nearest.code}/feedback-summary`,
      );
      assert.equal(afterSummary.checkinsLast30Days, before.checkinsLast30Days + 1, 'one check-in');
      const waiting = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('unioncare-offline');
            open.onsuccess = () => {
              const get = open.result.transaction('kv').objectStore('kv').get('outbox:feedback');
              get.onsuccess = () => resolve((get.result ?? []).length);
              get.onerror = () => reject(get.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
      assert.equal(waiting, 0, 'the outbox is empty');
      if (errors.length) throw new Error(`uncaught errors: ${errors.map((e) => e.message).join('; ')}`);
    } catch (err) {
      await screenshot(page, 'failed-offline-map', { fullPage: false }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });
});
