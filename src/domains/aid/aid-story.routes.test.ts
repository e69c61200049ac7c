/**
 * The burst heating pipe, replayed over HTTP: 李静 (member 13800000001 of 北京昌科电子有限公司工会, active card since
 * 2015) had a heating pipe burst on 2021-11-20 while away; in May 2022 she files under 水暖管爆裂 with the required
 * documents, her workplace union checks, the city federation approves, a batch pays 8,000.00 yuan (the cap), she
 * sees "paid", and the statistics include her. Paying again — once, or 50 times at once — changes nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { multipart, STORY_ANSWERS, STORY_DOCUMENTS, upload } from './aid-test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-story-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const clock = fixedClock('2022-05-16T02:00:00Z'); // Monday 16 May 2022, 10:00 in Beijing
const t = await createTestApp({ clock, dataDir });
let [member, workplace, city] = await Promise.all([
  t.login('13800000001'),
  t.login('13800000002'),
  t.login('13800000005'),
]);

/** Moves the fixed clock (staff sessions last hours, so everyone signs in again). */
async function advance(iso: string) {
  clock.set(iso);
  [member, workplace, city] = await Promise.all([
    t.login('13800000001'),
    t.login('13800000002'),
    t.login('13800000005'),
  ]);
}

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

async function systemTotals() {
  const res = await api('GET', '/aid/stats?source=system', city);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().total as { beneficiaries: number; amountFen: number };
}

test('the burst-pipe story, from "am I covered?" to 8,000.00 yuan paid exactly once', async () => {
  const statsBefore = await systemTotals();

  // She calls the hotline / opens the pre-check: covered, which documents, until when, how much.
  const pre = await api('POST', '/aid/precheck', member, {
    coverageCode: 'PIPE_BURST',
    incidentDate: '2021-11-20',
    answers: STORY_ANSWERS,
    lossFen: 2_356_000,
  });
  assert.equal(pre.statusCode, 200, pre.body);
  const verdict = pre.json();
  assert.equal(verdict.eligible, true);
  assert.deepEqual(verdict.reasons, []);
  assert.equal(verdict.deadline, '2023-11-20');
  assert.equal(verdict.estimate.amountFen, 800_000);
  assert.deepEqual(
    verdict.documents.map((d: { code: string }) => d.code),
    STORY_DOCUMENTS.map(([code]) => code),
  );
  assert.equal(verdict.documents[1].label, '物业公司或社区居委会出具的事故证明');

  // She files: a draft, then documents from her phone camera, then submits.
  const created = await api('POST', '/aid/claims', member, {
    coverageCode: 'PIPE_BURST',
    incidentDate: '2021-11-20',
    incidentAddress: '北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602',
    description: '外出期间暖气管爆裂，各房间木地板泡水，殃及楼下住户并导致电梯停运。',
    answers: STORY_ANSWERS,
    claimedLossFen: 2_356_000,
  });
  assert.equal(created.statusCode, 201, created.body);
  const claim = created.json();
  assert.equal(claim.status, 'draft');
  assert.match(claim.claimNo, /^SB2022-\d{6}$/);
  assert.match(claim.incident.ref, /^SJ20211120-[A-Z2-9]{5}$/);
  const id = claim.id as string;

  const early = await api('POST', `/aid/claims/${id}/submit`, member);
  assert.equal(early.statusCode, 422);
  assert.deepEqual(
    early.json().reasons.map((r: { code: string }) => r.code),
    ['missingDocuments'],
  );
  assert.match(early.json().reasons[0].message, /^缺少申报材料：受损现场及财物照片、/);

  for (const [type, data, name] of STORY_DOCUMENTS) {
    const res = await upload(t, member, id, type, data, name);
    assert.equal(res.statusCode, 201, res.body);
  }
  const submitted = await api('POST', `/aid/claims/${id}/submit`, member);
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().status, 'submitted');
  assert.ok(submitted.json().requiredDocuments.every((d: { uploaded: boolean }) => d.uploaded));

  // Her workplace union sees it in its queue, three working days later, and checks it.
  await advance('2022-05-19T03:00:00Z');
  const queue = await api('GET', '/aid/claims?queue=check', workplace);
  assert.equal(queue.statusCode, 200, queue.body);
  const item = queue.json().items.find((c: { id: string }) => c.id === id);
  assert.ok(item, 'the claim is in the workplace check queue');
  assert.equal(item.ageWorkingDays, 3);
  assert.equal(item.slaDays, 5);
  assert.equal(item.overdue, false);
  const doc = submitted.json().documents[0];
  const shown = await t.app.inject({ url: `/api/v1/aid/claims/${id}/documents/${doc.id}`, headers: workplace });
  assert.equal(shown.statusCode, 200);
  assert.equal(shown.headers['content-type'], 'image/jpeg');
  assert.deepEqual(shown.rawPayload, STORY_DOCUMENTS[0]![1]);
  const checked = await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'pass' });
  assert.equal(checked.statusCode, 200, checked.body);
  assert.equal(checked.json().status, 'workplace_checked');

  // The city federation approves: half of 23,560 yuan is over the cap, so 8,000.00 yuan.
  const settings = await api('PUT', '/aid/review-settings', city, { samplePercent: 0 });
  assert.equal(settings.statusCode, 200, settings.body);
  await advance('2022-05-20T03:00:00Z');
  const approved = await api('POST', `/aid/claims/${id}/decide`, city, {
    decision: 'approve',
    assessedLossFen: 2_356_000,
  });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().status, 'approved');
  assert.equal(approved.json().approvedAmountFen, 800_000);

  // A batch pays her; the same request retried returns the same batch.
  await advance('2022-05-23T02:00:00Z');
  const headers = { ...city, 'idempotency-key': 'story-batch-2022-05-23' };
  const batch = await api('POST', '/aid/payout-batches', headers, { claimIds: [id] });
  assert.equal(batch.statusCode, 201, batch.body);
  assert.equal(batch.json().totalFen, 800_000);
  assert.equal(batch.json().payouts[0].payeeName, '李*');
  const replay = await api('POST', '/aid/payout-batches', headers, { claimIds: [id] });
  assert.equal(replay.statusCode, 200, replay.body);
  assert.equal(replay.json().id, batch.json().id);
  assert.equal(replay.json().replayed, true);
  assert.equal(
    (await api('GET', `/aid/my/claims/${id}`, member)).json().status,
    'approved',
    'paid only once the bank confirms',
  );

  // 50 concurrent attempts to pay the same claim again (fresh keys and no key): all refused, nothing written.
  const batchCount = async () => (await t.db.selectFrom('aidPayoutBatches').select('id').execute()).length;
  const batchesBefore = await batchCount();
  const race = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      api('POST', '/aid/payout-batches', i % 2 ? { ...city, 'idempotency-key': `race-${i}-xxxxxxxx` } : city, {
        claimIds: [id],
      }),
    ),
  );
  assert.deepEqual([...new Set(race.map((r) => r.statusCode))], [409]);
  const payouts = await t.db.selectFrom('aidPayouts').selectAll().where('claimId', '=', id).execute();
  assert.equal(payouts.length, 1);
  assert.equal(await batchCount(), batchesBefore, 'no empty or duplicate batch was left behind');

  // The bank file carries her full account number; the export is audited.
  const file = await t.app.inject({
    url: `/api/v1/aid/payout-batches/${batch.json().id}/bank-file?format=csv`,
    headers: city,
  });
  assert.equal(file.statusCode, 200, file.body);
  const card = await t.db
    .selectFrom('aidCards')
    .select('bankAccountEnc')
    .where('cardNo', '=', 'HZ2015000001')
    .executeTakeFirstOrThrow();
  const account = t.cipher.decrypt(card.bankAccountEnc!);
  assert.ok(file.body.includes(`,李*,${account},`), file.body);
  assert.ok(file.body.includes(',8000.00,'));

  // The bank returns "paid": the claim is paid. The same return file again changes nothing.
  const reference = payouts[0]!.reference;
  const returnFile = multipart(
    {},
    { name: 'return.csv', data: Buffer.from(`付款参考号,状态,原因\n${reference},成功,\n`) },
  );
  await advance('2022-05-25T06:00:00Z');
  const rec = await t.app.inject({
    method: 'POST',
    url: `/api/v1/aid/payout-batches/${batch.json().id}/reconciliation`,
    headers: { ...city, ...returnFile.headers },
    payload: returnFile.payload,
  });
  assert.equal(rec.statusCode, 200, rec.body);
  assert.deepEqual(rec.json(), { paid: 1, failed: 0, unchanged: 0 });
  const again = await t.app.inject({
    method: 'POST',
    url: `/api/v1/aid/payout-batches/${batch.json().id}/reconciliation`,
    headers: { ...city, ...returnFile.headers },
    payload: returnFile.payload,
  });
  assert.deepEqual(again.json(), { paid: 0, failed: 0, unchanged: 1 });

  // She sees "paid", 8,000.00 yuan, and every step.
  const mine = await api('GET', '/aid/my/claims', member);
  const listed = mine.json().items.find((c: { id: string }) => c.id === id);
  assert.equal(listed.status, 'paid');
  assert.equal(listed.approvedAmountFen, 800_000);
  const detail = (await api('GET', `/aid/my/claims/${id}`, member)).json();
  assert.deepEqual(detail.payout, { status: 'paid', amountFen: 800_000, failureReason: null, paidOn: '2022-05-25' });
  assert.deepEqual(
    detail.events.map((e: { action: string }) => e.action),
    ['create', 'submit', 'check', 'approve', 'payoutQueued', 'pay'],
  );
  assert.equal(detail.secondReview, null, 'review internals are not shown to the member');

  // Paying again after the fact — 50 at once — still changes nothing; the ledger sums to the approved amount.
  const late = await Promise.all(
    Array.from({ length: 50 }, () => api('POST', '/aid/payout-batches', city, { claimIds: [id] })),
  );
  assert.ok(late.every((r) => r.statusCode === 409));
  const ledger = await t.db.selectFrom('aidLedger').select('amountFen').where('claimId', '=', id).execute();
  assert.equal(
    ledger.reduce((s, r) => s + r.amountFen, 0),
    800_000,
  );
  assert.equal((await t.db.selectFrom('aidPayouts').select('id').where('claimId', '=', id).execute()).length, 1);

  // Every change was audited and texted to her.
  const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', id).orderBy('id').execute();
  for (const action of [
    'aid.claim.create',
    'aid.claim.submit',
    'aid.claim.check',
    'aid.claim.approve',
    'aid.claim.pay',
  ]) {
    assert.ok(
      audit.some((a) => a.action === action),
      action,
    );
  }
  const sms = await t.db
    .selectFrom('notifications')
    .select(['template', 'toPhone'])
    .where('entityId', '=', id)
    .orderBy('createdAt')
    .execute();
  assert.deepEqual(
    sms.map((s) => s.template),
    ['aid.claim.submitted', 'aid.claim.workplace_checked', 'aid.claim.approved', 'aid.claim.paid'],
  );
  assert.ok(sms.every((s) => s.toPhone === '13800000001'));

  // The statistics include her: one more beneficiary, 8,000.00 yuan more, in 昌平区 and her union.
  const statsAfter = await systemTotals();
  assert.equal(statsAfter.beneficiaries, statsBefore.beneficiaries + 1);
  assert.equal(statsAfter.amountFen, statsBefore.amountFen + 800_000);
  const byUnion = (
    await api('GET', '/aid/stats?groupBy=union,coverage&source=system&from=2022-01-01&to=2022-12-31', city)
  ).json();
  const row = byUnion.rows.find(
    (r: { keys: Record<string, string> }) => r.keys.union === 'BJ-CP-CKDZ' && r.keys.coverage === 'PIPE_BURST',
  );
  assert.deepEqual(
    { b: row.beneficiaries, a: row.amountFen, l: row.labels.union },
    { b: 1, a: 800_000, l: '北京昌科电子有限公司工会' },
  );
  const cp = (await api('GET', '/aid/stats?groupBy=district&source=system', await t.login('13800000004'))).json();
  assert.ok(
    cp.rows.some(
      (r: { keys: Record<string, string>; amountFen: number }) => r.keys.district === 'BJ-CP' && r.amountFen >= 800_000,
    ),
  );
});
