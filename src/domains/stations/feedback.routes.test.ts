import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { FEEDBACK_WRITES_PER_IP } from './feedback.routes.ts';

const t: TestApp = await createTestApp();
const [chaoyang, changping, member, auditor, operator] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000001'),
  t.login('13800000006'),
  t.login('13800000008'),
]);

async function stationCode(name: string): Promise<{ id: string; code: string; lng: number; lat: number }> {
  return t.db
    .selectFrom('stations')
    .select(['id', 'code', 'lng', 'lat'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}
const wangjing = await stationCode('望京SOHO户外劳动者服务站'); // 朝阳区, run by the demo operator
const sanlitun = await stationCode('三里屯太古里驿站'); // 朝阳区
const huilongguan = await stationCode('回龙观地铁站驿站'); // 昌平区
const planned = await stationCode('798艺术区驿站');

let ipCounter = 1;
/** Each test posts from its own address so that the per-IP write limit of one test never trips another. */
const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

function post(
  path: string,
  payload: unknown,
  opts: { key?: string | null; headers?: Record<string, string>; ip?: string } = {},
) {
  const key = opts.key === undefined ? randomUUID() : opts.key;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/${path}`,
    payload: payload as object,
    headers: { ...(key ? { 'idempotency-key': key } : {}), ...opts.headers },
    remoteAddress: opts.ip ?? freshIp(),
  });
}

describe('check-ins, ratings and reports are public', () => {
  test('an anonymous check-in is recorded without an account; a signed-in one is linked to the account', async () => {
    const ip = freshIp();
    const anon = await post(`${wangjing.code}/checkins`, {}, { ip });
    assert.equal(anon.statusCode, 201, anon.body);
    const anonRow = await t.db
      .selectFrom('stationCheckins')
      .selectAll()
      .where('id', '=', anon.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(anonRow.accountId, null);
    assert.equal(anonRow.stationId, wangjing.id);
    assert.equal(anonRow.lng, null);

    const signed = await post(`${wangjing.code}/checkins`, {}, { ip, headers: member });
    assert.equal(signed.statusCode, 201);
    const row = await t.db
      .selectFrom('stationCheckins')
      .select('accountId')
      .where('id', '=', signed.json().id)
      .executeTakeFirstOrThrow();
    const account = await t.db
      .selectFrom('accounts')
      .select('id')
      .where('phone', '=', '13800000001')
      .executeTakeFirstOrThrow();
    assert.equal(row.accountId, account.id);
  });

  test('a check-in position is stored in WGS-84, rounded to ~10 m, with the distance to the station', async () => {
    // ~111 m north of the station, given in GCJ-02 as a WeChat or Amap position would be
    const gcj = { lng: wangjing.lng + 0.006_2, lat: wangjing.lat + 0.001 + 0.001_3 };
    const res = await post(`${wangjing.code}/checkins`, { ...gcj, crs: 'gcj02' });
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.db
      .selectFrom('stationCheckins')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    assert.ok(row.lng !== null && row.lat !== null);
    assert.equal(Math.round(row.lng * 1e4), row.lng * 1e4);
    assert.ok(Math.abs(row.lng - wangjing.lng) < 0.001, `converted back to WGS-84: ${row.lng}`);
    assert.ok(row.distanceM !== null && row.distanceM > 50 && row.distanceM < 300, `distance ${row.distanceM}`);

    const half = await post(`${wangjing.code}/checkins`, { lng: 116.4 });
    assert.equal(half.statusCode, 400);
    assert.deepEqual(
      half.json().errors.map((e: { field: string }) => e.field),
      ['body.lat'],
    );
  });

  test('the Idempotency-Key header is required and must be a UUID', async () => {
    const none = await post(`${wangjing.code}/checkins`, {}, { key: null });
    assert.equal(none.statusCode, 400);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.ok(none.json().errors.some((e: { field: string }) => e.field === 'headers.idempotency-key'));
    const bad = await post(`${wangjing.code}/checkins`, {}, { key: 'not-a-uuid' });
    assert.equal(bad.statusCode, 400);
  });

  test('planned stations take no feedback; a mistyped code is a 400, an unknown one a 404', async () => {
    assert.equal((await post(`${planned.code}/checkins`, {})).statusCode, 404);
    const mistyped = `${wangjing.code.slice(0, -1)}${wangjing.code.endsWith('0') ? '1' : '0'}`;
    assert.equal((await post(`${mistyped}/checkins`, {})).statusCode, 400);
    assert.equal((await post(`${randomUUID()}/checkins`, {})).statusCode, 404);
  });
});

describe('exactly once per Idempotency-Key', () => {
  test('20 concurrent identical reports: one row, every answer 2xx with the same id', async () => {
    const key = randomUUID();
    const ip = freshIp();
    const body = { kind: 'closed_during_hours', text: '下午两点门锁着，敲门没人应。' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`${wangjing.code}/reports`, body, { key, ip })),
    );
    for (const a of answers) assert.ok(a.statusCode === 200 || a.statusCode === 201, `${a.statusCode} ${a.body}`);
    const ids = new Set(answers.map((a) => a.json().id));
    assert.equal(ids.size, 1);
    assert.equal(answers.filter((a) => a.statusCode === 201).length, 1);
    assert.equal(answers.filter((a) => a.json().replayed).length, 19);
    const rows = await t.db.selectFrom('stationReports').select('id').where('idempotencyKey', '=', key).execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      [...ids],
    );
  });

  test('a replay later answers 200 with the same id; the same key with other content is a 409', async () => {
    const key = randomUUID();
    const first = await post(`${wangjing.code}/ratings`, { stars: 4, comment: '水很干净' }, { key });
    assert.equal(first.statusCode, 201);
    const again = await post(`${wangjing.code}/ratings`, { stars: 4, comment: '水很干净' }, { key, headers: member });
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    const other = await post(`${wangjing.code}/ratings`, { stars: 1 }, { key });
    assert.equal(other.statusCode, 409);
    assert.ok(other.json().errors.some((e: { field: string }) => e.field === 'headers.idempotency-key'));
    const rows = await t.db
      .selectFrom('stationRatings')
      .select(['stars', 'accountId'])
      .where('idempotencyKey', '=', key)
      .execute();
    assert.deepEqual(rows, [{ stars: 4, accountId: null }]);
  });
});

describe('text is plain, capped and checked', () => {
  test('stars must be 1 to 5', async () => {
    for (const stars of [0, 6, 2.5, '五']) {
      const res = await post(`${sanlitun.code}/ratings`, { stars });
      assert.equal(res.statusCode, 400, `stars ${stars}`);
      assert.equal(res.json().errors[0].field, 'body.stars');
    }
  });

  test('HTML or script in a comment or report is refused with a field error in the caller’s language', async () => {
    const res = await post(`${sanlitun.code}/ratings`, { stars: 5, comment: 'nice <script>alert(1)</script>' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].field, 'body.comment');
    assert.match(res.json().errors[0].message, /网页代码/);
    const en = await post(
      `${sanlitun.code}/reports`,
      { kind: 'other', text: '<img src=x onerror=alert(1)>' },
      { headers: { 'accept-language': 'en' } },
    );
    assert.equal(en.statusCode, 400);
    assert.equal(en.json().errors[0].field, 'body.text');
    assert.match(en.json().errors[0].message, /plain text/);
    const count = await t.db
      .selectFrom('stationReports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('text', 'like', '%<%')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('lengths are capped after cleaning; text is stored trimmed and without invisible characters', async () => {
    const long = await post(`${sanlitun.code}/ratings`, { stars: 3, comment: '好'.repeat(501) });
    assert.equal(long.statusCode, 400);
    assert.match(long.json().errors[0].message, /500/);
    const huge = await post(`${sanlitun.code}/reports`, { kind: 'other', text: 'x'.repeat(2001) });
    assert.equal(huge.statusCode, 400);
    const ok = await post(`${sanlitun.code}/reports`, { kind: 'refused_entry', text: '  保安不让进\u200B \u202E ' });
    assert.equal(ok.statusCode, 201, ok.body);
    const row = await t.db
      .selectFrom('stationReports')
      .select('text')
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.text, '保安不让进');
  });

  test('"other" needs words; an amenity goes only with amenity_missing', async () => {
    const empty = await post(`${sanlitun.code}/reports`, { kind: 'other', text: ' ！！ ' });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().errors[0].field, 'body.text');
    const wrongKind = await post(`${sanlitun.code}/reports`, { kind: 'refused_entry', amenity: 'microwave' });
    assert.equal(wrongKind.statusCode, 400);
    const unknown = await post(`${sanlitun.code}/reports`, { kind: 'amenity_missing', amenity: 'sauna' });
    assert.equal(unknown.statusCode, 400);
    const missing = await post(`${sanlitun.code}/reports`, { kind: 'amenity_missing', amenity: 'microwave' });
    assert.equal(missing.statusCode, 201);
  });
});

describe('abuse limits', () => {
  test(`one address may post ${FEEDBACK_WRITES_PER_IP} times in 10 minutes, then gets 429 with Retry-After`, async () => {
    const ip = freshIp();
    const answers = [];
    for (let i = 0; i < FEEDBACK_WRITES_PER_IP; i++) answers.push(post(`${sanlitun.code}/checkins`, {}, { ip }));
    const statuses = (await Promise.all(answers)).map((a) => a.statusCode);
    assert.deepEqual(new Set(statuses), new Set([201]));
    // the budget is shared by check-ins, ratings and reports
    const over = await post(`${sanlitun.code}/reports`, { kind: 'refused_entry' }, { ip });
    assert.equal(over.statusCode, 429);
    assert.equal(over.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.ok(Number(over.headers['retry-after']) > 0);
    // another address is not affected
    assert.equal((await post(`${sanlitun.code}/checkins`, {})).statusCode, 201);
  });
});

describe('feedback summary', () => {
  test('rating average and count, and check-ins of the last 30 days only', async () => {
    const station = await stationCode('国贸CBD户外劳动者服务站');
    for (const stars of [5, 4, 4]) assert.equal((await post(`${station.code}/ratings`, { stars })).statusCode, 201);
    for (let i = 0; i < 3; i++) assert.equal((await post(`${station.code}/checkins`, {})).statusCode, 201);
    await t.db
      .insertInto('stationCheckins')
      .values({
        id: randomUUID(),
        stationId: station.id,
        accountId: null,
        idempotencyKey: randomUUID(),
        requestHash: Buffer.alloc(32),
        lng: null,
        lat: null,
        distanceM: null,
        createdAt: new Date(Date.now() - 31 * 24 * 3600_000),
      })
      .execute();
    const res = await t.app.inject({ url: `/api/v1/stations/${station.code}/feedback-summary` });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { code: station.code, ratingAverage: 4.3, ratingCount: 3, checkinsLast30Days: 3 });

    const none = await t.app.inject({ url: `/api/v1/stations/${huilongguan.code}/feedback-summary` });
    assert.deepEqual(none.json(), {
      code: huilongguan.code,
      ratingAverage: null,
      ratingCount: 0,
      checkinsLast30Days: 0,
    });
  });
});

describe('staff handle reports in their subtree', () => {
  const text = `e2e-scope-${randomUUID().slice(0, 8)}`;
  const reportOn = async (code: string) => {
    const res = await post(`${code}/reports`, { kind: 'closed_during_hours', text });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const list = async (headers: Record<string, string>, query = '') =>
    t.app.inject({ url: `/api/v1/stations/reports?pageSize=200${query}`, headers });

  test('朝阳区 staff list 朝阳区 reports only, newest first, filtered by status', async () => {
    const cy = await reportOn(sanlitun.code);
    const cp = await reportOn(huilongguan.code);
    const res = await list(chaoyang, '&status=open');
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; station: { code: string }; text: string; nextStatuses: string[] }[];
    const ids = items.map((i) => i.id);
    assert.ok(ids.includes(cy));
    assert.ok(!ids.includes(cp));
    const mine = items.find((i) => i.id === cy)!;
    assert.equal(mine.station.code, sanlitun.code);
    assert.equal(mine.text, text);
    assert.deepEqual(mine.nextStatuses, ['acknowledged', 'resolved']);
    const cpIds = (await list(changping)).json().items.map((i: { id: string }) => i.id);
    assert.ok(cpIds.includes(cp) && !cpIds.includes(cy));
    assert.equal(
      (await list(chaoyang, '&status=resolved')).json().items.filter((i: { id: string }) => i.id === cy).length,
      0,
    );
  });

  test('members are refused, anonymous callers must sign in, auditors read without actions', async () => {
    assert.equal((await list(member)).statusCode, 403);
    assert.equal((await list({})).statusCode, 401);
    const audit = await list(auditor);
    assert.equal(audit.statusCode, 200);
    assert.ok(audit.json().items.length > 0);
    assert.ok(audit.json().items.every((i: { nextStatuses: string[] }) => i.nextStatuses.length === 0));
  });

  test('a status change is audited; another district gets 404; a wrong transition 409', async () => {
    const id = await reportOn(sanlitun.code);
    const url = `/api/v1/stations/reports/${id}/status`;
    const other = await t.app.inject({ method: 'POST', url, headers: changping, payload: { status: 'acknowledged' } });
    assert.equal(other.statusCode, 404);
    const audited = await t.app.inject({ method: 'POST', url, headers: auditor, payload: { status: 'acknowledged' } });
    assert.equal(audited.statusCode, 403);

    const ack = await t.app.inject({
      method: 'POST',
      url,
      headers: chaoyang,
      payload: { status: 'acknowledged', note: '已联系站点负责人' },
    });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().status, 'acknowledged');
    assert.deepEqual(ack.json().nextStatuses, ['resolved', 'open']);
    const log = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).execute();
    assert.equal(log.length, 1);
    assert.equal(log[0]!.action, 'station.report.status');
    assert.equal(log[0]!.reason, '已联系站点负责人');
    assert.deepEqual(log[0]!.detail, { stationCode: sanlitun.code, from: 'open', to: 'acknowledged' });

    const again = await t.app.inject({ method: 'POST', url, headers: chaoyang, payload: { status: 'acknowledged' } });
    assert.equal(again.statusCode, 409);
    const bad = await t.app.inject({ method: 'POST', url, headers: chaoyang, payload: { status: 'done' } });
    assert.equal(bad.statusCode, 400);
    const html = await t.app.inject({
      method: 'POST',
      url,
      headers: chaoyang,
      payload: { status: 'resolved', note: '<b>ok</b>' },
    });
    assert.equal(html.statusCode, 400);
    assert.equal((await t.db.selectFrom('auditLog').select('id').where('entityId', '=', id).execute()).length, 1);
  });

  test('20 staff racing to acknowledge the same report: one succeeds, the rest get 409, one audit row', async () => {
    const id = await reportOn(sanlitun.code);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/stations/reports/${id}/status`,
          headers: chaoyang,
          payload: { status: 'acknowledged' },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(codes, [200, ...Array(19).fill(409)]);
    assert.equal((await t.db.selectFrom('auditLog').select('id').where('entityId', '=', id).execute()).length, 1);
  });

  test('the station operator sees and resolves the reports of the station it runs, and no other', async () => {
    const own = await reportOn(wangjing.code);
    const notOwn = await reportOn(sanlitun.code);
    const res = await list(operator);
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { id: string; station: { code: string } }[];
    assert.ok(items.some((i) => i.id === own));
    assert.ok(items.every((i) => i.station.code === wangjing.code || i.station.code === huilongguan.code));
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/reports/${own}/status`,
      headers: operator,
      payload: { status: 'resolved', note: '已按时开门' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/reports/${notOwn}/status`,
      headers: operator,
      payload: { status: 'resolved' },
    });
    assert.equal(refused.statusCode, 404);
  });
});
