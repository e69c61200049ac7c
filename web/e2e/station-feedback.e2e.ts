import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, launchBrowser, screenshot, withPage } from './helpers';

/**
 * The feedback form of a station's public page (/s/<code>, no sign-in) on a phone: a problem report needs a
 * deliberately chosen kind, and one phone rates a station once (a retry reuses the post's Idempotency-Key).
 */
const RUN = randomUUID().slice(0, 6);
/** 奥林匹克森林公园 (朝阳区): far from the spots the other station tests search around. */
const OLYMPIC_PARK = { lng: 116.396, lat: 40.018 };

let browser: Browser;
let staff: { authorization: string };

const text = async (page: Page, testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

async function createStation(name: string, dLng: number): Promise<string> {
  const { code } = await apiJson<{ code: string }>('/api/v1/stations', {
    method: 'POST',
    headers: staff,
    body: JSON.stringify({
      name,
      address: '北京市朝阳区奥林匹克森林公园南门（端到端测试）',
      regionCode: '110105',
      managementMode: 'purchased',
      lng: OLYMPIC_PARK.lng + dLng,
      lat: OLYMPIC_PARK.lat,
      openingHours: { kind: 'always', exceptions: [] },
      amenities: ['drinking_water', 'microwave', 'toilet'],
      phone: '010-84370000',
      status: 'active',
    }),
  });
  return code;
}

interface Summary {
  code: string;
  ratingAverage: number | null;
  ratingCount: number;
  checkinsLast30Days: number;
}
const summary = (code: string) => apiJson<Summary>(`/api/v1/stations/${code}/feedback-summary`);

interface Report {
  kind: string;
  text: string;
}
const reports = async (code: string) =>
  (
    await apiJson<{ items: Report[] }>(`/api/v1/stations/reports?stationCode=${code}&pageSize=200`, {
      headers: staff,
    })
  ).items;

before(async () => {
  browser = await launchBrowser();
  const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone: DEMO.districtChaoyang.phone, password: DEMO.districtChaoyang.password }),
  });
  staff = { authorization: `Bearer ${login.token}` };
});

after(async () => {
  await browser?.close();
});

/** A fresh phone (its own localStorage and IndexedDB) on a station's page, signed out. */
const withPhone = (name: string, fn: (page: Page) => Promise<void>) => withPage(browser, 'phone', name, fn);

async function openStation(page: Page, code: string, name: string) {
  await page.goto(`/s/${code}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByTestId('feedback-summary').waitFor();
}

/** The page's POSTs of one kind of feedback for a station, in order. */
function posts(page: Page, code: string, kind: 'ratings' | 'reports'): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/stations/${code}/${kind}`) seen.push(r);
  });
  return seen;
}

const KINDS = ['开放时间内没开门', '不让进站', '设施缺失或不能用', '其他问题'];

describe('feedback on a station page', () => {
  test('a problem report needs its kind chosen on purpose; the text stays optional unless the kind is “other”', async () => {
    const name = `森林公园南门驿站 ${RUN}`;
    const code = await createStation(name, 0);
    await withPhone('station-feedback-report', async (page) => {
      const sent = posts(page, code, 'reports');
      await openStation(page, code, name);
      const kinds = page.getByRole('group', { name: '遇到了什么问题？' });
      for (const kind of KINDS) {
        assert.equal(await kinds.getByLabel(kind, { exact: true }).isChecked(), false, `${kind} is not pre-selected`);
      }

      // one tap on 提交问题 with nothing chosen or typed: a message next to the choice, nothing sent
      const submit = page.getByRole('button', { name: '提交问题' });
      await submit.click();
      const kindError = kinds.getByText('请先选择遇到的问题', { exact: true });
      await kindError.waitFor();
      const describedBy = (await kinds.getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.split(' ').includes((await kindError.getAttribute('id')) ?? '-'), 'the choice names it');
      assert.equal(
        await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type),
        'radio',
        'focus moves to the choice',
      );
      await screenshot(page, 'station-feedback-kind-required', { fullPage: false });

      // "other" needs words
      await kinds.getByLabel('其他问题', { exact: true }).check();
      await submit.click();
      await page.getByText('请说明遇到的问题', { exact: true }).waitFor();
      assert.equal(await kindError.count(), 0, 'the kind message goes once a kind is chosen');
      assert.equal(sent.length, 0, 'nothing was sent');
      assert.deepEqual(await reports(code), []);

      // a deliberate "closed during opening hours" with no text goes through
      await kinds.getByLabel('开放时间内没开门', { exact: true }).check();
      await submit.click();
      await page.getByTestId('report-done').waitFor();
      assert.match(await text(page, 'report-done'), /问题已收到.*反馈编号：[0-9A-F]{8}/);
      const filed = await reports(code);
      assert.deepEqual(
        filed.map((r) => [r.kind, r.text]),
        [['closed_during_hours', '']],
      );

      // the form starts over: another tap does not file the same complaint again
      for (const kind of KINDS) assert.equal(await kinds.getByLabel(kind, { exact: true }).isChecked(), false);
      await submit.click();
      await kindError.waitFor();
      assert.equal(sent.length, 1);
      assert.equal((await reports(code)).length, 1);
    });
  });

  test('one phone rates a station once: the form shows it was sent, and neither a second tap nor a reload sends again', async () => {
    const name = `森林公园东门驿站 ${RUN}`;
    const code = await createStation(name, 0.004);
    await withPhone('station-feedback-rating', async (page) => {
      const sent = posts(page, code, 'ratings');
      await openStation(page, code, name);
      const shown = page.getByTestId('feedback-summary');
      await shown.getByText('还没有评价').waitFor();

      await page.locator('.uc-star').nth(3).click();
      await page.getByRole('button', { name: '提交评分' }).click();
      await page.getByTestId('rating-done').waitFor();
      assert.equal(await text(page, 'rating-done'), '评分已提交，谢谢！');
      await shown.getByText('4.0 分（1 人评价）').waitFor();

      // sent: the stars stay as given but cannot change, and the button no longer sends
      const stars = page.getByRole('group', { name: '给驿站打分' });
      const done = page.getByRole('button', { name: '已评分' });
      assert.equal(await done.isDisabled(), true);
      assert.equal(await page.getByRole('button', { name: '提交评分' }).count(), 0);
      assert.equal(await stars.locator('.uc-star.is-on').count(), 4);
      for (const radio of await stars.getByRole('radio').all()) assert.equal(await radio.isDisabled(), true);
      await screenshot(page, 'station-feedback-rated', { fullPage: false });
      // even a form sent by other means (a keyboard Enter, a script) sends nothing
      await page.evaluate(() => document.querySelector<HTMLFormElement>('form.uc-rating')?.requestSubmit());
      await page.waitForLoadState('networkidle');
      assert.equal(sent.length, 1, 'one rating post');

      // the phone remembers it
      await page.reload();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByTestId('rating-done').waitFor();
      assert.equal(await text(page, 'rating-done'), '您已在这部手机上给这个驿站打过 4 星，谢谢！');
      assert.equal(await page.getByRole('button', { name: '已评分' }).isDisabled(), true);
      await page.waitForLoadState('networkidle');
      assert.equal(sent.length, 1);
      assert.deepEqual(await summary(code), { code, ratingAverage: 4, ratingCount: 1, checkinsLast30Days: 0 });
    });

    // another phone (another worker, signed out too) still rates it
    await withPhone('station-feedback-rating-other', async (page) => {
      await openStation(page, code, name);
      await page.locator('.uc-star').nth(1).click();
      await page.getByRole('button', { name: '提交评分' }).click();
      await page.getByTestId('rating-done').waitFor();
      await page.getByTestId('feedback-summary').getByText('3.0 分（2 人评价）').waitFor();
    });
  });

  test('a rating retried after a refusal and after a lost answer goes under one Idempotency-Key and counts once', async () => {
    const name = `森林公园西门驿站 ${RUN}`;
    const code = await createStation(name, -0.004);
    await withPhone('station-feedback-retry', async (page) => {
      const keys: string[] = [];
      let attempt = 0;
      await page.route(`**/api/v1/stations/${code}/ratings`, async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        attempt++;
        if (attempt === 1) {
          // a shared mobile address over its write budget
          return route.fulfill({
            status: 429,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: '请求过于频繁，请稍后再试', status: 429 }),
          });
        }
        // the server records it, but the answer never reaches the phone
        await route.fetch();
        return route.abort('connectionreset');
      });
      await openStation(page, code, name);

      await page.locator('.uc-star').nth(4).click();
      await page.getByLabel('说点什么（可不填）').fill(`饮水机很干净 ${RUN}`);
      const submit = page.getByRole('button', { name: '提交评分' });
      await submit.click();
      await page
        .getByRole('alert')
        .getByText(/提交失败/)
        .waitFor();
      assert.equal(await submit.isDisabled(), false, 'a refused rating may be sent again');

      await submit.click();
      await page.getByTestId('rating-done').waitFor();
      assert.match(await text(page, 'rating-done'), /保存在手机上/);
      assert.equal(await page.getByRole('button', { name: '已评分' }).isDisabled(), true);
      assert.equal(keys.length, 2);
      assert.equal(keys[1], keys[0], 'the retry reuses the key');
      assert.equal((await summary(code)).ratingCount, 1, 'recorded by the server already');

      // the phone sends what waits in its outbox when the page opens again: the server knows the key
      await page.unroute(`**/api/v1/stations/${code}/ratings`);
      const replay = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/stations/${code}/ratings`,
      );
      await page.reload();
      const answer = await replay;
      assert.equal(answer.status(), 200);
      assert.equal(answer.headers()['idempotent-replayed'], 'true');
      assert.equal(answer.request().headers()['idempotency-key'], keys[0]);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      assert.equal(await text(page, 'rating-done'), '您已在这部手机上给这个驿站打过 5 星，谢谢！');
      assert.deepEqual(await summary(code), { code, ratingAverage: 5, ratingCount: 1, checkinsLast30Days: 0 });
    });
  });
});
