import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, BASE_URL, call, launchBrowser, screenshot, signIn, withPage } from './helpers';

/**
 * 编辑关爱活动 in real Chromium: 朝阳区 staff open an activity made for this run, change its title, dates and a team in
 * the console and see the drawer and the API agree; a place that already has handouts cannot be removed (the reason
 * shows under the places); staff of another district cannot change it.
 */

const RUN = randomUUID().slice(0, 6);
const STAFF = DEMO.districtChaoyang;
const TITLE = `夏送清凉·公交场站 ${RUN}`;
const NEW_TITLE = `夏送清凉·公交场站（改期）${RUN}`;

let browser: Browser;
let staff: { authorization: string };
let otherDistrict: { authorization: string };
let unionId: string;
let activityId: string;

interface Activity {
  title: string;
  startsOn: string;
  endsOn: string;
  places: { name: string; stationCode: string | null; lng: number | null; lat: number | null }[];
  teams: { name: string; leader: string; members: string[] }[];
}

async function login(phone: string, password: string): Promise<{ token: string; user: { union: { id: string } } }> {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password }),
  });
  assert.equal(res.status, 200, `sign in ${phone}`);
  return (await res.json()) as { token: string; user: { union: { id: string } } };
}

/** The test's own API calls go as the 朝阳区 staff member. */
const asStaff = <T>(path: string, init: RequestInit = {}) =>
  apiJson<T>(path, { ...init, headers: { ...staff, ...(init.headers ?? {}) } });
const activity = () => asStaff<Activity>(`/api/v1/care/activities/${activityId}`);

before(async () => {
  browser = await launchBrowser();
  const me = await login(STAFF.phone, STAFF.password);
  staff = { authorization: `Bearer ${me.token}` };
  unionId = me.user.union.id;
  const other = await login(DEMO.districtChangping.phone, DEMO.districtChangping.password);
  otherDistrict = { authorization: `Bearer ${other.token}` };
  const made = await asStaff<{ id: string }>('/api/v1/care/activities', {
    method: 'POST',
    body: JSON.stringify({
      title: TITLE,
      kind: 'summer_relief',
      unionId,
      startsOn: '2034-06-10',
      endsOn: '2034-06-12',
      places: [
        { name: '806路总站', lng: 116.5869, lat: 39.9235 },
        { name: '东坝场站', lng: 116.5601, lat: 39.9702 },
      ],
      teams: [
        { name: '管理人员组', leader: '马建军' },
        { name: '一组', leader: '王芳' },
      ],
      notes: '提醒查验健康码',
    }),
  });
  activityId = made.id;
});

after(async () => {
  await browser?.close();
});

const modalOf = (page: Page) => page.locator('.ant-modal').filter({ visible: true });
const drawerOf = (page: Page) => page.locator('.ant-drawer-section').filter({ visible: true });

/** Opens this run's activity from the month's list and waits for its drawer to have loaded. */
async function openActivity(page: Page, title: string): Promise<Locator> {
  await page.goto('/console/care/activities?month=2034-06');
  await page.getByRole('button', { name: `查看活动 ${title}`, exact: true }).click();
  const drawer = drawerOf(page);
  await drawer.getByRole('heading', { level: 3, name: '活动报告' }).waitFor();
  return drawer;
}

/** The value shown beside a label in the drawer's description list. */
async function described(page: Page, label: string): Promise<string> {
  const item = drawerOf(page)
    .locator('.ant-descriptions-item-container')
    .filter({ has: page.locator('.ant-descriptions-item-label').getByText(label, { exact: true }) });
  return ((await item.locator('.ant-descriptions-item-content').textContent()) ?? '').trim();
}

/** Types a date into an antd picker input and confirms it. */
async function typeDate(input: Locator, day: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(day);
  await input.press('Enter');
}

describe('care: editing an activity', () => {
  test('staff change title, dates and a team in the console; the drawer and the API show the new values', async () => {
    await withPage(browser, 'desktop', 'care-activity-edit', async (page) => {
      await signIn(page, STAFF.phone, STAFF.password);
      const drawer = await openActivity(page, TITLE);
      await drawer.getByRole('button', { name: /编\s?辑$/ }).click(); // after the icon's name; antd may space out two characters

      const modal = modalOf(page);
      await modal.getByText('编辑活动', { exact: true }).waitFor();
      // prefilled from the activity; the union is shown but cannot be changed
      assert.equal(await modal.getByLabel('活动名称').inputValue(), TITLE);
      assert.equal(await modal.getByLabel('主办单位').isDisabled(), true);
      assert.equal(await modal.getByLabel('主办单位').inputValue(), '朝阳区总工会');
      const places = modal.getByRole('group', { name: '活动地点' });
      assert.deepEqual(await places.getByLabel('地点', { exact: true }).evaluateAll(values), ['806路总站', '东坝场站']);
      assert.deepEqual(await places.getByLabel('经度', { exact: true }).evaluateAll(values), ['116.5869', '116.5601']);

      await modal.getByLabel('活动名称').fill(NEW_TITLE);
      await typeDate(modal.getByPlaceholder('开始日期'), '2034-06-15');
      await typeDate(modal.getByPlaceholder('结束日期'), '2034-06-17');
      const teams = modal.getByRole('group', { name: '慰问小组' });
      await teams.getByLabel('小组名称', { exact: true }).nth(1).fill('二组');
      await teams.getByLabel('组长', { exact: true }).nth(1).fill('张伟');
      await screenshot(page, 'care-activity-edit', { fullPage: false });
      await modal.getByRole('button', { name: /^保\s?存$/ }).click();
      await page.getByText('活动已保存').waitFor();
      await modal.waitFor({ state: 'hidden' });

      // the drawer shows the new values
      await drawer.locator('.ant-drawer-title').filter({ hasText: NEW_TITLE }).waitFor();
      await drawer.getByText('2034-06-15 – 2034-06-17', { exact: true }).waitFor();
      assert.equal(await described(page, '慰问小组'), '管理人员组（马建军）、二组（张伟）');
      assert.equal(await described(page, '活动地点'), '806路总站、东坝场站');
    });

    const saved = await activity();
    assert.equal(saved.title, NEW_TITLE);
    assert.deepEqual([saved.startsOn, saved.endsOn], ['2034-06-15', '2034-06-17']);
    assert.deepEqual(saved.teams, [
      { name: '管理人员组', leader: '马建军', members: [] },
      { name: '二组', leader: '张伟', members: [] },
    ]);
    assert.deepEqual(
      saved.places.map((p) => [p.name, p.lng, p.lat]),
      [
        ['806路总站', 116.5869, 39.9235],
        ['东坝场站', 116.5601, 39.9702],
      ],
      'the places were not touched',
    );
  });

  test('a place with handouts cannot be removed: the reason shows under the places', async () => {
    const item = await asStaff<{ id: string }>('/api/v1/care/items', {
      method: 'POST',
      body: JSON.stringify({ name: `冰镇绿豆汤 ${RUN}`, unit: '瓶', kind: 'item' }),
    });
    await asStaff('/api/v1/care/receipts', {
      method: 'POST',
      body: JSON.stringify({
        unionId,
        source: 'purchase',
        fundingSource: `工会经费（端到端 ${RUN}）`,
        receivedOn: '2034-06-01',
        lines: [{ itemId: item.id, quantity: 10 }],
      }),
    });
    await asStaff(`/api/v1/care/activities/${activityId}/handouts`, {
      method: 'POST',
      body: JSON.stringify({ itemId: item.id, quantity: 3, placeName: '806路总站', handedOn: '2034-06-15' }),
    });

    await withPage(browser, 'desktop', 'care-activity-edit-place', async (page) => {
      await signIn(page, STAFF.phone, STAFF.password);
      const drawer = await openActivity(page, NEW_TITLE);
      await drawer.getByRole('button', { name: /编\s?辑$/ }).click();
      const modal = modalOf(page);
      const places = modal.getByRole('group', { name: '活动地点' });
      await places.getByRole('button', { name: '移除第 1 个地点', exact: true }).click();
      assert.deepEqual(await places.getByLabel('地点', { exact: true }).evaluateAll(values), ['东坝场站']);
      await modal.getByRole('button', { name: /^保\s?存$/ }).click();

      const reason = places.getByText('已有发放记录的地点不能删除：806路总站', { exact: true });
      await reason.waitFor();
      assert.equal(
        await page.locator('.ant-message').getByText('已有发放记录的地点不能删除', { exact: false }).count(),
        0,
        'the reason is not a toast',
      );
      assert.equal(await modal.isVisible(), true, 'the dialog stays open to fix it');
      await screenshot(page, 'care-activity-edit-place-in-use', { fullPage: false });
    });

    assert.deepEqual(
      (await activity()).places.map((p) => p.name),
      ['806路总站', '东坝场站'],
      'the place with handouts is still there',
    );
  });

  test('staff of another district cannot change it', async () => {
    const res = await call(`/api/v1/care/activities/${activityId}`, {
      method: 'PATCH',
      headers: otherDistrict,
      body: JSON.stringify({ title: `昌平改的 ${RUN}` }),
    });
    assert.ok([403, 404].includes(res.status), `PATCH by another district → ${res.status} ${res.body}`);
    assert.equal((await activity()).title, NEW_TITLE);
  });
});

/** The values of the inputs a locator matches, in order (for evaluateAll). */
function values(inputs: Element[]): string[] {
  return inputs.map((i) => (i as HTMLInputElement).value);
}
