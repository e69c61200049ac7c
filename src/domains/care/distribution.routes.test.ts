import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createTestApp } from '../../../test/app.ts';
import { get, ledgerMatchesBalances, membersOf, post, signInAs, stockUp, unionId } from './care-test-helpers.ts';

const t = await createTestApp();
const city = await t.login('13800000005'); // 北京市总工会: manages 首都示范大学工会 in its subtree
const chaoyang = await t.login('13800000003'); // 朝阳区总工会: not above the university
const sfdx = await unionId(t, 'BJ-HD-SFDX');
const jg = await unionId(t, 'BJ-HD-SFDX-JG');
const ty = await unionId(t, 'BJ-HD-SFDX-TY');
const jgStaff = await signInAs(t, 'workplace_staff', { unionCode: 'BJ-HD-SFDX-JG' });
const [rep1, rep2] = await membersOf(t, 'BJ-HD-SFDX', 2);
const rep1App = await signInAs(t, 'member', { memberId: rep1!.id });

const stockOf = async (union: string, itemId: string) =>
  (
    await t.db
      .selectFrom('careStock')
      .select('quantity')
      .where('unionId', '=', union)
      .where('itemId', '=', itemId)
      .executeTakeFirst()
  )?.quantity ?? 0;

describe('the 200-kit distribution of 首都示范大学工会', async () => {
  const ball = (await post(t, city, '/care/items', { name: '测试篮球', unit: '个', kind: 'item' })).json().id;
  const mat = (await post(t, city, '/care/items', { name: '测试瑜伽垫', unit: '张', kind: 'item' })).json().id;
  const kitRes = await post(t, city, '/care/items', {
    name: '测试健身礼包',
    unit: '套',
    kind: 'kit',
    components: [
      { itemId: ball, quantity: 1 },
      { itemId: mat, quantity: 1 },
    ],
  });
  const kit = kitRes.json().id as string;
  let distributionId = '';
  let lines: { id: string; recipient: { id: string; kind: string } }[] = [];
  const line = (recipientId: string) => lines.find((l) => l.recipient.id === recipientId)!.id;

  test('a kit is a bill of items', async () => {
    assert.equal(kitRes.statusCode, 201);
    const items = (await get(t, city, '/care/items')).json().items;
    const k = items.find((i: { id: string }) => i.id === kit);
    assert.equal(k.kind, 'kit');
    assert.deepEqual(
      k.components.map((c: { itemName: string }) => c.itemName).sort(),
      ['测试瑜伽垫', '测试篮球'].sort(),
    );
  });

  test('the donation is received and the distribution planned', async () => {
    const r = await post(t, city, '/care/receipts', {
      unionId: sfdx,
      source: 'donation',
      fundingSource: '教育基金会',
      receivedOn: '2025-05-20',
      lines: [{ itemId: kit, quantity: 200, batch: '第一批' }],
    });
    assert.equal(r.statusCode, 201, r.body);
    const d = await post(t, city, '/care/distributions', {
      title: '第一批健身大礼包发放',
      fromUnionId: sfdx,
      itemId: kit,
      lines: [
        { toUnionId: jg, planned: 90 },
        { toUnionId: ty, planned: 70 },
        { toMemberId: rep1!.id, planned: 20 },
        { toMemberId: rep2!.id, planned: 20 },
      ],
    });
    assert.equal(d.statusCode, 201, d.body);
    distributionId = d.json().id;
    lines = (await get(t, city, `/care/distributions/${distributionId}`)).json().lines;
    assert.equal(lines.length, 4);
  });

  test('delivered in two parts and confirmed by the receivers', async () => {
    const url = `/care/distributions/${distributionId}/handovers`;
    // Part one: QR for the 机关职工小家 and for a member, signatures for the others.
    const jg1 = await post(t, city, url, { lineId: line(jg), quantity: 45, handedOverBy: '王老师' });
    assert.equal(jg1.statusCode, 201, jg1.body);
    assert.equal(jg1.json().confirmed, false);
    const m1 = await post(t, city, url, { lineId: line(rep1!.id), quantity: 10 });
    for (const [id, q] of [
      [ty, 35],
      [rep2!.id, 10],
    ] as const) {
      const r = await post(t, city, url, {
        lineId: line(id),
        quantity: q,
        signedName: '签收人',
        signatureSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().confirmToken, null);
    }
    assert.equal(await stockOf(jg, kit), 45, 'the home holds what it received');

    // The 职工小家's representative confirms; a second use of the same token is refused.
    const c1 = await post(t, jgStaff, `/care/handovers/${jg1.json().id}/confirm`, {
      token: jg1.json().confirmToken,
      signedName: '小家负责人',
    });
    assert.equal(c1.statusCode, 200, c1.body);
    const again = await post(t, jgStaff, `/care/handovers/${jg1.json().id}/confirm`, {
      token: jg1.json().confirmToken,
      signedName: '小家负责人',
    });
    assert.equal(again.statusCode, 409);
    // The member scans the QR code in the member app; someone else's token means nothing to them.
    const other = await signInAs(t, 'member', { memberId: rep2!.id });
    assert.equal(
      (await post(t, other, '/me/care/handovers/confirm', { token: m1.json().confirmToken })).statusCode,
      404,
    );
    const mine = await post(t, rep1App, '/me/care/handovers/confirm', { token: m1.json().confirmToken });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(
      (await post(t, rep1App, '/me/care/handovers/confirm', { token: m1.json().confirmToken })).statusCode,
      404,
    );
    const my = (await get(t, rep1App, '/me/care/handovers'))
      .json()
      .items.filter((h: { distributionTitle: string }) => h.distributionTitle === '第一批健身大礼包发放');
    assert.equal(my.length, 1);
    assert.ok(my[0].confirmedAt);

    // More than planned is refused and changes nothing.
    const over = await post(t, city, url, { lineId: line(ty), quantity: 36, signedName: '签收人' });
    assert.equal(over.statusCode, 409);
    assert.equal(await stockOf(ty, kit), 35);

    // Part two: the rest, all signed on the spot.
    for (const [id, q] of [
      [jg, 45],
      [ty, 35],
      [rep1!.id, 10],
      [rep2!.id, 10],
    ] as const) {
      const r = await post(t, city, url, { lineId: line(id), quantity: q, signedName: '签收人' });
      assert.equal(r.statusCode, 201, r.body);
    }
  });

  test('it reconciles exactly', async () => {
    const rec = (await get(t, city, `/care/distributions/${distributionId}/reconciliation`)).json();
    assert.deepEqual(rec.totals, {
      planned: 200,
      delivered: 200,
      confirmed: 200,
      returned: 0,
      outstanding: 0,
      unconfirmed: 0,
    });
    assert.equal(rec.balanced, true);
    for (const r of rec.items) assert.equal(r.planned, r.confirmed);
    assert.equal(await stockOf(sfdx, kit), 0);
    assert.equal(await stockOf(jg, kit), 90);
    assert.equal(await stockOf(ty, kit), 70);
    assert.ok(await ledgerMatchesBalances(t));

    const x = await get(t, city, `/care/distributions/${distributionId}/reconciliation.xlsx`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getRow(1).getCell(1).value, '发放对象');
    const total = ws.getRow(ws.rowCount);
    assert.deepEqual(
      [1, 3, 4, 5, 6, 7, 8].map((c) => total.getCell(c).value),
      ['合计', 200, 200, 200, 0, 0, 0],
    );
  });

  test('a return goes back into the giver’s stock and shows in the reconciliation', async () => {
    const r = await post(t, city, `/care/distributions/${distributionId}/returns`, {
      lineId: line(jg),
      quantity: 2,
      reason: '瑜伽垫破损',
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(await stockOf(jg, kit), 88);
    assert.equal(await stockOf(sfdx, kit), 2);
    const tooMany = await post(t, city, `/care/distributions/${distributionId}/returns`, {
      lineId: line(jg),
      quantity: 89,
      reason: '多退',
    });
    assert.equal(tooMany.statusCode, 409);
    const rec = (await get(t, city, `/care/distributions/${distributionId}/reconciliation`)).json();
    const jgRow = rec.items.find((i: { recipient: { id: string } }) => i.recipient.id === jg);
    assert.deepEqual([jgRow.delivered, jgRow.returned, jgRow.outstanding], [90, 2, 2]);
    assert.equal(rec.balanced, false);
    assert.ok(await ledgerMatchesBalances(t));
  });

  test('staff of another union can neither see nor move the university’s stock', async () => {
    const before = await t.db
      .selectFrom('careMovements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const h = await post(t, chaoyang, `/care/distributions/${distributionId}/handovers`, {
      lineId: line(jg),
      quantity: 1,
      signedName: 'x',
    });
    assert.equal(h.statusCode, 404);
    const rcpt = await post(t, chaoyang, '/care/receipts', {
      unionId: sfdx,
      source: 'purchase',
      fundingSource: '经费',
      receivedOn: '2025-06-01',
      lines: [{ itemId: kit, quantity: 5 }],
    });
    assert.equal(rcpt.statusCode, 403);
    const corr = await post(t, chaoyang, '/care/corrections', {
      unionId: sfdx,
      itemId: kit,
      quantity: -1,
      reason: '盘亏',
    });
    assert.equal(corr.statusCode, 403);
    const plan = await post(t, chaoyang, '/care/distributions', {
      title: 'x',
      fromUnionId: sfdx,
      itemId: kit,
      lines: [{ toUnionId: jg, planned: 1 }],
    });
    assert.equal(plan.statusCode, 403);
    // The receiving home's staff confirm for their home, but cannot hand over the university's stock.
    assert.equal(
      (await post(t, jgStaff, `/care/distributions/${distributionId}/handovers`, { lineId: line(jg), quantity: 1 }))
        .statusCode,
      404,
    );
    const stock = (await get(t, chaoyang, '/care/stock')).json().items;
    assert.ok(stock.every((s: { unionId: string }) => ![sfdx, jg, ty].includes(s.unionId)));
    const after = await t.db
      .selectFrom('careMovements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
    assert.equal(await stockOf(sfdx, kit), 2);
  });
});

describe('concurrent hand-overs', () => {
  test('20 hand-overs that together exceed the stock: exactly the possible ones succeed', async () => {
    const itemId = await stockUp(t, city, sfdx, '并发测试毛巾', 25);
    const members = await membersOf(t, 'BJ-HD-SFDX', 20);
    const d = await post(t, city, '/care/distributions', {
      title: '并发发放',
      fromUnionId: sfdx,
      itemId,
      lines: members.map((m) => ({ toMemberId: m.id, planned: 2 })),
    });
    assert.equal(d.statusCode, 201, d.body);
    const detail = (await get(t, city, `/care/distributions/${d.json().id}`)).json();
    const results = await Promise.all(
      detail.lines.map((l: { id: string }) =>
        post(t, city, `/care/distributions/${d.json().id}/handovers`, {
          lineId: l.id,
          quantity: 2,
          signedName: '签收',
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.equal(codes.filter((c) => c === 201).length, 12);
    assert.equal(codes.filter((c) => c === 409).length, 8);
    const refused = results.find((r) => r.statusCode === 409)!;
    assert.match(refused.headers['content-type'] as string, /problem\+json/);
    assert.match(refused.json().detail, /库存不足/);
    assert.equal(await stockOf(sfdx, itemId), 1);
    const ledger = await t.db
      .selectFrom('careMovements')
      .select((eb) => eb.fn.sum<number>('quantity').as('sum'))
      .where('unionId', '=', sfdx)
      .where('itemId', '=', itemId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(ledger.sum), 1);
    const rec = (await get(t, city, `/care/distributions/${d.json().id}/reconciliation`)).json();
    assert.equal(rec.totals.delivered, 24);
  });

  test('the database itself refuses a negative balance', async () => {
    await assert.rejects(
      t.db.updateTable('careStock').set({ quantity: -1 }).where('unionId', '=', sfdx).execute(),
      /care_stock_quantity_check/,
    );
  });
});
