import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { JPEG, makeMember, PDF, STORY_ANSWERS, upload } from './aid-test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-claims-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ clock: fixedClock('2022-05-16T02:00:00Z'), dataDir });
const [lijing, workplace, chaoyang, changping, city, admin] = await Promise.all([
  t.login('13800000001'),
  t.login('13800000002'),
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000007'),
]);
type H = Record<string, string>;
const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

const BASIC = ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard'];
const ANSWERS = { ...STORY_ANSWERS, neighboursDamaged: 'no' };

/** Workplace staff file a claim for a member, with every basic document, and try to submit it. */
async function fileAndSubmit(memberId: string, incidentDate: string, headers: H = workplace, extra: object = {}) {
  const created = await api('POST', '/aid/claims', headers, {
    memberId,
    coverageCode: 'PIPE_BURST',
    incidentDate,
    incidentAddress: '北京市昌平区龙锦苑东五区 8 号楼 3 单元 502',
    answers: ANSWERS,
    claimedLossFen: 600_000,
    ...extra,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  for (const type of BASIC)
    assert.equal(
      (await upload(t, headers, id, type, type === 'damagePhotos' ? JPEG : PDF, `${type}.pdf`)).statusCode,
      201,
    );
  return {
    id,
    ref: created.json().incident.ref as string,
    submit: await api('POST', `/aid/claims/${id}/submit`, headers),
  };
}

const reasonCodes = (res: { json(): { reasons?: { code: string }[] } }) =>
  (res.json().reasons ?? []).map((r) => r.code);

describe('ineligible claims are refused with a coded, human-readable reason', () => {
  test('card not active on the incident date', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2022-01-01' } });
    const { submit } = await fileAndSubmit(m.id, '2021-12-10');
    assert.equal(submit.statusCode, 422);
    assert.deepEqual(reasonCodes(submit), ['cardInactive']);
    assert.equal(submit.json().reasons[0].message, '事故发生日（2021-12-10）会员没有有效的会员互助服务卡');
  });

  test('filed after the 2-year window', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const { submit } = await fileAndSubmit(m.id, '2020-05-15');
    assert.deepEqual(reasonCodes(submit), ['outsideWindow']);
    assert.match(submit.json().detail, /2022-05-15 前申报/);
  });

  test('incident in the 30-day waiting period', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2022-04-01' }, joinedOn: '2022-04-01' });
    const { submit } = await fileAndSubmit(m.id, '2022-04-20');
    assert.deepEqual(reasonCodes(submit), ['inWaitingPeriod']);
  });

  test('over the limit of one pipe claim per calendar year', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const first = await fileAndSubmit(m.id, '2022-01-10');
    assert.equal(first.submit.statusCode, 200);
    await t.db
      .updateTable('aidClaims')
      .set({ status: 'paid', approvedAmountFen: 300_000 })
      .where('id', '=', first.id)
      .execute();
    const { submit } = await fileAndSubmit(m.id, '2022-04-02');
    assert.deepEqual(reasonCodes(submit), ['overLimit']);
    assert.equal(submit.json().reasons[0].message, '已达到申领上限：每个自然年度内最多 1 次，已有 1 次');
  });

  test('a true duplicate (same member, coverage and incident date) is blocked, also under a race', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const body = {
      memberId: m.id,
      coverageCode: 'PIPE_BURST',
      incidentDate: '2022-02-02',
      incidentAddress: '昌平区某小区 1 号楼',
      answers: ANSWERS,
    };
    const race = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', '/aid/claims', { ...workplace, 'accept-language': 'en' }, body)),
    );
    assert.deepEqual(race.map((r) => r.statusCode).sort(), [201, ...Array(19).fill(409)].sort());
    const refused = race.find((r) => r.statusCode === 409)!;
    assert.deepEqual(reasonCodes(refused), ['duplicate']);
    assert.match(
      refused.json().reasons[0].message,
      /already has a claim under this coverage for the same incident \(2022-02-02\)/,
    );
    const rows = await t.db.selectFrom('aidClaims').select('id').where('memberId', '=', m.id).execute();
    assert.equal(rows.length, 1);
  });

  test('exclusions answer "whose pipe": a landlord’s pipe is not covered (pre-check by hotline staff)', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const res = await api('POST', '/aid/precheck', workplace, {
      memberId: m.id,
      coverageCode: 'PIPE_BURST',
      incidentDate: '2022-03-01',
      answers: { ...ANSWERS, pipeOwner: 'landlord' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().eligible, false);
    assert.deepEqual(reasonCodes(res), ['excluded']);
    assert.equal(res.json().estimate.amountFen, null, 'no loss given, no amount');
    const bad = await api('POST', '/aid/precheck', workplace, {
      memberId: m.id,
      coverageCode: 'PIPE_BURST',
      incidentDate: '2022-03-01',
      answers: { pipeOwner: 'mine' },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['body.answers.cause', 'body.answers.pipeOwner', 'body.answers.whatHappened'],
    );
  });
});

describe('one burst pipe, several members', () => {
  test('the neighbour below (another member) joins the same incident and can claim; staff see them linked', async () => {
    const upstairs = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const first = await fileAndSubmit(upstairs.id, '2022-03-08');
    assert.equal(first.submit.statusCode, 200, first.submit.body);
    const below = await makeMember(t, { union: 'BJ-CP-CJXM', card: { validFrom: '2016-01-01' }, login: true });
    const neighbour = await t.login(below.phone);
    const second = await fileAndSubmit(below.id, '2022-03-08', neighbour, {
      incidentRef: first.ref,
      incidentAddress: '同楼 402 室（楼下）',
    });
    assert.equal(second.submit.statusCode, 200, second.submit.body);
    assert.equal(second.ref, first.ref);
    const claims = await t.db
      .selectFrom('aidClaims')
      .select('incidentId')
      .where('id', 'in', [first.id, second.id])
      .execute();
    assert.equal(new Set(claims.map((c) => c.incidentId)).size, 1);
    const staffView = (await api('GET', `/aid/claims/${first.id}`, city)).json();
    assert.equal(staffView.incident.relatedClaims, 1);

    // Members never see each other's claims.
    assert.equal((await api('GET', `/aid/claims/${first.id}`, neighbour)).statusCode, 404);
    assert.equal((await api('GET', `/aid/my/claims/${first.id}`, neighbour)).statusCode, 404);
    assert.equal((await api('GET', `/aid/claims/${second.id}`, lijing)).statusCode, 404);
    const mine = (await api('GET', '/aid/my/claims', neighbour)).json().items;
    assert.deepEqual(
      mine.map((c: { id: string }) => c.id),
      [second.id],
    );
    assert.equal((await api('GET', `/aid/my/claims/${second.id}`, neighbour)).json().incident.relatedClaims, 0);
    const wrongRef = await api('POST', '/aid/claims', neighbour, {
      coverageCode: 'PIPE_BURST',
      incidentDate: '2022-03-09',
      incidentAddress: '同楼 402',
      answers: ANSWERS,
      incidentRef: first.ref,
    });
    assert.equal(wrongRef.statusCode, 400);

    // Staff only in their subtree; a member cannot review.
    assert.equal((await api('GET', `/aid/claims/${first.id}`, chaoyang)).statusCode, 404);
    assert.equal((await api('GET', `/aid/claims/${first.id}`, changping)).statusCode, 200);
    assert.equal((await api('POST', `/aid/claims/${second.id}/check`, workplace, { outcome: 'pass' })).statusCode, 404);
    assert.equal((await api('POST', `/aid/claims/${second.id}/check`, neighbour, { outcome: 'pass' })).statusCode, 403);
    assert.equal((await api('POST', `/aid/claims/${first.id}/check`, changping, { outcome: 'pass' })).statusCode, 403);
    const cyQueue = (await api('GET', '/aid/claims?pageSize=200', chaoyang)).json().items;
    assert.ok(cyQueue.every((c: { unionName: string }) => !c.unionName.includes('昌')));
    assert.ok(!cyQueue.some((c: { id: string }) => c.id === first.id));

    // The neighbour's claim is rejected; the reason is what the member reads.
    assert.equal((await api('POST', `/aid/claims/${second.id}/check`, admin, { outcome: 'pass' })).statusCode, 200);
    const noReason = await api('POST', `/aid/claims/${second.id}/decide`, city, { decision: 'reject' });
    assert.equal(noReason.statusCode, 400);
    const reason = '楼下住户损失应由楼上责任人赔偿，不属于本人家庭财产损失';
    const rejected = await api('POST', `/aid/claims/${second.id}/decide`, city, { decision: 'reject', reason });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const seen = (await api('GET', `/aid/my/claims/${second.id}`, neighbour)).json();
    assert.equal(seen.status, 'rejected');
    assert.equal(seen.decisionReason, reason);
    assert.equal(seen.events.at(-1).reason, reason);
    assert.equal((await api('GET', '/aid/my/claims', neighbour)).json().items[0].decisionReason, reason);
    assert.deepEqual(seen.availableActions, []);
  });
});

describe('review', () => {
  test('returned with missing documents, resubmitted, then sampled into a second review by a different reviewer', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const { id, submit } = await fileAndSubmit(m.id, '2022-04-11');
    assert.equal(submit.statusCode, 200);
    const noReason = await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'return' });
    assert.equal(noReason.statusCode, 400);
    const unknownDoc = await api('POST', `/aid/claims/${id}/check`, workplace, {
      outcome: 'return',
      reason: '缺材料',
      missingDocuments: ['selfie'],
    });
    assert.deepEqual(
      unknownDoc.json().errors.map((e: { field: string }) => e.field),
      ['body.missingDocuments.0'],
    );
    const returned = await api('POST', `/aid/claims/${id}/check`, workplace, {
      outcome: 'return',
      reason: '物业证明未盖章，请补交',
      missingDocuments: ['propertyCertificate'],
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().status, 'returned');
    assert.deepEqual(returned.json().missingDocuments, [
      { code: 'propertyCertificate', label: '物业公司或社区居委会出具的事故证明', hint: null },
    ]);
    assert.deepEqual(returned.json().availableActions, ['resubmit']);
    assert.equal((await upload(t, workplace, id, 'propertyCertificate', PDF, '盖章证明.pdf')).statusCode, 201);
    const resubmitted = await api('POST', `/aid/claims/${id}/submit`, workplace);
    assert.equal(resubmitted.json().status, 'submitted');
    assert.deepEqual(resubmitted.json().missingDocuments, []);
    assert.equal((await api('POST', `/aid/claims/${id}/check`, workplace, { outcome: 'pass' })).statusCode, 200);

    assert.equal((await api('PUT', '/aid/review-settings', workplace, { samplePercent: 100 })).statusCode, 403);
    assert.equal((await api('PUT', '/aid/review-settings', city, { samplePercent: 100 })).statusCode, 200);
    const decideQueue = (await api('GET', '/aid/claims?queue=decide', city)).json().items;
    assert.ok(decideQueue.some((c: { id: string }) => c.id === id));
    const first = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve' });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'workplace_checked');
    assert.equal(first.json().secondReview.required, true);
    assert.equal(first.json().secondReview.reason, 'sampled');
    const secondQueue = (await api('GET', '/aid/claims?queue=secondReview', city)).json().items;
    assert.deepEqual(secondQueue.filter((c: { id: string }) => c.id === id).length, 1);
    const same = await api('POST', `/aid/claims/${id}/decide`, city, { decision: 'approve' });
    assert.equal(same.statusCode, 409);
    const final = await api('POST', `/aid/claims/${id}/decide`, admin, { decision: 'approve' });
    assert.equal(final.statusCode, 200, final.body);
    assert.equal(final.json().status, 'approved');
    assert.equal(final.json().approvedAmountFen, 300_000); // half of 6,000 yuan
    await api('PUT', '/aid/review-settings', city, { samplePercent: 0 });
  });

  test('queues filter by coverage, union and age in working days', async () => {
    const ckdz = await t.db
      .selectFrom('unions')
      .select('id')
      .where('code', '=', 'BJ-CP-CKDZ')
      .executeTakeFirstOrThrow();
    const all = (
      await api('GET', `/aid/claims?queue=check&unionId=${ckdz.id}&coverage=PIPE_BURST&pageSize=200`, city)
    ).json();
    assert.ok(all.total > 0);
    assert.ok(
      all.items.every(
        (c: { status: string; coverage: { code: string } }) =>
          c.status === 'submitted' && c.coverage.code === 'PIPE_BURST',
      ),
    );
    const aged = (
      await api('GET', `/aid/claims?queue=check&unionId=${ckdz.id}&minAgeDays=3&pageSize=200`, city)
    ).json();
    assert.ok(aged.items.every((c: { ageWorkingDays: number }) => c.ageWorkingDays >= 3));
    assert.ok(aged.total < all.total, 'claims filed today are younger than 3 working days');
    const outside = await api('GET', `/aid/claims?unionId=${ckdz.id}`, chaoyang);
    assert.equal(outside.statusCode, 404);
    assert.equal((await api('GET', '/aid/claims', lijing)).statusCode, 403);
  });
});

describe('consent, sensitive data and documents', () => {
  test('a diagnosis needs consent first, and is stored encrypted', async () => {
    const created = await api('POST', '/aid/claims', lijing, {
      coverageCode: 'ACCIDENT_HOSPITAL',
      incidentDate: '2022-04-30',
      incidentAddress: '昌平区回龙观',
      answers: { workRelated: 'no', cause: 'accident' },
      claimedDays: 6,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const early = await api('PATCH', `/aid/claims/${id}`, lijing, { diagnosis: '右腿胫骨骨折' });
    assert.equal(early.statusCode, 400);
    const consent = await api('POST', `/aid/claims/${id}/consent`, lijing, { version: '2022-05', method: 'online' });
    assert.equal(consent.statusCode, 200, consent.body);
    assert.equal(consent.json().consent.version, '2022-05');
    const patched = await api('PATCH', `/aid/claims/${id}`, lijing, { diagnosis: '右腿胫骨骨折' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().hasDiagnosis, true);
    const row = await t.db
      .selectFrom('aidClaims')
      .select('diagnosisEnc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.diagnosisEnc!.toString('utf8').includes('骨折'));
    assert.equal(t.cipher.decrypt(row.diagnosisEnc!), '右腿胫骨骨折');
    const pre = await api('POST', '/aid/precheck', lijing, {
      coverageCode: 'ACCIDENT_HOSPITAL',
      incidentDate: '2022-04-30',
      answers: { workRelated: 'no', cause: 'accident' },
      days: 6,
    });
    assert.equal(pre.json().estimate.amountFen, 30_000);
  });

  test('uploads are sniffed by content, typed and size-limited; other members get 404', async () => {
    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2015-01-01' } });
    const created = await api('POST', '/aid/claims', workplace, {
      memberId: m.id,
      coverageCode: 'PIPE_BURST',
      incidentDate: '2022-05-01',
      incidentAddress: '昌平区 9 号楼',
      answers: ANSWERS,
    });
    const id = created.json().id;
    const text = await upload(t, workplace, id, 'damagePhotos', Buffer.from('just text, named .jpg'), 'photo.jpg');
    assert.equal(text.statusCode, 415);
    assert.deepEqual(
      text.json().errors.map((e: { field: string }) => e.field),
      ['file'],
    );
    assert.equal((await upload(t, workplace, id, 'selfie', JPEG, 'a.jpg')).statusCode, 400);
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    assert.equal((await upload(t, workplace, id, 'damagePhotos', big, 'big.jpg')).statusCode, 413);
    const ok = await upload(t, workplace, id, 'damagePhotos', JPEG, '照片.jpg');
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().contentType, 'image/jpeg');
    assert.equal(
      (await t.app.inject({ url: `/api/v1/aid/claims/${id}/documents/${ok.json().id}`, headers: lijing })).statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ url: `/api/v1/aid/claims/${id}/documents/${ok.json().id}`, headers: chaoyang })).statusCode,
      404,
    );
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/aid/claims/${id}/documents/${ok.json().id}`,
      headers: workplace,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(
      (await t.app.inject({ url: `/api/v1/aid/claims/${id}/documents/${ok.json().id}`, headers: workplace }))
        .statusCode,
      404,
    );
    const stored = await t.db
      .selectFrom('aidClaimDocuments')
      .select('id')
      .where('claimId', '=', id)
      .where('deletedAt', 'is', null)
      .execute();
    assert.equal(stored.length, 0);
  });
});
