/**
 * Nearest-station speed: `npx tsx bench/stations-nearby.ts [stations]` (default 100,000).
 *
 * 1. In process: nearest-5 from the geo index (kdbush + geo-knn.ts) versus a brute-force scan of every station.
 * 2. The same query in PostgreSQL (DATABASE_URL or embedded): cube/earthdistance GiST KNN when the extensions can
 *    be created, else a plain haversine ORDER BY … LIMIT.
 * 3. HTTP: GET /api/v1/stations/nearby of the real app (rate limiter on, never tripping) under autocannon, against
 *    four baselines in the same run: a bare route on a plain Fastify, a bare route inside the app, a route inside
 *    the app that sends a canned /nearby answer (same bytes, no work), and the same canned bytes from a route with
 *    /nearby's options (query schema, rate limiter: like with like); and /nearby's opt-in compact answer
 *    (`format=compact`, docs/nearby-compact.md) on the same points; prints the ratios (target ≥ 70 % of a bare
 *    route, as the issue states it) for both answers.
 *    BENCH_SECONDS (8), BENCH_ROUNDS (3); BENCH_CLIENT=inline runs autocannon in this process rather than in a
 *    child process (then the server CPU per request is not reported); BENCH_LOG=info logs as in production;
 *    BENCH_ONLY=5,6 loads only these targets (1-based; ratios then print only for what was loaded);
 *    BENCH_PROFILE=dir: before the measured rounds, one extra load per target under V8's sampling profiler
 *    (node:inspector, 100 µs interval, start-up not counted), written to dir/<target number>.cpuprofile; with
 *    BENCH_PERF=1 as well, under Linux perf instead (dir/<n>.perf.data, native frames too: inline-cache misses,
 *    hash look-ups, GC; run with NODE_OPTIONS=--perf-basic-prof to name the JavaScript frames). These loads are not
 *    counted in the figures. The server CPU per request is printed with its kernel part.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { distanceM } from '../src/domains/stations/geo.ts';
import { type IndexedStation, StationGeoIndex, toIndexedStation } from '../src/domains/stations/geo-index.ts';
import { JSON_CONTENT_TYPE } from '../src/domains/stations/nearby-json.ts';
import { NearbyQuery } from '../src/domains/stations/station.schemas.ts';
import { generateStationsFile, seeded } from '../src/domains/stations/station-generator.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { startLoadClient } from './autocannon-client.ts';
import { openBenchDb } from './bench-db.ts';

const N = Number(process.argv[2] ?? 100_000);
const { stations } = generateStationsFile(N, { seed: 7, crs: 'wgs84', encoding: 'utf-8' });
const indexed: IndexedStation[] = stations.map((s, i) =>
  toIndexedStation({
    id: `id-${i}`,
    code: s.externalId,
    name: s.name,
    address: '',
    lng: s.lng,
    lat: s.lat,
    hours: { kind: 'always', exceptions: [] },
    amenities: [],
  }),
);
const r = seeded(11);
const queries = Array.from({ length: 20_000 }, () => {
  const s = stations[r.int(0, N - 1)]!;
  return [s.lng + (r.next() - 0.5) * 0.3, s.lat + (r.next() - 0.5) * 0.3] as const;
});

console.log(`# nearest-5 over ${N.toLocaleString('en')} stations spread over China's prefectures`);

// ---- 1. in process ---------------------------------------------------------------------------------------------
let t0 = performance.now();
const index = new StationGeoIndex(indexed);
console.log(`index build                 ${(performance.now() - t0).toFixed(1)} ms`);
for (const [x, y] of queries.slice(0, 2000)) index.nearest(x, y, { limit: 5 }); // warm up
t0 = performance.now();
for (const [x, y] of queries) index.nearest(x, y, { limit: 5 });
const perIndex = (performance.now() - t0) / queries.length;

const xs = Float64Array.from(stations, (s) => s.lng);
const ys = Float64Array.from(stations, (s) => s.lat);
function brute(x: number, y: number): number[] {
  const best: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < N; i++) {
    const di = distanceM(x, y, xs[i]!, ys[i]!);
    if (best.length === 5 && di >= d[4]!) continue;
    let j = Math.min(best.length, 4);
    while (j > 0 && d[j - 1]! > di) {
      best[j] = best[j - 1]!;
      d[j] = d[j - 1]!;
      j--;
    }
    best[j] = i;
    d[j] = di;
  }
  return best;
}
const bruteQueries = queries.slice(0, 200);
t0 = performance.now();
let mismatches = 0;
for (const [x, y] of bruteQueries) {
  const want = brute(x, y).map((i) => indexed[i]!.code);
  const got = index.nearest(x, y, { limit: 5 }).map((h) => h.station.code);
  if (want.join() !== got.join()) mismatches++;
}
const perBrute = (performance.now() - t0) / bruteQueries.length;
console.log(`in-process geo index        ${(perIndex * 1000).toFixed(1)} µs/query (${queries.length} queries)`);
console.log(
  `in-process brute force      ${(perBrute * 1000).toFixed(0)} µs/query  → index is ${(perBrute / perIndex).toFixed(0)}× faster; ${mismatches} mismatches in 200`,
);

// ---- 2. PostgreSQL ---------------------------------------------------------------------------------------------
const bench = await openBenchDb();
try {
  for (let i = 0; i < N; i += 5000) {
    const chunk = stations.slice(i, i + 5000);
    const col = <T>(f: (s: (typeof stations)[number], k: number) => T) => sql.val(chunk.map((s, k) => f(s, i + k)));
    await sql`
      INSERT INTO stations (id, code, station_type, name, address, region_code, union_id, union_path, management_mode,
                            lng, lat, status, external_id)
      SELECT gen_random_uuid(), t.code, 'H', t.name, '', t.region, ${bench.union.id}::uuid, ${bench.union.path}, 'purchased',
             t.lng, t.lat, 'active', t.code
      FROM unnest(${col((_, k) => `B${k}`)}::text[], ${col((s) => s.name)}::text[], ${col((s) => s.regionCode)}::text[],
                  ${col((s) => s.lng)}::float8[], ${col((s) => s.lat)}::float8[]) AS t(code, name, region, lng, lat)`.execute(
      bench.db,
    );
  }
  let method: string;
  let knn: (x: number, y: number) => Promise<unknown>;
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS cube`.execute(bench.db);
    await sql`CREATE EXTENSION IF NOT EXISTS earthdistance`.execute(bench.db);
    await sql`CREATE INDEX stations_earth_idx ON stations USING gist (ll_to_earth(lat, lng))`.execute(bench.db);
    await sql`ANALYZE stations`.execute(bench.db);
    method = 'cube/earthdistance GiST KNN (ll_to_earth <-> …)';
    knn = (x, y) =>
      bench.pool.query(
        'SELECT code FROM stations WHERE status = $3 ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth($2, $1) LIMIT 5',
        [x, y, 'active'],
      );
  } catch (err) {
    method = `plain haversine ORDER BY … LIMIT (extensions unavailable: ${(err as Error).message})`;
    knn = (x, y) =>
      bench.pool.query(
        `SELECT code FROM stations WHERE status = 'active'
         ORDER BY 2 * 6371000 * asin(sqrt(sin(radians(lat - $2) / 2) ^ 2 + cos(radians($2)) * cos(radians(lat)) * sin(radians(lng - $1) / 2) ^ 2))
         LIMIT 5`,
        [x, y],
      );
  }
  const pgQueries = queries.slice(0, 1000);
  for (const [x, y] of pgQueries.slice(0, 100)) await knn(x, y);
  t0 = performance.now();
  for (const [x, y] of pgQueries) await knn(x, y);
  const perPg = (performance.now() - t0) / pgQueries.length;
  console.log(`PostgreSQL (${bench.label})`);
  console.log(
    `  ${method}: ${(perPg * 1000).toFixed(0)} µs/query round trip → index is ${(perPg / perIndex).toFixed(0)}× faster`,
  );

  // ---- 3. HTTP -------------------------------------------------------------------------------------------------
  const app = await buildApp({
    db: bench.db,
    cipher: createFieldCipher(randomBytes(32)),
    clock: systemClock,
    config: { dataDir: '/nonexistent', logLevel: 'silent', trustProxy: false },
    // BENCH_LOG=info: request logging as in production (pino, into /dev/null); default off.
    logger: process.env.BENCH_LOG ? { level: process.env.BENCH_LOG, stream: fs.createWriteStream('/dev/null') } : false,
    publicRateLimitPerMinute: 1_000_000_000,
  });
  // The same do-nothing route twice: on a plain Fastify, and inside the app (all platform hooks: security headers,
  // request ids, cookies, session lookup) to tell the platform's cost from the /nearby handler's.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ items: [] }));
  app.get('/bench-bare', async () => ({ items: [] }));
  // And a route inside the app sending a real /nearby answer computed once: the same bytes without the work.
  let cannedBody = '';
  app.get('/bench-canned', async (_request, reply) => reply.type('application/json').send(cannedBody));
  // Like with like: the same bytes sent as /nearby sends them (a Buffer) from a route with /nearby's own options
  // (query schema validated and coerced, rate limiter on, log level): what /nearby would cost with no search and no
  // JSON assembly. The gap between this and /nearby is the work of the answer itself.
  let cannedBytes = Buffer.alloc(0);
  app.get(
    '/bench-canned-nearby',
    {
      logLevel: 'warn',
      config: { rateLimit: { max: 1_000_000_000, timeWindow: '1 minute' } },
      schema: { querystring: NearbyQuery },
    },
    async (_request, reply) => reply.type(JSON_CONTENT_TYPE).send(cannedBytes),
  );
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const paths = queries
    .slice(0, 1000)
    .map(([x, y]) => `/api/v1/stations/nearby?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}&limit=5`);
  const sample = await app.inject({ url: paths[0]! });
  if (sample.statusCode !== 200 || sample.json().items.length !== 5) throw new Error(`nearby failed: ${sample.body}`);
  cannedBody = sample.body;
  cannedBytes = Buffer.from(sample.rawPayload);
  const compactSample = await app.inject({ url: `${paths[0]}&format=compact` });
  if (compactSample.statusCode !== 200 || compactSample.json().rows.length !== 5)
    throw new Error(`compact nearby failed: ${compactSample.body}`);
  // Every target gets the same varied query strings, so the client does the same work for each (the compact one
  // adds `&format=compact`).
  const queryStrings = paths.map((p) => p.slice(p.indexOf('?')));
  const compactQueryStrings = queryStrings.map((q) => `${q}&format=compact`);
  const client = startLoadClient(process.env.BENCH_CLIENT === 'inline' ? 'inline' : 'process');
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const targets = [
    { name: 'bare route, plain Fastify', url: bareUrl, path: '/bare' },
    { name: 'bare route inside the app', url: appUrl, path: '/bench-bare' },
    { name: `canned /nearby body in the app (${Buffer.byteLength(cannedBody)} B)`, url: appUrl, path: '/bench-canned' },
    { name: 'canned body, /nearby route options', url: appUrl, path: '/bench-canned-nearby' },
    { name: 'GET /stations/nearby (k=5, varied)', url: appUrl, path: '/api/v1/stations/nearby' },
    {
      name: `  … &format=compact (${compactSample.rawPayload.length} B)`,
      url: appUrl,
      path: '/api/v1/stations/nearby',
      queryStrings: compactQueryStrings,
    },
  ].map((t) => ({ queryStrings, ...t, rps: [] as number[], cpu: [] as number[], sys: [] as number[] }));
  // BENCH_ONLY=4,5: load only these targets (1-based), e.g. to compare the full and compact answers alone.
  const only = process.env.BENCH_ONLY?.split(',').map((k) => targets[Number(k) - 1]!);
  const load = async (t: (typeof targets)[number], secs: number) => {
    const cpu0 = process.cpuUsage();
    const r = await client.run({
      url: t.url,
      path: t.path,
      queryStrings: t.queryStrings,
      connections: 10,
      seconds: secs,
    });
    const cpu = process.cpuUsage(cpu0);
    if (r.non2xx || r.errors) throw new Error(`${t.path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return {
      rps: r.rps,
      total: r.total,
      cpuPerRequest: (cpu.user + cpu.system) / r.total,
      sysPerRequest: cpu.system / r.total,
    };
  };
  for (const t of only ?? targets) await load(t, 2); // warm-up: JIT, caches of the /nearby answer fragments
  if (process.env.BENCH_PROFILE) {
    const dir = process.env.BENCH_PROFILE;
    fs.mkdirSync(dir, { recursive: true });
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    for (const t of only ?? targets) {
      if (process.env.BENCH_PERF) {
        const out = path.join(dir, `${targets.indexOf(t) + 1}.perf.data`);
        const perf = spawn(
          'perf',
          ['record', '-e', 'cpu-clock', '-F', '4999', '-g', '-o', out, '-p', String(process.pid)],
          { stdio: 'ignore' },
        );
        await new Promise((res) => setTimeout(res, 500));
        const r = await load(t, seconds);
        perf.kill('SIGINT');
        await new Promise((res) => perf.on('exit', res));
        console.log(`perf of ${t.name.trim()}: ${out} (${r.total} requests, ${r.cpuPerRequest.toFixed(1)} µs/request)`);
        continue;
      }
      await session.post('Profiler.start');
      const r = await load(t, seconds);
      const { profile } = await session.post('Profiler.stop');
      const file = path.join(dir, `${targets.indexOf(t) + 1}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      console.log(
        `profile of ${t.name.trim()}: ${file} (${r.total} requests, ${r.cpuPerRequest.toFixed(1)} µs/request)`,
      );
    }
    session.disconnect();
  }
  for (let round = 0; round < rounds; round++) {
    for (const t of only ?? targets) {
      const r = await load(t, seconds);
      t.rps.push(r.rps);
      t.cpu.push(r.cpuPerRequest);
      t.sys.push(r.sysPerRequest);
    }
  }
  client.close();
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const best = (xs: number[]) => Math.max(...xs);
  const pct = (x: number, y: number) => `${((x / y) * 100).toFixed(0)} %`;
  const [plain, inApp, canned, likeForLike, nearby, compact] = targets;
  console.log(
    `HTTP under autocannon (10 connections, pipelining 1, ${seconds} s × ${rounds} interleaved rounds after a 2 s ` +
      `warm-up each; client ${client.where === 'process' ? 'in a child process' : 'in the same process'}; ` +
      `app request logging ${process.env.BENCH_LOG ?? 'off'})`,
  );
  for (const t of only ?? targets) {
    const cpu =
      client.where === 'process'
        ? `, server CPU ${median(t.cpu).toFixed(1)} µs/request (kernel ${median(t.sys).toFixed(1)})`
        : '';
    console.log(
      `  ${t.name.padEnd(42)} best ${best(t.rps).toFixed(0)} req/s, median ${median(t.rps).toFixed(0)}${cpu}`,
    );
  }
  for (const [label, stat] of only
    ? []
    : ([
        ['best', best],
        ['median', median],
      ] as const)) {
    console.log(
      `  /nearby ${label}: ${pct(stat(nearby!.rps), stat(plain!.rps))} of plain Fastify, ` +
        `${pct(stat(nearby!.rps), stat(inApp!.rps))} of the bare route in the app (target ≥ 70 %), ` +
        `${pct(stat(nearby!.rps), stat(canned!.rps))} of the canned same-size answer, ` +
        `${pct(stat(nearby!.rps), stat(likeForLike!.rps))} of it with /nearby's route options (like with like); ` +
        `that route itself: ${pct(stat(likeForLike!.rps), stat(inApp!.rps))} of the bare route in the app`,
    );
    console.log(
      `  /nearby&format=compact ${label}: ${pct(stat(compact!.rps), stat(plain!.rps))} of plain Fastify, ` +
        `${pct(stat(compact!.rps), stat(inApp!.rps))} of the bare route in the app (target ≥ 70 %), ` +
        `${pct(stat(compact!.rps), stat(nearby!.rps))} of the full answer's req/s`,
    );
  }
  if (client.where === 'process' && !only) {
    const cpu = (t: (typeof targets)[number]) => median(t.cpu);
    console.log(
      `  by server CPU per request (median): full ${pct(cpu(inApp!), cpu(nearby!))} and compact ` +
        `${pct(cpu(inApp!), cpu(compact!))} of the bare route in the app; full ${pct(cpu(plain!), cpu(nearby!))} ` +
        `and compact ${pct(cpu(plain!), cpu(compact!))} of plain Fastify`,
    );
  }
  await app.close();
  await bare.close();
} finally {
  await bench.close();
}
