import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, withPage } from './helpers';

/** A map link opened at a position (a shared link, the way back from a station page): 望京, WGS-84. */
const LOCATED = '/map?at=116.470700,39.996800&src=pick';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Where the page's landmarks are, relative to the top bar (a page without scripts shows its noscript line above). */
function landmarks(page: Page): Promise<Record<string, [number, number, number, number]>> {
  return page.evaluate(() => {
    const top = document.querySelector('header')?.getBoundingClientRect().top ?? 0;
    const out: Record<string, [number, number, number, number]> = {};
    const named: [string, string][] = [
      ['title', 'h1'],
      ['locate', '.uc-locate-row .uc-button-primary'],
      ['pick', '.uc-locate-row .uc-button-secondary'],
      ['filters', '.uc-chips'],
      ['map', '.uc-map-frame'],
      ['awards', '.uc-map-awards'],
      ['results', '#results-title'],
    ];
    for (const [name, selector] of named) {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      if (r) out[name] = [Math.round(r.x), Math.round(r.y - top), Math.round(r.width), Math.round(r.height)];
    }
    return out;
  });
}

const withPhone = (name: string, extra: BrowserContextOptions, fn: (page: Page) => Promise<void>) =>
  withPage(browser, 'phone', name, fn, { serviceWorkers: 'block', ...extra }); // every file from the service, through the routes

describe('the station map paints before its JavaScript runs', () => {
  test('its HTML alone shows the page, with or without a position, styled', async () => {
    await withPhone('map-first-paint-static', { javaScriptEnabled: false }, async (page) => {
      await page.goto('/map');
      assert.equal(await page.title(), '附近的户外劳动者驿站 · 职工服务平台');
      await page.getByRole('heading', { level: 1, name: '附近的户外劳动者驿站' }).waitFor();
      await page.getByRole('button', { name: '定位我的位置' }).waitFor();
      await page.getByRole('button', { name: '在地图上选位置' }).waitFor();
      assert.match((await page.locator('.uc-map-hint').textContent()) ?? '', /定位我的位置/);
      // the page's own stylesheet came with the HTML: the red top bar, the map's ground at its height
      const styled = await page.evaluate(() => ({
        bar: getComputedStyle(document.querySelector('header') as Element).backgroundColor,
        ground: document.querySelector('.uc-map-plain')?.getBoundingClientRect().height ?? 0,
      }));
      assert.notEqual(styled.bar, 'rgba(0, 0, 0, 0)', 'the top bar is coloured');
      assert.ok(styled.ground >= 260, `the map's ground is ${styled.ground}px high`);

      await page.goto(LOCATED);
      await page.getByRole('button', { name: '重新定位' }).waitFor();
      assert.equal(((await page.locator('.uc-map-hint').textContent()) ?? '').trim(), '加载中…');

      // every other page is the app shell, with nothing inside #root
      await page.goto('/awards');
      assert.equal(await page.locator('#root').innerHTML(), '');
    });
  });

  test('held back scripts: the page is there; let through: React takes it over and nothing moves', async () => {
    const staticLayout = await (async () => {
      let layout: Awaited<ReturnType<typeof landmarks>> = {};
      await withPhone('map-first-paint-layout', { javaScriptEnabled: false }, async (page) => {
        await page.goto(LOCATED);
        layout = await landmarks(page);
      });
      return layout;
    })();
    assert.ok(Object.keys(staticLayout).length >= 7, JSON.stringify(staticLayout));

    await withPhone('map-first-paint-takeover', {}, async (page) => {
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: number[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.shifts.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // hold every script until the page has been looked at
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(/\/assets\/.*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(LOCATED, { waitUntil: 'commit' }); // DOMContentLoaded waits for the module scripts
      await page.getByRole('heading', { level: 1, name: '附近的户外劳动者驿站' }).waitFor();
      assert.deepEqual(await page.evaluate(() => document.querySelector('[data-testid=station-list]')), null);
      release();

      // React's page: the map drawn by Leaflet and the answer listed
      await page.getByTestId('station-map').waitFor();
      const list = page.getByTestId('station-list');
      await list.waitFor();
      await page.waitForFunction(
        () => document.querySelector('[data-testid=station-list]')?.getAttribute('aria-busy') === 'false',
      );
      assert.ok((await list.locator(':scope > li').count()) > 0);
      await page.getByTestId('tiles-note').waitFor(); // no tile server here: the note took its room from the map

      const live = await landmarks(page);
      for (const [name, box] of Object.entries(staticLayout)) {
        assert.deepEqual(live[name], box, `${name} is where the HTML painted it`);
      }
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      assert.deepEqual(shifts, [], 'no layout shift from the first paint to the listed answer');
    });
  });
});
