import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { get, post, stockUp, unionId } from './care-test-helpers.ts';

/** PATCH /care/activities/:id: what may change, the date and place rules, and who may change it. */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-care-patch-'));
const t = await createTestApp({ dataDir });
const chaoyang = await t.login('13800000003');
const changping = await t.login('13800000004');
const auditor = await t.login('13800000006');
const kw3 = await unionId(t, 'BJ-CY-KW3');

const patch = (headers: Record<string, string>, id: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/care/activities/${id}`, headers, payload: payload as object });
const detail = async (id: string) => (await get(t, chaoyang, `/care/activities/${id}`)).json();
const fields = (res: { json: () => { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field).sort();

async function newActivity(title: string): Promise<string> {
  const r = await post(t, chaoyang, '/care/activities', {
    title,
    kind: 'summer_relief',
    unionId: kw3,
    startsOn: '2032-07-07',
    endsOn: '2032-07-09',
    places: [
      { name: '806路总站', lng: 116.5869, lat: 39.9235 },
      { name: '东坝场站', lng: 116.5601, lat: 39.9702 },
    ],
    teams: [{ name: '管理人员组', leader: '马建军', members: ['王芳', '刘洋'] }],
    notes: '提醒查验健康码',
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

describe('changing a care activity', async () => {
  const drinks = await stockUp(t, chaoyang, kw3, '修改测试饮料', 20);

  test('the fields sent change, the others stay, and the audit log names them', async () => {
    const id = await newActivity('修改前的名称');
    const before = await detail(id);
    const r = await patch(chaoyang, id, {
      title: '  夏送清凉·公交场站  ',
      kind: 'health',
      teams: [{ name: '一组', leader: '张伟' }],
      notes: '',
    });
    assert.equal(r.statusCode, 204, r.body);
    const after = await detail(id);
    assert.equal(after.title, '夏送清凉·公交场站');
    assert.equal(after.kind, 'health');
    assert.deepEqual(after.teams, [{ name: '一组', leader: '张伟', members: [] }]);
    assert.equal(after.notes, null, 'empty notes clear them');
    assert.deepEqual(
      [after.startsOn, after.endsOn, after.places, after.unionId],
      [before.startsOn, before.endsOn, before.places, kw3],
    );
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('entity', '=', 'care_activity')
      .where('entityId', '=', id)
      .where('action', '=', 'care.activity.update')
      .executeTakeFirstOrThrow();
    assert.deepEqual((audit.detail as { fields: string[] }).fields.sort(), ['kind', 'notes', 'teams', 'title']);
  });

  test('dates: real days, and the range is checked against the stored other end', async () => {
    const id = await newActivity('改日期');
    const backwards = await patch(chaoyang, id, { endsOn: '2032-07-01' });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(fields(backwards), ['body.endsOn']);
    const startAfterEnd = await patch(chaoyang, id, { startsOn: '2032-07-10' });
    assert.deepEqual(fields(startAfterEnd), ['body.endsOn']);
    const noSuchDay = await patch(chaoyang, id, { startsOn: '2032-02-30', endsOn: '2032-03-01' });
    assert.equal(noSuchDay.statusCode, 400);
    assert.deepEqual(fields(noSuchDay), ['body.startsOn']);
    const badShape = await patch(chaoyang, id, { endsOn: '2032/07/20' });
    assert.equal(badShape.statusCode, 400);
    assert.deepEqual(fields(badShape), ['body.endsOn']);
    const unchanged = await detail(id);
    assert.deepEqual([unchanged.startsOn, unchanged.endsOn], ['2032-07-07', '2032-07-09']);

    assert.equal((await patch(chaoyang, id, { startsOn: '2032-08-01', endsOn: '2032-08-03' })).statusCode, 204);
    assert.equal((await patch(chaoyang, id, { endsOn: '2032-08-01' })).statusCode, 204, 'a one-day activity');
    const moved = await detail(id);
    assert.deepEqual([moved.startsOn, moved.endsOn], ['2032-08-01', '2032-08-01']);
    const august = (await get(t, chaoyang, '/care/activities?from=2032-08-01&to=2032-08-31')).json().items;
    assert.ok(
      august.some((a: { id: string }) => a.id === id),
      'the calendar finds it in its new month',
    );
  });

  test('places with handouts must stay; the others may go, and new ones are checked', async () => {
    const id = await newActivity('改地点');
    const handout = await post(t, chaoyang, `/care/activities/${id}/handouts`, {
      itemId: drinks,
      quantity: 5,
      placeName: '806路总站',
      handedOn: '2032-07-07',
    });
    assert.equal(handout.statusCode, 201, handout.body);

    const dropped = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/care/activities/${id}`,
      headers: { ...chaoyang, 'accept-language': 'zh-CN' },
      payload: { places: [{ name: '东坝场站', lng: 116.5601, lat: 39.9702 }] },
    });
    assert.equal(dropped.statusCode, 400);
    assert.deepEqual(fields(dropped), ['body.places']);
    assert.match(dropped.json().errors[0].message, /806路总站/);
    assert.deepEqual(
      (await detail(id)).places.map((p: { name: string }) => p.name),
      ['806路总站', '东坝场站'],
      'nothing changed',
    );

    const station = await t.db.selectFrom('stations').select(['code', 'lng', 'lat']).limit(1).executeTakeFirstOrThrow();
    const unknown = await patch(chaoyang, id, {
      places: [
        { name: '806路总站', lng: 116.5869, lat: 39.9235 },
        { name: '驿站', stationCode: 'NOPE-404' },
      ],
    });
    assert.deepEqual(fields(unknown), ['body.places.1.stationCode']);

    const kept = await patch(chaoyang, id, {
      places: [
        { name: '806路总站', lng: 116.5869, lat: 39.9235 },
        { name: '驿站', stationCode: station.code },
      ],
    });
    assert.equal(kept.statusCode, 204, kept.body);
    assert.deepEqual((await detail(id)).places, [
      { name: '806路总站', stationCode: null, lng: 116.5869, lat: 39.9235 },
      { name: '驿站', stationCode: station.code, lng: station.lng, lat: station.lat },
    ]);
    // the handout still belongs to a place of the activity
    assert.deepEqual((await get(t, chaoyang, `/care/activities/${id}/report`)).json().byPlace[0], {
      placeName: '806路总站',
      peopleReached: 0,
      itemsHandedOut: 5,
    });
  });

  test('the union cannot change, and only staff who manage its subtree may change the rest', async () => {
    const id = await newActivity('别的区不能改');
    const changpingUnion = await unionId(t, 'BJ-CP');
    const move = await patch(chaoyang, id, { unionId: changpingUnion });
    assert.equal(move.statusCode, 400);
    assert.deepEqual(fields(move), ['body.unionId']);

    const otherDistrict = await patch(changping, id, { title: '昌平改的' });
    assert.equal(otherDistrict.statusCode, 404, 'another district does not even see it');
    const readOnly = await patch(auditor, id, { title: '审计改的' });
    assert.equal(readOnly.statusCode, 403, 'the auditor reads care but changes nothing');
    const anonymous = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/care/activities/${id}`,
      payload: { title: '匿名' },
    });
    assert.equal(anonymous.statusCode, 401);
    const after = await detail(id);
    assert.deepEqual([after.title, after.unionId], ['别的区不能改', kw3]);

    const missing = await patch(chaoyang, '01900000-0000-7000-8000-000000000000', { title: 'x' });
    assert.equal(missing.statusCode, 404);
  });
});
