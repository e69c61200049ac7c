/**
 * Station import throughput: `npx tsx bench/stations-import.ts [rows]` (default 100,000), against DATABASE_URL or an
 * embedded PostgreSQL. Prints rows/s for a first import (all inserts), a re-import (all unchanged: the no-op path)
 * and an import with ~5% of rows changed (a phone number), with the read+validate and write phases apart.
 */
import { generateStationsFile } from '../src/domains/stations/station-generator.ts';
import { importStations } from '../src/domains/stations/station-import.service.ts';
import { openBenchDb } from './bench-db.ts';

const rows = Number(process.argv[2] ?? 100_000);
const bench = await openBenchDb();
console.log(`# stations import, ${rows.toLocaleString('en')} rows, GB18030 CSV, GCJ-02, on ${bench.label}`);
const { file } = generateStationsFile(rows, { seed: 1, crs: 'gcj02' });
const changed = generateStationsFile(rows, { seed: 1, crs: 'gcj02' })
  .file.toString('latin1')
  .replace(/"(\d{3}-\d{8})"/g, (m, _p, offset: number) => (offset % 10 === 0 ? '"010-00000000"' : m));

async function run(label: string, buffer: Buffer) {
  const started = performance.now();
  let writeStarted = 0;
  const report = await importStations(bench.db, buffer, {
    fileName: 'bench.csv',
    crs: 'gcj02',
    dryRun: false,
    skipInvalid: false,
    union: bench.union,
    scopePath: null,
    actor: null,
    onProgress: (done) => {
      if (done === 0) writeStarted = performance.now();
    },
  });
  const ended = performance.now();
  if (report.errors.length)
    throw new Error(`${label}: ${report.errors.length} errors, first ${JSON.stringify(report.errors[0])}`);
  const total = (ended - started) / 1000;
  console.log(
    `${label.padEnd(26)} ${total.toFixed(1).padStart(6)} s  ${Math.round(rows / total)
      .toLocaleString('en')
      .padStart(8)} rows/s   ` +
      `read+validate ${((writeStarted - started) / 1000).toFixed(1)} s, write ${((ended - writeStarted) / 1000).toFixed(1)} s   ` +
      `(inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged})`,
  );
}

try {
  await run('first import (inserts)', file);
  await run('re-import (no-op)', file);
  await run('re-import, ~5% changed', Buffer.from(changed, 'latin1'));
} finally {
  await bench.close();
}
