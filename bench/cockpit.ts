/**
 * Cockpit panels at national scale: a fresh database filled with INSERT … SELECT generate_series (31 provinces,
 * 310 districts, 6,200 workplace unions; members, cards, claims, payouts, history payouts since 2009, stations,
 * check-ins, health), the summary tables rebuilt once, then every panel timed (p50/p95 over repeated calls) for a
 * city, a district and the whole country, against the naive full-scan query of the same figures in the same run.
 * Also times single-row writes with and without the summary triggers.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/cockpit.ts      (COCKPIT_SCALE=1 default)
 */
import { sql } from 'kysely';
import { falling, seasonality, suggestedSites, surveyTermShifts } from '../src/domains/cockpit/analysis.service.ts';
import { districts, type Scope, summary, trend } from '../src/domains/cockpit/cockpit.service.ts';
import { monthlyReport } from '../src/domains/cockpit/monthly-report.ts';
import { openBenchDb } from './bench-db.ts';

const SCALE = Number(process.env.COCKPIT_SCALE ?? 1);
const N = {
  members: Math.round(1_000_000 * SCALE),
  claims: Math.round(200_000 * SCALE),
  history: Math.round(500_000 * SCALE),
  stations: Math.round(40_000 * SCALE),
  checkins: Math.round(1_500_000 * SCALE),
};
const RUNS = Number(process.env.COCKPIT_RUNS ?? 20);

const bench = await openBenchDb();
const { db, pool } = bench;
const q = (text: string) => pool.query(text);
const t0 = Date.now();
const step = async (label: string, text: string) => {
  const s = Date.now();
  await q(text);
  console.log(`  ${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
};

console.log(`# cockpit bench on ${bench.label}, scale ${SCALE}`);
console.log('loading (triggers off: session_replication_role = replica, then cockpit_rebuild())');
const client = await pool.connect();
await client.query('SET session_replication_role = replica');
const c = (text: string) => client.query(text);
const cstep = async (label: string, text: string) => {
  const s = Date.now();
  await c(text);
  console.log(`  ${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
};
// union tree: CN > 31 provinces > 1 city each > 10 districts > 20 workplaces (seq-based paths as the app builds them)
await cstep(
  'unions',
  `INSERT INTO unions (id, seq, code, name, kind, parent_id, path, depth, region_code)
   SELECT gen_random_uuid(), 1000, 'CN', '中华全国总工会', 'national', NULL, '/1000/', 0, '100000';
   INSERT INTO unions (id, seq, code, name, kind, parent_id, path, depth, region_code)
   SELECT gen_random_uuid(), 1000 + p, 'P' || p, '省总工会' || p, 'provincial', (SELECT id FROM unions WHERE seq = 1000),
          '/1000/' || (1000 + p) || '/', 1, lpad((10 + p)::text, 2, '0') || '0000' FROM generate_series(1, 31) p;
   INSERT INTO unions (id, seq, code, name, kind, parent_id, path, depth, region_code)
   SELECT gen_random_uuid(), 2000 + p, 'P' || p || '-C', '市总工会' || p, 'city', u.id, u.path || (2000 + p) || '/', 2,
          lpad((10 + p)::text, 2, '0') || '0100' FROM generate_series(1, 31) p JOIN unions u ON u.seq = 1000 + p;
   INSERT INTO unions (id, seq, code, name, kind, parent_id, path, depth, region_code)
   SELECT gen_random_uuid(), 10000 + p * 100 + d, 'P' || p || '-D' || d, '区总工会' || p || '-' || d, 'district', u.id,
          u.path || (10000 + p * 100 + d) || '/', 3, lpad((10 + p)::text, 2, '0') || '01' || lpad(d::text, 2, '0')
     FROM generate_series(1, 31) p CROSS JOIN generate_series(1, 10) d JOIN unions u ON u.seq = 2000 + p;
   INSERT INTO unions (id, seq, code, name, kind, parent_id, path, depth, region_code)
   SELECT gen_random_uuid(), 100000 + (u.seq - 10000) * 100 + w, u.code || '-W' || w, '基层工会' || u.seq || '-' || w,
          'workplace', u.id, u.path || (100000 + (u.seq - 10000) * 100 + w) || '/', 4, u.region_code
     FROM unions u CROSS JOIN generate_series(1, 20) w WHERE u.kind = 'district' AND u.seq >= 10000;
   CREATE TEMP TABLE wp AS SELECT row_number() OVER (ORDER BY seq) - 1 AS i, id, path FROM unions WHERE kind = 'workplace' AND seq >= 100000;
   CREATE UNIQUE INDEX ON wp (i);
   INSERT INTO accounts (id, phone, display_name, password_hash, role, union_id)
   SELECT gen_random_uuid(), '13900000000', 'bench', 'x', 'city_staff', id FROM unions WHERE seq = 1000;
   INSERT INTO aid_schemes (id, code, name, since) VALUES (gen_random_uuid(), 'HZBZ', '职工互助保障', '2009-08-01');
   INSERT INTO aid_coverages (id, scheme_id, code, name)
   SELECT gen_random_uuid(), s.id, x.code, x.code FROM aid_schemes s,
          (VALUES ('PIPE_BURST'), ('HOSPITAL'), ('ACCIDENT'), ('CRITICAL')) x(code);`,
);
const W = 6200;
await cstep(
  `members ${N.members.toLocaleString()} + cards`,
  `INSERT INTO members (id, union_id, union_path, name, phone, id_number_enc, id_number_hash, id_number_masked, gender,
                        birth_date, status, joined_on)
   SELECT gen_random_uuid(), wp.id, wp.path, '会员' || g, '138' || lpad(g::text, 8, '0'), '\\x00', decode(md5(g::text), 'hex'),
          '110***', CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, date '1970-01-01' + (g % 15000),
          CASE WHEN g % 20 = 0 THEN 'left' ELSE 'active' END, date '2005-01-01' + (g % 7000)
     FROM generate_series(1, ${N.members}) g JOIN wp ON wp.i = g % ${W};
   INSERT INTO aid_cards (id, member_id, card_no, issued_on, valid_from, valid_to, status)
   SELECT gen_random_uuid(), m.id, 'C' || m.phone, '2020-01-01', '2020-01-01', '2027-12-31',
          CASE WHEN m.phone::bigint % 10 = 0 THEN 'suspended' ELSE 'active' END FROM members m;`,
);
await cstep(
  `claims ${N.claims.toLocaleString()} (+ incidents, payouts for 70 %)`,
  `CREATE TEMP TABLE mm AS SELECT row_number() OVER () - 1 AS i, id, union_id, union_path FROM members LIMIT ${N.claims};
   INSERT INTO aid_incidents (id, ref, coverage_id, incident_date, address, address_key)
   SELECT gen_random_uuid(), 'I' || mm.i, (SELECT id FROM aid_coverages ORDER BY code OFFSET mm.i % 4 LIMIT 1),
          date '2019-01-01' + (mm.i * 7919 % 2880)::int, '地址', 'k' || mm.i FROM mm;
   INSERT INTO aid_claims (id, claim_no, member_id, union_id, union_path, coverage_id, incident_id, incident_date,
                           incident_address, status, filed_by, filed_by_role, first_submitted_at, approved_amount_fen)
   SELECT gen_random_uuid(), 'HZ' || mm.i, mm.id, mm.union_id, mm.union_path, i.coverage_id, i.id, i.incident_date, '地址',
          CASE WHEN mm.i % 10 < 7 THEN 'paid' ELSE 'submitted' END, (SELECT id FROM accounts LIMIT 1), 'workplace_staff',
          i.incident_date + interval '3 days', 500000
     FROM mm JOIN aid_incidents i ON i.ref = 'I' || mm.i;
   INSERT INTO aid_payout_batches (id, batch_no, status, claim_count, total_fen, created_by)
   SELECT gen_random_uuid(), 'B1', 'reconciled', 0, 0, (SELECT id FROM accounts LIMIT 1);
   INSERT INTO aid_payouts (id, reference, batch_id, claim_id, amount_fen, status, payee_name, bank_account_enc,
                            bank_account_masked, union_path, settled_at, settled_on)
   SELECT gen_random_uuid(), 'R' || a.claim_no, (SELECT id FROM aid_payout_batches LIMIT 1), a.id, 500000, 'paid', 'x',
          '\\x00', '6222***', a.union_path, a.incident_date + interval '20 days', a.incident_date + 20
     FROM aid_claims a WHERE a.status = 'paid';`,
);
await cstep(
  `history payouts ${N.history.toLocaleString()} (2009-08 … 2024)`,
  `INSERT INTO aid_history_imports (id, file_name, file_sha256, rows, beneficiaries, total_fen)
   VALUES (gen_random_uuid(), 'h.csv', 'h', 0, 0, 0);
   INSERT INTO aid_payout_history (import_id, row_number, paid_on, scheme_code, coverage_code, union_id, union_path,
                                   amount_fen, beneficiaries)
   SELECT (SELECT id FROM aid_history_imports LIMIT 1), g, date '2009-08-01' + (g::bigint * 7919 % 5600)::int, 'HZBZ',
          (ARRAY['PIPE_BURST', 'HOSPITAL', 'ACCIDENT', 'CRITICAL'])[1 + g % 4], wp.id, wp.path, 300000, 1
     FROM generate_series(1, ${N.history}) g JOIN wp ON wp.i = g % ${W};`,
);
await cstep(
  `stations ${N.stations.toLocaleString()} + health (7 days of history) + check-ins ${N.checkins.toLocaleString()}`,
  `INSERT INTO stations (id, code, station_type, name, address, region_code, union_id, union_path, management_mode, lng, lat, status)
   SELECT gen_random_uuid(), 'S' || g, 'A', '站点' || g, '地址', '110105', wp.id, wp.path, 'partnership',
          116 + (g % 1000) / 1000.0, 39.5 + (g / 1000 % 1000) / 1000.0, CASE WHEN g % 12 = 0 THEN 'suspended' ELSE 'active' END
     FROM generate_series(1, ${N.stations}) g JOIN wp ON wp.i = g % ${W};
   INSERT INTO station_health (station_id, union_path, score, components, computed_at)
   SELECT id, union_path, 40 + abs(hashtext(id::text)) % 60, '{}', now() FROM stations;
   INSERT INTO station_health_history (station_id, day, score)
   SELECT s.id, current_date - d, least(100, h.score + (CASE WHEN hashtext(s.id::text) % 10 = 0 THEN 20 ELSE 0 END))
     FROM stations s JOIN station_health h ON h.station_id = s.id CROSS JOIN generate_series(1, 7) d;
   CREATE TEMP TABLE ss AS SELECT row_number() OVER () - 1 AS i, id FROM stations;
   CREATE UNIQUE INDEX ON ss (i);
   INSERT INTO station_checkins (id, station_id, idempotency_key, request_hash, lng, lat, created_at)
   SELECT gen_random_uuid(), ss.id, gen_random_uuid(), '\\x00', NULL, NULL, now() - (g % 700) * interval '1 day'
     FROM generate_series(1, ${N.checkins}) g JOIN ss ON ss.i = g * 7 % ${N.stations};`,
);
// one running survey to the whole country with a text question, 100,000 anonymous answers
await cstep(
  'survey + 100,000 responses',
  `INSERT INTO surveys (id, owner_union_id, owner_union_path, title, audience_union_id, audience_path, opens_at, closes_at,
                        published_at, response_count)
   SELECT gen_random_uuid(), id, path, '全国职工需求调查', id, path, now() - interval '3 days', now() + interval '30 days',
          now() - interval '3 days', 100000 FROM unions WHERE seq = 1000;
   INSERT INTO survey_versions (survey_id, version, definition)
   SELECT id, 1, '{"title":"t","sections":[{"id":"s1","title":"s","questions":[{"id":"q1","type":"text","title":"建议","required":false}]}]}'
     FROM surveys;
   INSERT INTO survey_responses (id, survey_id, version, union_id, union_path, via, anonymous, submitted_on, receipt_hash, answers)
   SELECT gen_random_uuid(), (SELECT id FROM surveys LIMIT 1), 1, wp.id, wp.path, 'link', true, current_date,
          decode(md5('r' || g), 'hex'),
          jsonb_build_object('q1', (ARRAY['希望增加饮水机', '休息室太小', '开放时间太短', '希望有充电设施'])[1 + (g + wp.i / 200) % 4])
     FROM generate_series(1, 100000) g JOIN wp ON wp.i = g % ${W};`,
);
client.release();
await step('cockpit_rebuild() (the full recomputation)', 'SELECT cockpit_rebuild()');
if (process.env.COCKPIT_PROFILE) {
  const { rows: sources } = await q(
    `SELECT source, replace(cockpit_delta_sql('INSERT', coalesce(rebuild, contrib)), 'cockpit_new', quote_ident(source)) AS sql FROM cockpit_sources`,
  );
  await q('DELETE FROM cockpit_stock; DELETE FROM cockpit_flow');
  for (const r of sources) await step(`  rebuild ${r.source}`, r.sql);
}
await step('ANALYZE', 'ANALYZE');
const { rows: sizes } = await q(
  `SELECT (SELECT count(*) FROM cockpit_stock) AS stock, (SELECT count(*) FROM cockpit_flow) AS flow`,
);
console.log(
  `loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s; summary rows: stock ${sizes[0].stock}, flow ${sizes[0].flow}`,
);

const scopeOf = async (code: string): Promise<Scope> => {
  const u = await db.selectFrom('unions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  return { path: u.path, unionId: u.id, code: u.code, name: u.name, regionCode: u.regionCode };
};
const scopes = { country: await scopeOf('CN'), city: await scopeOf('P1-C'), district: await scopeOf('P1-D3') };
const now = new Date();
const year = `${now.getFullYear()}-01-01`;

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]! };
}

/** The same headline figures straight from the raw tables (what a cockpit without summary tables would run). */
const naiveSummary = (path: string) =>
  pool.query(
    `SELECT (SELECT count(*) FROM members WHERE union_path LIKE $1 AND status = 'active') AS members,
            (SELECT count(*) FROM aid_cards k JOIN members m ON m.id = k.member_id WHERE m.union_path LIKE $1 AND k.status = 'active') AS cards,
            (SELECT count(*) FROM aid_claims WHERE union_path LIKE $1 AND first_submitted_at IS NOT NULL) AS filed,
            (SELECT sum(amount_fen) FROM aid_payouts WHERE union_path LIKE $1 AND status = 'paid') AS paid,
            (SELECT sum(amount_fen) FROM aid_payout_history WHERE union_path LIKE $1) AS hist,
            (SELECT count(*) FROM station_checkins c JOIN stations s ON s.id = c.station_id
              WHERE s.union_path LIKE $1 AND c.created_at >= $2) AS checkins`,
    [`${path}%`, year],
  );
const naiveDistricts = (path: string) =>
  pool.query(
    `SELECT substring(union_path FROM '^/[0-9]+/[0-9]+/[0-9]+/[0-9]+/') AS d, count(*) FILTER (WHERE status = 'active')
       FROM members WHERE union_path LIKE $1 GROUP BY 1`,
    [`${path}%`],
  );

console.log(`\n| panel | scope | p50 ms | p95 ms |\n|---|---|---:|---:|`);
const results: [string, string, { p50: number; p95: number }][] = [];
for (const [name, scope] of Object.entries(scopes)) {
  const panels: [string, () => Promise<unknown>][] = [
    ['summary', () => summary(db, scope, now)],
    ['districts (map)', () => districts(db, scope.path, year, null)],
    ['trend', () => trend(db, scope.path, now)],
    ['seasonality', () => seasonality(db, scope, now, {})],
    ['suggested sites', () => suggestedSites(db, scope, now)],
    ['falling stations', () => falling(db, scope, now)],
    ['survey terms', () => surveyTermShifts(db, scope)],
    ['monthly report data', () => monthlyReport(db, scope, now.toISOString().slice(0, 7), now)],
    ['baseline: naive summary (full scans)', () => naiveSummary(scope.path!)],
    ['baseline: naive members by district', () => naiveDistricts(scope.path!)],
  ];
  for (const [panel, fn] of panels) {
    const r = await time(fn);
    results.push([panel, name, r]);
    console.log(`| ${panel} | ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  }
}

// What the triggers cost a write: single-row check-ins with and without the summary upkeep.
const station = (await q('SELECT id FROM stations LIMIT 1')).rows[0].id;
const insertCheckin = () =>
  pool.query(
    `INSERT INTO station_checkins (id, station_id, idempotency_key, request_hash) VALUES (gen_random_uuid(), $1, gen_random_uuid(), '\\x00')`,
    [station],
  );
const withTriggers = await time(insertCheckin);
await q('ALTER TABLE station_checkins DISABLE TRIGGER USER');
const withoutTriggers = await time(insertCheckin);
await q('ALTER TABLE station_checkins ENABLE TRIGGER USER');
console.log(
  `\none check-in INSERT: p50 ${withTriggers.p50.toFixed(2)} ms with the summary trigger, ${withoutTriggers.p50.toFixed(2)} ms without`,
);
const worst = results.filter(([p]) => !p.startsWith('baseline')).sort((a, b) => b[2].p95 - a[2].p95)[0]!;
console.log(`slowest panel: ${worst[0]} (${worst[1]}) p95 ${worst[2].p95.toFixed(1)} ms — target < 300 ms`);
await sql`select 1`.execute(db);
await bench.close();
