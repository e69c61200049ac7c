import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { createTestApp } from '../../../test/app.ts';
import { newSessionToken } from '../../platform/auth.ts';
import { fixedClock } from '../../platform/clock.ts';
import { IP_BURST_LIMIT } from './award.rules.ts';

// 15 June 2026, noon in Beijing: inside both windows of the campaign created below.
const clock = fixedClock('2026-06-15T04:00:00Z');
const t = await createTestApp({ clock });
const [chaoyang, changping, city, member, auditor] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000001'),
  t.login('13800000006'),
]);
const station = (name: string) =>
  t.db.selectFrom('stations').select(['id', 'code', 'status']).where('name', '=', name).executeTakeFirstOrThrow();
const sanlitun = await station('三里屯太古里驿站'); // 朝阳区
const dawanglu = await station('大望路地铁站驿站'); // 朝阳区
const huilongguan = await station('回龙观地铁站驿站'); // 昌平区
const planned = await station('798艺术区驿站'); // 朝阳区, planned

/** Signed-in member accounts made straight in the database (sign-in itself is tested elsewhere). */
let made = 0;
async function memberSessions(n: number): Promise<{ authorization: string }[]> {
  const base = made;
  made += n;
  const members = await t.db.selectFrom('members').select('id').orderBy('id', 'desc').offset(base).limit(n).execute();
  return Promise.all(
    members.map(async (m, i) => {
      const id = uuidv7();
      await t.db
        .insertInto('accounts')
        .values({
          id,
          phone: `1390000${String(base + i).padStart(4, '0')}`,
          displayName: `会员${i}`,
          passwordHash: 'x',
          role: 'member',
          unionId: null,
          memberId: m.id,
        })
        .execute();
      const { token, hash } = newSessionToken();
      await t.db
        .insertInto('sessions')
        .values({ tokenHash: hash, accountId: id, expiresAt: new Date('2030-01-01'), ip: null, userAgent: null })
        .execute();
      return { authorization: `Bearer ${token}` };
    }),
  );
}

const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object = {}, payload?: object, ip = '192.0.2.1') =>
  t.app.inject({
    method,
    url: `/api/v1/stations/awards${url}`,
    headers: headers as Record<string, string>,
    remoteAddress: ip,
    ...(payload ? { payload } : {}),
  });

let campaignId = '';

describe('the "most beautiful station" campaign', () => {
  test('city staff create a campaign; bad windows are field errors; districts may not', async () => {
    const body = {
      name: '2026年朝阳·昌平最美驿站',
      year: 2026,
      nominationFrom: '2026-06-01',
      nominationTo: '2026-06-20',
      votingFrom: '2026-06-10',
      votingTo: '2026-06-30',
      publicWeight: 50,
    };
    assert.equal((await api('POST', '', chaoyang, body)).statusCode, 403);
    // The system admin holds every permission but belongs to no federation: a refusal, not a field error.
    const admin = await api('POST', '', await t.login('13800000007'), body);
    assert.equal(admin.statusCode, 403, admin.body);
    const bad = await api('POST', '', city, { ...body, votingTo: '2026-06-01' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.votingTo');
    const res = await api('POST', '', city, body);
    assert.equal(res.statusCode, 201, res.body);
    campaignId = res.json().id;
    assert.equal(res.json().phase, 'nomination');
    assert.equal(res.json().juryWeight, 50);
    assert.deepEqual(
      res.json().criteria.map((c: { key: string }) => c.key),
      ['facilities', 'service', 'highlights', 'worker_ratings'],
    );
    const list = await api('GET', '');
    assert.ok(list.json().items.some((c: { id: string }) => c.id === campaignId));
  });

  test('district federations nominate active stations of their own subtree, once each', async () => {
    const nominate = (headers: object, ref: string) =>
      api('POST', `/${campaignId}/nominations`, headers, { station: ref, statement: '温馨' });
    assert.equal((await nominate(chaoyang, sanlitun.code)).statusCode, 201);
    assert.equal((await nominate(chaoyang, dawanglu.code)).statusCode, 201);
    assert.equal((await nominate(changping, huilongguan.code)).statusCode, 201);
    assert.equal((await nominate(chaoyang, huilongguan.code)).statusCode, 403, 'not in 朝阳区');
    assert.equal((await nominate(chaoyang, sanlitun.code)).statusCode, 409, 'already nominated');
    const notActive = await nominate(chaoyang, planned.code);
    assert.equal(notActive.statusCode, 400);
    assert.equal((await nominate(member, sanlitun.code)).statusCode, 403);
    assert.equal((await nominate(auditor, sanlitun.code)).statusCode, 403);
    const pub = await api('GET', `/${campaignId}/nominations`);
    assert.equal(pub.statusCode, 200);
    assert.deepEqual(
      pub
        .json()
        .items.map((n: { code: string }) => n.code)
        .sort(),
      [sanlitun.code, dawanglu.code, huilongguan.code].sort(),
    );
  });

  test('twenty votes at once from one member make one vote; the next day he may vote again', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api('POST', `/${campaignId}/votes`, member, { station: sanlitun.code }, '192.0.2.20'),
      ),
    );
    assert.equal(answers.filter((a) => a.statusCode === 201).length, 1, answers.map((a) => a.statusCode).join());
    assert.equal(answers.filter((a) => a.statusCode === 409).length, 19);
    clock.set('2026-06-15T16:30:00Z'); // 00:30 on the 16th in Beijing: a new day
    const tomorrow = await api('POST', `/${campaignId}/votes`, member, { station: huilongguan.code }, '192.0.2.20');
    assert.equal(tomorrow.statusCode, 201, tomorrow.body);
    assert.equal(tomorrow.json().voteDay, '2026-06-16');
    clock.set('2026-06-15T04:00:00Z');
  });

  test('only members vote, only for nominees, only inside the window', async () => {
    assert.equal((await api('POST', `/${campaignId}/votes`, {}, { station: sanlitun.code })).statusCode, 401);
    assert.equal((await api('POST', `/${campaignId}/votes`, city, { station: sanlitun.code })).statusCode, 403);
    const [voter] = await memberSessions(1);
    const notNominee = await api('POST', `/${campaignId}/votes`, voter!, { station: planned.code });
    assert.equal(notNominee.statusCode, 400);
    assert.equal(notNominee.json().errors[0].field, 'body.station');
    clock.set('2026-07-01T04:00:00Z');
    assert.equal((await api('POST', `/${campaignId}/votes`, voter!, { station: sanlitun.code })).statusCode, 409);
    clock.set('2026-06-15T04:00:00Z');
  });

  test('a burst of members from one address is flagged: kept, not counted', async () => {
    const voters = await memberSessions(IP_BURST_LIMIT + 3);
    for (const v of voters) {
      const res = await api('POST', `/${campaignId}/votes`, v, { station: dawanglu.code }, '198.51.100.7');
      assert.equal(res.statusCode, 201, res.body);
    }
    const rows = await t.db
      .selectFrom('awardVotes')
      .select(['flagged', 'flagReason'])
      .where('campaignId', '=', campaignId)
      .where('ip', '=', '198.51.100.7')
      .execute();
    assert.equal(rows.length, IP_BURST_LIMIT + 3);
    assert.ok(rows.every((r) => r.flagged && r.flagReason === 'ip_burst'));
    const shared = await memberSessions(3);
    for (const v of shared) {
      await api(
        'POST',
        `/${campaignId}/votes`,
        { ...v, 'x-device-id': 'phone-A' },
        { station: huilongguan.code },
        `203.0.113.${Math.floor(Math.random() * 200)}`,
      );
    }
    const device = await t.db.selectFrom('awardVotes').select('flagReason').where('deviceId', '=', 'phone-A').execute();
    assert.equal(device.length, 3);
    assert.ok(device.every((d) => d.flagReason === 'device_shared'));
  });

  test('jury scores, the ranking with flagged votes apart, publishing after the vote, the public winners page', async () => {
    const jury = (ref: string, scores: object, headers: object = city) =>
      api('PUT', `/${campaignId}/jury/${ref}`, headers, { scores });
    assert.equal(
      (await jury(sanlitun.code, { facilities: 90, service: 95, highlights: 85 }, chaoyang)).statusCode,
      403,
    );
    const bad = await jury(sanlitun.code, { facilities: 90, service: 95 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.scores.highlights');
    assert.equal((await jury(sanlitun.code, { facilities: 90, service: 95, highlights: 85 })).statusCode, 204);
    assert.equal((await jury(dawanglu.code, { facilities: 60, service: 60, highlights: 60 })).statusCode, 204);
    assert.equal((await jury(huilongguan.code, { facilities: 80, service: 80, highlights: 80 })).statusCode, 204);
    const results = await api('GET', `/${campaignId}/results`, city);
    assert.equal(results.statusCode, 200, results.body);
    const byCode = Object.fromEntries(results.json().items.map((i: { code: string }) => [i.code, i]));
    assert.equal(byCode[sanlitun.code].votes, 1);
    assert.equal(byCode[huilongguan.code].votes, 1);
    assert.equal(byCode[huilongguan.code].flaggedVotes, 3);
    assert.equal(byCode[dawanglu.code].votes, 0);
    assert.equal(byCode[dawanglu.code].flaggedVotes, IP_BURST_LIMIT + 3);
    assert.equal(results.json().items[0].code, sanlitun.code);
    assert.equal(results.json().items[0].stars, 5);
    assert.equal((await api('GET', `/${campaignId}/results`, chaoyang)).statusCode, 403);

    assert.equal((await api('GET', `/${campaignId}/winners`)).statusCode, 409, 'not before publishing');
    assert.equal((await api('POST', `/${campaignId}/publish`, city)).statusCode, 409, 'voting still open');
    clock.set('2026-07-01T04:00:00Z');
    const cityAgain = await t.login('13800000005');
    assert.equal((await api('POST', `/${campaignId}/publish`, cityAgain)).statusCode, 204);
    assert.equal((await api('POST', `/${campaignId}/publish`, cityAgain)).statusCode, 409);
    await t.db
      .insertInto('stationPhotos')
      .values({
        id: uuidv7(),
        stationId: sanlitun.id,
        fileRef: '/files/sanlitun-front.jpg',
        caption: '门头',
        createdBy: null,
      })
      .execute();
    const winners = await api('GET', `/${campaignId}/winners`); // no sign-in: the public winners page
    assert.equal(winners.statusCode, 200, winners.body);
    assert.deepEqual(
      winners.json().items.map((w: { code: string; stars: number }) => [w.code, w.stars]),
      [[sanlitun.code, 5]],
    );
    const [won] = winners.json().items;
    const place = await t.db
      .selectFrom('stations')
      .select(['lng', 'lat'])
      .where('id', '=', sanlitun.id)
      .executeTakeFirstOrThrow();
    assert.ok(Math.abs(won.lng - place.lng) < 1e-6 && Math.abs(won.lat - place.lat) < 1e-6, 'WGS-84 position');
    assert.deepEqual(
      won.photos.map((p: { fileRef: string; caption: string }) => [p.fileRef, p.caption]),
      [['/files/sanlitun-front.jpg', '门头']],
    );
    assert.match(won.navigation.amap, /^https:\/\/uri\.amap\.com\/marker\?position=/);
    assert.match(won.navigation.baidu, /coord_type=bd09ll/);
    assert.match(won.navigation.tencent, /^https:\/\/apis\.map\.qq\.com\//);
    assert.equal(won.status, 'active');
    assert.equal(typeof won.total, 'number');
    assert.ok(won.criteria.facilities > 0, 'weighted scores per criterion');
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', campaignId).execute();
    for (const action of [
      'award.campaign.create',
      'award.nomination.create',
      'award.jury.score',
      'award.campaign.publish',
    ]) {
      assert.ok(
        audit.some((a) => a.action === action),
        action,
      );
    }
  });

  test('the demo 2026 campaign is published with its winners', async () => {
    const list = (await api('GET', '')).json().items;
    const demo = list.find((c: { name: string }) => c.name.startsWith('2026年北京市'));
    assert.ok(demo);
    const winners = await api('GET', `/${demo.id}/winners`);
    assert.equal(winners.statusCode, 200);
    assert.ok(winners.json().items.length >= 1);
    assert.equal(winners.json().items[0].stars, 5);
  });
});
