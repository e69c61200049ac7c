import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, call, launchBrowser, screenshot, seriousViolations, signIn, withPage } from './helpers';

/** Near 三里屯 (朝阳区), away from the 望京 and 国贸 stations of the other station tests. */
const SANLITUN = { lng: 116.4551, lat: 39.9373 };
const RUN = randomUUID().slice(0, 6);

let browser: Browser;
let district: { authorization: string };
let operator: { authorization: string };
let operatorId: string;

async function login(phone: string, password: string): Promise<{ token: string; user: { id: string } }> {
  return apiJson('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ phone, password }) });
}

/** A station of the 朝阳 district federation (district staff create it in their own union). */
async function createStation(name: string, dLng: number): Promise<string> {
  const { code } = await apiJson<{ code: string }>('/api/v1/stations', {
    method: 'POST',
    headers: district,
    body: JSON.stringify({
      name,
      address: '北京市朝阳区三里屯路（端到端测试）',
      regionCode: '110105',
      managementMode: 'entrusted',
      lng: SANLITUN.lng + dLng,
      lat: SANLITUN.lat,
      openingHours: { kind: 'always', exceptions: [] },
      amenities: ['drinking_water', 'hot_water'],
      status: 'active',
    }),
  });
  return code;
}

/** A worker's problem report from the public station page's API (no sign-in). */
async function fileReport(code: string, kind: string, text: string): Promise<void> {
  const res = await call(`/api/v1/stations/${code}/reports`, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify({ kind, text }),
  });
  assert.equal(res.status, 201, res.body);
}

interface Ticket {
  id: string;
  station: { code: string; name: string };
  status: string;
  kinds: string[];
  reportCount: number;
}
interface TicketDetail extends Ticket {
  reports: { kind: string; text: string; status: string }[];
  events: { fromStatus: string | null; toStatus: string; reason: string | null }[];
}
type TicketPage = { total: number; items: Ticket[] };

before(async () => {
  browser = await launchBrowser();
  const staff = await login(DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
  district = { authorization: `Bearer ${staff.token}` };
  const op = await login(DEMO.stationOperator.phone, DEMO.stationOperator.password);
  operator = { authorization: `Bearer ${op.token}` };
  operatorId = op.user.id;
});

after(async () => {
  await browser?.close();
});

const drawerOf = (page: Page) => page.locator('.ant-drawer').filter({ visible: true });
const modalOf = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

describe('station tickets in the staff console', () => {
  test('district staff find a worker report in 工单, take it up and resolve it; the operator sees only its own', async () => {
    const name = `三里屯工单测试驿站 ${RUN}`;
    const code = await createStation(name, 0.002);
    const said = `下午两点到站大门紧锁，电话无人接听 ${RUN}`;
    await fileReport(code, 'closed_during_hours', said);

    // a second station that the demo operator runs, with its own ticket
    const opName = `三里屯运维工单测试驿站 ${RUN}`;
    const opCode = await createStation(opName, -0.002);
    const linked = await call(`/api/v1/stations/${opCode}/operators/${operatorId}`, {
      method: 'PUT',
      headers: district,
    });
    assert.equal(linked.status, 204, linked.body);
    await fileReport(opCode, 'refused_entry', `保安不让进站 ${RUN}`);

    const note = `已联系依托单位，恢复按公示时间开放 ${RUN}`;
    await withPage(browser, 'desktop', 'station-tickets', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.getByRole('menuitem', { name: /工单/ }).click();
      await page.getByRole('heading', { level: 1, name: '站点工单' }).waitFor();

      // the filters live in the URL: 待处理 and this station's code
      await page.getByLabel('工单状态').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '待处理' }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'open');
      await page.getByLabel('站点编码').fill(code);
      await page.getByLabel('站点编码').press('Enter');
      // the list was showing every open ticket: wait until it shows only this station's
      await page.waitForFunction((c) => {
        const rows = document.querySelectorAll('.uc-stations tbody tr.ant-table-row');
        return rows.length === 1 && (rows[0]?.textContent ?? '').includes(c);
      }, code);
      const row = page.locator('tr').filter({ hasText: code });
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('status'), 'open');
      assert.equal(url.searchParams.get('stationCode'), code);
      await row.getByText('开放时间内没开门').waitFor();
      await row.getByText('待处理').waitFor();
      assert.equal(await row.getByTestId('overdue').count(), 0, 'due in two working days, not overdue');

      // "overdue only" asks the server for overdue tickets: this fresh one is not among them
      // (clicks, not check(): the box follows the URL, which changes a render later than playwright looks)
      const overdueOnly = page.getByRole('checkbox', { name: '只看已逾期' });
      await overdueOnly.click();
      await page.getByText('暂无工单').waitFor();
      assert.equal(await overdueOnly.isChecked(), true);
      assert.equal(new URL(page.url()).searchParams.get('overdue'), '1');
      await overdueOnly.click();
      await row.waitFor();
      assert.equal(await overdueOnly.isChecked(), false);

      await row.getByRole('button', { name: `查看工单 ${name}` }).click();
      const drawer = drawerOf(page);
      await drawer.getByTestId('ticket-station-code').getByText(code).waitFor();
      const reports = drawer.getByTestId('ticket-reports');
      await reports.getByText(said).waitFor();
      await reports.getByText('开放时间内没开门').waitFor();
      assert.equal(new URL(page.url()).searchParams.get('stationCode'), code, 'opening a row keeps the filters');
      assert.deepEqual(await seriousViolations(page, ['#main', '.ant-drawer']), []);

      await drawer.getByRole('button', { name: /受理$/ }).click();
      await page.locator('.ant-message').getByText('已受理工单', { exact: true }).waitFor();
      await drawer.getByTestId('ticket-status').getByText('处理中').waitFor();

      // rejecting needs a reason: the form says so, then the server's problem+json lands next to the field
      await drawer.getByRole('button', { name: /驳回$/ }).click();
      const reject = modalOf(page);
      await reject.getByRole('button', { name: '确认驳回' }).click();
      await reject.getByText('请填写驳回理由').waitFor();
      await reject.getByLabel('驳回理由').fill('<a href="https://example.com">详见链接</a>');
      await reject.getByRole('button', { name: '确认驳回' }).click();
      await reject
        .locator('.ant-form-item-explain-error')
        .getByText(/不能包含网页代码/)
        .waitFor();
      await reject.getByRole('button', { name: /取\s*消/ }).click();
      await reject.waitFor({ state: 'hidden' });

      await drawer.getByRole('button', { name: /办结$/ }).click();
      const resolve = modalOf(page);
      await resolve.getByLabel('处理说明').fill(note);
      await resolve.getByRole('button', { name: '确认办结' }).click();
      await page.locator('.ant-message').getByText('工单已办结', { exact: true }).waitFor();
      await drawer.getByTestId('ticket-status').getByText('已解决').waitFor();
      await drawer.getByTestId('ticket-history').getByText(note).waitFor();
      await drawer.getByText('工单已办结。').waitFor();
      await screenshot(page, 'station-tickets-drawer', { fullPage: false });
    });

    const { items } = await apiJson<TicketPage>(`/api/v1/stations/tickets?stationCode=${code}`, { headers: district });
    assert.equal(items.length, 1);
    const detail = await apiJson<TicketDetail>(`/api/v1/stations/tickets/${items[0]!.id}`, { headers: district });
    assert.equal(detail.status, 'resolved');
    assert.deepEqual(detail.kinds, ['closed_during_hours']);
    assert.deepEqual(
      detail.events.map((e) => [e.fromStatus, e.toStatus]),
      [
        [null, 'open'],
        ['open', 'in_progress'],
        ['in_progress', 'resolved'],
      ],
    );
    assert.equal(detail.events.at(-1)?.reason, note);
    assert.equal(
      detail.events.some((e) => e.toStatus === 'rejected'),
      false,
      'the refused reject left no trace',
    );
    assert.deepEqual(
      detail.reports.map((r) => [r.text, r.status]),
      [[said, 'resolved']],
    );

    // the operator account: the tickets of the stations it runs, nothing else
    const mine = await apiJson<{ items: { code: string }[] }>('/api/v1/stations?pageSize=200', { headers: operator });
    const run = new Set(mine.items.map((s) => s.code));
    assert.ok(run.has(opCode) && !run.has(code));
    const seen = await apiJson<TicketPage>('/api/v1/stations/tickets?pageSize=200', { headers: operator });
    assert.ok(
      seen.items.some((t) => t.station.code === opCode),
      'the operator sees its station’s ticket',
    );
    for (const t of seen.items) assert.ok(run.has(t.station.code), `${t.station.code} is not run by the operator`);
    assert.equal(
      (await apiJson<TicketPage>(`/api/v1/stations/tickets?stationCode=${code}`, { headers: operator })).total,
      0,
    );
    assert.equal((await call(`/api/v1/stations/tickets/${detail.id}`, { headers: operator })).status, 404);
    const move = await call(`/api/v1/stations/tickets/${detail.id}/status`, {
      method: 'POST',
      headers: operator,
      body: JSON.stringify({ status: 'rejected', reason: '不是我的站点' }),
    });
    assert.equal(move.status, 404, move.body);

    // …and its console page lists that ticket, not the district's
    await withPage(browser, 'desktop', 'station-tickets-operator', async (page) => {
      await signIn(page, DEMO.stationOperator.phone, DEMO.stationOperator.password);
      await page.getByRole('menuitem', { name: /工单/ }).click();
      await page.getByRole('heading', { level: 1, name: '站点工单' }).waitFor();
      await page.locator('tr').filter({ hasText: opCode }).getByText('不让进站').waitFor();
      assert.equal(await page.locator('tr').filter({ hasText: code }).count(), 0);
      await screenshot(page, 'station-tickets-operator', { fullPage: false });
    });
  });
});
