import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import {
  MAINTENANCE_JOB_KIND,
  MAINTENANCE_LOCK,
  type MaintenanceOutcome,
  runStationMaintenance,
  startStationMaintenance,
} from './maintenance.ts';
import { nextRunAt, parseDailyTime } from './maintenance-schedule.ts';

const DAY_MS = 86_400_000;
// The demo data is dated relative to when it was seeded, so the clock starts at the real now.
const clock = fixedClock(new Date().toISOString());
const t = await createTestApp({ clock });
/** The service's own pool (least-privilege role), as the running service uses it. */
const serviceDb = t.app.deps.db;
const [chaoyang, city, workplace] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000005'),
  t.login('13800000002'),
]);

const logged: { msg: string; obj: object }[] = [];
const log = {
  info: (obj: object, msg: string) => logged.push({ obj, msg }),
  error: (obj: object, msg: string) => logged.push({ obj, msg }),
};
const stoppers: (() => Promise<void>)[] = [];
after(() => Promise.all(stoppers.map((s) => s())));

/** A station registered 100 days ago that nobody checked in at, inspected or verified since. */
async function silentStation() {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/stations',
    headers: chaoyang,
    payload: {
      name: '十里河沉寂驿站',
      address: '北京市朝阳区十里河桥东',
      regionCode: '110105',
      managementMode: 'entrusted',
      lng: 116.4601,
      lat: 39.8652,
      openingHoursText: '每天 08:00-20:00',
      amenities: ['drinking_water'],
      status: 'active',
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const { id, code } = res.json() as { id: string; code: string };
  const longAgo = new Date(clock.now().getTime() - 100 * DAY_MS);
  await t.db.updateTable('stations').set({ createdAt: longAgo, lastVerified: '{}' }).where('id', '=', id).execute();
  await t.db.updateTable('stationStatusHistory').set({ at: longAgo }).where('stationId', '=', id).execute();
  return { id, code };
}

const station = await silentStation();

const jobs = () =>
  t.db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', MAINTENANCE_JOB_KIND)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
const reviewsOf = (stationId: string) =>
  t.db.selectFrom('stationExitReviews').selectAll().where('stationId', '=', stationId).execute();
const liveCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('stations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '!=', 'exited')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('station maintenance', () => {
  test('a station silent for 100 days gets an exit review from the start-up catch-up alone; health and the job row are written', async () => {
    assert.deepEqual(await reviewsOf(station.id), [], 'nothing happens before a run');
    assert.deepEqual(await jobs(), []);
    const stale = await t.db.selectFrom('stationHealth').select('computedAt').execute();
    assert.ok(
      stale.every((h) => h.computedAt.getTime() !== clock.now().getTime()),
      'no health was computed at this instant yet',
    );

    const maintenance = startStationMaintenance(serviceDb, {
      at: parseDailyTime('02:30')!,
      clock,
      log,
      catchUpDelayMs: 0,
    });
    stoppers.push(() => maintenance.stop());
    const job = await until('the catch-up run', async () => (await jobs()).find((j) => j.status === 'succeeded'));
    await maintenance.stop();

    const [review] = await reviewsOf(station.id);
    assert.ok(review, 'the silent station has an exit review');
    assert.equal(review.decision, null);
    assert.equal(review.openedBy, null, 'opened by the system');
    const reasons = review.reasons as { rule: string; days?: number }[];
    assert.deepEqual(
      reasons.map((r) => r.rule),
      ['no_sign_of_life'],
    );
    assert.ok(reasons[0]!.days! >= 100, JSON.stringify(reasons));
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityId', '=', review.id)
      .execute();
    assert.deepEqual(audit, [{ action: 'station.exit_review.open', actorId: null }]);

    const live = await liveCount();
    const health = await t.db
      .selectFrom('stationHealth as h')
      .innerJoin('stations as s', 's.id', 'h.stationId')
      .select(['h.stationId', 'h.computedAt', 'h.score'])
      .where('s.status', '!=', 'exited')
      .execute();
    assert.equal(health.length, live, 'every live station has a health row');
    assert.ok(
      health.every((h) => h.computedAt.getTime() === clock.now().getTime()),
      JSON.stringify(health.filter((h) => h.computedAt.getTime() !== clock.now().getTime())),
    );
    const history = await t.db
      .selectFrom('stationHealthHistory')
      .select('score')
      .where('stationId', '=', station.id)
      .where('day', '=', shanghaiDay(clock.now()))
      .executeTakeFirst();
    assert.equal(history?.score, health.find((h) => h.stationId === station.id)!.score);

    const allReviews = await t.db.selectFrom('stationExitReviews').select('id').execute();
    assert.equal(job.status, 'succeeded');
    assert.equal((job.params as { trigger: string }).trigger, 'catch-up');
    assert.equal(job.createdBy, null);
    assert.equal(job.total, live);
    assert.equal(job.processed, live);
    const result = job.result as {
      health: number;
      evaluated: number;
      opened: number;
      openedByRule: { rule: string; opened: number }[];
    };
    assert.equal(result.health, live);
    assert.ok(result.evaluated > 10 && result.evaluated <= live, String(result.evaluated));
    assert.equal(result.opened, allReviews.length);
    const silentOpened = result.openedByRule.find((r) => r.rule === 'no_sign_of_life');
    assert.ok(silentOpened && silentOpened.opened >= 1, JSON.stringify(result));
    assert.ok(result.openedByRule.every((r) => r.opened <= result.opened));
    assert.ok(
      logged.some((l) => l.msg === 'station maintenance' && (l.obj as { ran: boolean }).ran),
      JSON.stringify(logged),
    );
  });

  test('a second run the same day opens nothing new; a catch-up within 24 h of the last success is not due', async () => {
    const before = await t.db.selectFrom('stationExitReviews').select('id').execute();
    const again = await runStationMaintenance(serviceDb, { now: clock.now(), trigger: { kind: 'manual' } });
    assert.ok(again.ran);
    assert.equal(again.result.opened, 0);
    assert.ok(again.result.matched >= 1, 'the silent station still matches, with its review already open');
    assert.equal((await t.db.selectFrom('stationExitReviews').select('id').execute()).length, before.length);
    assert.equal((await reviewsOf(station.id)).length, 1);

    const catchUp = await runStationMaintenance(serviceDb, { now: clock.now(), trigger: { kind: 'catch-up' } });
    assert.deepEqual(catchUp, { ran: false, reason: 'notDue' });
    const dayLater = new Date(Date.now() + DAY_MS + 60_000);
    const late = await runStationMaintenance(serviceDb, { now: dayLater, trigger: { kind: 'catch-up' } });
    assert.equal(late.ran, true, 'a day later the catch-up is due again');
    assert.equal((await jobs()).length, 3);
  });

  test('five instances at the same slot: exactly one does the work, the others skip', async () => {
    const slot = nextRunAt(new Date(Date.now() + 3 * DAY_MS), parseDailyTime('02:30')!);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        runStationMaintenance(serviceDb, { now: slot, trigger: { kind: 'schedule', slot } }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.ran).length, 1, JSON.stringify(outcomes));
    assert.ok(outcomes.every((o) => o.ran || o.reason === 'locked' || o.reason === 'notDue'));
    const forSlot = (await jobs()).filter((j) => (j.params as { slot?: string }).slot === slot.toISOString());
    assert.equal(forSlot.length, 1);
    assert.equal(forSlot[0]!.status, 'succeeded');
    const later = await runStationMaintenance(serviceDb, { now: slot, trigger: { kind: 'schedule', slot } });
    assert.deepEqual(later, { ran: false, reason: 'notDue' }, 'a slot already done is not done again');
  });

  test('while another instance holds the lock a run skips and writes nothing; once released it runs', async () => {
    const count = (await jobs()).length;
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let held!: () => void;
    const holding = new Promise<void>((r) => {
      held = r;
    });
    const other = t.db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${MAINTENANCE_LOCK})`.execute(conn);
      held();
      await released;
      await sql`SELECT pg_advisory_unlock(${MAINTENANCE_LOCK})`.execute(conn);
    });
    await holding;
    const skipped = await runStationMaintenance(serviceDb, { now: clock.now(), trigger: { kind: 'manual' } });
    assert.deepEqual(skipped, { ran: false, reason: 'locked' });
    assert.equal((await jobs()).length, count);
    release();
    await other;
    const ran = await runStationMaintenance(serviceDb, { now: clock.now(), trigger: { kind: 'manual' } });
    assert.equal(ran.ran, true);
    assert.equal((await jobs()).length, count + 1);
  });

  test('a run stopped by shutdown is recorded as failed and releases the lock', async () => {
    await assert.rejects(
      runStationMaintenance(serviceDb, { now: clock.now(), trigger: { kind: 'manual' }, signal: AbortSignal.abort() }),
    );
    const last = (await jobs()).at(-1)!;
    assert.equal(last.status, 'failed');
    assert.match(last.message ?? '', /shutdown/);
    const next: MaintenanceOutcome = await runStationMaintenance(serviceDb, {
      now: clock.now(),
      trigger: { kind: 'manual' },
    });
    assert.equal(next.ran, true, 'the lock was released');
  });

  test('the daily timer runs at the configured Beijing time, once per slot', async () => {
    const at = parseDailyTime('02:30')!;
    const slot = nextRunAt(new Date(Date.now() + DAY_MS), at);
    const timerClock = fixedClock(new Date(slot.getTime() - 150).toISOString());
    const maintenance = startStationMaintenance(serviceDb, { at, clock: timerClock, log, catchUpDelayMs: 3_600_000 });
    stoppers.push(() => maintenance.stop());
    const job = await until('the scheduled run', async () =>
      (await jobs()).find(
        (j) =>
          (j.params as { slot?: string }).slot === slot.toISOString() &&
          (j.status === 'succeeded' || j.status === 'failed'),
      ),
    );
    await maintenance.stop();
    assert.equal(job.status, 'succeeded');
    assert.equal((job.params as { trigger: string }).trigger, 'schedule');
    const forSlot = (await jobs()).filter((j) => (j.params as { slot?: string }).slot === slot.toISOString());
    assert.equal(forSlot.length, 1);
  });

  test('GET /stations/maintenance/runs: district and city staff see the latest runs with their counts', async () => {
    const res = await t.app.inject({ url: '/api/v1/stations/maintenance/runs?limit=3', headers: city });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.schedule, { at: null, nextRunAt: null }, 'the test app runs no schedule');
    assert.equal(body.items.length, 3);
    const all = await jobs();
    assert.deepEqual(
      body.items.map((i: { id: string }) => i.id),
      all
        .slice(-3)
        .reverse()
        .map((j) => j.id),
    );
    const first = (await t.app.inject({ url: '/api/v1/stations/maintenance/runs?limit=100', headers: chaoyang }))
      .json()
      .items.at(-1);
    assert.equal(first.trigger, 'catch-up');
    assert.equal(first.status, 'succeeded');
    assert.equal(first.result.health, await liveCount());
    assert.ok(first.result.opened >= 1);
    assert.ok(
      first.result.openedByRule.some((r: { rule: string }) => r.rule === 'no_sign_of_life'),
      JSON.stringify(first),
    );
    const failed = body.items.find((i: { status: string }) => i.status === 'failed');
    assert.ok(failed, 'the run stopped by shutdown is listed');
    assert.equal(failed.result, null);
    assert.match(failed.message, /shutdown/);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/stations/maintenance/runs', headers: workplace })).statusCode,
      403,
    );
    assert.equal((await t.app.inject({ url: '/api/v1/stations/maintenance/runs' })).statusCode, 401);
    const bad = await t.app.inject({ url: '/api/v1/stations/maintenance/runs?limit=0', headers: city });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'querystring.limit');
  });
});
