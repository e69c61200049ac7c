import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { SECURITY_HEADERS } from '../../platform/security-headers.ts';
import { JPEG, PDF, STORY_ANSWERS, upload } from './aid-test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-frame-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ clock: fixedClock('2022-05-16T02:00:00Z'), dataDir });
const [lijing, workplace] = await Promise.all([t.login('13800000001'), t.login('13800000002')]);

test('a document may be framed by our own pages (the reviewer sees it beside the claim), and runs nothing', async () => {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/claims',
    headers: lijing,
    payload: {
      coverageCode: 'PIPE_BURST',
      incidentDate: '2021-11-20',
      incidentAddress: '北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602',
      answers: STORY_ANSWERS,
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  for (const [type, data] of [
    ['propertyCertificate', PDF],
    ['damagePhotos', JPEG],
  ] as const) {
    const res = await upload(t, lijing, id, type, data, `${type}.bin`);
    assert.equal(res.statusCode, 201, res.body);
    const doc = await t.app.inject({ url: `/api/v1/aid/claims/${id}/documents/${res.json().id}`, headers: workplace });
    assert.equal(doc.statusCode, 200);
    const csp = String(doc.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.doesNotMatch(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(doc.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(doc.headers['x-content-type-options'], 'nosniff');
  }
  // every other answer keeps the site-wide policy: no framing at all
  const view = await t.app.inject({ url: `/api/v1/aid/claims/${id}`, headers: workplace });
  assert.equal(view.headers['content-security-policy'], SECURITY_HEADERS['content-security-policy']);
  assert.match(String(view.headers['content-security-policy']), /frame-ancestors 'none'/);
});
