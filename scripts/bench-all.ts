/**
 * `npm run bench`: every benchmark under bench/, one after the other, each printing its own figures and its
 * baseline from the same run. Quick sizes by default (a few minutes in all on a 2-core machine); `--full` runs the
 * sizes recorded in docs/benchmarks.md (about an hour, most of it seeding). Names filter the list:
 *
 *   npm run bench                      quick sizes, all benchmarks
 *   npm run bench -- --full nearby     documented sizes, only the benchmarks whose name contains "nearby"
 *
 * DATABASE_URL passes through: the database benchmarks then use a fresh database on that server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

interface Bench {
  name: string;
  file: string;
  quick: { args?: string[]; env?: Record<string, string> };
  full: { args?: string[]; env?: Record<string, string> };
  /** Needs the built web app (`npm run build`). */
  needsBuild?: boolean;
}

const BENCHES: Bench[] = [
  {
    name: 'aid-throughput',
    file: 'bench/aid-throughput.ts',
    quick: { args: ['100', '10'] },
    full: { args: ['200', '10'] },
  },
  { name: 'stations-import', file: 'bench/stations-import.ts', quick: { args: ['20000'] }, full: { args: ['100000'] } },
  {
    name: 'stations-nearby',
    file: 'bench/stations-nearby.ts',
    quick: { args: ['100000'], env: { BENCH_SECONDS: '2', BENCH_ROUNDS: '1' } },
    full: { args: ['100000'], env: { BENCH_SECONDS: '3', BENCH_ROUNDS: '3' } },
  },
  {
    name: 'surveys',
    file: 'bench/surveys.ts',
    quick: { args: ['--responses=5000', '--http=200'] },
    full: { args: ['--responses=100000', '--http=2000'] },
  },
  {
    name: 'cockpit',
    file: 'bench/cockpit.ts',
    quick: { env: { COCKPIT_SCALE: '0.02', COCKPIT_RUNS: '5' } },
    full: { env: { COCKPIT_SCALE: '1', COCKPIT_RUNS: '15' } },
  },
  {
    name: 'load-mix',
    file: 'bench/load-mix.ts',
    quick: {
      env: {
        BENCH_MEMBERS: '5000',
        BENCH_STATIONS: '2000',
        BENCH_CLAIMS: '2000',
        BENCH_RESPONSES: '2000',
        BENCH_SECONDS: '2',
      },
    },
    full: {},
  },
  {
    name: 'lighthouse',
    file: 'bench/lighthouse.ts',
    quick: { env: { LIGHTHOUSE_ONLY: '/map' } },
    full: { env: { LIGHTHOUSE_RUNS: '3' } },
    needsBuild: true,
  },
];

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const full = argv.includes('--full');
const filters = argv.filter((a) => !a.startsWith('--'));
const chosen = BENCHES.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (chosen.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
if (chosen.some((b) => b.needsBuild) && !existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
  console.log('# building the web app first (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const results: { name: string; seconds: number; ok: boolean }[] = [];
for (const bench of chosen) {
  const preset = full ? bench.full : bench.quick;
  const env = { ...process.env, ...preset.env };
  console.log(
    `\n=== ${bench.name} (${full ? 'documented sizes' : 'quick'}): npx tsx ${bench.file} ${(preset.args ?? []).join(' ')}`,
  );
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', bench.file, ...(preset.args ?? [])], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  results.push({ name: bench.name, seconds: (performance.now() - started) / 1000, ok: run.status === 0 });
}

console.log('\n# benchmarks');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(16)} ${r.seconds.toFixed(0)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
