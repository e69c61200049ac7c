import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.ts';

const asRoot = process.getuid?.() === 0;

test('starts inside a private folder (mktemp -d), as a newcomer’s check does, and keeps data across restarts', async () => {
  const privateParent = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-private-'));
  assert.equal(fs.statSync(privateParent).mode & 0o777, 0o700);
  const dataDir = path.join(privateParent, 'data');
  const lines: string[] = [];
  try {
    let server = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
    if (asRoot) {
      // Pass-through for the postgres user, but still no listing for others.
      assert.equal(fs.statSync(privateParent).mode & 0o777, 0o701);
      assert.ok(lines.some((l) => l.includes(`made ${privateParent} passable`)));
    }
    const connect = async () => {
      const client = new pg.Client({
        host: server.socketDir,
        port: server.port,
        user: server.user,
        database: 'postgres',
      });
      await client.connect();
      return client;
    };
    let client = await connect();
    await client.query('CREATE TABLE kept (v text)');
    await client.query("INSERT INTO kept VALUES ('朝阳')");
    await client.end();
    await server.stop();

    server = await startEmbeddedPostgres({ dataDir });
    client = await connect();
    const { rows } = await client.query('SELECT v FROM kept');
    assert.deepEqual(rows, [{ v: '朝阳' }]);
    await client.end();
    await server.stop();
    assert.ok(!fs.existsSync(path.join(dataDir, 'postgres.owner')), 'a clean stop releases ownership');
  } finally {
    fs.rmSync(privateParent, { recursive: true, force: true });
  }
});

test('a data folder below someone else’s private folder is refused with a message naming it and the fix', {
  timeout: 30_000,
}, async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-foreign-'));
  try {
    if (asRoot)
      fs.chownSync(parent, 65534, 65534); // nobody's folder: not ours to open
    else fs.chmodSync(parent, 0o000);
    const dataDir = path.join(parent, 'data');
    if (asRoot) {
      fs.mkdirSync(dataDir);
      fs.chmodSync(parent, 0o700);
    }
    await assert.rejects(startEmbeddedPostgres({ dataDir }), (err: Error) => {
      assert.match(err.message, new RegExp(parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(err.message, /DATA_DIR|DATABASE_URL/);
      return true;
    });
  } finally {
    fs.chmodSync(parent, 0o700);
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
