import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';
import { get, ledgerMatchesBalances, post, stockUp, unionId } from './care-test-helpers.ts';

const t = await createTestApp();
const chaoyang = await t.login('13800000003');
const kw3 = await unionId(t, 'BJ-CY-KW3');

describe('stock ledger', () => {
  test('a corrected mistake is a new movement that references it, with an audit trail', async () => {
    const itemId = await stockUp(t, chaoyang, kw3, '测试矿泉水', 100);
    const receipt = (await get(t, chaoyang, `/care/movements?unionId=${kw3}&itemId=${itemId}`)).json().items[0];
    assert.equal(receipt.kind, 'receipt');
    assert.equal(receipt.quantity, 100);
    const fix = await post(t, chaoyang, '/care/corrections', {
      unionId: kw3,
      itemId,
      quantity: -10,
      reason: '入库数量录错，实收90瓶',
      correctsMovementId: receipt.id,
    });
    assert.equal(fix.statusCode, 201, fix.body);
    assert.equal(fix.json().balance, 90);
    const ledger = (await get(t, chaoyang, `/care/movements?unionId=${kw3}&itemId=${itemId}`)).json().items;
    assert.deepEqual(
      ledger.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity]),
      [
        ['correction', -10],
        ['receipt', 100],
      ],
    );
    assert.equal(ledger[0].correctsMovementId, receipt.id);
    assert.equal(ledger[0].note, '入库数量录错，实收90瓶');
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'reason', 'detail'])
      .where('entity', '=', 'care_movement')
      .where('entityId', '=', fix.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'care.stock.correct');
    assert.equal(audit.reason, '入库数量录错，实收90瓶');
    assert.equal((audit.detail as { correctsMovementId: number }).correctsMovementId, Number(receipt.id));
    assert.ok(await ledgerMatchesBalances(t));
  });

  test('nothing edits or deletes a past movement, not even the application', async () => {
    await assert.rejects(sql`update care_movements set quantity = 1`.execute(t.db), /append-only/);
    await assert.rejects(sql`delete from care_movements`.execute(t.db), /append-only/);
  });

  test('a correction below zero is refused with 409 and changes nothing', async () => {
    const itemId = await stockUp(t, chaoyang, kw3, '测试降温贴', 5);
    const r = await post(t, chaoyang, '/care/corrections', { unionId: kw3, itemId, quantity: -6, reason: '盘点短少' });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().available, 5);
    const stock = (await get(t, chaoyang, `/care/stock?unionId=${kw3}`)).json().items;
    assert.equal(stock.find((s: { itemId: string }) => s.itemId === itemId).quantity, 5);
  });

  test('a correction must be of the corrected movement’s union and item', async () => {
    const a = await stockUp(t, chaoyang, kw3, '测试西瓜A', 5);
    const b = await stockUp(t, chaoyang, kw3, '测试西瓜B', 5);
    const mA = (await get(t, chaoyang, `/care/movements?itemId=${a}`)).json().items[0];
    const r = await post(t, chaoyang, '/care/corrections', {
      unionId: kw3,
      itemId: b,
      quantity: 1,
      reason: '错配',
      correctsMovementId: mA.id,
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().errors[0].field, 'body.correctsMovementId');
  });

  test('low-stock warnings follow the threshold of the union and item', async () => {
    const itemId = await stockUp(t, chaoyang, kw3, '测试冰袋', 8);
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/care/stock/threshold',
      headers: chaoyang,
      payload: { unionId: kw3, itemId, threshold: 10 },
    });
    assert.equal(set.statusCode, 204);
    const low = (await get(t, chaoyang, '/care/stock?lowOnly=true')).json().items;
    assert.ok(low.some((s: { itemId: string; low: boolean }) => s.itemId === itemId && s.low));
  });

  test('bad input gives field-level problem+json, in Chinese by default and in English on request', async () => {
    const body = { unionId: kw3, source: 'gift', receivedOn: '2025-13-01', lines: [{ itemId: kw3, quantity: 0 }] };
    const zh = await post(t, chaoyang, '/care/receipts', body);
    assert.equal(zh.statusCode, 400);
    assert.match(zh.headers['content-type'] as string, /application\/problem\+json/);
    const fields = zh.json().errors.map((e: { field: string }) => e.field);
    for (const f of ['body.fundingSource', 'body.source', 'body.lines.0.quantity']) assert.ok(fields.includes(f), f);
    assert.match(zh.json().errors.find((e: { field: string }) => e.field === 'body.fundingSource').message, /必填/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/care/receipts',
      headers: { ...chaoyang, 'accept-language': 'en' },
      payload: body,
    });
    assert.match(en.json().errors.find((e: { field: string }) => e.field === 'body.fundingSource').message, /required/);
    const date = await post(t, chaoyang, '/care/receipts', {
      ...body,
      source: 'purchase',
      fundingSource: '经费',
      lines: [{ itemId: kw3, quantity: 1 }],
    });
    assert.deepEqual(
      date.json().errors.map((e: { field: string }) => e.field),
      ['body.receivedOn'],
    );
    const kit = await post(t, chaoyang, '/care/items', { name: '空礼包', unit: '套', kind: 'kit' });
    assert.equal(kit.json().errors[0].field, 'body.components');
  });

  test('members and unsigned callers cannot reach the staff stock routes', async () => {
    const member = await t.login('13800000001');
    assert.equal((await get(t, member, '/care/stock')).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/care/stock' })).statusCode, 401);
  });
});
