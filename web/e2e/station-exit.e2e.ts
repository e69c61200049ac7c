import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, call, launchBrowser, screenshot, signIn, withPage } from './helpers';

/** Near 国贸 (朝阳区), far from the 望京 stations of the map test. */
const GUOMAO = { lng: 116.4615, lat: 39.9087 };
const RUN = randomUUID().slice(0, 6);

let browser: Browser;
let city: { authorization: string };

/** A Beijing date `daysAgo` days before today, as inspections are dated. */
function beijingDay(daysAgo: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 864e5));
}

async function createStation(name: string, dLng: number): Promise<string> {
  const { code } = await apiJson<{ code: string }>('/api/v1/stations', {
    method: 'POST',
    headers: city,
    body: JSON.stringify({
      name,
      address: '北京市朝阳区建国门外大街（端到端测试）',
      regionCode: '110105',
      managementMode: 'partnership',
      lng: GUOMAO.lng + dLng,
      lat: GUOMAO.lat,
      openingHours: { kind: 'always', exceptions: [] },
      amenities: ['drinking_water', 'microwave'],
      status: 'active',
    }),
  });
  return code;
}

interface StaffDetail {
  code: string;
  status: string;
  history: { status: string; reason: string | null }[];
}

const nearbyCodes = async (): Promise<string[]> =>
  (
    await apiJson<{ items: { code: string }[] }>(
      `/api/v1/stations/nearby?lng=${GUOMAO.lng}&lat=${GUOMAO.lat}&limit=50&radiusM=2000`,
    )
  ).items.map((i) => i.code);

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

const drawerOf = (page: Page) => page.locator('.ant-drawer').filter({ visible: true });
const modalOf = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

describe('stations in the staff console', () => {
  test('city staff find a station, read its detail and suspend it with a reason', async () => {
    const name = `国贸登记测试驿站 ${RUN}`;
    const code = await createStation(name, 0.004);
    await withPage(browser, 'desktop', 'station-registry', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.getByRole('menuitem', { name: /站点管理/ }).click();
      await page.getByRole('heading', { level: 1, name: '站点管理' }).waitFor();
      await page.getByPlaceholder('名称、地址或站点编码').fill(RUN);
      await page.getByPlaceholder('名称、地址或站点编码').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === RUN);
      // the search's answer, not the list before it: while the table loads, its overlay takes the click
      await page.getByText('共 1 个站点').waitFor();
      await page.locator('.uc-stations .ant-spin-spinning').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `查看站点 ${name}` }).click();
      await page.waitForURL((url) => url.searchParams.get('station') === code);

      const drawer = drawerOf(page);
      await drawer.getByTestId('station-code').getByText(code).waitFor();
      await drawer.getByText('微波炉').waitFor();
      assert.match((await drawer.getByTestId('last-verified').textContent()) ?? '', /开放时间：\d{4}-\d{2}-\d{2}/);
      // in English a label and its value are joined by ": ", not by the Chinese "：" (the drawer covers the language
      // switch: the same page, with its ?station=, is opened again in English)
      const inLanguage = async (lang: string) => {
        await page.evaluate((l) => localStorage.setItem('unioncare.lang', l), lang);
        await page.reload();
      };
      await inLanguage('en');
      await drawer.getByText('Last verified', { exact: true }).waitFor();
      const verifiedEn = (await drawer.getByTestId('last-verified').textContent()) ?? '';
      assert.match(verifiedEn, /Opening hours: \d{4}-\d{2}-\d{2}/);
      assert.doesNotMatch(verifiedEn, /[：，（）、；]/);
      await screenshot(page, 'station-registry-drawer-en', { fullPage: false });
      await inLanguage('zh-CN');
      await drawer.getByText('最近核实', { exact: true }).waitFor();
      const sign = drawer.getByRole('link', { name: /打印站点标识牌/ });
      assert.equal(await sign.getAttribute('href'), `/api/v1/stations/${code}/sign.svg`);
      const svg = await call(`/api/v1/stations/${code}/sign.svg`);
      assert.equal(svg.status, 200);
      assert.match(svg.body, /<svg/);

      await drawer.getByRole('button', { name: /变更状态/ }).click();
      const modal = modalOf(page);
      await modal.getByRole('button', { name: '确认变更' }).click();
      await modal.getByText('请填写变更原因（至少 2 个字）').waitFor();
      await modal.getByLabel('变更原因').fill('场地装修，暂停服务两周');
      await modal.getByRole('button', { name: '确认变更' }).click();
      await page.getByText('站点状态已变更').waitFor();
      await drawer.getByTestId('status-history').getByText('场地装修，暂停服务两周').waitFor();
      await screenshot(page, 'station-registry-drawer', { fullPage: false });

      // an inspection recorded from the drawer: the station was closed at the posted time
      await drawer.getByRole('button', { name: /记录巡查/ }).click();
      const form = modalOf(page);
      await form.getByRole('checkbox', { name: /按公示时间开放/ }).uncheck();
      await form.getByLabel('巡查说明').fill('下午三点到访时未开门');
      await form.getByRole('button', { name: '保存巡查' }).click();
      await page.getByText(/巡查已记录：75 分/).waitFor();
      const inspections = drawer.getByTestId('inspections');
      await inspections.getByText('下午三点到访时未开门').waitFor();
      assert.match((await inspections.locator('li').first().textContent()) ?? '', /75 分/);
    });
    const detail = await apiJson<StaffDetail>(`/api/v1/stations/${code}`, { headers: city });
    assert.equal(detail.status, 'suspended');
    assert.equal(detail.history.at(-1)?.reason, '场地装修，暂停服务两周');
    const { items } = await apiJson<{ items: { score: number; results: { key: string; ok: boolean }[] }[] }>(
      `/api/v1/stations/${code}/inspections`,
      { headers: city },
    );
    assert.equal(items.length, 1);
    assert.equal(items[0]!.score, 75);
    assert.deepEqual(
      items[0]!.results.filter((r) => !r.ok).map((r) => r.key),
      ['open_as_posted'],
    );
  });

  test('city staff run an exit review: two failed inspections, then "exit" with a reason in the page', async () => {
    const name = `国贸退出测试驿站 ${RUN}`;
    const code = await createStation(name, -0.003);
    assert.ok((await nearbyCodes()).includes(code), 'the new station is on the map');

    // two failed inspections (every checklist item not ok), two days apart
    const { items: checklists } = await apiJson<{ items: { id: string; items: { key: string }[] }[] }>(
      '/api/v1/stations/checklists',
      { headers: city },
    );
    const checklist = checklists[0]!;
    for (const daysAgo of [3, 1]) {
      const made = await apiJson<{ passed: boolean }>(`/api/v1/stations/${code}/inspections`, {
        method: 'POST',
        headers: city,
        body: JSON.stringify({
          checklistId: checklist.id,
          inspectedOn: beijingDay(daysAgo),
          results: checklist.items.map((i) => ({ key: i.key, ok: false })),
          notes: '闭门，无人值守',
        }),
      });
      assert.equal(made.passed, false);
    }

    const reason = '两次巡查均闭门，依托单位确认已停止运营';
    await withPage(browser, 'desktop', 'station-exit', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.getByRole('menuitem', { name: /退出审核/ }).click();
      await page.getByRole('heading', { level: 1, name: '退出审核' }).waitFor();
      await page.getByRole('button', { name: /立即评估退出规则/ }).click();
      await page.getByText(/已评估 \d+ 个站点/).waitFor();

      const row = page.locator('tr').filter({ hasText: code });
      await row.waitFor();
      const reasons = row.getByTestId('exit-reasons');
      assert.match((await reasons.textContent()) ?? '', /巡查不合格 2 次/);
      await screenshot(page, 'station-exit-queue', { fullPage: false });

      await row.getByRole('button', { name: `审核 ${name}` }).click();
      const modal = modalOf(page);
      await modal.getByRole('button', { name: '提交决定' }).click();
      await modal.getByText('请选择保留或退出').waitFor();
      await modal.getByRole('radio', { name: /^退出/ }).check();
      await modal.getByLabel('决定理由').fill(reason);
      await modal.getByRole('button', { name: '提交决定' }).click();
      await page.getByText('审核决定已提交').waitFor();
      await row.waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: '已决定' }).click();
      const decided = page.locator('tr').filter({ hasText: code });
      await decided.getByText(reason).waitFor();

      // the staff detail keeps the code and the history, ending with the exit
      await decided.getByRole('button', { name: code }).click();
      await page.waitForURL((url) => url.pathname === '/console/stations');
      const drawer = drawerOf(page);
      await drawer.getByTestId('station-code').getByText(code).waitFor();
      await drawer.getByTestId('status-history').getByText('已退出').waitFor();
      assert.equal(await drawer.getByRole('button', { name: /变更状态/ }).count(), 0, 'exited is final');
      await screenshot(page, 'station-exit-detail', { fullPage: false });
    });

    assert.ok(!(await nearbyCodes()).includes(code), 'an exited station is off the map');
    const pub = await call(`/api/v1/stations/public/${code}`);
    assert.ok(
      pub.status === 404 || (pub.status === 200 && JSON.parse(pub.body).status === 'exited'),
      `public page: ${pub.status} ${pub.body}`,
    );
    const detail = await apiJson<StaffDetail>(`/api/v1/stations/${code}`, { headers: city });
    assert.equal(detail.code, code);
    assert.equal(detail.status, 'exited');
    assert.deepEqual(
      detail.history.map((h) => h.status),
      ['active', 'exited'],
    );
    assert.ok(detail.history.at(-1)?.reason?.includes(reason), JSON.stringify(detail.history));
  });
});
