import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { runExitReview } from './exit-review.service.ts';

// The demo data is dated relative to when it was seeded, so the clock starts at the real now.
const clock = fixedClock(new Date().toISOString());
const t = await createTestApp({ clock });
const [chaoyang, changping, city] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
]);
const station = (name: string) =>
  t.db
    .selectFrom('stations')
    .select(['id', 'code', 'lng', 'lat', 'status'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
const panjiayuan = await station('潘家园环卫工人休息站'); // failed two inspections in the demo data
const sanlitun = await station('三里屯太古里驿站');

const run = (headers: object, dryRun: boolean) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/exit-reviews/run?dryRun=${dryRun}`,
    headers: headers as Record<string, string>,
  });
const decide = (id: string, body: object, headers: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/exit-reviews/${id}/decision`,
    payload: body,
    headers: headers as Record<string, string>,
  });
const reviews = () => t.db.selectFrom('stationExitReviews').selectAll().execute();
type Match = { code: string; outcome: string; reasons: { rule: string; count?: number }[] };

describe('exit reviews', () => {
  test('a dry run reports the station that failed two inspections and writes nothing', async () => {
    const res = await run(chaoyang, true);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.dryRun, true);
    assert.ok(report.evaluated >= 10);
    const hit = report.matched.find((m: Match) => m.code === panjiayuan.code);
    assert.ok(hit, JSON.stringify(report.matched));
    assert.equal(hit.outcome, 'wouldOpen');
    assert.deepEqual(
      hit.reasons.map((r: Match['reasons'][number]) => [r.rule, r.count]),
      [['failed_inspections', 2]],
    );
    assert.equal((await reviews()).length, 0);
    const other = (await run(changping, true)).json();
    assert.ok(!other.matched.some((m: Match) => m.code === panjiayuan.code), 'another district does not see it');
  });

  test('a real run opens one review per station, audited; running again opens nothing new', async () => {
    const first = (await run(chaoyang, false)).json();
    assert.equal(first.matched.find((m: Match) => m.code === panjiayuan.code).outcome, 'opened');
    assert.equal(first.opened, (await reviews()).length);
    const again = (await run(city, false)).json();
    assert.equal(again.opened, 0);
    assert.equal(again.matched.find((m: Match) => m.code === panjiayuan.code).outcome, 'alreadyOpen');
    const [review] = (await reviews()).filter((r) => r.stationId === panjiayuan.id);
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', review!.id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['station.exit_review.open'],
    );
    const list = await t.app.inject({ url: '/api/v1/stations/exit-reviews?state=open', headers: chaoyang });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((i: { station: { code: string } }) => i.station.code === panjiayuan.code));
    const elsewhere = await t.app.inject({ url: '/api/v1/stations/exit-reviews', headers: changping });
    assert.ok(!elsewhere.json().items.some((i: { station: { code: string } }) => i.station.code === panjiayuan.code));
  });

  test('"exit" takes the station off the map at once; it keeps its code and history; a second decision is a 409', async () => {
    const near = () =>
      t.app.inject({ url: `/api/v1/stations/nearby?lng=${panjiayuan.lng}&lat=${panjiayuan.lat}&limit=1` });
    assert.equal((await near()).json().items[0].code, panjiayuan.code);
    const [review] = (await reviews()).filter((r) => r.stationId === panjiayuan.id);
    assert.equal((await decide(review!.id, { decision: 'exit', reason: '' }, chaoyang)).statusCode, 400);
    assert.equal((await decide(review!.id, { decision: 'exit', reason: '整改无效' }, changping)).statusCode, 404);
    const res = await decide(review!.id, { decision: 'exit', reason: '连续两次巡查不合格，整改无效' }, chaoyang);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().decision, 'exit');
    assert.notEqual((await near()).json().items[0]?.code, panjiayuan.code);
    const after = await station('潘家园环卫工人休息站');
    assert.equal(after.status, 'exited');
    assert.equal(after.code, panjiayuan.code);
    const history = await t.db
      .selectFrom('stationStatusHistory')
      .select(['status', 'reason'])
      .where('stationId', '=', panjiayuan.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(history.at(-1), { status: 'exited', reason: '连续两次巡查不合格，整改无效' });
    assert.ok(history.length >= 2);
    assert.equal((await decide(review!.id, { decision: 'keep', reason: '改主意' }, city)).statusCode, 409);
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [review!.id, panjiayuan.id])
      .execute();
    assert.ok(actions.some((a) => a.action === 'station.status'));
    assert.ok(actions.some((a) => a.action === 'station.exit_review.decide'));
  });

  test('three verified "closed" reports open a review; twenty decisions at once: one wins; "keep" wipes the slate', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${sanlitun.code}/reports`,
        payload: { kind: 'closed_during_hours' },
        headers: { 'idempotency-key': randomUUID() },
        remoteAddress: `10.7.0.${i + 1}`,
      });
      assert.equal(r.statusCode, 201);
    }
    const unverified = (await run(chaoyang, true)).json();
    assert.ok(!unverified.matched.some((m: Match) => m.code === sanlitun.code), 'unverified reports do not count');
    const ticket = await t.db
      .selectFrom('stationTickets')
      .select('id')
      .where('stationId', '=', sanlitun.id)
      .executeTakeFirstOrThrow();
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/tickets/${ticket.id}/status`,
      payload: { status: 'in_progress', reason: '已核实' },
      headers: chaoyang,
    });
    assert.equal(taken.statusCode, 200);
    const opened = (await run(chaoyang, false)).json();
    const hit = opened.matched.find((m: Match) => m.code === sanlitun.code);
    assert.deepEqual(
      hit.reasons.map((r: Match['reasons'][number]) => [r.rule, r.count]),
      [['verified_closed_reports', 3]],
    );
    const [review] = (await reviews()).filter((r) => r.stationId === sanlitun.id);
    clock.set(new Date().toISOString()); // the reports carry the database's time; decide after them
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        decide(review!.id, { decision: 'keep', reason: `已整改 ${i}` }, i % 2 ? city : chaoyang),
      ),
    );
    assert.equal(answers.filter((a) => a.statusCode === 200).length, 1);
    assert.equal(answers.filter((a) => a.statusCode === 409).length, 19);
    assert.equal((await station('三里屯太古里驿站')).status, 'active');
    const later = (await run(chaoyang, false)).json();
    assert.ok(!later.matched.some((m: Match) => m.code === sanlitun.code), 'events before "keep" do not count again');
  });

  test('exit rules are configuration: city staff change them, district staff may not; bad parameters are 400', async () => {
    const rules = await t.app.inject({ url: '/api/v1/stations/exit-rules', headers: changping });
    assert.deepEqual(
      rules.json().items.map((r: { code: string; params: object }) => [r.code, r.params]),
      [
        ['failed_inspections', { count: 2, withinDays: 180 }],
        ['verified_closed_reports', { count: 3, withinDays: 30 }],
        ['no_sign_of_life', { days: 90 }],
      ],
    );
    const put = (headers: object, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/stations/exit-rules/no_sign_of_life',
        payload: body,
        headers: headers as Record<string, string>,
      });
    assert.equal((await put(chaoyang, { enabled: true, params: { days: 60 } })).statusCode, 403);
    const bad = await put(city, { enabled: true, params: { days: 3 } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.params.days');
    const ok = await put(city, { enabled: true, params: { days: 60 } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().params, { days: 60 });
  });

  test('no sign of life: 70 days later the silent stations match; the service run (as the CLI does) opens them', async () => {
    clock.set(new Date(Date.now() + 70 * 86_400_000).toISOString());
    const wangjing = await station('望京SOHO户外劳动者服务站');
    await t.db
      .insertInto('stationCheckins')
      .values({
        id: randomUUID(),
        stationId: wangjing.id,
        accountId: null,
        idempotencyKey: randomUUID(),
        requestHash: Buffer.alloc(32),
        lng: null,
        lat: null,
        distanceM: null,
        createdAt: new Date(clock.now().getTime() - 5 * 86_400_000),
      })
      .execute();
    const dry = await runExitReview(t.db, { scopePath: null, dryRun: true, now: clock.now(), actor: null });
    const silent = dry.matched.filter((m) => m.reasons.some((r) => r.rule === 'no_sign_of_life'));
    assert.ok(silent.length > 5, String(silent.length));
    assert.ok(!silent.some((m) => m.code === wangjing.code), 'a check-in five days ago is a sign of life');
    assert.ok(silent.every((m) => m.reasons.find((r) => r.rule === 'no_sign_of_life')!.days! >= 60));
    const before = (await reviews()).length;
    const real = await runExitReview(t.db, { scopePath: null, dryRun: false, now: clock.now(), actor: null });
    assert.equal((await reviews()).length, before + real.opened);
    assert.ok(real.opened >= silent.length - 1);
  });
});
