import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { readTable } from '../../platform/tabular.ts';
import { multipart } from './aid-test-helpers.ts';

const t = await createTestApp();
const [city, workplace, auditor] = await Promise.all([
  t.login('13800000005'),
  t.login('13800000002'),
  t.login('13800000006'),
]);

async function reconcile(batchId: string, csv: string) {
  const body = multipart({}, { name: 'return.csv', data: Buffer.from(csv) });
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/aid/payout-batches/${batchId}/reconciliation`,
    headers: { ...city, ...body.headers },
    payload: body.payload,
  });
}

test('a payout the bank returns failed is reversed and retried in a new batch; the claim is paid once', async () => {
  const claim = await t.db
    .selectFrom('aidClaims')
    .select(['id', 'approvedAmountFen'])
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  assert.equal(
    (await t.app.inject({ method: 'POST', url: '/api/v1/aid/payout-batches', headers: workplace, payload: {} }))
      .statusCode,
    403,
  );
  assert.equal(
    (await t.app.inject({ method: 'POST', url: '/api/v1/aid/payout-batches', headers: auditor, payload: {} }))
      .statusCode,
    403,
  );

  const first = await t.app.inject({ method: 'POST', url: '/api/v1/aid/payout-batches', headers: city, payload: {} });
  assert.equal(first.statusCode, 201, first.body);
  assert.ok(
    first.json().payouts.some((p: { claimId: string }) => p.claimId === claim.id),
    'all approved unpaid claims in scope',
  );
  const payout = first.json().payouts.find((p: { claimId: string }) => p.claimId === claim.id);

  const xlsx = await t.app.inject({
    url: `/api/v1/aid/payout-batches/${first.json().id}/bank-file?format=xlsx&names=full`,
    headers: city,
  });
  assert.equal(xlsx.statusCode, 200);
  const sheet = await readTable(xlsx.rawPayload);
  assert.equal(sheet.headers[3], '收款账号');
  assert.match(sheet.rows[0]!.cells[3]!, /^62\d{17}$/);
  assert.ok(!sheet.rows[0]!.cells[2]!.includes('*'), 'names=full shows the name');
  const exports = await t.db
    .selectFrom('auditLog')
    .select(['detail'])
    .where('action', '=', 'aid.payoutBatch.export')
    .execute();
  assert.deepEqual(
    exports.map((e) => (e.detail as { names: string }).names),
    ['full'],
  );
  assert.equal(
    (await t.app.inject({ url: `/api/v1/aid/payout-batches/${first.json().id}`, headers: city })).json().status,
    'exported',
  );

  const bad = await reconcile(first.json().id, `付款参考号,状态,原因\nNOPE-1,paid,\n${payout.reference},failed,\n`);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    bad.json().errors.map((e: { field: string }) => e.field),
    ['row 3.reason'],
  );
  const unknown = await reconcile(first.json().id, '付款参考号,状态\nNOPE-1,paid\n');
  assert.equal(unknown.statusCode, 400);
  assert.deepEqual(
    unknown.json().errors.map((e: { field: string }) => e.field),
    ['row 2.reference'],
  );

  const failed = await reconcile(first.json().id, `付款参考号,状态,原因\n${payout.reference},失败,账户已销户\n`);
  assert.deepEqual(failed.json(), { paid: 0, failed: 1, unchanged: 0 });
  const afterFail = (await t.app.inject({ url: `/api/v1/aid/claims/${claim.id}`, headers: city })).json();
  assert.equal(afterFail.status, 'approved');
  assert.equal(afterFail.payout.status, 'failed');
  assert.equal(afterFail.payout.failureReason, '账户已销户');
  const ledgerAfterFail = await t.db
    .selectFrom('aidLedger')
    .select('amountFen')
    .where('claimId', '=', claim.id)
    .execute();
  assert.equal(
    ledgerAfterFail.reduce((s, r) => s + r.amountFen, 0),
    0,
  );
  const contradicted = await reconcile(first.json().id, `付款参考号,状态\n${payout.reference},paid\n`);
  assert.equal(contradicted.statusCode, 400, 'a failed payout cannot turn paid');

  const retry = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/payout-batches',
    headers: city,
    payload: { claimIds: [claim.id] },
  });
  assert.equal(retry.statusCode, 201, retry.body);
  const paid = await reconcile(retry.json().id, `reference,status\n${retry.json().payouts[0].reference},paid\n`);
  assert.deepEqual(paid.json(), { paid: 1, failed: 0, unchanged: 0 });
  const ledger = await t.db
    .selectFrom('aidLedger')
    .select(['amountFen', 'entry'])
    .where('claimId', '=', claim.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    ledger.map((l) => l.entry),
    ['payout', 'reversal', 'payout'],
  );
  assert.equal(
    ledger.reduce((s, r) => s + r.amountFen, 0),
    claim.approvedAmountFen,
  );
  assert.equal((await t.app.inject({ url: `/api/v1/aid/claims/${claim.id}`, headers: city })).json().status, 'paid');
  const sms = await t.db
    .selectFrom('notifications')
    .select('template')
    .where('entityId', '=', claim.id)
    .orderBy('createdAt')
    .execute();
  assert.deepEqual(
    sms.map((s) => s.template),
    ['aid.claim.payoutFailed', 'aid.claim.paid'],
  );
  const list = await t.app.inject({ url: '/api/v1/aid/payout-batches', headers: city });
  assert.ok(
    list
      .json()
      .items.some((b: { id: string; status: string }) => b.id === retry.json().id && b.status === 'reconciled'),
  );
});
