import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { addDays } from '../aid/plain-date.ts';

/**
 * What the operator screen needs from the server beyond one consultation: the operator's own open calls (resumed
 * after a reload) and the caller's claims with what she asks about on the phone (amount, the day it was paid).
 */
const t = await createTestApp();
const changping = await t.login('13800000004'); // 昌平区总工会 operator
const city = await t.login('13800000005'); // the city federation's operator: 昌平 is inside its subtree

async function call(method: 'GET' | 'POST', url: string, headers: object, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headers as never, payload });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}

const ids = (body: { items: { id: string }[] }) => body.items.map((x) => x.id).sort();

async function lijing(): Promise<string> {
  const r = await call('POST', '/hotline/caller-lookups', changping, { phone: '13800000001' });
  assert.equal(r.status, 200, r.raw);
  return r.body.member.id;
}

describe('the operator’s open calls', () => {
  test('mine=true: only the open consultations this operator took, newest first', async () => {
    const start = (who: object, body: object) =>
      call('POST', '/hotline/consultations', who, { channel: 'phone', ...body }).then((r) => {
        assert.equal(r.status, 201, r.raw);
        return r.body.id as string;
      });
    const older = await start(changping, { callerPhone: '13911110001' });
    const closed = await start(changping, { callerPhone: '13911110002' });
    assert.equal(
      (await call('POST', `/hotline/consultations/${closed}/close`, changping, { outcome: 'referred' })).status,
      200,
    );
    const newer = await start(changping, { callerPhone: '13800000002' });
    const colleagues = await start(city, { callerPhone: '13800000001', memberId: await lijing() });

    const mine = await call('GET', '/hotline/consultations?state=open&mine=true', changping);
    assert.equal(mine.status, 200, mine.raw);
    assert.deepEqual(
      mine.body.items.map((x: { id: string }) => x.id),
      [newer, older],
      'her own open calls only, the newest first',
    );
    assert.ok(mine.body.items.every((x: { outcome: string | null }) => x.outcome === null));
    assert.equal(mine.body.total, 2);

    const all = await call('GET', '/hotline/consultations?state=open', changping);
    assert.deepEqual(ids(all.body), [colleagues, newer, older].sort(), 'without mine: every open call in her subtree');
    const theirs = await call('GET', '/hotline/consultations?state=open&mine=true', city);
    assert.deepEqual(ids(theirs.body), [colleagues]);
    const notMine = await call('GET', '/hotline/consultations?state=open&mine=false', city);
    assert.ok(ids(notMine.body).includes(newer), 'mine=false is no filter');
  });

  test('a bad mine is a field-level 400', async () => {
    const r = await call('GET', '/hotline/consultations?mine=perhaps', changping);
    assert.equal(r.status, 400, r.raw);
    assert.ok(
      r.body.errors.some((e: { field: string }) => /mine/.test(e.field)),
      JSON.stringify(r.body.errors),
    );
  });
});

describe('the caller’s claims on the operator screen', () => {
  test('number, coverage, status, approved amount and the day it was paid', async () => {
    const memberId = await lijing();
    const c = await call('POST', '/hotline/consultations', changping, {
      channel: 'phone',
      callerPhone: '13800000001',
      memberId,
      topic: 'claim_status',
    });
    assert.equal(c.status, 201, c.raw);
    const today = shanghaiDay(new Date());
    const draft = (incidentDate: string) =>
      call('POST', `/hotline/consultations/${c.body.id}/claims`, changping, {
        coverageCode: 'ACCIDENT_HOSPITAL',
        incidentDate,
        incidentAddress: '昌平区回龙观西大街',
        answers: { workRelated: 'no', cause: 'accident' },
      });
    const paid = await draft(addDays(today, -40));
    assert.equal(paid.status, 201, paid.raw);
    const open = await draft(addDays(today, -10));
    assert.equal(open.status, 201, open.raw);
    // the review and the bank are other stories: the first claim is taken to "paid" directly
    const paidAt = new Date(Date.now() - 2 * 86_400_000);
    await t.db
      .updateTable('aidClaims')
      .set({ status: 'paid', approvedAmountFen: 60_000, paidAt, statusChangedAt: paidAt })
      .where('id', '=', paid.body.id)
      .execute();

    const r = await call('GET', `/hotline/consultations/${c.body.id}/caller-claims`, changping);
    assert.equal(r.status, 200, r.raw);
    const byNo = new Map(r.body.items.map((x: { claimNo: string }) => [x.claimNo, x]));
    assert.deepEqual(byNo.get(paid.body.claimNo), {
      id: paid.body.id,
      claimNo: paid.body.claimNo,
      status: 'paid',
      statusChangedAt: paidAt.toISOString(),
      coverage: { code: 'ACCIDENT_HOSPITAL', name: '意外伤害住院' },
      incidentDate: addDays(today, -40),
      approvedAmountFen: 60_000,
      decisionReason: null,
      paidAt: paidAt.toISOString(),
    });
    const pending = byNo.get(open.body.claimNo) as { status: string; paidAt: string | null };
    assert.equal(pending.status, 'draft');
    assert.equal(pending.paidAt, null);
  });
});
