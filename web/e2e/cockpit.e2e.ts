import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { launchBrowser, screenshot, signIn, withPage } from './helpers';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface Summary {
  scope: { name: string; regionCode: string };
  members: { active: number };
  aid: { year: { filed: number } };
}

/** The API's figures as the signed-in page sees them (same cookie, same scope). */
async function summaryOf(page: Page): Promise<Summary> {
  return page.evaluate(async () => (await fetch('/api/v1/cockpit/summary', { credentials: 'same-origin' })).json());
}

async function openCockpit(page: Page, phone: string, password: string) {
  await signIn(page, phone, password);
  await page.goto('/console/cockpit');
  await page.getByTestId('cockpit').waitFor();
  // figures arrive: the members tile shows a number, the map has its canvas, the district list is filled
  await page.waitForFunction(() =>
    /\d/.test(document.querySelector('[data-testid="kpi-members-value"]')?.textContent ?? ''),
  );
  await page.locator('[data-testid="cockpit-map"] canvas').first().waitFor();
  await page.locator('[data-testid="district-list"] li').first().waitFor();
  await page.waitForTimeout(800); // let the charts finish their entry animation before the screenshot
}

const shown = async (page: Page, id: string) =>
  Number(((await page.getByTestId(`kpi-${id}-value`).textContent()) ?? '').replace(/[^\d]/g, ''));

describe('the federation cockpit', () => {
  test('city staff see every district of Beijing on the map and the city-wide figures', async () => {
    await withPage(browser, 'desktop', 'cockpit-city', async (page) => {
      await openCockpit(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      const api = await summaryOf(page);
      assert.match((await page.getByTestId('cockpit-title').textContent()) ?? '', /北京市总工会/);
      assert.equal(await shown(page, 'members'), api.members.active);
      assert.equal(await shown(page, 'claims-year'), api.aid.year.filed);
      const regions = await page
        .locator('[data-testid="district-list"] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-region')));
      assert.deepEqual([...regions].sort(), ['110105', '110108', '110114']);
      await page.getByTestId('measure').click();
      await page.getByTitle('站点签到').click();
      await page.waitForTimeout(500);
      await screenshot(page, 'cockpit-city', { fullPage: false });
    });
  });

  test('朝阳 district staff see only 朝阳: its figures, one district on the map', async () => {
    let cityMembers = 0;
    await withPage(browser, 'desktop', 'cockpit-city-baseline', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      cityMembers = (await summaryOf(page)).members.active;
    });
    await withPage(browser, 'desktop', 'cockpit-chaoyang', async (page) => {
      await openCockpit(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      const api = await summaryOf(page);
      assert.equal(api.scope.regionCode, '110105');
      assert.match((await page.getByTestId('cockpit-title').textContent()) ?? '', /朝阳区总工会/);
      const members = await shown(page, 'members');
      assert.equal(members, api.members.active);
      assert.ok(members > 0 && members < cityMembers, `${members} of ${cityMembers}`);
      const regions = await page
        .locator('[data-testid="district-list"] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-region')));
      assert.deepEqual(regions, ['110105']);
      const names = await page.locator('[data-testid="district-list"] li span').allTextContents();
      assert.deepEqual(names, ['朝阳区总工会']);
      assert.equal(await page.getByText('昌平区总工会').count(), 0);
      await screenshot(page, 'cockpit-chaoyang', { fullPage: false });
    });
  });
});
