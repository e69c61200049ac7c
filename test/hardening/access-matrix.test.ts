/**
 * Access control, every route × every role, through HTTP. The route list comes from the OpenAPI document and the rule
 * for each from `access-table.ts` (read from the route files); the matrix checks the door (401 without a session,
 * 403 without the permission), then records of another subtree (403/404), id-guessing between members (404) and
 * session revocation (logout, disabled account → 401 everywhere).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JPEG, upload } from '../../src/domains/aid/aid-test-helpers.ts';
import { hashPassword } from '../../src/platform/password.ts';
import { hasPermission } from '../../src/platform/permissions.ts';
import type { Role } from '../../src/platform/roles.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { createTestApp } from '../app.ts';
import { type AccessOperation, requestFor, withParams } from './access-requests.ts';
import { type AccessRule, ROUTE_RULES } from './access-table.ts';
import { operationsOf } from './openapi-cases.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-access-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ dataDir });
const ACTORS: { phone: string; role: Role; label: string }[] = [
  { phone: '13800000001', role: 'member', label: 'member BJ-CP-CKDZ' },
  { phone: '13800000002', role: 'workplace_staff', label: 'workplace staff BJ-CP-CKDZ' },
  { phone: '13800000003', role: 'district_staff', label: 'district staff BJ-CY' },
  { phone: '13800000004', role: 'district_staff', label: 'district staff BJ-CP' },
  { phone: '13800000005', role: 'city_staff', label: 'city staff BJ' },
  { phone: '13800000006', role: 'auditor', label: 'auditor' },
  { phone: '13800000007', role: 'admin', label: 'admin' },
  { phone: '13800000008', role: 'station_operator', label: 'station operator' },
];
const auth = new Map<string, { authorization: string }>();
for (const a of ACTORS) auth.set(a.phone, await t.login(a.phone));
const as = (phone: string) => auth.get(phone)!;

const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
const operations = withParams(doc, operationsOf(doc));
const keyOf = (op: AccessOperation) => `${op.method} ${op.path.replace(/^\/api\/v1/, '')}`;
// Valid bodies the generic sampler cannot guess; without them the validator answers 400 before the route's guard.
const BODY_OVERRIDES: Record<string, unknown> = {
  'PUT /surveys/{id}/definition': {
    definition: {
      title: '测试',
      sections: [{ id: 's1', title: '一', questions: [{ id: 'q1', type: 'text', title: '意见', required: false }] }],
    },
  },
};

function allows(rule: AccessRule, role: Role): boolean {
  if (rule === 'public' || rule === 'signedIn') return true;
  if (rule === 'member') return role === 'member';
  if (typeof rule === 'object') return rule.roles.includes(role);
  return hasPermission(role, rule);
}

async function send(op: AccessOperation, headers: Record<string, string>, fill?: (p: string) => string | undefined) {
  const req = requestFor(op, fill, { body: BODY_OVERRIDES[keyOf(op)] });
  return t.app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: { ...headers, ...req.headers },
    payload: req.payload,
  });
}

const get = async (url: string, phone: string) => t.app.inject({ method: 'GET', url, headers: as(phone) });

/** Status and a short body for assertion messages. */
const said = (res: { statusCode: number; body: string }) => `${res.statusCode} ${res.body.slice(0, 200)}`;

describe('access matrix: the door of every route', () => {
  test('the table has a rule for every route of the OpenAPI document, and no stale rule', () => {
    const inDoc = new Set(operations.map(keyOf));
    const missing = [...inDoc].filter((k) => !(k in ROUTE_RULES));
    const stale = Object.keys(ROUTE_RULES).filter((k) => !inDoc.has(k));
    assert.deepEqual(missing, [], 'routes without an access rule in test/hardening/access-table.ts');
    assert.deepEqual(stale, [], 'rules for routes the API no longer has');
    assert.ok(inDoc.size > 200, `${inDoc.size} operations`);
  });

  for (const op of operations) {
    const key = keyOf(op);
    if (key === 'POST /auth/logout') continue; // would end the sessions the matrix runs on (see revocation below)
    test(key, async () => {
      const rule = ROUTE_RULES[key];
      assert.ok(rule, `no rule for ${key}`);
      const anonymous = await send(op, {});
      // A refused sign-in is the one public 401.
      if (rule === 'public') {
        if (key !== 'POST /auth/login')
          assert.notEqual(anonymous.statusCode, 401, `${key} is public: ${said(anonymous)}`);
      } else {
        assert.equal(anonymous.statusCode, 401, `${key} without a session: ${said(anonymous)}`);
        // nor does a visitor learn the route's fields: input that fails validation gets the same 401, not a 400
        const junk = await t.app.inject({
          method: op.method as 'GET',
          url: `${requestFor(op, () => 'not an id').url.split('?')[0]}?page=-1&pageSize=many&from=yesterday`,
          headers: { 'content-type': 'application/json' },
          payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : '{"unknown": [',
        });
        assert.equal(junk.statusCode, 401, `${key} without a session, bad input: ${said(junk)}`);
      }
      for (const actor of ACTORS) {
        const res = await send(op, as(actor.phone));
        const where = `${key} as ${actor.label}: ${said(res)}`;
        assert.ok(res.statusCode < 500, where);
        if (key !== 'POST /auth/login') assert.notEqual(res.statusCode, 401, where);
        if (allows(rule, actor.role)) assert.notEqual(res.statusCode, 403, `${where} (rule ${JSON.stringify(rule)})`);
        else if (op.pathParams.length === 0) assert.equal(res.statusCode, 403, where);
        // A route on one record may look it up first: refusing with 404 also hides that it exists.
        else assert.ok([403, 404].includes(res.statusCode), where);
      }
    });
  }
});

// Records of the demo data, and who must not see them.
const union = async (code: string) =>
  (await t.db.selectFrom('unions').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow()) as {
    id: string;
    path: string;
  };
const cy = await union('BJ-CY');
const ckdz = await union('BJ-CP-CKDZ');
const memberAccount = await t.db
  .selectFrom('accounts')
  .select(['memberId'])
  .where('phone', '=', '13800000001')
  .executeTakeFirstOrThrow();
const ownMemberId = memberAccount.memberId!;
// 李静 has no claim in the demo: the claims checked belong to a colleague of hers in BJ-CP-CKDZ, and the demo has no
// documents, so her workplace union files one on a claim that still takes documents.
const ckdzClaims = await t.db
  .selectFrom('aidClaims')
  .select(['id', 'memberId', 'unionPath'])
  .where('unionPath', '=', ckdz.path)
  .execute();
let claimWithDocs: (typeof ckdzClaims)[number] | undefined;
const uploads: string[] = [];
for (const c of ckdzClaims) {
  for (const type of ['damagePhotos', 'idCard', 'aidCard']) {
    const res = await upload(t, as('13800000002'), c.id, type, JPEG, '照片.jpg');
    uploads.push(`${res.statusCode} ${res.body.slice(0, 120)}`);
    if (res.statusCode === 201) claimWithDocs = c;
  }
  if (claimWithDocs) break;
}
assert.ok(claimWithDocs, `no document could be filed on a BJ-CP-CKDZ claim: ${uploads.join('; ')}`);

describe('access matrix: records of another subtree', () => {
  // Staff of 朝阳 (BJ-CY, …03) against records of 昌平 (BJ-CP): each must be refused, while 昌平's own staff see it.
  const OUTSIDER = '13800000003';
  const INSIDER = '13800000004';

  test('claims and claim documents', async () => {
    const claim = claimWithDocs!;
    assert.equal((await get(`/api/v1/aid/claims/${claim.id}`, INSIDER)).statusCode, 200);
    assert.ok([403, 404].includes((await get(`/api/v1/aid/claims/${claim.id}`, OUTSIDER)).statusCode));
    const list = await get('/api/v1/aid/claims?pageSize=200', OUTSIDER);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(claim.id), 'another subtree’s claim in the queue');
    const docs = await t.db
      .selectFrom('aidClaimDocuments as d')
      .innerJoin('aidClaims as c', 'c.id', 'd.claimId')
      .select(['d.id', 'd.claimId'])
      .where('c.unionPath', 'like', `${ckdz.path}%`)
      .execute();
    assert.ok(docs.length > 0, 'claim documents in BJ-CP-CKDZ');
    for (const d of docs.slice(0, 3)) {
      const url = `/api/v1/aid/claims/${d.claimId}/documents/${d.id}`;
      assert.ok([403, 404].includes((await get(url, OUTSIDER)).statusCode), url);
      assert.equal((await get(url, INSIDER)).statusCode, 200, url);
    }
  });

  test('members', async () => {
    assert.equal((await get(`/api/v1/members/${ownMemberId}`, INSIDER)).statusCode, 200);
    assert.ok([403, 404].includes((await get(`/api/v1/members/${ownMemberId}`, OUTSIDER)).statusCode));
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${ownMemberId}/reveal`,
      headers: as(OUTSIDER),
      payload: { field: 'idNumber', reason: '核对身份信息' },
    });
    assert.ok([400, 403, 404].includes(reveal.statusCode), said(reveal));
    const list = await get(`/api/v1/members?unionId=${ckdz.id}`, OUTSIDER);
    assert.ok([200, 403, 404].includes(list.statusCode), said(list));
    if (list.statusCode === 200) assert.ok(!list.body.includes(ownMemberId), 'BJ-CP member listed to BJ-CY staff');
  });

  test('survey results, exports and text answers', async () => {
    const surveys = await t.db.selectFrom('surveys').select(['id', 'ownerUnionPath']).execute();
    const outside = surveys.filter(
      (s) => !s.ownerUnionPath.startsWith(cy.path) && !cy.path.startsWith(s.ownerUnionPath),
    );
    assert.ok(outside.length > 0, 'the demo has a survey outside BJ-CY');
    for (const s of outside) {
      for (const tail of ['', '/results', '/export.csv', '/definition.json']) {
        const res = await get(`/api/v1/surveys/${s.id}${tail}`, OUTSIDER);
        assert.ok([403, 404].includes(res.statusCode), `survey ${s.ownerUnionPath}${tail}: ${said(res)}`);
      }
      assert.equal((await get(`/api/v1/surveys/${s.id}/results`, '13800000007')).statusCode, 200);
    }
    const list = await get('/api/v1/surveys', OUTSIDER);
    for (const s of outside) assert.ok(!list.body.includes(s.id), 'another subtree’s survey listed');
  });

  test('care stock, distributions and activities', async () => {
    const stock = await t.db
      .selectFrom('careStock')
      .select(['unionId', 'unionPath'])
      .where('unionPath', 'not like', `${cy.path}%`)
      .execute();
    assert.ok(stock.length > 0, 'the demo has stock outside BJ-CY');
    const list = await get('/api/v1/care/stock', OUTSIDER);
    assert.equal(list.statusCode, 200);
    for (const s of stock) assert.ok(!list.body.includes(s.unionId), `stock of ${s.unionPath} shown to BJ-CY`);
    const dists = await t.db
      .selectFrom('careDistributions as d')
      .innerJoin('unions as u', 'u.id', 'd.fromUnionId')
      .select(['d.id', 'u.path'])
      .where('u.path', 'not like', `${cy.path}%`)
      .execute();
    for (const d of dists) {
      const res = await get(`/api/v1/care/distributions/${d.id}`, OUTSIDER);
      // The city federation's own distribution reaches into every district; only a foreign one must be hidden.
      if (!cy.path.startsWith(d.path)) assert.ok([403, 404].includes(res.statusCode), `${d.path}: ${said(res)}`);
    }
  });

  test('hotline consultations', async () => {
    const rows = await t.db
      .selectFrom('hotlineConsultations')
      .select(['id', 'unionPath'])
      .where('unionPath', 'not like', `${cy.path}%`)
      .execute();
    assert.ok(rows.length > 0, 'the demo has consultations outside BJ-CY');
    for (const r of rows.slice(0, 5)) {
      const res = await get(`/api/v1/hotline/consultations/${r.id}`, OUTSIDER);
      if (!cy.path.startsWith(r.unionPath)) assert.ok([403, 404].includes(res.statusCode), said(res));
      assert.equal((await get(`/api/v1/hotline/consultations/${r.id}`, '13800000005')).statusCode, 200);
    }
  });

  test('stations: another district’s, and a station operator’s unlinked stations', async () => {
    const other = await t.db
      .selectFrom('stations')
      .select(['code', 'id'])
      .where('unionPath', 'not like', `${cy.path}%`)
      .where('unionPath', '!=', (await union('BJ')).path)
      .executeTakeFirstOrThrow();
    const res = await get(`/api/v1/stations/${other.code}`, OUTSIDER);
    assert.ok([403, 404].includes(res.statusCode), said(res));
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/stations/${other.code}`,
      headers: as(OUTSIDER),
      payload: { name: '改名' },
    });
    assert.ok([403, 404].includes(patch.statusCode), said(patch));
    const operator = await t.db
      .selectFrom('accounts')
      .select('id')
      .where('phone', '=', '13800000008')
      .executeTakeFirstOrThrow();
    const unlinked = await t.db
      .selectFrom('stations')
      .select('code')
      .where(
        'id',
        'not in',
        t.db.selectFrom('stationOperators').select('stationId').where('accountId', '=', operator.id),
      )
      .executeTakeFirstOrThrow();
    const op = await get(`/api/v1/stations/${unlinked.code}`, '13800000008');
    assert.ok([403, 404].includes(op.statusCode), `operator on an unlinked station: ${said(op)}`);
  });
});

// A second member account: 李静's colleague whose claim now carries a document. Neither may see the other's records.
const neighbour = await t.db
  .selectFrom('members')
  .select(['id', 'unionId'])
  .where('id', '=', claimWithDocs!.memberId)
  .executeTakeFirstOrThrow();
await t.db
  .insertInto('accounts')
  .values({
    id: '01900000-0000-7000-8000-00000000abcd',
    phone: '13800009999',
    displayName: '邻居',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'member',
    unionId: neighbour.unionId,
    memberId: neighbour.id,
  })
  .execute();
const other = await t.login('13800009999');
const otherGet = (url: string) => t.app.inject({ method: 'GET', url, headers: other });

describe('access matrix: id-guessing between members (IDOR)', () => {
  test('claims and their documents', async () => {
    const claims = await t.db.selectFrom('aidClaims').select('id').where('memberId', '=', neighbour.id).execute();
    assert.ok(claims.length > 0);
    const attacker = as('13800000001');
    for (const c of claims) {
      assert.equal((await otherGet(`/api/v1/aid/my/claims/${c.id}`)).statusCode, 200, 'the owner sees the claim');
      for (const url of [
        `/api/v1/aid/my/claims/${c.id}`,
        `/api/v1/aid/claims/${c.id}`,
        `/api/v1/aid/claims/${c.id}/checks`,
      ]) {
        const res = await get(url, '13800000001');
        assert.equal(res.statusCode, 404, `${url}: ${said(res)}`);
      }
      const docs = await t.db.selectFrom('aidClaimDocuments').select('id').where('claimId', '=', c.id).execute();
      for (const d of docs) {
        const res = await get(`/api/v1/aid/claims/${c.id}/documents/${d.id}`, '13800000001');
        assert.equal(res.statusCode, 404, said(res));
        const del = await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/aid/claims/${c.id}/documents/${d.id}`,
          headers: attacker,
        });
        assert.equal(del.statusCode, 404, said(del));
      }
    }
    const mine = await get('/api/v1/aid/my/claims', '13800000001');
    for (const c of claims) assert.ok(!mine.body.includes(c.id), 'another member’s claim in my list');
  });

  test('member records', async () => {
    const res = await otherGet(`/api/v1/members/${ownMemberId}`);
    assert.ok([403, 404].includes(res.statusCode), said(res));
    assert.ok(!(await otherGet('/api/v1/me/member')).body.includes(ownMemberId));
  });

  test('survey drafts', async () => {
    const open = (await get('/api/v1/me/surveys', '13800000001')).json().items as { id: string }[];
    assert.ok(open.length > 0, 'the member has an open survey');
    const surveyId = open[0]!.id;
    const secret = `草稿-${Date.now()}`;
    const form = (await get(`/api/v1/me/surveys/${surveyId}`, '13800000001')).json();
    const question = JSON.stringify(form).match(/"id":"([A-Za-z][\w-]*)","kind":"text"/)?.[1];
    const draft = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/surveys/${surveyId}/draft`,
      headers: as('13800000001'),
      payload: { answers: question ? { [question]: secret } : {} },
    });
    assert.ok(draft.statusCode < 300, said(draft));
    const theirs = await otherGet(`/api/v1/me/surveys/${surveyId}`);
    assert.ok([200, 404].includes(theirs.statusCode), said(theirs));
    assert.ok(!theirs.body.includes(secret), 'another member’s draft answer leaked');
  });

  test('care hand-overs', async () => {
    const handovers = await t.db
      .selectFrom('careHandovers as h')
      .innerJoin('careDistributionLines as l', 'l.id', 'h.lineId')
      .select(['h.id', 'h.confirmToken'])
      .where('l.toMemberId', '=', ownMemberId)
      .execute();
    const theirs = await otherGet('/api/v1/me/care/handovers');
    assert.equal(theirs.statusCode, 200);
    for (const h of handovers) {
      assert.ok(!theirs.body.includes(h.id), 'another member’s hand-over listed');
      if (!h.confirmToken) continue;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/care/handovers/confirm',
        headers: other,
        payload: { token: h.confirmToken },
      });
      assert.ok([403, 404].includes(res.statusCode), said(res));
    }
  });
});

describe('access matrix: session revocation', () => {
  const protectedOps = operations.filter((op) => ROUTE_RULES[keyOf(op)] !== 'public');

  async function assert401Everywhere(headers: Record<string, string>, why: string) {
    for (const op of protectedOps) {
      const res = await send(op, headers);
      assert.equal(res.statusCode, 401, `${keyOf(op)} ${why}: ${said(res)}`);
    }
  }

  test('after logout the old token gets 401 on every protected route', async () => {
    const staff = await t.login('13800000002');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: staff })).statusCode, 200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: staff });
    assert.ok(out.statusCode < 300, said(out));
    await assert401Everywhere(staff, 'after logout');
  });

  test('a disabled account’s live token gets 401 on every protected route', async () => {
    const auditor = await t.login('13800000006');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/members', headers: auditor })).statusCode, 200);
    await sql`update accounts set disabled_at = now() where phone = '13800000006'`.execute(t.db);
    await assert401Everywhere(auditor, 'after the account was disabled');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: '13800000006', password: DEMO_PASSWORD },
    });
    assert.ok([401, 403, 429].includes(again.statusCode), `a disabled account signs in: ${said(again)}`);
  });
});
