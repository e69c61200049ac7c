import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { parseStationCode } from './station-code.ts';

const t: TestApp = await createTestApp();
const [chaoyang, changping, city, auditor, operator, member] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000006'),
  t.login('13800000008'),
  t.login('13800000001'),
]);

const NEW_STATION = {
  name: '望京东园快递驿站',
  address: '北京市朝阳区望京东园四区',
  regionCode: '110105',
  managementMode: 'purchased',
  lng: 116.487,
  lat: 40.003,
  openingHoursText: '周一至周五 08:00-20:00; 周六 09:00-17:00',
  amenities: ['drinking_water', 'microwave'],
  status: 'active',
};

async function create(headers: { authorization: string }, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/stations', headers, payload: body });
}

async function stationCount() {
  const row = await t.db
    .selectFrom('stations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('registering a station', () => {
  test('district staff create a station in their subtree: a valid code, history, audit, on the map at once', async () => {
    const res = await create(chaoyang, NEW_STATION);
    assert.equal(res.statusCode, 201, res.body);
    const { id, code } = res.json();
    const parsed = parseStationCode(code);
    assert.ok(parsed.ok && parsed.parts.regionCode === '110105' && parsed.parts.type === 'H');
    const detail = (await t.app.inject({ url: `/api/v1/stations/${code}`, headers: chaoyang })).json();
    assert.equal(detail.id, id);
    assert.equal(detail.union.code, 'BJ-CY');
    assert.equal(detail.openingHours.kind, 'weekly');
    assert.deepEqual(detail.openingHours.week.sat, [{ open: '09:00', close: '17:00' }]);
    assert.deepEqual(
      detail.history.map((h: { status: string }) => h.status),
      ['active'],
    );
    assert.ok(detail.lastVerified.hours?.at);
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['station.create'],
    );
    const nearby = (await t.app.inject({ url: '/api/v1/stations/nearby?lng=116.487&lat=40.003&limit=1' })).json();
    assert.equal(nearby.items[0].code, code);
  });

  test('bad placement is refused field by field, and nothing is written', async () => {
    const before = await stationCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ lng: 40.003, lat: 116.487 }, 'body.lng', /填反/],
      [{ lng: 2.35, lat: 48.85 }, 'body.lng', /不在中国境内/],
      [{ lng: 113.26, lat: 23.13 }, 'body.regionCode', /坐标不在.*北京/],
      [{ regionCode: '110199' }, 'body.regionCode', /不存在/],
      [{ openingHoursText: '周一到周五 早八点到晚八点' }, 'body.openingHoursText', /无法识别/],
      [{ phone: 'call me' }, 'body.phone', /格式/],
    ];
    for (const [change, field, message] of cases) {
      const res = await create(chaoyang, { ...NEW_STATION, ...change });
      assert.equal(res.statusCode, 400, JSON.stringify(change));
      const errors = res.json().errors as { field: string; message: string }[];
      assert.ok(
        errors.some((e) => e.field === field && message.test(e.message)),
        JSON.stringify(errors),
      );
    }
    const schema = await create(chaoyang, { ...NEW_STATION, amenities: ['sauna'] });
    assert.equal(schema.statusCode, 400);
    assert.equal(await stationCount(), before);
  });

  test('GCJ-02 input is stored as WGS-84', async () => {
    const res = await create(chaoyang, {
      ...NEW_STATION,
      name: '火星坐标测试站',
      lng: 116.4933,
      lat: 40.0044,
      crs: 'gcj02',
      externalId: 'GCJ-1',
    });
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.db
      .selectFrom('stations')
      .select(['lng', 'lat'])
      .where('externalId', '=', 'GCJ-1')
      .executeTakeFirstOrThrow();
    assert.ok(
      Math.abs(row.lng - (116.4933 - 0.0062)) < 0.002 && Math.abs(row.lat - (40.0044 - 0.0013)) < 0.002,
      JSON.stringify(row),
    );
    const dup = await create(chaoyang, { ...NEW_STATION, externalId: 'GCJ-1' });
    assert.equal(dup.statusCode, 409);
  });

  test('staff outside the subtree, auditors and members cannot create there', async () => {
    const union = (await t.app.inject({ url: '/api/v1/unions', headers: city }))
      .json()
      .items.find((u: { code: string }) => u.code === 'BJ-CY');
    assert.equal((await create(changping, { ...NEW_STATION, unionId: union.id })).statusCode, 400);
    assert.equal((await create(auditor, NEW_STATION)).statusCode, 403);
    assert.equal((await create(member, NEW_STATION)).statusCode, 403);
    assert.equal((await create(operator, NEW_STATION)).statusCode, 403);
  });

  test('30 concurrent creations get 30 different, consecutive sequence numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        create(changping, {
          ...NEW_STATION,
          name: `并发测试站${i}`,
          regionCode: '110114',
          lng: 116.3 + i * 0.001,
          lat: 40.1,
          stationType: 'M',
        }),
      ),
    );
    assert.ok(
      results.every((r) => r.statusCode === 201),
      results.map((r) => r.body).join('\n'),
    );
    const codes = results.map((r) => r.json().code as string);
    assert.equal(new Set(codes).size, 30);
    const seqs = codes.map((c) => Number(c.slice(7, 12))).sort((a, b) => a - b);
    const prior = 1; // the demo has one mobile station (M) in 昌平区
    assert.deepEqual(
      seqs,
      Array.from({ length: 30 }, (_, i) => prior + 1 + i),
    );
  });
});

describe('reading stations within the union subtree', () => {
  test('lists are scoped, filterable by region, status, mode, amenity and text', async () => {
    const list = async (headers: { authorization: string }, q = '') => {
      const res = await t.app.inject({ url: `/api/v1/stations?pageSize=200${q}`, headers });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        total: number;
        items: { code: string; regionCode: string; status: string; amenities: string[]; unionName: string }[];
      };
    };
    const cy = await list(chaoyang);
    assert.ok(cy.total >= 14 && cy.items.every((s) => s.regionCode === '110105'));
    const all = await list(auditor);
    assert.ok(all.total > cy.total);
    assert.ok((await list(chaoyang, '&status=suspended')).items.every((s) => s.status === 'suspended'));
    const water = await list(city, `&amenity=${encodeURIComponent('饮水,microwave')}`);
    assert.ok(
      water.total > 0 &&
        water.items.every((s) => s.amenities.includes('drinking_water') && s.amenities.includes('microwave')),
    );
    const hd = await list(city, '&regionCode=110108');
    assert.ok(hd.total >= 13 && hd.items.every((s) => s.regionCode === '110108'));
    assert.equal((await list(city, '&regionCode=110000')).total, all.total);
    const q = await list(city, `&q=${encodeURIComponent('回龙观')}`);
    assert.deepEqual(
      q.items.map((s) => s.unionName),
      ['昌平区总工会'],
    );
    const bad = await t.app.inject({ url: '/api/v1/stations?amenity=sauna', headers: city });
    assert.equal(bad.statusCode, 400);
    assert.equal((await t.app.inject({ url: '/api/v1/stations', headers: member })).statusCode, 403);
  });

  test('another district’s station answers 404; a mistyped code answers 400 saying why', async () => {
    const cp = (await t.app.inject({ url: '/api/v1/stations?pageSize=1&regionCode=110114', headers: changping })).json()
      .items[0];
    assert.equal((await t.app.inject({ url: `/api/v1/stations/${cp.code}`, headers: chaoyang })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/stations/${cp.code}`, headers: changping })).statusCode, 200);
    const typo = `${cp.code.slice(0, 8)}${cp.code[9]}${cp.code[8]}${cp.code.slice(10)}`;
    const res = await t.app.inject({ url: `/api/v1/stations/${typo}`, headers: changping });
    if (typo !== cp.code) {
      assert.equal(res.statusCode, 400);
      assert.match(res.json().errors[0].message, /校验码|13 位|格式/);
    }
    const lower = await t.app.inject({ url: `/api/v1/stations/${cp.code.toLowerCase()}`, headers: changping });
    assert.equal(lower.statusCode, 200);
  });
});

describe('station operators', () => {
  test('see and run only their own stations: hours, amenities, suspend — nothing else', async () => {
    const mine = (await t.app.inject({ url: '/api/v1/stations', headers: operator })).json();
    assert.deepEqual(
      mine.items.map((s: { name: string }) => s.name).sort(),
      ['回龙观地铁站驿站', '望京SOHO户外劳动者服务站'].sort(),
    );
    const code = mine.items.find((s: { name: string }) => s.name === '回龙观地铁站驿站').code;
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/stations/${code}`, headers: operator, payload });
    const ok = await patch({
      openingHoursText: '每天 06:00-23:00',
      amenities: ['drinking_water', 'toilet'],
      confirm: ['hours'],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().changed.sort(), ['amenities', 'openingHours']);
    assert.equal((await patch({ name: '改名' })).statusCode, 403);
    assert.equal((await patch({ confirm: ['location'] })).statusCode, 403);
    const status = (status: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${code}/status`,
        headers: operator,
        payload: { status, reason: '停电无法开放' },
      });
    assert.equal((await status('exited')).statusCode, 403);
    assert.equal((await status('suspended')).statusCode, 204);
    assert.equal((await status('active')).statusCode, 403);
    const other = (await t.app.inject({ url: '/api/v1/stations?pageSize=1&regionCode=110108', headers: city })).json()
      .items[0];
    assert.equal((await t.app.inject({ url: `/api/v1/stations/${other.code}`, headers: operator })).statusCode, 404);
    const detail = (await t.app.inject({ url: `/api/v1/stations/${code}`, headers: changping })).json();
    assert.equal(detail.status, 'suspended');
    assert.deepEqual(detail.amenities, ['drinking_water', 'toilet']);
    assert.deepEqual(
      detail.history.map((h: { status: string }) => h.status),
      ['active', 'suspended'],
    );
  });
});

describe('status changes', () => {
  test('follow the life cycle with a reason; an exited station leaves the map at once and never returns', async () => {
    const created = (await create(chaoyang, { ...NEW_STATION, name: '即将退出的驿站', lng: 116.6, lat: 39.95 })).json();
    const near = async () =>
      (await t.app.inject({ url: '/api/v1/stations/nearby?lng=116.6&lat=39.95&limit=1' })).json().items[0]?.code;
    assert.equal(await near(), created.code);
    const status = (s: string, headers = chaoyang) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${created.id}/status`,
        headers,
        payload: { status: s, reason: '连续两次巡查不合格' },
      });
    assert.equal((await status('planned')).statusCode, 409);
    assert.equal((await status('exited', auditor)).statusCode, 403);
    assert.equal((await status('exited')).statusCode, 204);
    assert.notEqual(await near(), created.code);
    assert.equal((await status('active')).statusCode, 409);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'reason'])
      .where('entityId', '=', created.id)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['station.create', 'station.status'],
    );
    assert.equal(audit[1]!.reason, '连续两次巡查不合格');
  });

  test('20 concurrent status changes from the same state: exactly one wins', async () => {
    const created = (
      await create(chaoyang, { ...NEW_STATION, name: '并发状态测试站', lng: 116.61, lat: 39.96 })
    ).json();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/stations/${created.id}/status`,
          headers: chaoyang,
          payload: { status: 'suspended', reason: '并发测试' },
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [204, ...Array(19).fill(409)]);
    const history = await t.db
      .selectFrom('stationStatusHistory')
      .select('status')
      .where('stationId', '=', created.id)
      .execute();
    assert.deepEqual(
      history.map((h) => h.status),
      ['active', 'suspended'],
    );
  });

  test('photos and operator links are staff writes with audit', async () => {
    const code = (await t.app.inject({ url: '/api/v1/stations?pageSize=1', headers: chaoyang })).json().items[0].code;
    const photo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/${code}/photos`,
      headers: chaoyang,
      payload: { fileRef: 'files/2025/06/a.jpg', caption: '门口' },
    });
    assert.equal(photo.statusCode, 201);
    const detail = (await t.app.inject({ url: `/api/v1/stations/${code}`, headers: chaoyang })).json();
    assert.deepEqual(detail.photos, [{ id: photo.json().id, fileRef: 'files/2025/06/a.jpg', caption: '门口' }]);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/stations/${code}/photos/${photo.json().id}`,
      headers: chaoyang,
    });
    assert.equal(del.statusCode, 204);
    const op = await t.db
      .selectFrom('accounts')
      .select('id')
      .where('phone', '=', '13800000008')
      .executeTakeFirstOrThrow();
    const link = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${code}/operators/${op.id}`,
      headers: chaoyang,
    });
    assert.equal(link.statusCode, 204);
    assert.equal((await t.app.inject({ url: `/api/v1/stations/${code}`, headers: operator })).statusCode, 200);
    const notOperator = await t.db
      .selectFrom('accounts')
      .select('id')
      .where('phone', '=', '13800000002')
      .executeTakeFirstOrThrow();
    assert.equal(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/stations/${code}/operators/${notOperator.id}`,
          headers: chaoyang,
        })
      ).statusCode,
      400,
    );
  });
});
