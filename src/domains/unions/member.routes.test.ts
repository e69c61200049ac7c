import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';

// Top-level await: helpers register their clean-up with the file's root `after`.
const t: TestApp = await createTestApp();
const [chaoyang, changping, city, member] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000001'),
]);

async function listAll(headers: { authorization: string }, query = '') {
  const res = await t.app.inject({ url: `/api/v1/members?pageSize=200${query}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    items: { id: string; name: string; unionName: string; idNumberMasked: string }[];
    total: number;
  };
}

describe('members are visible only inside the staff member’s union subtree', () => {
  test('朝阳区 staff see only 朝阳区 members, 昌平区 staff only 昌平区 members', async () => {
    const cy = await listAll(chaoyang);
    const cp = await listAll(changping);
    assert.ok(cy.total > 0 && cp.total > 0);
    assert.ok(
      cy.items.every((m) => ['北京公交客五分公司第三车队工会', '朝阳精密制造有限公司工会'].includes(m.unionName)),
    );
    assert.ok(cp.items.every((m) => m.unionName.includes('昌')));
    const cyIds = new Set(cy.items.map((m) => m.id));
    assert.ok(cp.items.every((m) => !cyIds.has(m.id)));
    const all = await listAll(city);
    assert.equal(all.total, 311);
  });

  test('another district’s member answers 404 by id, and cannot be found by name', async () => {
    const cp = await listAll(changping);
    const lijing = cp.items.find((m) => m.name === '李静')!;
    assert.ok(lijing);
    const res = await t.app.inject({ url: `/api/v1/members/${lijing.id}`, headers: chaoyang });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const search = await listAll(chaoyang, `&q=${encodeURIComponent('李静')}`);
    assert.equal(search.items.filter((m) => m.id === lijing.id).length, 0);
    const own = await t.app.inject({ url: `/api/v1/members/${lijing.id}`, headers: changping });
    assert.equal(own.statusCode, 200);
  });

  test('unionId outside the subtree is refused, inside it narrows the list', async () => {
    const unions = (await t.app.inject({ url: '/api/v1/unions', headers: city })).json().items as {
      id: string;
      code: string;
    }[];
    const kw3 = unions.find((u) => u.code === 'BJ-CY-KW3')!;
    const inside = await listAll(chaoyang, `&unionId=${kw3.id}`);
    assert.ok(inside.items.length > 0);
    assert.ok(inside.items.every((m) => m.unionName === '北京公交客五分公司第三车队工会'));
    const outside = await t.app.inject({ url: `/api/v1/members?unionId=${kw3.id}`, headers: changping });
    assert.equal(outside.statusCode, 404);
  });

  test('ID numbers are masked in lists and details', async () => {
    const all = await listAll(city);
    for (const m of all.items) assert.match(m.idNumberMasked, /^\d{6}\*{8}\d{3}[\dX]$/);
    const detail = (await t.app.inject({ url: `/api/v1/members/${all.items[0]!.id}`, headers: city })).json();
    assert.match(detail.idNumberMasked, /^\d{6}\*{8}\d{3}[\dX]$/);
    assert.ok(!('idNumber' in detail));
  });
});

describe('a member sees only their own record', () => {
  test('own record through /me/member, with card and masked bank account', async () => {
    const res = await t.app.inject({ url: '/api/v1/me/member', headers: member });
    assert.equal(res.statusCode, 200);
    const me = res.json();
    assert.equal(me.name, '李静');
    assert.equal(me.union.name, '北京昌科电子有限公司工会');
    assert.equal(me.cards[0].cardNo, 'HZ2015000001');
    assert.match(me.cards[0].bankAccountMasked, /^\d{4} \*{4} \*{4} \d{4}$/);
  });

  test('cannot list members nor read another member by id', async () => {
    const list = await t.app.inject({ url: '/api/v1/members', headers: member });
    assert.equal(list.statusCode, 403);
    const other = (await listAll(city)).items.find((m) => m.name !== '李静')!;
    const res = await t.app.inject({ url: `/api/v1/members/${other.id}`, headers: member });
    assert.equal(res.statusCode, 404);
  });

  test('without a session everything personal is 401', async () => {
    for (const url of ['/api/v1/members', '/api/v1/me/member', '/api/v1/unions']) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 401, url);
    }
  });
});

describe('revealing a full ID number', () => {
  test('city staff may reveal with a reason, and the reveal is audit-logged', async () => {
    const target = (await listAll(city, `&q=${encodeURIComponent('李静')}`)).items[0]!;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${target.id}/reveal`,
      headers: city,
      payload: { field: 'idNumber', reason: '核对互助金申报' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const { value } = res.json();
    assert.match(value, /^11011419900314\d{3}[\dX]$/);
    assert.equal(`${value.slice(0, 6)}********${value.slice(14)}`, target.idNumberMasked);
    const audit = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'member.reveal')
      .where('entityId', '=', target.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.reason, '核对互助金申报');
    assert.equal(audit[0]!.actorRole, 'city_staff');
  });

  test('district staff may not reveal, and a missing reason is a field error', async () => {
    const target = (await listAll(changping)).items[0]!;
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${target.id}/reveal`,
      headers: changping,
      payload: { field: 'idNumber', reason: '想随便看看而已' },
    });
    assert.equal(denied.statusCode, 403);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${target.id}/reveal`,
      headers: city,
      payload: { field: 'idNumber' },
    });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(
      noReason.json().errors.map((e: { field: string }) => e.field),
      ['body.reason'],
    );
  });
});

describe('enrolling a member by hand', () => {
  async function kw3Id() {
    const unions = (await t.app.inject({ url: '/api/v1/unions', headers: chaoyang })).json().items;
    return unions.find((u: { code: string }) => u.code === 'BJ-CY-KW3').id as string;
  }

  test('malformed phone and wrong ID check character: field errors, nothing written', async () => {
    const before = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: { ...chaoyang, 'accept-language': 'en' },
      payload: { unionId: await kw3Id(), name: '张三', phone: '1381234', idNumber: '110105194912310021' },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.deepEqual(body.errors.map((e: { field: string }) => e.field).sort(), ['body.idNumber', 'body.phone']);
    assert.match(body.errors.find((e: { field: string }) => e.field === 'body.idNumber').message, /check character/);
    const after = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  test('a valid member is created once; the same ID again updates instead of duplicating', async () => {
    const payload = {
      unionId: await kw3Id(),
      name: '张三',
      phone: '13812345678',
      idNumber: '11010519491231002X',
      card: {
        cardNo: 'HZ2024000777',
        validFrom: '2024-01-01',
        validTo: '2027-12-31',
        bankAccount: '6222020200112233446',
      },
    };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: chaoyang, payload });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().outcome, 'inserted');
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: chaoyang, payload });
    assert.equal(again.json().outcome, 'unchanged');
    assert.equal(again.json().id, first.json().id);
    const renamed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: chaoyang,
      payload: { ...payload, idNumber: '11010519491231002x', name: '张叁' },
    });
    assert.equal(renamed.json().outcome, 'updated');
    assert.equal(renamed.json().id, first.json().id);
  });

  test('a bank account with a wrong Luhn check digit is a field error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: chaoyang,
      payload: {
        unionId: await kw3Id(),
        name: '赵六',
        phone: '13912345679',
        idNumber: '110105198001010016',
        card: {
          cardNo: 'HZ2024000778',
          validFrom: '2024-01-01',
          validTo: '2027-12-31',
          bankAccount: '6222020200112233445',
        },
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().errors.map((e: { field: string }) => e.field),
      ['body.card.bankAccount'],
    );
  });

  test('staff cannot enrol into a union outside their subtree', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: changping,
      payload: { unionId: await kw3Id(), name: '王五', phone: '13912345678', idNumber: '11010519491231002X' },
    });
    assert.equal(res.statusCode, 404);
  });
});
