import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { JPEG, PDF, STORY_ANSWERS, upload } from './aid-test-helpers.ts';
import { REASON_CODES } from './eligibility.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-checks-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ clock: fixedClock('2022-05-16T02:00:00Z'), dataDir });
const [lijing, workplace, chaoyang, city] = await Promise.all([
  t.login('13800000001'),
  t.login('13800000002'),
  t.login('13800000003'),
  t.login('13800000005'),
]);
type H = Record<string, string>;
const api = (method: 'GET' | 'POST', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

const created = await api('POST', '/aid/claims', lijing, {
  coverageCode: 'PIPE_BURST',
  incidentDate: '2021-11-20',
  incidentAddress: '北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602',
  answers: { ...STORY_ANSWERS, neighboursDamaged: 'no' },
  claimedLossFen: 600_000,
});
assert.equal(created.statusCode, 201, created.body);
const id = created.json().id as string;

test('staff see every automatic check of a claim, the failing ones with coded, worded reasons', async () => {
  const res = await api('GET', `/aid/claims/${id}/checks`, workplace);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.checkedOn, '2022-05-16');
  assert.equal(body.eligible, false);
  assert.deepEqual(
    body.checks.map((c: { code: string }) => c.code),
    [...REASON_CODES],
  );
  const failed = body.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { code: string }) => c.code);
  assert.deepEqual(failed, ['missingDocuments']);
  assert.equal(body.reasons[0].code, 'missingDocuments');
  assert.match(body.reasons[0].message, /^缺少申报材料：受损现场及财物照片、/);
  // half of the 6,000-yuan loss
  assert.equal(body.estimate.amountFen, 300_000);
  assert.equal(body.lossFen, 600_000);
  assert.equal(body.deadline, '2023-11-20');
});

test('once the documents are there every check passes; English on request', async () => {
  for (const type of ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard'])
    assert.equal(
      (await upload(t, lijing, id, type, type === 'damagePhotos' ? JPEG : PDF, `${type}.pdf`)).statusCode,
      201,
    );
  const res = await api('GET', `/aid/claims/${id}/checks`, { ...city, 'accept-language': 'en' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().eligible, true);
  assert.ok(res.json().checks.every((c: { passed: boolean }) => c.passed));
  assert.deepEqual(res.json().reasons, []);
});

test('members, and staff outside the subtree, cannot read the checks', async () => {
  assert.equal((await api('GET', `/aid/claims/${id}/checks`, lijing)).statusCode, 404);
  assert.equal((await api('GET', `/aid/claims/${id}/checks`, chaoyang)).statusCode, 404);
  assert.equal((await t.app.inject({ url: `/api/v1/aid/claims/${id}/checks` })).statusCode, 401);
});
