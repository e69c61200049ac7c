/**
 * A realistic request mix on a scaled demo database: `npx tsx bench/load-mix.ts` (city scale, ~2 minutes with the
 * seeding), or quicker: `BENCH_MEMBERS=5000 BENCH_STATIONS=2000 BENCH_CLAIMS=2000 BENCH_RESPONSES=2000 npx tsx bench/load-mix.ts`.
 * National scale, seeded once and loaded as often as wanted:
 * `BENCH_SCALE=national BENCH_DATA_DIR=/tmp/uc-national npx tsx bench/load-mix.ts` (embedded), or with
 * `BENCH_DATABASE_URL=postgres://…/db` (an existing, empty or already scaled database; its key file is kept in
 * BENCH_DATA_DIR). A kept data dir or database that is already scaled is loaded as it is, not seeded again.
 *
 * Seeds a fresh embedded data directory with `unioncare seed --scale city` (BENCH_SCALE, overridable per count), then runs the
 * real app (the server's runtime and buildApp, rate limiter raised so it never trips) and loads each endpoint in
 * turn with autocannon for BENCH_SECONDS (5) at BENCH_CONNECTIONS (10): public /stations/nearby at random points in
 * Beijing, a member's claim list, the city staff's claim queue, a member saving a survey draft, and /healthz as the
 * bare-route baseline measured in the same run. Prints throughput, p50/p99 and the /nearby-to-bare ratio.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seeded } from '../src/domains/stations/station-generator.ts';
import { systemClock } from '../src/platform/clock.ts';
import { hashPassword } from '../src/platform/password.ts';
import { openRuntime } from '../src/runtime.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { SCALE_PRESETS } from '../src/seed/scale.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SCALE = process.env.BENCH_SCALE ?? 'city';
if (!Object.hasOwn(SCALE_PRESETS, SCALE)) throw new Error(`BENCH_SCALE=${SCALE}: city or national`);
const keep = Boolean(process.env.BENCH_DATA_DIR || process.env.BENCH_DATABASE_URL);
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'unioncare-loadmix-'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
const config = { ...loadConfig(env), logLevel: 'silent' as const };
const where = databaseUrl ? databaseUrl.replace(/\/\/[^@]*@/, '//') : `embedded data dir ${dataDir}`;
const overrides = (
  [
    ['--members', 'BENCH_MEMBERS'],
    ['--stations', 'BENCH_STATIONS'],
    ['--claims', 'BENCH_CLAIMS'],
    ['--responses', 'BENCH_RESPONSES'],
  ] as const
).flatMap(([flag, name]) => (process.env[name] ? [flag, process.env[name]!] : []));
const seedArgs = ['seed', '--scale', SCALE, ...overrides];
if (await isScaled()) console.log(`# ${where} is already scaled: loading it as it is (not seeded again)`);
else {
  console.log(`# unioncare ${seedArgs.join(' ')} (${where})`);
  const t0 = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...seedArgs], { env, stdio: 'inherit' });
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Opened and closed again before seeding: the embedded database takes one process at a time. */
async function isScaled() {
  if (!keep) return false;
  const rt = await openRuntime(config, () => {});
  try {
    return Boolean(
      await rt.handle.db.selectFrom('unions').select('id').where('code', '=', 'BJ-CY-S0001').executeTakeFirst(),
    );
  } finally {
    await rt.handle.close();
  }
}

const runtime = await openRuntime(config, () => {});
const app = await buildApp({
  db: runtime.handle.db,
  config,
  clock: systemClock,
  cipher: runtime.cipher,
  publicRateLimitPerMinute: 1_000_000_000,
  logger: false,
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

// The demo's only member sign-in (李静) has no claims of her own: track the claims of a scaled member who has one.
const tracked = await runtime.handle.db
  .selectFrom('aidClaims')
  .select('memberId')
  .where('claimNo', 'like', 'SB2026-S%')
  .orderBy('claimNo')
  .executeTakeFirstOrThrow();
await runtime.handle.db
  .insertInto('accounts')
  .values({
    id: uuidv7(),
    phone: '13900000001',
    displayName: '规模测试会员',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'member',
    unionId: null,
    memberId: tracked.memberId,
  })
  .onConflict((oc) => oc.column('phone').doNothing()) // a kept database has it from an earlier run
  .execute();

async function login(phone: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone}: ${res.status}`);
  const body = (await res.json()) as { token?: string; accessToken?: string };
  return `Bearer ${body.token ?? body.accessToken}`;
}
const member = await login('13800000001');
const claimant = await login('13900000001');
const staff = await login('13800000005');
const mine = (await (await fetch(`${base}/api/v1/me/surveys`, { headers: { authorization: member } })).json()) as {
  items?: { id: string; status: string }[];
};
const openSurvey = (mine.items ?? (mine as unknown as { id: string; status: string }[])).find(
  (s) => s.status === 'open',
);

const r = seeded(5);
const points = Array.from(
  { length: 1000 },
  () => `?lng=${(116.2 + r.next() * 0.4).toFixed(5)}&lat=${(39.75 + r.next() * 0.3).toFixed(5)}`,
);
interface Target {
  name: string;
  method?: 'GET' | 'PUT';
  paths: string[];
  headers?: Record<string, string>;
  body?: string;
}
const targets: Target[] = [
  { name: 'GET /healthz (bare)', paths: ['/healthz'] },
  { name: 'GET /api/v1/stations/nearby', paths: points.map((p) => `/api/v1/stations/nearby${p}`) },
  {
    name: 'GET /api/v1/aid/my/claims (member)',
    paths: ['/api/v1/aid/my/claims'],
    headers: { authorization: claimant },
  },
  {
    name: 'GET /api/v1/aid/claims?status=submitted (city staff)',
    paths: ['/api/v1/aid/claims?status=submitted'],
    headers: { authorization: staff },
  },
];
if (openSurvey) {
  targets.push({
    name: 'PUT /api/v1/me/surveys/:id/draft (member)',
    method: 'PUT',
    paths: [`/api/v1/me/surveys/${openSurvey.id}/draft`],
    headers: { authorization: member, 'content-type': 'application/json' },
    body: JSON.stringify({ answers: {} }),
  });
} else console.log('no open survey for the member: the survey draft target is skipped');

// Pre-flight: every target answers 2xx with real content, so the figures are not of error pages or empty lists.
for (const target of targets) {
  const res = await fetch(`${base}${target.paths[0]}`, {
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${target.name}: ${res.status} ${text.slice(0, 200)}`);
  console.log(`${target.name}: ${res.status}, ${text.length} bytes`);
}

const results: { name: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }[] = [];
for (const target of targets) {
  let k = 0;
  const run = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: target.method ?? 'GET',
        headers: target.headers,
        body: target.body,
        setupRequest: (req) => ({ ...req, path: target.paths[k++ % target.paths.length]! }),
      },
    ],
  });
  results.push({
    name: target.name,
    rps: run.requests.average,
    p50: run.latency.p50,
    p99: run.latency.p99,
    non2xx: run.non2xx,
    errors: run.errors,
  });
}
await app.close();
await runtime.handle.close();
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\n${where}, ${SCALE} scale: ${CONNECTIONS} connections, ${SECONDS} s per endpoint, ${os.cpus().length} CPUs (load ${os.loadavg()[0]!.toFixed(1)})`,
);
console.log('| Endpoint | req/s | p50 ms | p99 ms | non-2xx | errors |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const x of results) {
  console.log(`| ${x.name} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p99} | ${x.non2xx} | ${x.errors} |`);
}
const bare = results[0]!.rps;
const nearby = results[1]!.rps;
console.log(`\n/nearby ÷ bare route: ${((nearby / bare) * 100).toFixed(0)} %`);
