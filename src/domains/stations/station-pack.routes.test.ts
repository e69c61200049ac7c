import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { OpeningHours } from './opening-hours.ts';
import { PackIndex, type StationPack } from './station-pack.ts';

// Wednesday 2025-06-04, 12:00 in Beijing.
const clock = fixedClock('2025-06-04T04:00:00Z');
const t: TestApp = await createTestApp({ clock });

const getPack = (region: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url: `/api/v1/stations/pack?region=${region}`, headers });

describe('GET /stations/pack (public)', () => {
  test("Beijing's pack holds exactly its active stations, with hours, amenities and phone", async () => {
    const res = await getPack('110000');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['cache-control'] as string, /public, max-age=\d+/);
    assert.match(res.headers.etag as string, /^"[\w-]{20,}"$/);
    const pack: StationPack = res.json();
    const rows = await t.db
      .selectFrom('stations')
      .select(['code', 'name', 'lng', 'lat', 'openingHours', 'amenities', 'phone'])
      .where('status', '=', 'active')
      .where('regionCode', 'like', '11%')
      .orderBy('code')
      .execute();
    assert.ok(rows.length > 0);
    assert.equal(pack.region, '110000');
    assert.equal(pack.generatedAt, '2025-06-04T04:00:00.000Z');
    assert.deepEqual(
      pack.stations.map((s) => s.code),
      rows.map((r) => r.code),
    );
    for (const [i, s] of pack.stations.entries()) {
      const r = rows[i]!;
      assert.deepEqual([s.name, s.lng, s.lat, s.amenities, s.phone], [r.name, r.lng, r.lat, r.amenities, r.phone]);
      assert.deepEqual(pack.hours[s.hours], r.openingHours as OpeningHours);
    }
    const inactive = await t.db.selectFrom('stations').select('code').where('status', '!=', 'active').execute();
    const codes = new Set(pack.stations.map((s) => s.code));
    assert.ok(
      inactive.every((s) => !codes.has(s.code)),
      'planned, suspended and exited stations stay off the pack',
    );
  });

  test('the phone answers "nearest open" from the pack exactly as /stations/nearby does', async () => {
    const pack: StationPack = (await getPack('110000')).json();
    const phone = new PackIndex(pack);
    for (const [lng, lat] of [
      [116.4, 39.95],
      [116.3, 40.1],
      [116.48, 39.91],
    ] as const) {
      for (const openNow of [true, false]) {
        const res = await t.app.inject({
          url: `/api/v1/stations/nearby?lng=${lng}&lat=${lat}&limit=8${openNow ? '&openNow=true' : ''}`,
        });
        const server = res.json().items as { code: string; distanceM: number; openNow: boolean | null }[];
        const local = phone.nearest(lng, lat, { limit: 8, openNow, now: clock.now() });
        assert.deepEqual(
          local.map((h) => [
            h.station.code,
            Math.round(h.distanceM * 10) / 10,
            h.openNow === 'unknown' ? null : h.openNow,
          ]),
          server.map((s) => [s.code, s.distanceM, s.openNow]),
        );
      }
    }
  });

  test('an unchanged pack answers If-None-Match with 304; a station change gives a new ETag', async () => {
    const first = await getPack('110000');
    const etag = first.headers.etag as string;
    clock.set('2025-06-04T05:00:00Z');
    const again = await getPack('110000', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const station = await t.db
      .selectFrom('stations')
      .select('id')
      .where('status', '=', 'active')
      .where('regionCode', 'like', '11%')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('stations').set({ name: '新名字站点' }).where('id', '=', station.id).execute();
    const changed = await getPack('110000', { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.ok((changed.json() as StationPack).stations.some((s) => s.name === '新名字站点'));
  });

  test('a district narrows the pack; an unknown or malformed region is a 400 in the caller language', async () => {
    const all: StationPack = (await getPack('110000')).json();
    const district = all.stations[0]!.code.slice(0, 6);
    const one: StationPack = (await getPack(district)).json();
    assert.ok(one.stations.length > 0);
    assert.ok(one.stations.every((s) => s.code.startsWith(district)));
    assert.ok(one.stations.length <= all.stations.length);
    const unknown = await getPack('119999', { 'accept-language': 'en' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(unknown.json().errors, [{ field: 'querystring.region', message: 'is not a current region code' }]);
    assert.equal((await getPack('11')).statusCode, 400);
    assert.equal((await t.app.inject({ url: '/api/v1/stations/pack' })).statusCode, 400);
  });
});

describe('an offline outbox replaying its posts', () => {
  test('a report and a check-in sent again after a lost answer are stored once, with one ticket', async () => {
    const { code } = (await getPack('110000')).json().stations[0] as { code: string };
    const report = randomUUID();
    const checkin = randomUUID();
    const send = (kind: string, key: string, body: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${code}/${kind}`,
        headers: { 'idempotency-key': key, 'x-forwarded-for': '10.9.9.9' },
        payload: body,
      });
    const body = { kind: 'closed_during_hours', text: '中午十二点门关着' };
    // the phone sent both, lost the answers when the signal dropped, and sends them again when it comes back
    assert.equal((await send('reports', report, body)).statusCode, 201);
    assert.equal((await send('checkins', checkin, {})).statusCode, 201);
    const replays = await Promise.all([send('reports', report, body), send('checkins', checkin, {})]);
    assert.deepEqual(
      replays.map((r) => [r.statusCode, r.json().replayed]),
      [
        [200, true],
        [200, true],
      ],
    );
    const reports = await t.db.selectFrom('stationReports').select('id').where('idempotencyKey', '=', report).execute();
    assert.equal(reports.length, 1);
    const tickets = await t.db
      .selectFrom('stationTicketReports')
      .select('ticketId')
      .where('reportId', '=', reports[0]!.id)
      .execute();
    assert.equal(tickets.length, 1);
    const checkins = await t.db
      .selectFrom('stationCheckins')
      .select('id')
      .where('idempotencyKey', '=', checkin)
      .execute();
    assert.equal(checkins.length, 1);
  });
});
