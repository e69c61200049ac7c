import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { createTestApp } from '../../../test/app.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { JPEG, makeMember, PDF, STORY_ANSWERS, upload } from '../aid/aid-test-helpers.ts';
import { isoWeekOf, mondayOf } from './seasonality.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-cockpit-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ dataDir });
const [city, chaoyang, changping, workplace, member] = await Promise.all([
  t.login('13800000005'),
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000002'),
  t.login('13800000001'),
]);
type H = Record<string, string>;
const get = (url: string, headers: H) => t.app.inject({ url: `/api/v1${url}`, headers });
const today = shanghaiDay(new Date());
const year = Number(today.slice(0, 4));
const unionPath = async (code: string) =>
  (await t.db.selectFrom('unions').select('path').where('code', '=', code).executeTakeFirstOrThrow()).path;

// History payouts (imported files) across the years since 2009-08, including this week of earlier years and a
// burst this week in 朝阳 (the seasonality alert), and one row this year in 昌平.
const thisWeek = isoWeekOf(today);
const importId = uuidv7();
await t.db
  .insertInto('aidHistoryImports')
  .values({ id: importId, fileName: 'h.csv', fileSha256: 'x'.repeat(64), rows: 0, beneficiaries: 0, totalFen: 0 })
  .execute();
const cy = await t.db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', '=', 'BJ-CY-KW3')
  .executeTakeFirstOrThrow();
const cp = await t.db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', '=', 'BJ-CP-CKDZ')
  .executeTakeFirstOrThrow();
const history: { paidOn: string; u: typeof cy; n: number; fen: number }[] = [
  { paidOn: '2009-08-20', u: cy, n: 1, fen: 300_000 },
  { paidOn: '2012-11-19', u: cp, n: 2, fen: 800_000 },
  { paidOn: `${year}-01-15`, u: cp, n: 1, fen: 200_000 },
];
for (let y = year - 5; y < year; y++)
  history.push({ paidOn: mondayOf({ year: y, week: thisWeek.week }), u: cy, n: 2, fen: 100_000 });
history.push({ paidOn: mondayOf(thisWeek), u: cy, n: 12, fen: 2_400_000 });
await t.db
  .insertInto('aidPayoutHistory')
  .values(
    history.map((h, i) => ({
      importId,
      rowNumber: i + 2,
      paidOn: h.paidOn,
      schemeCode: 'HZBZ',
      coverageCode: 'PIPE_BURST',
      unionId: h.u.id,
      unionPath: h.u.path,
      amountFen: h.fen,
      beneficiaries: h.n,
    })),
  )
  .execute();

/** Every summary figure computed straight from the raw rows of the scope. */
async function expected(scope: string) {
  const like = `${scope}%`;
  const inYear = (col: string) => sql.raw(`extract(year from (${col} at time zone 'Asia/Shanghai')) = ${year}`);
  const one = async (q: ReturnType<typeof sql<{ n: string | null }>>) =>
    Number((await q.execute(t.db)).rows[0]?.n ?? 0);
  const histAll = sql`(select coalesce(sum(beneficiaries),0) from aid_payout_history where union_path like ${like})`;
  const histYear = sql`(select coalesce(sum(beneficiaries),0) from aid_payout_history where union_path like ${like} and extract(year from paid_on) = ${year})`;
  const histFenAll = sql`(select coalesce(sum(amount_fen),0) from aid_payout_history where union_path like ${like})`;
  const histFenYear = sql`(select coalesce(sum(amount_fen),0) from aid_payout_history where union_path like ${like} and extract(year from paid_on) = ${year})`;
  const filed = (y: boolean) =>
    sql`(select count(*) from aid_claims where union_path like ${like} and first_submitted_at is not null ${y ? sql`and ${inYear('first_submitted_at')}` : sql``})`;
  const paid = (y: boolean, what: 'count(*)' | 'coalesce(sum(amount_fen),0)') =>
    sql`(select ${sql.raw(what)} from aid_payouts where union_path like ${like} and status = 'paid' ${y ? sql`and extract(year from settled_on) = ${year}` : sql``})`;
  const health = await sql<{ avg: string | null }>`
    select round(avg(score), 1) as avg from station_health where union_path like ${like}`.execute(t.db);
  return {
    members: {
      active: await one(sql`select count(*) as n from members where union_path like ${like} and status = 'active'`),
      cardsActive: await one(
        sql`select count(*) as n from aid_cards k join members m on m.id = k.member_id where m.union_path like ${like} and k.status = 'active'`,
      ),
    },
    aid: {
      year: {
        filed: await one(sql`select ${filed(true)} + ${histYear} as n`),
        paid: await one(sql`select ${paid(true, 'count(*)')} + ${histYear} as n`),
        paidFen: await one(sql`select ${paid(true, 'coalesce(sum(amount_fen),0)')} + ${histFenYear} as n`),
      },
      total: {
        filed: await one(sql`select ${filed(false)} + ${histAll} as n`),
        paid: await one(sql`select ${paid(false, 'count(*)')} + ${histAll} as n`),
        paidFen: await one(sql`select ${paid(false, 'coalesce(sum(amount_fen),0)')} + ${histFenAll} as n`),
      },
    },
    stations: {
      live: await one(sql`select count(*) as n from stations where union_path like ${like} and status <> 'exited'`),
      active: await one(sql`select count(*) as n from stations where union_path like ${like} and status = 'active'`),
      checkinsYear: await one(
        sql`select count(*) as n from station_checkins c join stations s on s.id = c.station_id where s.union_path like ${like} and ${inYear('c.created_at')}`,
      ),
      healthAvg: health.rows[0]?.avg === null ? null : Number(health.rows[0]!.avg),
    },
    care: {
      activitiesYear: await one(
        sql`select count(*) as n from care_activities where union_path like ${like} and extract(year from starts_on) = ${year}`,
      ),
      peopleYear: await one(
        sql`select coalesce(sum(r.people),0) as n from care_activity_reach r join care_activities a on a.id = r.activity_id where a.union_path like ${like} and extract(year from r.day) = ${year}`,
      ),
    },
    hotline: {
      consultationsYear: await one(
        sql`select count(*) as n from hotline_consultations where union_path like ${like} and ${inYear('started_at')}`,
      ),
    },
  };
}

async function expectedSurveys(scope: string) {
  const { rows } = await sql<{ id: string; responses: string; audience: string }>`
    select s.id, (select count(*) from survey_responses r where r.survey_id = s.id and r.union_path like ${`${scope}%`}) as responses,
           (select count(*) from members m where m.status = 'active' and m.union_path like s.audience_path || '%'
               and m.union_path like ${`${scope}%`}) as audience
      from surveys s
     where s.published_at is not null and s.closed_at is null and (s.opens_at is null or s.opens_at <= now())
       and (s.closes_at is null or s.closes_at + s.grace_minutes * interval '1 minute' > now())
       and (coalesce(s.audience_path, s.owner_union_path) like ${`${scope}%`} or ${scope} like coalesce(s.audience_path, s.owner_union_path) || '%')`.execute(
    t.db,
  );
  return new Map(rows.map((r) => [r.id, { responses: Number(r.responses), audience: Number(r.audience) }]));
}

async function checkSummary(headers: H, code: string) {
  const res = await get('/cockpit/summary', headers);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const want = await expected(await unionPath(code));
  assert.equal(body.scope.code, code);
  assert.deepEqual(
    {
      members: body.members,
      aid: { year: body.aid.year, total: body.aid.total },
      stations: body.stations,
      care: body.care,
      hotline: body.hotline,
    },
    want,
  );
  assert.equal(body.aid.since, '2009-08');
  const surveys = await expectedSurveys(await unionPath(code));
  assert.equal(body.surveys.running, surveys.size);
  for (const s of body.surveys.items)
    assert.deepEqual([s.responses, s.audience], [surveys.get(s.id)?.responses, surveys.get(s.id)?.audience], s.title);
  return body;
}

describe('cockpit figures match the raw rows', () => {
  test('city staff (北京市总工会) and district staff (朝阳) each see their own subtree', async () => {
    const bj = await checkSummary(city, 'BJ');
    const chy = await checkSummary(chaoyang, 'BJ-CY');
    assert.ok(bj.members.active > chy.members.active && chy.members.active > 0);
    assert.ok(bj.aid.total.paid >= 20, 'history since 2009-08 included');
  });

  test('per district figures (the map) match, and 朝阳 staff get only 朝阳', async () => {
    for (const [headers, code] of [
      [city, 'BJ'],
      [chaoyang, 'BJ-CY'],
    ] as const) {
      const res = await get('/cockpit/districts?period=all', headers);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as { code: string; regionCode: string; figures: Record<string, number | null> }[];
      const districts = await t.db
        .selectFrom('unions')
        .select(['code', 'path', 'regionCode'])
        .where('kind', '=', 'district')
        .where('path', 'like', `${await unionPath(code)}%`)
        .execute();
      assert.deepEqual(items.map((i) => i.code).sort(), districts.map((d) => d.code).sort());
      for (const d of districts) {
        const item = items.find((i) => i.code === d.code)!;
        const want = await expected(d.path);
        assert.equal(item.regionCode, d.regionCode);
        assert.equal(item.figures.members, want.members.active, d.code);
        assert.equal(item.figures.cardsActive, want.members.cardsActive, d.code);
        assert.equal(item.figures.claimsFiled, want.aid.total.filed, d.code);
        assert.equal(item.figures.paidFen, want.aid.total.paidFen, d.code);
        assert.equal(item.figures.stationsActive, want.stations.active, d.code);
        assert.equal(item.figures.healthAvg, want.stations.healthAvg, d.code);
      }
    }
    const cyOnly = (await get('/cockpit/districts', chaoyang)).json();
    assert.deepEqual(
      cyOnly.items.map((i: { regionCode: string }) => i.regionCode),
      ['110105'],
    );
  });

  test('staff cannot look outside their subtree, members and workplace staff not at all', async () => {
    assert.equal((await get('/cockpit/summary?union=BJ-CP', chaoyang)).statusCode, 403);
    assert.equal((await get('/cockpit/summary?union=BJ', chaoyang)).statusCode, 403);
    assert.equal((await get('/cockpit/summary?union=BJ-CP-CKDZ', city)).statusCode, 403, 'below district level');
    assert.equal((await get('/cockpit/summary?union=BJ-CY', city)).json().scope.code, 'BJ-CY');
    assert.equal((await get('/cockpit/summary', workplace)).statusCode, 403);
    assert.equal((await get('/cockpit/summary', member)).statusCode, 403);
    const bad = await t.app.inject({
      url: '/api/v1/cockpit/summary?union=NOPE-X',
      headers: { ...city, 'accept-language': 'en' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'querystring.union');
    assert.equal(bad.json().errors[0].message, 'no union has this code');
  });
});

describe('analysis', () => {
  test('a burst of claims this week in 朝阳 raises an alert against the same week of the last 5 years', async () => {
    const res = await get('/cockpit/analysis/seasonality', city);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const alert = body.alerts.find((a: { unionCode: string }) => a.unionCode === 'BJ-CY');
    assert.ok(alert, JSON.stringify(body.alerts));
    assert.equal(alert.direction, 'above');
    assert.ok(alert.value >= 12);
    assert.equal(alert.expected.centre, 2);
    assert.equal(body.series.find((p: { week: number }) => p.week === thisWeek.week).expected.centre, 2);
    const cpAlerts = (await get('/cockpit/analysis/seasonality', changping)).json().alerts;
    assert.ok(!cpAlerts.some((a: { unionCode: string }) => a.unionCode === 'BJ-CY'), '昌平 staff do not see 朝阳');
    const mad = (await get('/cockpit/analysis/seasonality?rule=mad', chaoyang)).json();
    assert.equal(mad.rule, 'mad');
    assert.ok(mad.alerts.some((a: { unionCode: string }) => a.unionCode === 'BJ-CY'));
  });

  test('suggested sites, falling stations and survey term shifts answer for both scopes', async () => {
    for (const h of [city, chaoyang]) {
      for (const p of ['sites', 'falling-stations', 'survey-terms']) {
        const res = await get(`/cockpit/analysis/${p}`, h);
        assert.equal(res.statusCode, 200, `${p}: ${res.body}`);
      }
    }
    const falling = (await get('/cockpit/analysis/falling-stations', chaoyang)).json().items;
    const cyPath = await unionPath('BJ-CY');
    for (const s of falling) {
      const row = await t.db
        .selectFrom('stations')
        .select('unionPath')
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.unionPath.startsWith(cyPath));
      assert.ok(s.fall >= 10);
    }
  });
});

describe('the summary tables follow writes made through the API', () => {
  test('a check-in, a new claim and a payout move the figures; a full rebuild agrees', async () => {
    const before = (await get('/cockpit/summary', city)).json();
    const station = await t.db
      .selectFrom('stations')
      .select('code')
      .where('status', '=', 'active')
      .where('unionPath', 'like', `${await unionPath('BJ-CY')}%`)
      .executeTakeFirstOrThrow();
    const checkin = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/${station.code}/checkins`,
      headers: { 'idempotency-key': uuidv7() },
      payload: {},
    });
    assert.ok(checkin.statusCode < 300, checkin.body);

    const m = await makeMember(t, { union: 'BJ-CP-CKDZ', card: { validFrom: '2020-01-01' } });
    const incident = shanghaiDay(new Date(Date.now() - 3 * 86_400_000));
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/aid/claims',
      headers: workplace,
      payload: {
        memberId: m.id,
        coverageCode: 'PIPE_BURST',
        incidentDate: incident,
        incidentAddress: '北京市昌平区龙锦苑东五区 8 号楼 3 单元 502',
        answers: { ...STORY_ANSWERS, neighboursDamaged: 'no' },
        claimedLossFen: 600_000,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    for (const type of ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard'])
      await upload(t, workplace, id, type, type === 'damagePhotos' ? JPEG : PDF, `${type}.pdf`);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/aid/claims/${id}/submit`,
      headers: workplace,
    });
    assert.ok(submitted.statusCode < 300, submitted.body);

    const batch = await t.app.inject({ method: 'POST', url: '/api/v1/aid/payout-batches', headers: city, payload: {} });
    assert.equal(batch.statusCode, 201, batch.body);
    await t.app.inject({ url: `/api/v1/aid/payout-batches/${batch.json().id}/bank-file?format=csv`, headers: city });
    const refs = batch
      .json()
      .payouts.map((p: { reference: string }) => `${p.reference},paid`)
      .join('\n');
    const boundary = 'cockpitboundary';
    const reconciled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/aid/payout-batches/${batch.json().id}/reconciliation`,
      headers: { ...city, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\nreference,status\n${refs}\n\r\n--${boundary}--\r\n`,
    });
    assert.equal(reconciled.statusCode, 200, reconciled.body);
    const paidNow = reconciled.json().paid as number;
    assert.ok(paidNow >= 1);

    const after = await checkSummary(city, 'BJ');
    await checkSummary(chaoyang, 'BJ-CY');
    assert.equal(after.stations.checkinsYear, before.stations.checkinsYear + 1);
    assert.equal(after.aid.total.filed, before.aid.total.filed + 1);
    assert.equal(after.aid.total.paid, before.aid.total.paid + paidNow);
    assert.equal(after.members.active, before.members.active + 1);

    const snapshot = async () =>
      (
        await sql<{ k: string }>`select measure || bucket_path || coalesce(period::text, '') || dim || value as k from (
          select measure, bucket_path, null::date as period, '' as dim, value from cockpit_stock union all
          select measure, bucket_path, period, dim, value from cockpit_flow union all
          select measure, bucket_path, make_date(year, 1, 1), 'year', value from cockpit_flow_year) x
          where value <> 0 order by 1`.execute(t.db)
      ).rows.map((r) => r.k);
    const incremental = await snapshot();
    await sql`select cockpit_rebuild()`.execute(t.db);
    assert.deepEqual(incremental, await snapshot());
  });
});
