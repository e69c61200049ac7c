import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import pg from 'pg';
import { connectionFor } from './db/index.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from './seed/people.ts';

/**
 * The real `unioncare` command in a child process, as an operator runs it: against a fresh embedded database under
 * a temporary DATA_DIR, or (when the run uses a PostgreSQL server) a fresh database created on that server.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'unioncare.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LANG: 'C.UTF-8', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.UNIONCARE_DATA_KEY;

if (process.env.DATABASE_URL) {
  const admin = JSON.parse(process.env.UC_TEST_ADMIN ?? '{}') as pg.ClientConfig;
  const name = `uc_cli_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  env.DATABASE_URL = connectionFor(admin, name).connectionString;
  after(async () => {
    const c = new pg.Client(admin);
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
}
after(() => {
  // A CLI run that timed out could leave its embedded server behind: stop it before removing its folder.
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
    } catch {}
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const r = prng(90210);
let cardSeq = 0;
function row(): string[] {
  cardSeq++;
  return [
    chineseName(r),
    mobilePhone(r),
    idNumberFor(r, '110105', randomBirth(r, 1950, 1960)),
    `HZ2097${String(cardSeq).padStart(6, '0')}`,
    '2020-01-01',
    '2099-12-31',
    bankCardNumber(r),
  ];
}
function writeGbCsv(name: string, rows: string[][]): string {
  const headers = ['姓名', '手机号', '身份证号', '互助卡号', '卡生效日期', '卡失效日期', '银行卡号'];
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, iconv.encode(`${[headers, ...rows].map((x) => x.join(',')).join('\r\n')}\r\n`, 'gb18030'));
  return file;
}

interface Stats {
  unions: number;
  activeMembers: number;
  activeAidCards: number;
}
async function stats(): Promise<Stats> {
  const res = await cli('stats', '--json');
  assert.equal(res.code, 0, res.stderr);
  return JSON.parse(res.stdout) as Stats;
}

describe('unioncare members import', () => {
  const goodRows = [row(), row(), row()];
  const good = writeGbCsv('good.csv', goodRows);
  // The bad file holds the good file's three people too: had it written them, importing good.csv would not say
  // "3 new" later, so each later step also proves that the earlier ones wrote nothing.
  const badPhone = (phone: string) => {
    const x = row();
    x[1] = phone;
    return x;
  };
  const bad = writeGbCsv('bad.csv', [
    goodRows[0]!,
    badPhone('1381234'),
    goodRows[1]!,
    badPhone('021-6666'),
    goodRows[2]!,
  ]);
  let seeded: Stats;

  test('a first run only migrates; seed creates the demo unions', async () => {
    assert.deepEqual(await stats(), { unions: 0, activeMembers: 0, activeAidCards: 0 });
    const res = await cli('seed');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /demo data created/);
    seeded = await stats();
    assert.equal(seeded.unions, 11);
    assert.equal(seeded.activeMembers, 311);
    assert.ok(seeded.activeAidCards > 0 && seeded.activeAidCards <= 311);
    // Embedded: the cluster lives under DATA_DIR; with DATABASE_URL none may be created there.
    assert.equal(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')), !env.DATABASE_URL);
  });

  test('a bad GB18030 file: exit 2, one line per bad cell, nothing written', async () => {
    const res = await cli('members', 'import', bad, '--union', 'BJ-CY-KW3');
    assert.equal(res.code, 2, res.stderr);
    const lines = res.stdout.trim().split('\n');
    assert.match(lines[0]!, /^bad\.csv: row 3, column 手机号: 手机号不是有效的中国大陆手机号码/);
    assert.match(lines[1]!, /^bad\.csv: row 5, column 手机号: /);
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /^5 rows: 0 new, 0 updated, 0 unchanged, 2 skipped — NOT imported/);
  });

  test('--json prints a parseable report with the errors', async () => {
    const res = await cli('members', 'import', bad, '--union', 'bj-cy-kw3', '--json');
    assert.equal(res.code, 2, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.deepEqual([report.applied, report.total, report.skipped], [false, 5, 2]);
    assert.deepEqual(
      report.errors.map((e: { row: number; column: string; field: string }) => [e.row, e.column, e.field]),
      [
        [3, '手机号', 'phone'],
        [5, '手机号', 'phone'],
      ],
    );
    assert.match(report.errors[0].message, /^手机号不是有效的/);
  });

  test('--dry-run counts and writes nothing', async () => {
    const res = await cli('members', 'import', good, '--union', 'BJ-CY-KW3', '--dry-run');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^3 rows: 3 new, 0 updated, 0 unchanged, 0 skipped — dry run, nothing written\n$/);
  });

  test('a good file imports, stats count the new members, and importing it again changes nothing', async () => {
    const res = await cli('members', 'import', good, '--union', 'BJ-CY-KW3');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^3 rows: 3 new, 0 updated, 0 unchanged, 0 skipped — imported\n$/);
    assert.deepEqual(await stats(), {
      unions: seeded.unions,
      activeMembers: seeded.activeMembers + 3,
      activeAidCards: seeded.activeAidCards + 3,
    });
    const again = await cli('members', 'import', good, '--union', 'BJ-CY-KW3');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^3 rows: 0 new, 0 updated, 3 unchanged, 0 skipped — imported\n$/);
  });

  test('an unknown --union is one clear line and exit 1', async () => {
    const res = await cli('members', 'import', good, '--union', 'NOPE');
    assert.equal(res.code, 1);
    assert.equal(res.stdout, '');
    assert.equal(res.stderr, 'unioncare: --union NOPE: no union has this code\n');
  });
});
