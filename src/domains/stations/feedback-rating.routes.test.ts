import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';

// 23:50 in Beijing: ten minutes before the day turns
const clock = fixedClock('2025-06-10T15:50:00Z');
const t: TestApp = await createTestApp({ clock });
const [member, staff] = await Promise.all([t.login('13800000001'), t.login('13800000003')]);

async function station(name: string) {
  return t.db.selectFrom('stations').select(['id', 'code']).where('name', '=', name).executeTakeFirstOrThrow();
}
const sanlitun = await station('三里屯太古里驿站');
const wangjing = await station('望京SOHO户外劳动者服务站');
const huilongguan = await station('回龙观地铁站驿站');

let ipCounter = 1;
/** Each post from its own address, so the per-IP write limit never decides a test here. */
const freshIp = () => `10.9.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

function rate(code: string, stars: number, opts: { key?: string; headers?: Record<string, string> } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/${code}/ratings`,
    payload: { stars },
    headers: { 'idempotency-key': opts.key ?? randomUUID(), ...opts.headers },
    remoteAddress: freshIp(),
  });
}

const ratingsOf = async (stationId: string) =>
  (
    await t.db
      .selectFrom('stationRatings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('stationId', '=', stationId)
      .executeTakeFirstOrThrow()
  ).n;

describe('a signed-in account rates a station once per Beijing day', () => {
  test('a second rating the same day is a 409 on the station; a replay, another station or account, and the next day pass', async () => {
    clock.set('2025-06-10T15:50:00Z');
    const key = randomUUID();
    const first = await rate(sanlitun.code, 4, { key, headers: member });
    assert.equal(first.statusCode, 201, first.body);

    clock.set('2025-06-10T15:59:00Z'); // 23:59 in Beijing
    const second = await rate(sanlitun.code, 1, { headers: { ...member, 'accept-language': 'zh-CN' } });
    assert.equal(second.statusCode, 409, second.body);
    assert.match(second.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(second.json().errors, [
      { field: 'params.ref', message: '您今天已经给这个驿站打过分了，明天再来吧' },
    ]);
    const english = await rate(sanlitun.code, 2, { headers: { ...member, 'accept-language': 'en' } });
    assert.equal(english.statusCode, 409);
    assert.match(english.json().errors[0].message, /already rated this station today/);

    // the phone retrying the first post (same key, same content) still gets its answer
    const replay = await rate(sanlitun.code, 4, { key, headers: member });
    assert.equal(replay.statusCode, 200, replay.body);
    assert.equal(replay.json().id, first.json().id);

    assert.equal((await rate(wangjing.code, 5, { headers: member })).statusCode, 201, 'another station');
    assert.equal((await rate(sanlitun.code, 5, { headers: staff })).statusCode, 201, 'another account');
    const rows = await t.db
      .selectFrom('stationRatings')
      .select('stars')
      .where('stationId', '=', sanlitun.id)
      .where('accountId', 'is not', null)
      .orderBy('stars')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.stars),
      [4, 5],
    );

    clock.set('2025-06-10T16:05:00Z'); // 00:05 the next day in Beijing
    const tomorrow = await rate(sanlitun.code, 3, { headers: member });
    assert.equal(tomorrow.statusCode, 201, tomorrow.body);
    assert.equal(
      (
        await t.db
          .selectFrom('stationRatings')
          .select('accountId')
          .where('id', '=', tomorrow.json().id)
          .executeTakeFirstOrThrow()
      ).accountId,
      (
        await t.db
          .selectFrom('stationRatings')
          .select('accountId')
          .where('id', '=', first.json().id)
          .executeTakeFirstOrThrow()
      ).accountId,
      'the same account, a day later',
    );
  });

  test('anonymous workers may rate as often as they post (their phone remembers instead)', async () => {
    clock.set('2025-06-11T02:00:00Z');
    const before = Number(await ratingsOf(huilongguan.id));
    for (const stars of [5, 4]) assert.equal((await rate(huilongguan.code, stars)).statusCode, 201);
    assert.equal(Number(await ratingsOf(huilongguan.id)), before + 2);
  });

  test('ten different posts racing in from one account: one is recorded, nine are refused', async () => {
    clock.set('2025-06-12T04:00:00Z');
    const auditor = await t.login('13800000006'); // signed in now: a session of two days ago has lapsed
    const before = Number(await ratingsOf(wangjing.id));
    const answers = await Promise.all(Array.from({ length: 10 }, () => rate(wangjing.code, 5, { headers: auditor })));
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, ...Array(9).fill(409)]);
    assert.equal(Number(await ratingsOf(wangjing.id)), before + 1);
    const rows = await t.db
      .selectFrom('stationRatings')
      .select('accountId')
      .where('stationId', '=', wangjing.id)
      .where('createdAt', '=', clock.now())
      .execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.accountId, null, 'recorded as the signed-in account');
  });
});
