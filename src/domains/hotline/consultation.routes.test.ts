import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import { addDays } from '../aid/plain-date.ts';
import { DEMO_ANSWERS } from './demo-kb.ts';

const start = new Date(Math.floor(Date.now() / 1000) * 1000);
const clock = fixedClock(start.toISOString());
const later = (seconds: number) => clock.set(new Date(start.getTime() + seconds * 1000).toISOString());
const t = await createTestApp({ clock });
const changping = await t.login('13800000004'); // 昌平区总工会 operator: 李静's union is below it
const chaoyang = await t.login('13800000003'); // 朝阳区总工会 operator: not her subtree

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headers as never, payload });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json(), raw: res.body };
}

const PIPE_ANSWERS = {
  whatHappened: 'heatingPipeBurst',
  pipeOwner: 'memberHome',
  cause: 'ageingOrFreezing',
  neighboursDamaged: 'yes',
};

describe('an operator answers 李静’s burst-pipe call and starts her claim', () => {
  let consultationId = '';
  let memberId = '';

  test('identify the caller by phone: masked data only, audited, only in the operator’s subtree', async () => {
    const r = await call('POST', '/hotline/caller-lookups', changping, { phone: '13800000001' });
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.phoneMasked, '138****0001');
    assert.equal(r.body.member.name, '李静');
    assert.equal(r.body.member.union.name, '北京昌科电子有限公司工会');
    assert.match(r.body.member.idNumberMasked, /^110114\*{8}\d{3}[\dX]$/);
    assert.equal(r.body.member.card.status, 'active');
    assert.equal(r.body.member.card.coversToday, true);
    assert.doesNotMatch(r.raw, /\d{17}[\dX]/, 'no full ID number anywhere');
    assert.ok(r.body.previous.length >= 1, 'her call of last November');
    memberId = r.body.member.id;
    const audit = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'hotline.caller.lookup')
      .where('entityId', '=', memberId)
      .execute();
    assert.equal(audit.length, 1);

    const other = await call('POST', '/hotline/caller-lookups', chaoyang, { phone: '13800000001' });
    assert.equal(other.status, 200);
    assert.equal(other.body.member, null);
  });

  test('start the consultation: it belongs to the caller’s union', async () => {
    const r = await call('POST', '/hotline/consultations', changping, {
      channel: 'phone',
      callerPhone: '13800000001',
      memberId,
      topic: 'mutual_aid',
      question: '家里暖气管爆了能报吗',
    });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.union.name, '北京昌科电子有限公司工会');
    assert.equal(r.body.startedAt, start.toISOString());
    assert.equal(r.body.outcome, null);
    consultationId = r.body.id;
    assert.equal((await call('GET', `/hotline/consultations/${consultationId}`, chaoyang)).status, 404);
  });

  test('answer from the knowledge base: documents and steps come from the scheme', async () => {
    later(40);
    const s = await call('GET', `/hotline/kb/search?q=${encodeURIComponent('家里暖气管爆了能报吗')}`, changping);
    const top = s.body.items[0];
    assert.equal(top.title, DEMO_ANSWERS[0]!.title);
    const answer = await call('GET', `/hotline/kb/answers/${top.id}`, changping);
    const coverage = answer.body.coverages[0];
    assert.equal(coverage.code, 'PIPE_BURST');
    const version = await t.db
      .selectFrom('aidCoverageVersions')
      .select('rule')
      .where('coverageId', '=', coverage.id)
      .where('effectiveTo', 'is', null)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      coverage.documents.map((d: { code: string }) => d.code),
      version.rule.requiredDocuments.map((d) => d.code),
    );
    assert.ok(coverage.documents.some((d: { label: string }) => d.label === '物业公司或社区居委会出具的事故证明'));
    assert.equal(coverage.filingWindow, '事故发生之日起2年内');
    assert.ok(coverage.filingSteps.length >= 4);
    assert.equal(coverage.precheckPath, '/aid/check?coverage=PIPE_BURST');

    const linked = await call('POST', `/hotline/consultations/${consultationId}/answers`, changping, {
      answerId: top.id,
    });
    assert.equal(linked.status, 200, linked.raw);
    assert.equal(linked.body.secondsToFirstAnswer, 40);
    later(70);
    const again = await call('POST', `/hotline/consultations/${consultationId}/answers`, changping, {
      answerId: top.id,
    });
    assert.equal(again.body.answers.length, 1);
    assert.equal(again.body.secondsToFirstAnswer, 40, 'the first answer’s time stays');
  });

  test('run the pre-check on her behalf: same verdict as the member’s own pre-check', async () => {
    const incidentDate = addDays(shanghaiDay(clock.now()), -3);
    const body = { coverageCode: 'PIPE_BURST', incidentDate, answers: PIPE_ANSWERS, lossFen: 2_000_000 };
    const r = await call('POST', `/hotline/consultations/${consultationId}/precheck`, changping, body);
    assert.equal(r.status, 200, r.raw);
    const own = await call('POST', '/aid/precheck', await t.login('13800000001'), body);
    assert.deepEqual(r.body, own.body);
    assert.equal(r.body.eligible, true);
    assert.equal(r.body.estimate.amountFen, 800_000);
    assert.ok(r.body.documents.some((d: { code: string }) => d.code === 'neighbourCompensation'));
    const bad = await call('POST', `/hotline/consultations/${consultationId}/precheck`, changping, {
      ...body,
      answers: { whatHappened: 'heatingPipeBurst' },
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.errors.some((e: { field: string }) => e.field === 'body.answers.pipeOwner'));
  });

  test('start a draft claim for her; a second one for the same incident is a duplicate', async () => {
    const incidentDate = addDays(shanghaiDay(clock.now()), -3);
    const body = {
      coverageCode: 'PIPE_BURST',
      incidentDate,
      incidentAddress: '昌平区回龙观龙泽苑东区 12 号楼 3 单元 502',
      description: '暖气管爆裂，泡坏地板，殃及楼下两户和电梯',
      answers: PIPE_ANSWERS,
      claimedLossFen: 2_000_000,
    };
    const r = await call('POST', `/hotline/consultations/${consultationId}/claims`, changping, body);
    assert.equal(r.status, 201, r.raw);
    assert.match(r.body.claimNo, /^SB\d{4}-\d{6}$/);
    assert.equal(r.body.status, 'draft');
    const claim = await t.db.selectFrom('aidClaims').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.equal(claim.memberId, memberId);
    assert.equal(claim.filedByRole, 'district_staff');
    // She completes it on her phone: the aid routes treat it as her own claim.
    const mine = await call('GET', `/aid/my/claims/${r.body.id}`, await t.login('13800000001'));
    assert.equal(mine.status, 200);
    assert.equal(mine.body.claimNo, r.body.claimNo);

    const dup = await call('POST', `/hotline/consultations/${consultationId}/claims`, changping, body);
    assert.equal(dup.status, 409);
    const claims = await call('GET', `/hotline/consultations/${consultationId}/caller-claims`, changping);
    assert.ok(claims.body.items.some((c: { claimNo: string }) => c.claimNo === r.body.claimNo));
  });

  test('close with claim_started: duration, outcome, a single-use satisfaction link', async () => {
    later(300);
    const r = await call('POST', `/hotline/consultations/${consultationId}/close`, changping, {
      outcome: 'claim_started',
    });
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.durationSeconds, 300);
    assert.equal(r.body.outcome, 'claim_started');
    assert.equal(r.body.claims.length, 1);
    assert.equal(r.body.prechecks.length, 1);
    const token = r.body.feedbackLink.token;
    assert.equal(
      (await call('POST', `/hotline/consultations/${consultationId}/close`, changping, { outcome: 'answered' })).status,
      409,
    );

    const view = await call('GET', `/hotline/feedback/${token}`, {});
    assert.equal(view.status, 200);
    assert.equal(view.body.used, false);
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call('POST', `/hotline/feedback/${token}`, {}, { score: 5 - (i % 2) })),
    );
    assert.deepEqual(tries.map((x) => x.status).sort(), [204, ...Array(9).fill(409)]);
    assert.equal((await call('GET', `/hotline/feedback/${token}`, {})).body.used, true);
    const rated = await call('GET', `/hotline/consultations/${consultationId}`, changping);
    assert.equal(rated.body.satisfaction.source, 'caller');
    assert.equal(rated.body.feedbackLink, null);
    const operatorEntry = await call('POST', `/hotline/consultations/${consultationId}/satisfaction`, changping, {
      score: 3,
    });
    assert.equal(operatorEntry.status, 409);
  });
});

describe('follow-ups, outcomes and field errors', () => {
  test('an unknown caller belongs to the operator’s union; follow-ups become overdue', async () => {
    later(0);
    const c = await call('POST', '/hotline/consultations', changping, { channel: 'chat', callerPhone: '13911112222' });
    assert.equal(c.status, 201, c.raw);
    assert.equal(c.body.union.name, '昌平区总工会');
    assert.equal(c.body.member, null);
    const noClaim = await call('POST', `/hotline/consultations/${c.body.id}/close`, changping, {
      outcome: 'claim_started',
    });
    assert.equal(noClaim.status, 400);
    assert.equal(noClaim.body.errors[0].field, 'body.outcome');
    const noFollowUp = await call('POST', `/hotline/consultations/${c.body.id}/close`, changping, {
      outcome: 'follow_up',
    });
    assert.equal(noFollowUp.status, 400);
    assert.equal(noFollowUp.body.errors[0].field, 'body.followUp');
    const precheck = await call('POST', `/hotline/consultations/${c.body.id}/precheck`, changping, {
      coverageCode: 'PIPE_BURST',
      incidentDate: shanghaiDay(clock.now()),
      answers: PIPE_ANSWERS,
    });
    assert.equal(precheck.status, 400, 'no member identified');

    const dueAt = new Date(start.getTime() + 3600_000).toISOString();
    const closed = await call('POST', `/hotline/consultations/${c.body.id}/close`, changping, {
      outcome: 'follow_up',
      followUp: { dueAt, note: '查询后回电告知入会办法' },
    });
    assert.equal(closed.status, 200, closed.raw);
    const fu = closed.body.followUps[0];
    assert.equal(fu.overdue, false);

    later(2 * 3600);
    const overdue = await call('GET', '/hotline/follow-ups?state=overdue', changping);
    assert.ok(overdue.body.items.some((f: { id: string; overdue: boolean }) => f.id === fu.id && f.overdue));
    const elsewhere = await call('GET', '/hotline/follow-ups?state=overdue', chaoyang);
    assert.ok(!elsewhere.body.items.some((f: { id: string }) => f.id === fu.id));
    const done = await call('POST', `/hotline/follow-ups/${fu.id}/done`, changping, { note: '已回电' });
    assert.equal(done.status, 200);
    assert.equal(done.body.overdue, false);
    const after = await call('GET', '/hotline/follow-ups?state=overdue', changping);
    assert.ok(!after.body.items.some((f: { id: string }) => f.id === fu.id));
    assert.equal((await call('POST', `/hotline/follow-ups/${fu.id}/done`, changping, {})).status, 409);
  });

  test('bad input is a field-level error in the caller’s language; members and workplace staff are refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/consultations',
      headers: { ...changping, 'accept-language': 'en' },
      payload: { channel: 'fax', callerPhone: '12345' },
    });
    assert.equal(res.statusCode, 400);
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    assert.deepEqual(fields, ['body.callerPhone', 'body.channel']);
    assert.match(res.json().errors[0].message, /[a-z]/);
    for (const phone of ['13800000001', '13800000002']) {
      const r = await call('POST', '/hotline/consultations', await t.login(phone), {
        channel: 'phone',
        callerPhone: '13800000001',
      });
      assert.equal(r.status, 403);
    }
    const foreign = await call('POST', '/hotline/consultations', chaoyang, {
      channel: 'phone',
      callerPhone: '13800000001',
      memberId: (
        await t.db.selectFrom('members').select('id').where('phone', '=', '13800000001').executeTakeFirstOrThrow()
      ).id,
    });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errors[0].field, 'body.memberId');
  });
});
