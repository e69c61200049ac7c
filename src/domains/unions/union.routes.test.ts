import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';

const t = await createTestApp();
const [chaoyang, workplace, city] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000002'),
  t.login('13800000005'),
]);

type UnionItem = { id: string; code: string; parentId: string | null; regionName: string; memberCount: number };
const unionsOf = async (headers: { authorization: string }) =>
  (await t.app.inject({ url: '/api/v1/unions', headers })).json().items as UnionItem[];

describe('the union tree', () => {
  test('each staff member gets exactly their subtree, in tree order, with region names and member counts', async () => {
    assert.deepEqual(
      (await unionsOf(chaoyang)).map((u) => u.code),
      ['BJ-CY', 'BJ-CY-KW3', 'BJ-CY-JMZZ'],
    );
    assert.deepEqual(
      (await unionsOf(workplace)).map((u) => u.code),
      ['BJ-CP-CKDZ'],
    );
    const all = await unionsOf(city);
    assert.equal(all.length, 11);
    assert.equal(all[0]!.code, 'BJ');
    assert.equal(all[0]!.parentId, null);
    const cy = all.find((u) => u.code === 'BJ-CY')!;
    assert.equal(cy.regionName, '北京市朝阳区');
    assert.equal(all.find((u) => u.code === 'BJ-CP-CKDZ')!.memberCount, 61);
  });

  test('district staff add a workplace union below their district', async () => {
    const cy = (await unionsOf(chaoyang)).find((u) => u.code === 'BJ-CY')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: chaoyang,
      payload: {
        parentId: cy.id,
        code: 'bj-cy-kd',
        name: '朝阳快递网点联合工会',
        kind: 'workplace',
        regionCode: '110105',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().code, 'BJ-CY-KD');
    assert.ok((await unionsOf(chaoyang)).some((u) => u.code === 'BJ-CY-KD'));
    const audit = await t.db.selectFrom('auditLog').select('entityId').where('action', '=', 'union.create').execute();
    assert.deepEqual(
      audit.map((a) => a.entityId),
      [res.json().id],
    );
  });

  test('unknown region code, a region outside the parent and an upside-down kind are field errors', async () => {
    const cy = (await unionsOf(chaoyang)).find((u) => u.code === 'BJ-CY')!;
    const before = (await unionsOf(city)).length;
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: { ...chaoyang, 'accept-language': 'en' },
      payload: { parentId: cy.id, code: 'BJ-CY-X1', name: '测试工会', kind: 'workplace', regionCode: '110199' },
    });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().errors, [{ field: 'body.regionCode', message: 'is not a GB/T 2260 region code' }]);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: chaoyang,
      payload: { parentId: cy.id, code: 'BJ-CY-X2', name: '测试工会', kind: 'workplace', regionCode: '310101' },
    });
    assert.equal(outside.json().errors[0].field, 'body.regionCode');
    const upsideDown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: chaoyang,
      payload: { parentId: cy.id, code: 'BJ-CY-X3', name: '测试工会', kind: 'city', regionCode: '110105' },
    });
    assert.equal(upsideDown.json().errors[0].field, 'body.kind');
    assert.equal((await unionsOf(city)).length, before);
  });

  test('workplace staff may not add unions; nobody may add outside their subtree; codes are unique', async () => {
    const all = await unionsOf(city);
    const ckdz = all.find((u) => u.code === 'BJ-CP-CKDZ')!;
    const cp = all.find((u) => u.code === 'BJ-CP')!;
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: workplace,
      payload: {
        parentId: ckdz.id,
        code: 'BJ-CP-CKDZ-1',
        name: '昌科研发职工小家',
        kind: 'home',
        regionCode: '110114',
      },
    });
    assert.equal(denied.statusCode, 403);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: chaoyang,
      payload: { parentId: cp.id, code: 'BJ-CP-NEW', name: '昌平新工会', kind: 'workplace', regionCode: '110114' },
    });
    assert.equal(outside.statusCode, 404);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unions',
      headers: city,
      payload: { parentId: cp.id, code: 'BJ-CP-CKDZ', name: '重复编码工会', kind: 'workplace', regionCode: '110114' },
    });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().errors[0].field, 'body.code');
  });
});
