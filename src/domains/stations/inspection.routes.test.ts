import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';

const t = await createTestApp();
const [chaoyang, changping, city, operator, member, auditor] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000008'),
  t.login('13800000001'),
  t.login('13800000006'),
]);
const station = (name: string) =>
  t.db.selectFrom('stations').select(['id', 'code']).where('name', '=', name).executeTakeFirstOrThrow();
const sanlitun = await station('三里屯太古里驿站'); // 朝阳区
const wangjing = await station('望京SOHO户外劳动者服务站'); // 朝阳区, run by the demo operator
const KEYS = ['sign_visible', 'open_as_posted', 'water_available', 'clean', 'welcome_statement', 'amenities_as_listed'];
const answers = (failing: string[] = []) => KEYS.map((key) => ({ key, ok: !failing.includes(key) }));

const post = (url: string, payload: object, headers: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/stations/${url}`, payload, headers: headers as Record<string, string> });

describe('inspections', () => {
  test('district staff inspect a station of their subtree; the score is the weighted share of ok items', async () => {
    const res = await post(
      `${sanlitun.code}/inspections`,
      {
        results: answers(['open_as_posted', 'clean']),
        notes: '下午到访，门未按时开',
        photoRefs: ['files/insp-1.jpg'],
        inspectedOn: '2026-01-05',
      },
      chaoyang,
    );
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.score, 60); // 100 − 25 − 15
    assert.equal(body.passScore, 60);
    assert.equal(body.passed, true);
    assert.ok(Number.isInteger(body.healthScore));
    const row = await t.db
      .selectFrom('stationInspections')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.stationId, sanlitun.id);
    assert.deepEqual(row.photoRefs, ['files/insp-1.jpg']);
    assert.equal(row.inspectedOn, '2026-01-05');
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', body.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'station.inspection.create');
  });

  test('one failing item more fails the inspection; history lists it first', async () => {
    const res = await post(
      `${sanlitun.code}/inspections`,
      { results: answers(['open_as_posted', 'clean', 'sign_visible']) },
      city,
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().score, 45);
    assert.equal(res.json().passed, false);
    const history = await t.app.inject({ url: `/api/v1/stations/${sanlitun.code}/inspections`, headers: chaoyang });
    assert.equal(history.statusCode, 200);
    const items = history.json().items;
    assert.equal(items[0].score, 45);
    assert.equal(items[0].inspector.name, '吴芳（北京市总工会）');
    assert.equal(items[0].results.length, 6);
  });

  test('scope and roles: other districts see nothing, operators and auditors may not inspect', async () => {
    assert.equal((await post(`${sanlitun.code}/inspections`, { results: answers() }, changping)).statusCode, 404);
    assert.equal((await post(`${wangjing.code}/inspections`, { results: answers() }, operator)).statusCode, 403);
    assert.equal((await post(`${sanlitun.code}/inspections`, { results: answers() }, auditor)).statusCode, 403);
    assert.equal((await post(`${sanlitun.code}/inspections`, { results: answers() }, member)).statusCode, 404);
    const history = await t.app.inject({ url: `/api/v1/stations/${wangjing.code}/inspections`, headers: operator });
    assert.equal(history.statusCode, 200, 'an operator reads the inspections of its own station');
  });

  test('bad input is a field-level 400 and writes nothing', async () => {
    const before = await t.db.selectFrom('stationInspections').select('id').execute();
    const missing = await post(`${sanlitun.code}/inspections`, { results: answers().slice(1) }, chaoyang);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      missing.json().errors.map((e: { field: string }) => e.field),
      ['body.results.sign_visible'],
    );
    const future = await post(
      `${sanlitun.code}/inspections`,
      { results: answers(), inspectedOn: '2999-01-01' },
      chaoyang,
    );
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().errors[0].field, 'body.inspectedOn');
    const checklist = await post(
      `${sanlitun.code}/inspections`,
      { results: answers(), checklistId: '01900000-0000-7000-8000-00000000ffff' },
      chaoyang,
    );
    assert.equal(checklist.statusCode, 400);
    assert.equal((await t.db.selectFrom('stationInspections').select('id').execute()).length, before.length);
  });

  test('checklists are configuration: district staff add one, the new default is used', async () => {
    const list = await t.app.inject({ url: '/api/v1/stations/checklists', headers: operator });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items[0].isDefault, true);
    assert.equal(list.json().items[0].items.length, 6);
    const bad = await post(
      'checklists',
      {
        name: '夏季',
        passScore: 70,
        items: [
          { key: 'cool', label: '空调', weight: 50 },
          { key: 'cool', label: '冷饮', weight: 50 },
        ],
      },
      chaoyang,
    );
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.items.1.key');
    const forbidden = await post(
      'checklists',
      { name: 'x', passScore: 1, items: [{ key: 'a', label: 'a', weight: 1 }] },
      auditor,
    );
    assert.equal(forbidden.statusCode, 403);
    const created = await post(
      'checklists',
      {
        name: '夏季防暑巡查表',
        passScore: 70,
        isDefault: true,
        items: [
          { key: 'air_conditioning', label: '空调正常', weight: 60 },
          { key: 'cold_drinks', label: '供应防暑饮品', weight: 40 },
        ],
      },
      chaoyang,
    );
    assert.equal(created.statusCode, 201, created.body);
    const res = await post(
      `${sanlitun.code}/inspections`,
      {
        results: [
          { key: 'air_conditioning', ok: true },
          { key: 'cold_drinks', ok: false, note: '冰柜坏了' },
        ],
      },
      chaoyang,
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().score, res.json().passed], [60, false]);
    const defaults = await t.db.selectFrom('stationChecklists').select('id').where('isDefault', '=', true).execute();
    assert.deepEqual(
      defaults.map((d) => d.id),
      [created.json().id],
    );
  });

  test('an exited station is not inspected', async () => {
    const exited = await t.db
      .selectFrom('stations')
      .select('code')
      .where('status', '=', 'exited')
      .executeTakeFirstOrThrow();
    const res = await post(`${exited.code}/inspections`, { results: answers() }, city);
    assert.equal(res.statusCode, 409);
  });
});
