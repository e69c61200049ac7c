/**
 * The 12351 operator screen keeps its calls on the server: a reload takes the operator back to her open call, a call
 * still "in progress" in today's list opens to be continued or ended, and the outcome is chosen, never assumed.
 * With 李静 on the line (claim status and payment), her claims are on the screen.
 *
 * The operator is 昌平区总工会's (13800000004), not the city federation's of hotline.e2e: a call left open here is
 * never resumed by that story's operator. Every call opened here is ended here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { beijingDaysAgo } from './aid-fixtures';
import { DEMO, DEMO_MEMBER_NAME } from './demo-accounts';
import { launchBrowser, screenshot, signIn, withPage } from './helpers';

let browser: Browser;
const OPERATOR = DEMO.districtChangping;

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

/** An API call with the page's session (setting up what happened before the screen is opened). */
async function api<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'accept-language': 'zh-CN' },
    ...(data ? { data } : {}),
  });
  assert.ok(res.ok(), `${method} ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The call timer in seconds ("1:05" → 65). */
async function timerSeconds(page: Page): Promise<number> {
  const [m, s] = (await text(page.getByTestId('call-timer'))).split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

/** Today's row of a caller (as the list shows them: name, or masked number). */
const todayRow = (page: Page, caller: string) =>
  page.getByTestId('today-consultations').locator('tbody tr', { hasText: caller });

async function chooseOutcome(page: Page, label: string) {
  await page.getByTestId('close-outcome').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

async function endCall(page: Page, outcome: string) {
  await chooseOutcome(page, outcome);
  await page.getByTestId('end-call').click();
  const ended = page.getByTestId('call-ended');
  await ended.waitFor();
  assert.match(await text(ended), new RegExp(`通话已结束：时长 \\d+:\\d\\d，${outcome}`));
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

describe('12351 operator screen: calls live on the server', () => {
  test('a reload resumes the open call; an in-progress row opens it; the outcome must be chosen', async () => {
    await withPage(browser, 'desktop', 'hotline-operator-resume', async (page) => {
      await signIn(page, OPERATOR.phone, OPERATOR.password);
      await page.goto('/console/hotline');
      const phone = page.getByTestId('caller-phone');
      await phone.waitFor();
      await page.getByTestId('today-panel').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('caller-card').count(), 0, 'no open call: the screen waits for one');

      // A workplace union's staff member calls: identified, the topic and the question noted.
      await phone.fill(DEMO.workplaceStaff.phone);
      await phone.press('Enter');
      const card = page.getByTestId('caller-card');
      await card.waitFor();
      assert.match(await text(card), /138\*{4}0002/);
      const callBar = page.getByTestId('call-bar');
      await callBar.getByText('入会与会籍', { exact: true }).click();
      await page.getByLabel('来电问题').fill('调到新单位后会籍怎么转');
      await page.getByLabel('来电问题').blur();
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="call-timer"]')?.textContent ?? '0:00') >= '0:02',
      );
      await page.waitForLoadState('networkidle');

      // The page is reloaded mid-call: the call comes back from the server, clock still running from its start.
      await page.reload();
      await page.getByTestId('call-resumed').waitFor();
      await card.waitFor();
      assert.match(await text(card), /138\*{4}0002/);
      assert.ok(
        (await timerSeconds(page)) >= 2,
        `the timer counts from the start: ${await text(page.getByTestId('call-timer'))}`,
      );
      assert.match(await text(callBar.locator('.ant-radio-button-wrapper-checked')), /入会与会籍/);
      assert.equal(await page.getByLabel('来电问题').inputValue(), '调到新单位后会籍怎么转');
      assert.equal(await phone.isDisabled(), true, 'no second call while this one is open');
      const rowA = todayRow(page, '138****0002');
      await rowA.filter({ hasText: '通话中' }).filter({ hasText: '当前通话' }).waitFor();
      await screenshot(page, 'hotline-operator-resumed');

      // Another call of hers was left open (a closed tab): after a reload the newest open call is on the screen…
      await api(page, 'POST', '/hotline/consultations', { channel: 'phone', callerPhone: '13912351235' });
      await page.reload();
      await page.getByTestId('call-resumed').waitFor();
      await card.filter({ hasText: '139****1235' }).waitFor();
      // …and the first one is still "in progress" in today's list: clicking its row takes it up again.
      const open = rowA.filter({ hasText: '通话中' });
      await open.getByTestId('open-call').waitFor();
      await open.locator('td').nth(1).click();
      await card.filter({ hasText: '138****0002' }).waitFor();
      assert.equal(await page.getByLabel('来电问题').inputValue(), '调到新单位后会籍怎么转');
      await rowA.filter({ hasText: '当前通话' }).waitFor();

      // Ending it asks for the outcome: none is chosen for the operator.
      await page.getByTestId('end-call').click();
      await page.getByText('请选择处理结果', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('call-ended').count(), 0, 'not ended without an outcome');
      await screenshot(page, 'hotline-operator-outcome-required');
      await endCall(page, '已解答');
      await rowA.filter({ hasText: '已解答' }).waitFor();

      // The other open call, from its row too ("继续处理"): ended as referred, by choice.
      await todayRow(page, '139****1235').getByTestId('open-call').click();
      await card.filter({ hasText: '139****1235' }).waitFor();
      await endCall(page, '已转办');
      await todayRow(page, '139****1235').filter({ hasText: '已转办' }).waitFor();
      await page.getByTestId('next-call').click();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'caller-phone');

      // Nothing open any more: a reload waits for the next call.
      await page.reload();
      await phone.waitFor();
      await page.getByTestId('today-panel').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await todayRow(page, '139****1235').filter({ hasText: '已转办' }).waitFor();
      assert.equal(await page.getByTestId('caller-card').count(), 0);
      assert.equal(await phone.isDisabled(), false);
      assert.equal(await page.getByTestId('today-consultations').getByText('通话中', { exact: true }).count(), 0);
    });
  });

  test('李静 asks about her claim: her claims are on the screen, masked data only', async () => {
    await withPage(browser, 'desktop', 'hotline-operator-claims', async (page) => {
      await signIn(page, OPERATOR.phone, OPERATOR.password);
      // An earlier call: the operator drafted her hospital-stay claim (a coverage no other story files for her).
      const lookup = await api<{ member: { id: string } }>(page, 'POST', '/hotline/caller-lookups', {
        phone: DEMO.member.phone,
      });
      const earlier = await api<{ id: string }>(page, 'POST', '/hotline/consultations', {
        channel: 'phone',
        callerPhone: DEMO.member.phone,
        memberId: lookup.member.id,
        topic: 'mutual_aid',
      });
      const claim = await api<{ claimNo: string }>(page, 'POST', `/hotline/consultations/${earlier.id}/claims`, {
        coverageCode: 'ACCIDENT_HOSPITAL',
        incidentDate: beijingDaysAgo(30),
        incidentAddress: '北京市昌平区回龙观西大街 18 号',
        answers: { workRelated: 'no', cause: 'accident' },
      });
      await api(page, 'POST', `/hotline/consultations/${earlier.id}/close`, { outcome: 'claim_started' });

      // She calls again: where is her claim?
      await page.goto('/console/hotline');
      const phone = page.getByTestId('caller-phone');
      await phone.waitFor();
      await phone.fill(DEMO.member.phone);
      await phone.press('Enter');
      await page.getByTestId('caller-name').filter({ hasText: DEMO_MEMBER_NAME }).waitFor();
      await page.getByTestId('call-bar').getByText('申报进度与到账', { exact: true }).click();
      const claims = page.getByTestId('caller-claims');
      const row = claims.locator('tbody tr', { hasText: claim.claimNo });
      await row.waitFor();
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      assert.equal(cells[0], claim.claimNo);
      assert.match(cells[1]!, /意外伤害住院/);
      assert.match(cells[1]!, new RegExp(`事故日期 ${beijingDaysAgo(30)}`));
      assert.match(cells[2]!, /草稿，未提交/);
      assert.equal(cells[3], '—', 'no amount approved yet');
      assert.equal(cells[4], '—', 'not paid yet');
      const headers = await claims.locator('thead th').allInnerTexts();
      for (const h of ['申报编号', '保障项目', '状态', '核定金额', '到账日期'])
        assert.ok(
          headers.some((x) => x.includes(h)),
          `${h} in ${headers.join('|')}`,
        );
      assert.doesNotMatch(await text(page.locator('.uc-operator')), /\d{17}[\dX]/, 'no full ID number on screen');
      await screenshot(page, 'hotline-operator-caller-claims');

      // Still there after a reload (the call is resumed), then the call ends: answered.
      await page.reload();
      await page.getByTestId('call-resumed').waitFor();
      await claims.locator('tbody tr', { hasText: claim.claimNo }).waitFor();
      await endCall(page, '已解答');
    });
  });
});
