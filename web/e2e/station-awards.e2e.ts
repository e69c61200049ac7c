import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, call, launchBrowser, screenshot, signIn, withPage } from './helpers';

const RUN = randomUUID().slice(0, 6);

let browser: Browser;
let city: { authorization: string };

interface Campaign {
  id: string;
  name: string;
  phase: string;
  published: boolean;
}

before(async () => {
  browser = await launchBrowser();
  const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone: DEMO.cityStaff.phone, password: DEMO.cityStaff.password }),
  });
  city = { authorization: `Bearer ${login.token}` };
});

after(async () => {
  await browser?.close();
});

async function chooseCampaign(page: Page, name: string) {
  await page.getByLabel('评选活动').click();
  await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
  await page.getByRole('heading', { level: 1, name: /最美驿站评选/ }).waitFor();
}

describe('the "most beautiful station" winners in the staff console', () => {
  test('city staff publish a closed campaign from the page; the winners answer follows', async () => {
    const name = `端到端测试评选 ${RUN}`;
    const campaign = await apiJson<Campaign>('/api/v1/stations/awards', {
      method: 'POST',
      headers: city,
      body: JSON.stringify({
        name,
        year: 2025,
        nominationFrom: '2025-03-01',
        nominationTo: '2025-03-31',
        votingFrom: '2025-04-01',
        votingTo: '2025-04-30',
      }),
    });
    assert.equal(campaign.phase, 'closed');
    assert.equal((await call(`/api/v1/stations/awards/${campaign.id}/winners`)).status, 409, 'not published yet');

    await withPage(browser, 'desktop', 'station-awards', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.getByRole('menuitem', { name: /最美驿站/ }).click();
      await page.getByRole('heading', { level: 1, name: /最美驿站评选/ }).waitFor();
      await chooseCampaign(page, name);
      await page.waitForURL((url) => url.searchParams.get('campaign') === campaign.id);
      // the address changes before the page re-renders for the chosen campaign: wait for the page, not the URL
      await page.getByTestId('published').getByText('结果未公布', { exact: true }).waitFor();
      await page.getByText('评选结果尚未公布。').waitFor();

      await page.getByRole('button', { name: '公布结果' }).click();
      const confirm = page.locator('.ant-modal').filter({ visible: true });
      await confirm.locator('.ant-modal-confirm-title').getByText(`公布“${name}”的评选结果？`).waitFor();
      // let the dialog finish opening (a click during the zoom-in can be lost on a busy machine)
      await confirm.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((x) => x.finished)));
      await confirm.locator('.ant-modal-confirm-btns').getByRole('button', { name: '公布结果' }).click();
      await page.getByText('评选结果已公布').first().waitFor();
      await page.getByTestId('published').getByText('结果已公布').waitFor();
      await page.getByTestId('ranking-winners').getByText('没有四星及以上的获奖站点').waitFor();
      await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
      assert.equal(await page.getByRole('button', { name: '公布结果' }).count(), 0, 'published once');

      await page.getByRole('tab', { name: '完整排名' }).click();
      await page.getByTestId('ranking-results').getByText('还没有推荐站点').waitFor();
      await screenshot(page, 'station-awards', { fullPage: false });

      // the demo seed's published campaign lists exactly the API's winners, in order
      let shown = 0;
      const campaigns = (await apiJson<{ items: Campaign[] }>('/api/v1/stations/awards')).items;
      for (const c of campaigns.filter((x) => x.published && x.id !== campaign.id)) {
        const winners = (await apiJson<{ items: { code: string }[] }>(`/api/v1/stations/awards/${c.id}/winners`)).items;
        if (winners.length === 0) continue;
        await page.goto(`/console/station-awards?campaign=${c.id}&view=winners`);
        const table = page.getByTestId('ranking-winners');
        await table.getByText(winners[0]!.code).waitFor();
        const codes = await table
          .locator('tbody tr.ant-table-row td:nth-child(4)')
          .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
        assert.deepEqual(
          codes,
          winners.map((w) => w.code),
        );
        await screenshot(page, 'station-awards-winners', { fullPage: false });
        shown = codes.length;
        break;
      }
      assert.ok(shown > 0, 'the demo seed has a published campaign with winners');
    });

    const winners = await apiJson<{ items: unknown[] }>(`/api/v1/stations/awards/${campaign.id}/winners`);
    assert.deepEqual(winners.items, []);
    assert.equal(
      (await call(`/api/v1/stations/awards/${campaign.id}/publish`, { method: 'POST', headers: city })).status,
      409,
      'a second publish is refused',
    );
  });
});
