import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createTestDb } from '../../../test/db.ts';

/** `unioncare stations exit-review` as an operator runs it, against a copy of the demo database. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { connection, db } = await createTestDb({ demo: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-exit-cli-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function databaseUrl(c: pg.PoolConfig): string {
  if (c.connectionString) return c.connectionString;
  const url = new URL(`postgres://${encodeURIComponent(c.user ?? 'postgres')}@localhost/${c.database}`);
  url.searchParams.set('host', String(c.host)); // the embedded server's Unix socket folder
  url.searchParams.set('port', String(c.port));
  return url.toString();
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl(connection), LANG: 'en_US.UTF-8' };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'unioncare.mjs'), ...args],
      { cwd: ROOT, env, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

test('--dry-run reports the demo station that failed two inspections and opens nothing; a real run opens it', async () => {
  const panjiayuan = await db
    .selectFrom('stations')
    .select(['id', 'code'])
    .where('name', '=', '潘家园环卫工人休息站')
    .executeTakeFirstOrThrow();
  const dry = await cli('stations', 'exit-review', '--dry-run', '--json');
  assert.equal(dry.code, 0, dry.stderr);
  const report = JSON.parse(dry.stdout);
  assert.equal(report.dryRun, true);
  const hit = report.matched.find((m: { code: string }) => m.code === panjiayuan.code);
  assert.deepEqual(
    hit.reasons.map((r: { rule: string }) => r.rule),
    ['failed_inspections'],
  );
  assert.equal((await db.selectFrom('stationExitReviews').select('id').execute()).length, 0);

  const real = await cli('stations', 'exit-review');
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stdout, new RegExp(`${panjiayuan.code} 潘家园环卫工人休息站: failed inspections — opened`));
  assert.match(real.stdout, /active stations evaluated, \d+ matched — \d+ exit reviews opened/);
  const reviews = await db.selectFrom('stationExitReviews').select(['stationId', 'openedBy']).execute();
  assert.ok(reviews.some((r) => r.stationId === panjiayuan.id && r.openedBy === null));
});
