/**
 * The amounts a reviewer types: a negative or nothing-paying assessment is refused under its field, the checks
 * preview what the approval will pay for the values being typed, and the bank file gives full payee names only
 * when asked (audited).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { maskName } from '../../platform/mask.ts';
import { makeMember, PDF, STORY_ANSWERS, upload } from './aid-test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-amounts-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ clock: fixedClock('2022-05-16T02:00:00Z'), dataDir });
const [workplace, city] = await Promise.all([t.login('13800000002'), t.login('13800000005')]);
type H = Record<string, string>;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

assert.equal((await api('PUT', '/aid/review-settings', city, { samplePercent: 0 })).statusCode, 200);

const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

/** A claim of a fresh member of 昌科电子, filed by the workplace union with every document, submitted. */
async function submitted(
  coverageCode: 'PIPE_BURST' | 'ACCIDENT_HOSPITAL',
  amounts: { claimedLossFen?: number; claimedDays?: number },
) {
  const member = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
  const pipe = coverageCode === 'PIPE_BURST';
  const created = await api('POST', '/aid/claims', workplace, {
    memberId: member.id,
    coverageCode,
    incidentDate: '2022-05-02',
    incidentAddress: '北京市昌平区回龙观东大街 3 号院 2 号楼 401',
    answers: pipe ? { ...STORY_ANSWERS, neighboursDamaged: 'no' } : { workRelated: 'no', cause: 'accident' },
    ...amounts,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const docs = pipe
    ? ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard']
    : ['hospitalRecords', 'medicalInvoices', 'accidentProof', 'idCard', 'aidCard'];
  for (const type of docs) assert.equal((await upload(t, workplace, id, type, PDF, `${type}.pdf`)).statusCode, 201);
  const submit = await api('POST', `/aid/claims/${id}/submit`, workplace);
  assert.equal(submit.statusCode, 200, submit.body);
  return id;
}

describe('assessed loss', () => {
  let id = '';

  test('a negative assessed loss is refused under its field when checking and when approving', async () => {
    id = await submitted('PIPE_BURST', { claimedLossFen: 640_000 });
    const check = await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'pass', assessedLossFen: -6400 });
    assert.equal(check.statusCode, 400, check.body);
    assert.deepEqual(fields(check), ['body.assessedLossFen']);
    const passed = await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'pass' });
    assert.equal(passed.statusCode, 200, passed.body);

    const decide = await api('POST', `/aid/claims/${id}/decide`, city, {
      decision: 'approve',
      assessedLossFen: -640_000,
    });
    assert.equal(decide.statusCode, 400, decide.body);
    assert.deepEqual(fields(decide), ['body.assessedLossFen']);
    const after = (await api('GET', `/aid/claims/${id}`, city)).json();
    assert.equal(after.status, 'workplace_checked');
    assert.equal(after.assessedLossFen, null);
  });

  test('an assessed loss the rule pays nothing for is refused under its field, not approved at 0', async () => {
    const zero = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve', assessedLossFen: 0 });
    assert.equal(zero.statusCode, 400, zero.body);
    assert.deepEqual(fields(zero), ['body.assessedLossFen']);
    assert.match(zero.json().errors[0].message, /互助金为 0/);
    assert.equal((await api('GET', `/aid/claims/${id}`, city)).json().status, 'workplace_checked');
  });

  test('the checks preview the benefit for the loss being typed, and the approval pays exactly that', async () => {
    const asIs = (await api('GET', `/aid/claims/${id}/checks`, city)).json();
    assert.equal(asIs.lossFen, 640_000);
    assert.equal(asIs.estimate.amountFen, 320_000);

    const small = await api('GET', `/aid/claims/${id}/checks?assessedLossFen=60000`, city);
    assert.equal(small.statusCode, 200, small.body);
    assert.equal(small.json().lossFen, 60_000);
    assert.equal(small.json().estimate.amountFen, 50_000, 'half of 600 yuan is under the 500-yuan floor');

    const big = await api('GET', `/aid/claims/${id}/checks?assessedLossFen=2000000`, city);
    assert.equal(big.json().estimate.amountFen, 800_000, 'half of 20,000 yuan is over the 8,000-yuan cap');
    assert.equal(big.json().estimate.bound, 'cap');

    const negative = await api('GET', `/aid/claims/${id}/checks?assessedLossFen=-1`, city);
    assert.equal(negative.statusCode, 400, negative.body);
    assert.deepEqual(fields(negative), ['querystring.assessedLossFen']);

    const approved = await api('POST', `/aid/claims/${id}/decide`, city, {
      decision: 'approve',
      assessedLossFen: 2_000_000,
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');
    assert.equal(approved.json().assessedLossFen, 2_000_000);
    assert.equal(approved.json().approvedAmountFen, big.json().estimate.amountFen);
  });
});

describe('assessed days', () => {
  let id = '';

  test('the preview follows the days typed; days under the minimum are refused under the days field', async () => {
    id = await submitted('ACCIDENT_HOSPITAL', { claimedDays: 12 });
    assert.equal((await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'pass' })).statusCode, 200);
    assert.equal((await api('GET', `/aid/claims/${id}/checks`, city)).json().estimate.amountFen, 60_000);
    const three = (await api('GET', `/aid/claims/${id}/checks?assessedDays=3`, city)).json();
    assert.equal(three.days, 3);
    assert.equal(three.estimate.amountFen, 15_000);
    const two = (await api('GET', `/aid/claims/${id}/checks?assessedDays=2`, city)).json();
    assert.equal(two.estimate.amountFen, 0);
    assert.equal(two.estimate.bound, 'minDays');

    const refused = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve', assessedDays: 2 });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(fields(refused), ['body.assessedDays']);
    const negative = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve', assessedDays: -3 });
    assert.equal(negative.statusCode, 400, negative.body);
    assert.deepEqual(fields(negative), ['body.assessedDays']);

    const approved = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve', assessedDays: 3 });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().approvedAmountFen, three.estimate.amountFen);
  });

  test('the bank file masks payee names unless full names are asked for; both are audited', async () => {
    const batch = await api(
      'POST',
      '/aid/payout-batches',
      { ...city, 'idempotency-key': 'amounts-batch-1' },
      {
        claimIds: [id],
      },
    );
    assert.equal(batch.statusCode, 201, batch.body);
    const name = (
      await t.db
        .selectFrom('aidPayouts')
        .select('payeeName')
        .where('batchId', '=', batch.json().id)
        .executeTakeFirstOrThrow()
    ).payeeName;
    const url = `/api/v1/aid/payout-batches/${batch.json().id}/bank-file`;
    const masked = await t.app.inject({ url, headers: city });
    assert.equal(masked.statusCode, 200);
    assert.ok(!masked.body.includes(name), 'masked by default');
    assert.ok(masked.body.includes(`,${maskName(name)},`), masked.body);
    assert.match(maskName(name), /\*/);
    const full = await t.app.inject({ url: `${url}?names=full`, headers: city });
    assert.equal(full.statusCode, 200);
    assert.match(full.body, new RegExp(`,${name},\\d{19},`));
    assert.equal((await t.app.inject({ url: `${url}?names=full`, headers: workplace })).statusCode, 403);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'aid.payoutBatch.export')
      .where('entityId', '=', batch.json().id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => (a.detail as { names: string }).names),
      ['masked', 'full'],
    );
  });
});
