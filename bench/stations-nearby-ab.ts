/**
 * Before/after of /nearby's server CPU per request on a shared, loaded machine: `npx tsx bench/stations-nearby-ab.ts
 * [stations] [slices] [seconds] TREE…`, where each TREE is a copy of this repository at one version (e.g. `git
 * archive HEAD | tar -x -C /tmp/before`, with node_modules linked in). Each tree's app, with its own modules, is
 * built in this one process on the same bench database; then short loads alternate between trees and targets
 * (the canned answer with /nearby's route options, /nearby, /nearby&format=compact), the order rotating every
 * slice, so every tree meets the same background load. Prints the median CPU per request of each, and the median
 * over slices of /nearby minus the canned route of the same tree in the same slice (the work of the answer itself).
 * AB_ONLY=canned,nearby picks targets. The ratios of the issue come from stations-nearby.ts, not from here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { generateStationsFile, seeded } from '../src/domains/stations/station-generator.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { startLoadClient } from './autocannon-client.ts';
import { openBenchDb } from './bench-db.ts';

const N = Number(process.argv[2] ?? 100_000);
const slices = Number(process.argv[3] ?? 8);
const seconds = Number(process.argv[4] ?? 2);
const trees = process.argv.slice(5).map((t) => path.resolve(t));
if (trees.length === 0) throw new Error('usage: stations-nearby-ab.ts [stations] [slices] [seconds] TREE…');

const { stations } = generateStationsFile(N, { seed: 7, crs: 'wgs84', encoding: 'utf-8' });
const r = seeded(11);
const queryStrings = Array.from({ length: 1000 }, () => {
  const s = stations[r.int(0, N - 1)]!;
  const [x, y] = [s.lng + (r.next() - 0.5) * 0.3, s.lat + (r.next() - 0.5) * 0.3];
  return `?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}&limit=5`;
});

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
  const picked = process.env.AB_ONLY?.split(',');
  const targets: { tree: string; what: string; url: string; path: string; qs: string[]; cpu: number[] }[] = [];
  const apps: { close(): Promise<unknown> }[] = [];
  for (const tree of trees) {
    const { buildApp } = await import(path.join(tree, 'src/app.ts'));
    const { NearbyQuery } = await import(path.join(tree, 'src/domains/stations/station.schemas.ts'));
    const app = await buildApp({
      db: bench.db,
      cipher: createFieldCipher(randomBytes(32)),
      clock: systemClock,
      config: { dataDir: '/nonexistent', logLevel: 'silent', trustProxy: false },
      logger: false,
      publicRateLimitPerMinute: 1_000_000_000,
    });
    apps.push(app);
    let canned = Buffer.alloc(0);
    app.get(
      '/bench-canned-nearby',
      {
        logLevel: 'warn',
        config: { rateLimit: { max: 1_000_000_000, timeWindow: '1 minute' } },
        schema: { querystring: NearbyQuery },
      },
      async (_request: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) =>
        reply.type('application/json; charset=utf-8').send(canned),
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const sample = await app.inject({ url: `/api/v1/stations/nearby${queryStrings[0]}` });
    if (sample.statusCode !== 200) throw new Error(`nearby failed: ${sample.body}`);
    canned = Buffer.from(sample.rawPayload);
    const all = [
      ['canned', '/bench-canned-nearby', queryStrings],
      ['nearby', '/api/v1/stations/nearby', queryStrings],
      ['compact', '/api/v1/stations/nearby', queryStrings.map((q) => `${q}&format=compact`)],
    ] as const;
    for (const [what, p, qs] of all) {
      if (!picked || picked.includes(what)) targets.push({ tree, what, url, path: p, qs: [...qs], cpu: [] });
    }
  }
  const client = startLoadClient('process');
  const load = async (t: (typeof targets)[number], secs: number) => {
    const cpu0 = process.cpuUsage();
    const res = await client.run({ url: t.url, path: t.path, queryStrings: t.qs, connections: 10, seconds: secs });
    const cpu = process.cpuUsage(cpu0);
    if (res.non2xx || res.errors) throw new Error(`${t.path}: ${res.non2xx} non-2xx, ${res.errors} errors`);
    return (cpu.user + cpu.system) / res.total;
  };
  for (const t of targets) await load(t, 2); // warm-up
  const loads: number[] = [];
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < targets.length; j++) {
      const t = targets[(j + k) % targets.length]!;
      t.cpu.push(await load(t, seconds));
    }
    loads.push(Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]));
  }
  client.close();
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  console.log(
    `${N.toLocaleString('en')} stations; ${slices} slices × ${seconds} s per target, order rotating; ` +
      `load average ${Math.min(...loads)}–${Math.max(...loads)}; server CPU per request (median; every slice):`,
  );
  for (const t of targets) {
    console.log(
      `  ${t.tree.padEnd(24)} ${t.what.padEnd(8)} ${median(t.cpu).toFixed(1).padStart(6)} µs  [${t.cpu.map((x) => x.toFixed(0)).join(' ')}]`,
    );
  }
  for (const tree of trees) {
    const of = (what: string) => targets.find((t) => t.tree === tree && t.what === what);
    const canned = of('canned');
    for (const what of ['nearby', 'compact']) {
      const t = of(what);
      if (canned && t) {
        const gap = median(t.cpu.map((c, k) => c - canned.cpu[k]!));
        console.log(`  ${tree.padEnd(24)} ${what} − canned, same slice: ${gap.toFixed(1)} µs (median)`);
      }
    }
  }
  for (const app of apps) await app.close();
} finally {
  await bench.close();
}
