/**
 * Accessibility in real Chromium: axe-core (WCAG 2.0–2.2 A and AA rules) on the member and public pages, in the
 * standard display and in the large-text / high-contrast mode, with no serious or critical violation; and in the
 * large mode at 360 px nothing scrolls sideways.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { BASE_URL, launchBrowser, screenshot, seriousViolations, signIn } from './helpers';

let browser: Browser;
let stationCode = '';
let claimId: string | null = null;

/** Opens a page and waits for it; on a timeout, saves a screenshot named after it and says which page it was. */
async function open(page: Page, p: { name: string; url: string; ready: (page: Page) => Promise<unknown> }) {
  await page.goto(p.url);
  try {
    await p.ready(page);
  } catch (err) {
    await screenshot(page, `failed-a11y-${p.name}`, { fullPage: false }).catch(() => undefined);
    throw new Error(`${p.name} (${p.url}, now at ${page.url()}) did not become ready: ${(err as Error).message}`);
  }
  await settle(page);
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .uc-loading'), undefined, {
      timeout: 10_000,
    })
    .catch(() => {});
}

/** The pages a member (or anyone, for the public ones) sees, with what to wait for on each. */
function pages(): { name: string; url: string; ready: (page: Page) => Promise<unknown> }[] {
  const h1 = (page: Page) => page.locator('h1').first().waitFor({ state: 'attached', timeout: 15_000 });
  return [
    { name: 'member-home', url: '/', ready: h1 },
    { name: 'aid-home', url: '/aid', ready: h1 },
    { name: 'aid-check', url: '/aid/check', ready: h1 },
    { name: 'aid-apply', url: '/aid/apply', ready: h1 },
    ...(claimId ? [{ name: 'aid-claim', url: `/aid/claims/${claimId}`, ready: h1 }] : []),
    {
      name: 'map',
      url: '/map?at=116.470700,39.996800&src=pick',
      ready: (page: Page) => page.getByTestId('station-list').waitFor(),
    },
    { name: 'station', url: `/s/${stationCode}`, ready: h1 },
  ];
}

before(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${BASE_URL}/api/v1/stations/nearby?lng=116.4707&lat=39.9968&limit=1`);
  stationCode = ((await res.json()) as { items: { code: string }[] }).items[0]!.code;
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: DEMO.member.phone, password: DEMO.member.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const claims = await fetch(`${BASE_URL}/api/v1/aid/my/claims`, { headers: { authorization: `Bearer ${token}` } });
  claimId = ((await claims.json()) as { items: { id: string }[] }).items[0]?.id ?? null;
});

after(async () => {
  await browser?.close();
});

async function phone(width = 390) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
    bypassCSP: true, // axe is injected as an inline script; the app's CSP allows none
  });
  return { context, page: await context.newPage() };
}

describe('accessibility of the member and public pages (axe-core, WCAG 2.2 AA)', () => {
  test('the sign-in page', async () => {
    const { context, page } = await phone();
    try {
      await page.goto('/login');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.deepEqual(await seriousViolations(page), []);
    } finally {
      await context.close();
    }
  });

  for (const mode of ['standard', 'large'] as const) {
    test(`member and public pages, ${mode} display: no serious or critical violation`, async () => {
      const { context, page } = await phone();
      const found: string[] = [];
      try {
        await signIn(page, DEMO.member.phone, DEMO.member.password);
        if (mode === 'large') {
          await page.getByTestId('display-switch').first().click();
          assert.equal(await page.evaluate(() => document.documentElement.dataset.display), 'large');
        }
        for (const p of pages()) {
          await open(page, p);
          for (const v of await seriousViolations(page)) found.push(`${p.name}: ${v}`);
          await screenshot(page, `a11y-${mode}-${p.name}`, { fullPage: false });
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(found, []);
    });
  }

  test('large text at 360 px: remembered across a reload, nothing scrolls sideways', async () => {
    const { context, page } = await phone(360);
    const wide: string[] = [];
    try {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      const toggle = page.getByTestId('display-switch').first();
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await page.reload();
      await page.getByTestId('display-switch').first().waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.display), 'large', 'remembered');
      assert.equal(await page.getByTestId('display-switch').first().getAttribute('aria-pressed'), 'true');
      for (const p of [...pages(), { name: 'login', url: '/login', ready: async () => {} }]) {
        await open(page, p);
        const overflow = await page.evaluate(() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth + 1) return null;
          const limit = root.clientWidth;
          const zoom = Number.parseFloat(getComputedStyle(document.body).zoom || '1') || 1;
          const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right * zoom > limit + 1)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
          return `${root.scrollWidth} > ${root.clientWidth}: ${culprits.join(', ')}`;
        });
        if (overflow) wide.push(`${p.name}: ${overflow}`);
        await screenshot(page, `a11y-large-360-${p.name}`, { fullPage: false });
      }
    } catch (err) {
      await screenshot(page, 'failed-a11y-large-360', { fullPage: false }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
    assert.deepEqual(wide, []);
  });
});
