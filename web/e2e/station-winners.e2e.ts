import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, launchBrowser, screenshot, withPage } from './helpers';

let browser: Browser;

interface Campaign {
  id: string;
  name: string;
  published: boolean;
}
interface Winner {
  code: string;
  name: string;
  stars: number;
  total: number;
  navigation: { amap: string; baidu: string; tencent: string };
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

describe('the public "most beautiful station" winners page', () => {
  test('from the map, anyone sees the latest winners with stars and scores, opens one and can navigate there', async () => {
    const campaigns = (await apiJson<{ items: Campaign[] }>('/api/v1/stations/awards')).items;
    const latest = campaigns.find((c) => c.published);
    assert.ok(latest, 'the demo seed has a published campaign');
    const winners = (await apiJson<{ items: Winner[] }>(`/api/v1/stations/awards/${latest.id}/winners`)).items;
    assert.ok(winners.length > 0, 'the demo campaign has winners');
    const first = winners[0]!;

    // a photo of the first winner (any web path is shown; the favicon stands in for an uploaded picture)
    const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ phone: DEMO.cityStaff.phone, password: DEMO.cityStaff.password }),
    });
    await apiJson(`/api/v1/stations/${first.code}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ fileRef: '/favicon.svg', caption: '获奖驿站门头' }),
    });

    await withPage(browser, 'phone', 'station-winners', async (page) => {
      await page.goto('/map');
      await page.getByRole('link', { name: '最美驿站评选结果' }).click();
      await page.waitForURL('**/awards');
      await page.getByRole('heading', { level: 1, name: latest.name }).waitFor();

      const list = page.getByTestId('winners');
      const codes = await list
        .locator(':scope > li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-code') ?? ''));
      assert.deepEqual(
        codes,
        winners.map((w) => w.code),
        'the API’s winners, in order',
      );
      const card = list.locator(`li[data-code="${first.code}"]`);
      await card.getByRole('heading', { level: 2, name: first.name }).waitFor();
      await card.getByRole('img', { name: `${first.stars} 星级驿站` }).waitFor();
      assert.equal(await card.getByTestId('total').textContent(), first.total.toFixed(1));
      await card.getByRole('img', { name: '获奖驿站门头' }).waitFor();

      await card.getByText('导航去这里').click();
      assert.equal(await card.locator('a[data-app=amap]').getAttribute('href'), first.navigation.amap);
      assert.equal(await card.locator('a[data-app=baidu]').getAttribute('href'), first.navigation.baidu);
      await screenshot(page, 'station-winners');

      await card.getByRole('link', { name: '查看站点' }).click();
      await page.waitForURL(`**/s/${first.code}`);
      await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
      await page.getByRole('link', { name: /返回/ }).click();
      await page.waitForURL('**/awards');
      await page.getByRole('heading', { level: 1, name: latest.name }).waitFor();

      // a campaign by its address; an unknown one says so
      await page.goto(`/awards/${latest.id}`);
      await list.locator(`li[data-code="${first.code}"]`).waitFor();
      await page.goto('/awards/00000000-0000-7000-8000-000000000000');
      await page.getByText('没有找到这个评选活动。').waitFor();
    });
  });
});
