import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';

test('STATION_MAINTENANCE_AT: HH:MM Beijing time, 02:30 by default, "off" switches it off', () => {
  const cases: [string | undefined, { hour: number; minute: number } | null][] = [
    [undefined, { hour: 2, minute: 30 }],
    ['', { hour: 2, minute: 30 }],
    ['04:15', { hour: 4, minute: 15 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['off', null],
  ];
  for (const [value, expected] of cases) {
    assert.deepEqual(loadConfig({ STATION_MAINTENANCE_AT: value }).stationMaintenanceAt, expected, String(value));
  }
});

test('a bad STATION_MAINTENANCE_AT refuses to start, naming the variable, the format and the value', () => {
  for (const bad of ['25:00', '2:30', '02:30am', 'OFF', 'never', '02:60', '0230']) {
    assert.throws(
      () => loadConfig({ STATION_MAINTENANCE_AT: bad }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.includes('STATION_MAINTENANCE_AT') &&
        e.message.includes('HH:MM') &&
        e.message.includes('off') &&
        e.message.includes(`"${bad}"`),
      bad,
    );
  }
});

test('the server refuses to start on a bad STATION_MAINTENANCE_AT, before it opens the database', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-config-'));
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'src', 'server.ts')],
        { cwd: root, env: { ...process.env, STATION_MAINTENANCE_AT: '2:30', DATA_DIR: dataDir }, timeout: 30_000 },
        (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    assert.equal(code, 1);
    assert.match(stderr, /Configuration error: STATION_MAINTENANCE_AT must be .*HH:MM.*got "2:30"/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no database was created');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('SIGN_IN_RATE_LIMIT: sign-ins per minute per IP, 20 by default; anything but a whole number from 1 refuses to start', () => {
  assert.equal(loadConfig({}).signInsPerMinute, 20);
  assert.equal(loadConfig({ SIGN_IN_RATE_LIMIT: '500' }).signInsPerMinute, 500);
  for (const bad of ['0', '-3', '2.5', 'many', ' 20']) {
    assert.throws(
      () => loadConfig({ SIGN_IN_RATE_LIMIT: bad }),
      (e: unknown) =>
        e instanceof ConfigError && e.message.includes('SIGN_IN_RATE_LIMIT') && e.message.includes(`"${bad}"`),
      bad,
    );
  }
});
