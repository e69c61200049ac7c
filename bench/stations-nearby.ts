/**
 * Nearest-station speed: `npx tsx bench/stations-nearby.ts [stations]` (default 100,000).
 *
 * 1. In process: nearest-5 from the geo index (kdbush + geokdbush) versus a brute-force scan of every station.
 * 2. The same query in PostgreSQL (DATABASE_URL or embedded): cube/earthdistance GiST KNN when the extensions can
 *    be created, else a plain haversine ORDER BY … LIMIT.
 * 3. HTTP: GET /api/v1/stations/nearby of the real app (rate limiter on, never tripping) under autocannon, against
 *    three baselines in the same run: a bare route on a plain Fastify, a bare route inside the app, and a route
 *    inside the app that sends a canned /nearby answer (same bytes, no work); prints the ratios (target ≥ 70 %).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { distanceM } from '../src/domains/stations/geo.ts';
import { type IndexedStation, StationGeoIndex, toIndexedStation } from '../src/domains/stations/geo-index.ts';
import { generateStationsFile, seeded } from '../src/domains/stations/station-generator.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { openBenchDb } from './stations-db.ts';

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
    logger: false,
    publicRateLimitPerMinute: 1_000_000_000,
  });
  // The same do-nothing route twice: on a plain Fastify, and inside the app (all platform hooks: request ids,
  // cookies, session lookup, rate-limit plumbing) to tell the platform's cost from the /nearby handler's.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ items: [] }));
  app.get('/bench-bare', { helmet: false }, async () => ({ items: [] }));
  // And a route inside the app sending a real /nearby answer computed once: the same bytes without the work.
  let cannedBody = '';
  app.get('/bench-canned', { helmet: false }, async (_request, reply) =>
    reply.type('application/json').send(cannedBody),
  );
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const paths = queries
    .slice(0, 1000)
    .map(([x, y]) => `/api/v1/stations/nearby?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}&limit=5`);
  const sample = await app.inject({ url: paths[0]! });
  if (sample.statusCode !== 200 || sample.json().items.length !== 5) throw new Error(`nearby failed: ${sample.body}`);
  cannedBody = sample.body;
  // Every target gets the same varied query strings, so the client does the same work for each.
  const queryStrings = paths.map((p) => p.slice(p.indexOf('?')));
  let k = 0;
  const load = (base: string, path: string) =>
    autocannon({
      url: base,
      connections: 10,
      duration: Number(process.env.BENCH_SECONDS ?? 8),
      requests: [{ setupRequest: (req) => ({ ...req, path: `${path}${queryStrings[k++ % queryStrings.length]}` }) }],
    });
  const results = { bare: [] as number[], inApp: [] as number[], canned: [] as number[], nearby: [] as number[] };
  for (let round = 0; round < 3; round++) {
    const b = await load(bareUrl, '/bare');
    const a = await load(appUrl, '/bench-bare');
    const c = await load(appUrl, '/bench-canned');
    const n = await load(appUrl, '/api/v1/stations/nearby');
    if (n.non2xx || b.non2xx || a.non2xx || c.non2xx) throw new Error('non-2xx responses');
    results.bare.push(b.requests.average);
    results.inApp.push(a.requests.average);
    results.canned.push(c.requests.average);
    results.nearby.push(n.requests.average);
  }
  const best = (xs: number[]) => Math.max(...xs);
  const pct = (x: number, y: number) => `${((x / y) * 100).toFixed(0)} %`;
  const [nearby, canned, inApp, bareBest] = [
    best(results.nearby),
    best(results.canned),
    best(results.inApp),
    best(results.bare),
  ];
  console.log('HTTP under autocannon (10 connections, client in the same process, best of 3 interleaved rounds)');
  console.log(`  bare route, plain Fastify            ${bareBest.toFixed(0)} req/s`);
  console.log(`  bare route inside the app            ${inApp.toFixed(0)} req/s`);
  console.log(`  canned /nearby body inside the app   ${canned.toFixed(0)} req/s (${cannedBody.length} bytes)`);
  console.log(`  GET /stations/nearby (k=5, varied)   ${nearby.toFixed(0)} req/s`);
  console.log(`  /nearby vs canned same-size answer   ${pct(nearby, canned)} (target ≥ 70 %)`);
  console.log(`  /nearby vs bare route in the app     ${pct(nearby, inApp)}`);
  console.log(`  /nearby vs plain Fastify             ${pct(nearby, bareBest)}`);
  await app.close();
  await bare.close();
} finally {
  await bench.close();
}
