import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO, DEMO_MEMBER_NAME } from './demo-accounts';
import {
  BASE_URL,
  apiJson as callApi,
  launchBrowser,
  screenshot,
  seriousViolations,
  signIn,
  withPage,
} from './helpers';

/**
 * 关爱普惠 in real Chromium: workplace staff of 昌科电子工会 plan fitness kits for two members, hand them over in
 * parts (QR codes for 李静, a drawn signature for the other), 李静 confirms both parts on her phone through the QR
 * links, and the reconciliation shows delivered = confirmed.
 */

const RUN = randomUUID().slice(0, 6);
const STAFF = DEMO.workplaceStaff;

let browser: Browser;
let staff: { authorization: string };

/** Care's API calls go as the staff member unless told otherwise. */
const apiJson = <T>(path: string, init: RequestInit = {}) =>
  callApi<T>(path, { ...init, headers: { ...staff, ...(init.headers ?? {}) } });
let unionId: string;
let unionName: string;
let kit: { id: string; name: string; unit: string };
let other: { id: string; name: string };

interface Item {
  id: string;
  name: string;
  unit: string;
  kind: 'item' | 'kit';
}

/** A kit to distribute: the seeded fitness kit when there is one, else a small kit made for this run. */
async function kitToDistribute(): Promise<Item> {
  const { items } = await apiJson<{ items: Item[] }>('/api/v1/care/items');
  const seeded = items.find((i) => i.kind === 'kit');
  if (seeded) return seeded;
  const ball = await apiJson<{ id: string }>('/api/v1/care/items', {
    method: 'POST',
    body: JSON.stringify({ name: `篮球 ${RUN}`, unit: '个', kind: 'item' }),
  });
  const rope = await apiJson<{ id: string }>('/api/v1/care/items', {
    method: 'POST',
    body: JSON.stringify({ name: `跳绳 ${RUN}`, unit: '根', kind: 'item' }),
  });
  const made = await apiJson<{ id: string }>('/api/v1/care/items', {
    method: 'POST',
    body: JSON.stringify({
      name: `健身大礼包 ${RUN}`,
      unit: '套',
      kind: 'kit',
      components: [
        { itemId: ball.id, quantity: 1 },
        { itemId: rope.id, quantity: 1 },
      ],
    }),
  });
  return { id: made.id, name: `健身大礼包 ${RUN}`, unit: '套', kind: 'kit' };
}

before(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: STAFF.phone, password: STAFF.password }),
  });
  assert.equal(res.status, 200, 'staff sign in');
  const login = (await res.json()) as { token: string; user: { union: { id: string; name: string } } };
  staff = { authorization: `Bearer ${login.token}` };
  unionId = login.user.union.id;
  unionName = login.user.union.name;
  kit = await kitToDistribute();
  // enough kits on hand for this run, whatever earlier runs or the seed left
  await apiJson('/api/v1/care/receipts', {
    method: 'POST',
    body: JSON.stringify({
      unionId,
      source: 'donation',
      fundingSource: `教育基金会职工健身专项（端到端 ${RUN}）`,
      supplier: '北京体育用品有限公司',
      receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      lines: [{ itemId: kit.id, quantity: 10, batch: `E2E-${RUN}` }],
    }),
  });
  const members = await apiJson<{ items: { id: string; name: string; status: string }[] }>(
    `/api/v1/members?unionId=${unionId}&status=active&pageSize=50&page=1`,
  );
  const found = members.items.find((m) => m.name !== DEMO_MEMBER_NAME);
  assert.ok(found, 'a second active member in the staff member’s union');
  other = found;
});

after(async () => {
  await browser?.close();
});

const modalOf = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

/** Picks an option of an antd Select opened from the control labelled `label`. */
async function pick(page: Page, label: string | RegExp, option: string, search?: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  if (search) await input.fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Draws a signature on the dialog's signature pad with the mouse. */
async function sign(page: Page, modal: Locator): Promise<void> {
  // The dialog zooms in: measure the pad only once it has stopped moving, or the strokes miss it.
  const pad = modal.getByTestId('signature-pad');
  let box = await pad.boundingBox();
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const next = await pad.boundingBox();
    const still = box && next && next.x === box.x && next.y === box.y && next.width === box.width;
    box = next;
    if (still) break;
  }
  assert.ok(box, 'the signature pad is on screen');
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 30 + i * 25, box.y + box.height * (0.6 + 0.25 * Math.sin(i)), { steps: 2 });
  await page.mouse.up();
}

/** Reads the reconciliation totals shown under the table. */
async function totals(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('reconciliation').waitFor();
  const out: Record<string, number> = {};
  for (const key of ['planned', 'delivered', 'confirmed', 'returned', 'outstanding', 'unconfirmed'])
    out[key] = Number(await page.getByTestId(`total-${key}`).textContent());
  return out;
}

/** Hands over `quantity` on the line of `name`; returns the QR confirmation link, or null when signed on the spot. */
async function handOver(page: Page, name: string, quantity: number, signedBy?: string): Promise<string | null> {
  // One dialog at a time: the previous one must have finished closing (antd animates it out) before the next opens.
  await page.locator('.ant-modal').filter({ visible: true }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: `向 ${name} 交接` }).click();
  const modal = modalOf(page).filter({ hasText: name });
  await modal.getByLabel('本次交接数量').fill(String(quantity));
  if (signedBy) {
    await modal.getByRole('radio', { name: '接收人现场签字' }).check();
    await modal.getByLabel('签收人姓名').fill(signedBy);
    await sign(page, modal);
  } else {
    await modal.getByRole('radio', { name: '接收人扫码确认' }).check();
  }
  await modal.getByRole('button', { name: '确认交接' }).click();
  await page.getByText(`已交接 ${quantity} ${kit.unit}`).first().waitFor();
  if (signedBy) {
    await modal.waitFor({ state: 'hidden' });
    return null;
  }
  const qr = modal.getByTestId('confirm-qr');
  await qr.getByRole('img', { name: `${name} 的领取确认二维码` }).waitFor();
  const link = await qr.getAttribute('data-link');
  assert.ok(link?.includes('/care/confirm/'), `a confirmation link: ${link}`);
  await modal.getByRole('button', { name: /^完\s?成$/ }).click(); // antd spaces out two-character labels
  await modal.waitFor({ state: 'hidden' });
  return link;
}

describe('care: a distribution from plan to confirmed receipt', () => {
  test('staff plan kits for two members, hand over in parts, the member confirms by QR, it reconciles', async () => {
    const title = `首批职工健身大礼包 ${RUN}`;
    const links: string[] = [];
    let distributionPath = '';

    await withPage(browser, 'desktop', 'care-staff-plan', async (page) => {
      await signIn(page, STAFF.phone, STAFF.password);

      // the receipt made in setup is in the ledger
      await page.getByRole('menuitem', { name: '关爱普惠' }).click();
      await page.getByRole('menuitem', { name: '物资库存' }).click();
      await page.getByRole('heading', { level: 1, name: '物资库存' }).waitFor();
      await page.getByRole('tab', { name: '出入库台账' }).click();
      const receiptRow = page
        .getByTestId('ledger')
        .locator('tr')
        .filter({ hasText: `E2E-${RUN}` });
      await receiptRow.waitFor();
      assert.match((await receiptRow.textContent()) ?? '', /入库.*\+10/);
      await screenshot(page, 'care-ledger', { fullPage: false });

      // 入库登记: a workplace union's staff have one union to receive into, and the form has it chosen already
      const { items: mine } = await apiJson<{ items: { id: string }[] }>('/api/v1/unions');
      assert.equal(mine.length, 1, 'workplace staff see their own union only');
      await page.getByRole('button', { name: '入库登记' }).click();
      const receiptForm = modalOf(page).filter({ hasText: '入库单位' });
      await receiptForm
        .locator('.ant-form-item')
        .filter({ hasText: '入库单位' })
        .filter({ hasText: unionName })
        .waitFor();
      await page.waitForTimeout(400); // the dialog zooms in
      await screenshot(page, 'care-receipt-form', { fullPage: false });
      await receiptForm.getByRole('button', { name: /^取\s?消$/ }).click();
      await receiptForm.waitFor({ state: 'hidden' });

      // plan: source and kit, two members, quantities 2 and 3
      await page.getByRole('menuitem', { name: '物资发放' }).click();
      await page.getByRole('button', { name: '新建发放计划' }).click();
      await page.getByLabel('发放名称').fill(title);
      await pick(page, '发放物资或礼包', kit.name);
      await page.getByText(/当前库存：\d+/).waitFor();
      await page.getByRole('button', { name: '下一步' }).click();

      // a button-style radio: its input is hidden, the label is what one clicks
      await page
        .locator('label.ant-radio-button-wrapper')
        .filter({ hasText: /^会员$/ })
        .click();
      await pick(page, '输入姓名或手机号查找会员', DEMO_MEMBER_NAME, DEMO_MEMBER_NAME);
      await pick(page, '输入姓名或手机号查找会员', other.name, other.name);
      await page.getByText('已选择 2 个接收方').waitFor();
      await page.getByRole('button', { name: '下一步' }).click();

      await page.getByLabel(`${DEMO_MEMBER_NAME} 的计划数量`).fill('2');
      await page.getByLabel(`${other.name} 的计划数量`).fill('3');
      await page.getByTestId('plan-total').filter({ hasText: /^5$/ }).waitFor();
      await page.getByRole('button', { name: '保存发放计划' }).click();
      await page.waitForURL(/\/console\/care\/distributions\/[0-9a-f-]{36}$/);
      distributionPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      // hand over: 李静 in two parts with QR codes, the other member all at once with a drawn signature
      const first = await handOver(page, DEMO_MEMBER_NAME, 1);
      const second = await handOver(page, DEMO_MEMBER_NAME, 1);
      await handOver(page, other.name, 3, other.name);
      links.push(first!, second!);
      assert.notEqual(first, second, 'each hand-over has its own token');

      // nothing left to hand over on either line
      const lines = page.getByTestId('dist-lines');
      assert.equal(await lines.getByRole('button', { name: `向 ${DEMO_MEMBER_NAME} 交接` }).isDisabled(), true);
      assert.equal(await lines.getByRole('button', { name: `向 ${other.name} 交接` }).isDisabled(), true);
      await page.getByRole('tab', { name: /交接记录/ }).click();
      const states = page.getByTestId('handovers').locator('[data-testid="handover-state"]');
      await states.nth(2).waitFor();
      assert.equal(await states.count(), 3, 'three hand-overs');
      assert.equal(await states.and(page.locator('[data-confirmed="false"]')).count(), 2, 'the QR ones await 李静');
    });

    // 李静 opens each QR link on her phone and confirms
    await withPage(browser, 'phone', 'care-member-confirm', async (page) => {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      await page
        .getByTestId('care-entry')
        .getByText(/\d+ 笔物资待确认/)
        .waitFor();
      await page.getByTestId('care-entry').click();
      await page.getByTestId('pending-handovers').locator('li').filter({ hasText: title }).first().waitFor();
      const pending = page.getByTestId('pending-handovers').locator('li').filter({ hasText: title });
      assert.equal(await pending.count(), 2, 'both parts wait for 李静');
      for (const [i, link] of links.entries()) {
        await page.goto(new URL(link).pathname);
        await page.getByRole('heading', { level: 1, name: '确认领取' }).waitFor();
        // what she signs for, before she signs: the goods, how many, and who hands them over
        const signingFor = page.getByTestId('signing-for');
        await signingFor.waitFor();
        assert.equal(await page.getByTestId('confirm-item').textContent(), kit.name);
        assert.equal(await page.getByTestId('confirm-quantity').textContent(), `1 ${kit.unit}`);
        assert.equal(await page.getByTestId('confirm-from').textContent(), unionName);
        assert.ok(((await page.getByTestId('kit-contents').locator('li').count()) ?? 0) > 0, 'what one kit holds');
        assert.ok((await signingFor.textContent())?.includes(title), 'the distribution');
        if (i === 0) {
          await screenshot(page, 'care-member-confirm');
          assert.deepEqual(await seriousViolations(page), [], 'axe on the confirm page');
        }
        await page.getByRole('button', { name: '确认已收到物资' }).click();
        await page.getByTestId('confirm-done').getByText('已确认收到，谢谢！').waitFor();
        assert.match((await page.getByTestId('confirmed-quantity').textContent()) ?? '', /^1\b/);
        if (i === 0) await screenshot(page, 'care-member-confirmed');
      }
      // a used link says so in words, with no button to press; so does a link that never was
      for (const path of [new URL(links[0]!).pathname, '/care/confirm/AAAAAAAAAAAAAAAAAAAAAAAA', '/care/confirm/x']) {
        await page.goto(path);
        const invalid = page.getByTestId('confirm-invalid');
        await invalid.getByRole('alert').getByText('此确认链接无效或已经使用过，不能再确认。').waitFor();
        assert.equal(await page.getByRole('button', { name: '确认已收到物资' }).count(), 0, `no button on ${path}`);
        assert.equal(await page.getByTestId('signing-for').count(), 0);
      }
      await page.goto(new URL(links[0]!).pathname);
      await page.getByTestId('confirm-invalid').waitFor();
      await screenshot(page, 'care-member-confirm-used');
      assert.deepEqual(await seriousViolations(page), [], 'axe on the used link');
      await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Confirm receipt' }).waitFor();
      await page
        .getByTestId('confirm-invalid')
        .getByText('This confirmation link is not valid or has already been used: nothing to confirm.')
        .waitFor();
      assert.equal(await page.getByRole('button', { name: 'I received the goods' }).count(), 0);
      await screenshot(page, 'care-member-confirm-used-en');
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { level: 1, name: '确认领取' }).waitFor();

      await page.goto('/care');
      await page.getByRole('heading', { level: 2, name: '待确认领取的物资' }).waitFor();
      await page.getByRole('heading', { level: 1, name: '关爱普惠' }).waitFor();
      const stillPending = page.getByTestId('pending-handovers').locator('li').filter({ hasText: title });
      assert.equal(await stillPending.count(), 0, 'nothing of this distribution waits any more');
      await page.getByText(/已确认领取 \d+ 笔/).click();
      assert.equal(await page.getByTestId('confirmed-handovers').locator('li').filter({ hasText: title }).count(), 2);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
    });

    // the reconciliation: everything planned was delivered and confirmed
    await withPage(browser, 'desktop', 'care-staff-reconcile', async (page) => {
      await signIn(page, STAFF.phone, STAFF.password);
      await page.goto(`${distributionPath}?tab=reconciliation`);
      const table = page.getByTestId('reconciliation');
      assert.deepEqual(await totals(page), {
        planned: 5,
        delivered: 5,
        confirmed: 5,
        returned: 0,
        outstanding: 0,
        unconfirmed: 0,
      });
      await page.getByTestId('rec-balanced').filter({ hasText: '账实相符：全部交付并确认' }).waitFor();
      const liRow = table.locator('tr').filter({ hasText: DEMO_MEMBER_NAME });
      assert.match((await liRow.textContent()) ?? '', /2\s*2\s*2\s*0\s*0\s*0/);
      await page.getByTestId('rec-chart').locator('canvas').waitFor();
      await page.waitForTimeout(600); // the bars grow in
      await screenshot(page, 'care-reconciliation-members', { fullPage: true });

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const file = await download;
      assert.match(file.suggestedFilename(), /\.xlsx$/);
    });

    // the API agrees, and the stock went down by exactly what was handed over
    const id = distributionPath.split('/').at(-1)!;
    const rec = await apiJson<{ balanced: boolean; totals: { delivered: number; confirmed: number } }>(
      `/api/v1/care/distributions/${id}/reconciliation`,
    );
    assert.equal(rec.balanced, true);
    assert.equal(rec.totals.delivered, rec.totals.confirmed);
  });

  test('city staff plan seeded kits from the university to two 职工小家, hand over in parts, the unit confirms', async () => {
    const city = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: DEMO.cityStaff.phone, password: DEMO.cityStaff.password }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const asCity = { authorization: `Bearer ${city.token}` };
    const { items: unions } = await apiJson<{ items: { id: string; code: string; name: string }[] }>('/api/v1/unions', {
      headers: asCity,
    });
    const union = (code: string) => unions.find((u) => u.code === code)!;
    const [sfdx, jg, ty] = [union('BJ-HD-SFDX'), union('BJ-HD-SFDX-JG'), union('BJ-HD-SFDX-TY')];
    const onHand = async () =>
      (
        await apiJson<{ items: { itemId: string; quantity: number }[] }>(`/api/v1/care/stock?unionId=${sfdx.id}`, {
          headers: asCity,
        })
      ).items.find((r) => r.itemId === kit.id)?.quantity ?? 0;
    // the seeded first batch of 200 kits is all handed out: the foundation's second batch arrives
    await apiJson('/api/v1/care/receipts', {
      method: 'POST',
      headers: asCity,
      body: JSON.stringify({
        unionId: sfdx.id,
        source: 'donation',
        fundingSource: '教育基金会捐赠（教职工健身基金）',
        receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
        lines: [{ itemId: kit.id, quantity: 10, batch: `第二批-${RUN}` }],
      }),
    });
    const before = await onHand();
    assert.ok(before >= 10, `kits on hand at ${sfdx.name} (${before})`);
    const title = `首批健身大礼包补发 ${RUN}`;

    await withPage(browser, 'desktop', 'care-city-units', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.getByRole('menuitem', { name: '关爱普惠' }).click();
      await page.getByRole('menuitem', { name: '物资发放' }).click();
      await page.getByRole('button', { name: '新建发放计划' }).click();
      await page.getByLabel('发放名称').fill(title);
      const from = page.getByLabel('发放单位（从其库存出库）');
      await from.click();
      await from.fill('首都示范');
      await page
        .locator('.ant-select-tree-node-content-wrapper')
        .filter({ hasText: /^首都示范大学工会$/ })
        .click();
      await pick(page, '发放物资或礼包', kit.name);
      await page.getByText(`当前库存：${before} ${kit.unit}`).waitFor();
      await page.getByRole('button', { name: '下一步' }).click();

      // the recipients come from the union tree below the university
      await page.getByRole('checkbox', { name: jg.name }).check();
      await page.getByRole('checkbox', { name: ty.name }).check();
      await page.getByText('已选择 2 个接收方').waitFor();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel(`${jg.name} 的计划数量`).fill('2');
      await page.getByLabel(`${ty.name} 的计划数量`).fill('3');
      await page.getByRole('button', { name: '保存发放计划' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      // 机关小家 in two parts: one signed on the spot, one left for its representative; 体育部 all at once, signed
      await handOver(page, jg.name, 1, '机关职工小家 张老师');
      assert.ok(await handOver(page, jg.name, 1), 'the second part waits for confirmation');
      await handOver(page, ty.name, 3, '体育部 李老师');

      await page.getByRole('tab', { name: /交接记录/ }).click();
      const pending = page
        .getByTestId('handovers')
        .locator('tr')
        .filter({ has: page.locator('[data-confirmed="false"]') });
      await pending.waitFor();
      assert.equal(await pending.count(), 1);
      await page.locator('.ant-modal').filter({ visible: true }).waitFor({ state: 'detached' });
      await pending.getByRole('button', { name: '单位确认' }).click();
      const modal = modalOf(page);
      await modal.getByLabel('签收人姓名').fill('机关职工小家 张老师');
      await sign(page, modal);
      await modal.getByRole('button', { name: '确认已收到' }).click();
      await page.getByText('已确认收到').first().waitFor();
      await pending.waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: '对账' }).click();
      assert.deepEqual(await totals(page), {
        planned: 5,
        delivered: 5,
        confirmed: 5,
        returned: 0,
        outstanding: 0,
        unconfirmed: 0,
      });
      await page.getByTestId('rec-balanced').filter({ hasText: '账实相符：全部交付并确认' }).waitFor();
      await page.getByTestId('rec-chart').locator('canvas').first().waitFor();
      await page.waitForTimeout(600); // the bars grow in
      await screenshot(page, 'care-reconciliation', { fullPage: true });

      // the ledger holds the two hand-overs out of the university's stock
      await page.goto(`/console/care/stock?tab=ledger&unionId=${sfdx.id}`);
      await page.getByTestId('ledger').locator('tr').filter({ hasText: '发放' }).first().waitFor();
      await screenshot(page, 'care-ledger-university', { fullPage: false });
    });
    assert.equal(await onHand(), before - 5, 'the stock went down by exactly what was handed over');
  });

  test('the other care pages: 李静 volunteers and enters a competition, staff see roster, activities, points', async () => {
    const city = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: DEMO.cityStaff.phone, password: DEMO.cityStaff.password }),
    }).then((r) => r.json() as Promise<{ token: string; user: { union: { id: string } } }>);
    const asCity = { authorization: `Bearer ${city.token}` };
    const day = (ahead: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + ahead * 864e5));
    // A shift in three days (a check-in now is refused) and one that runs all of today (it has started; should
    // midnight pass after the sign-up, a check-out now still falls within the two hours after its end).
    const shiftTitle = `社区核酸检测点信息录入 ${RUN}`;
    const todayTitle = `今日社区服务 ${RUN}`;
    for (const [title, date, startTime, endTime] of [
      [shiftTitle, day(3), '08:00', '16:00'],
      [todayTitle, day(0), '00:00', '23:59'],
    ]) {
      await apiJson('/api/v1/care/volunteer-shifts', {
        method: 'POST',
        headers: asCity,
        body: JSON.stringify({
          unionId: city.user.union.id,
          title,
          community: '昌平区回龙观街道',
          date,
          startTime,
          endTime,
          task: '核酸检测点信息录入',
          capacity: 5,
        }),
      });
    }
    const compTitle = `职工健身技能比赛 ${RUN}`;
    await apiJson('/api/v1/care/competitions', {
      method: 'POST',
      headers: asCity,
      body: JSON.stringify({
        title: compTitle,
        unionId: city.user.union.id,
        startsOn: day(10),
        endsOn: day(11),
        registrationClosesOn: day(7),
        events: ['跳绳', '呼啦圈'],
      }),
    });

    await withPage(browser, 'phone', 'care-member-pages', async (page) => {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      await page.goto('/care/shifts');
      for (const title of [shiftTitle, todayTitle]) {
        const shift = page.getByTestId('shift').filter({ hasText: title });
        await shift.getByRole('button', { name: `报名 ${title}` }).click();
        await shift.getByText('已报名', { exact: true }).waitFor();
      }
      await screenshot(page, 'care-member-shifts');
      await page.goto('/care/competitions');
      await page.getByRole('button', { name: '报名 跳绳' }).click();
      await page.getByText('✓ 已报名 跳绳').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
    });

    await withPage(browser, 'desktop', 'care-console-pages', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.goto('/console/care/volunteering');
      // three days early: refused, and the drawer says why in the server's words
      await page.getByRole('button', { name: `${shiftTitle} 签到表` }).click();
      const roster = page.getByTestId('roster').locator('tr').filter({ hasText: DEMO_MEMBER_NAME });
      await roster.getByRole('button', { name: `${DEMO_MEMBER_NAME} 签到` }).click();
      const refused = page.getByTestId('clock-refused');
      await refused.getByText('未能记录').waitFor();
      assert.match(
        (await refused.textContent()) ?? '',
        new RegExp(`班次 ${day(3)} 08:00 开始，最早可在开始前 30 分钟（${day(3)} 07:30）签到`),
      );
      assert.equal(await refused.getAttribute('role'), 'alert');
      await screenshot(page, 'care-volunteer-refused', { fullPage: false });
      assert.equal(await roster.getByRole('button', { name: `${DEMO_MEMBER_NAME} 签退` }).isDisabled(), true);
      await page.keyboard.press('Escape');
      await page.getByTestId('roster').waitFor({ state: 'detached' });

      // today's shift has started: check-in recorded 20 minutes ago (from the time field), check-out now
      await page.getByRole('button', { name: `${todayTitle} 签到表` }).click();
      const today = page.getByTestId('roster').locator('tr').filter({ hasText: DEMO_MEMBER_NAME });
      const at = page.getByLabel('签到 / 签退时间');
      const twentyAgo = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(Date.now() - 20 * 60_000));
      await at.click();
      await at.fill(twentyAgo);
      await at.press('Enter');
      await today.getByRole('button', { name: `${DEMO_MEMBER_NAME} 签到` }).click();
      await page.getByText(`${DEMO_MEMBER_NAME} 已签到`).waitFor();
      await page.locator('.ant-drawer .ant-picker-clear').click({ force: true });
      assert.equal(await at.inputValue(), '', 'back to "now"');
      await today.getByRole('button', { name: `${DEMO_MEMBER_NAME} 签退` }).click();
      await page.getByText(`${DEMO_MEMBER_NAME} 已签退`).waitFor();
      assert.equal(await page.getByTestId('clock-refused').count(), 0);
      await today
        .locator('td')
        .filter({ hasText: /^0\.[34]$/ })
        .waitFor(); // 20 minutes or a little more
      await screenshot(page, 'care-volunteer-roster', { fullPage: false });
      await page.keyboard.press('Escape');

      await page.goto('/console/care/competitions');
      await page.getByRole('button', { name: compTitle }).click();
      await page.getByRole('tab', { name: /报名（1）/ }).waitFor();
      await page.getByRole('tab', { name: '单位积分榜' }).click();
      await page.keyboard.press('Escape');

      // the seeded summer-relief activities of July 2025, in the list and on the map
      await page.goto('/console/care/activities?month=2025-07');
      await page.getByText('“战高温、保安全”夏季送清凉').first().waitFor();
      await page.getByTestId('activity-map').locator('.uc-care-pin').first().waitFor();
      await screenshot(page, 'care-activities', { fullPage: false });
      await page.getByRole('button', { name: '查看活动 “战高温、保安全”夏季送清凉' }).click();
      await page.getByRole('heading', { level: 3, name: '活动报告' }).waitFor();

      await page.goto('/console/care/supervision');
      await page.getByRole('heading', { level: 1, name: '督导检查' }).waitFor();
    });
  });
});
