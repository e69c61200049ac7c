/**
 * A claim on a weak signal: what the member types is kept on the phone ("saved on this phone only"), survives a
 * reload, is still there when saving fails for want of a network, and goes to the server (and off the phone) when
 * the network is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { beijingDaysAgo } from './aid-fixtures';
import { DEMO } from './demo-accounts';
import { BASE_URL, launchBrowser, screenshot, signIn } from './helpers';

let browser: Browser;
const ADDRESS = '北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602（草稿测试）';

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

describe('the claim form keeps its draft on the phone', () => {
  test('typed, reloaded, refused offline, saved online: never lost, always told where it is', async () => {
    // no service worker: Chromium's offline emulation does not reach requests that pass through one
    const context = await browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    try {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      await page.goto('/aid/check');
      // A fire, not the burst pipe: the mutual-aid journey (aid.e2e) pays her burst-pipe claim for this year in the
      // same run, and that coverage allows one claim a year.
      await page.getByLabel('火灾').check();
      await page.getByLabel('事故发生日期').fill(beijingDaysAgo(10));
      await page.getByLabel('意外（电气故障、邻里火灾殃及等）').check();
      await page.getByLabel(/估计损失金额/).fill('5000');
      await page.getByRole('button', { name: '查看结果' }).click();
      await page.locator('[data-testid=precheck-result][data-eligible="true"]').waitFor();
      await page.getByRole('button', { name: '立即申报' }).click();
      await page.getByLabel('我已阅读并同意上述授权').check();
      await page.getByRole('button', { name: '同意并继续' }).click();

      const state = page.getByTestId('save-state');
      assert.equal(await state.count(), 0, 'nothing typed, nothing to tell');
      await page.getByLabel('事故发生地址').fill(ADDRESS);
      await page.getByLabel(/事情经过/).fill('夜里厨房电线短路起火，橱柜烧毁。');
      assert.equal(await state.getAttribute('data-where'), 'phone');
      assert.match((await state.textContent()) ?? '', /仅保存在这部手机上/);

      // the tab is closed or reloaded: the draft comes back (consent is asked again, as it must be)
      await page.reload();
      await page.getByLabel('我已阅读并同意上述授权').check();
      await page.getByRole('button', { name: '同意并继续' }).click();
      assert.equal(await page.getByLabel('事故发生地址').inputValue(), ADDRESS);
      assert.equal(await page.getByLabel(/事情经过/).inputValue(), '夜里厨房电线短路起火，橱柜烧毁。');

      // no signal: the save waits, and the member is told her text is safe on the phone
      await page.context().setOffline(true);
      await page.getByRole('button', { name: '保存并继续' }).click();
      await page.getByText('您填写的内容仍保存在这部手机上').waitFor();
      await screenshot(page, 'claim-draft-offline', { fullPage: false });
      assert.equal(await page.getByLabel('事故发生地址').inputValue(), ADDRESS);

      // signal back: the held save goes out by itself, and the phone forgets its copy
      await page.context().setOffline(false);
      await page.waitForURL(/\/aid\/claims\/[0-9a-f-]{36}\/edit$/);
      const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('unioncare.draft.')));
      assert.deepEqual(left, []);
    } catch (err) {
      await screenshot(page, 'failed-claim-draft', { fullPage: false }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });
});
