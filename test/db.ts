import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { connectionFor, type Database, kyselyOver, openPool } from '../src/db/index.ts';

/** The field-encryption key the demo template was seeded with. */
export function testKey(): Buffer {
  const key = process.env.UC_TEST_KEY;
  if (!key) throw new Error('database tests run through `npm test` (scripts/test-run.ts)');
  return Buffer.from(key, 'base64');
}

function testServer() {
  const admin = process.env.UC_TEST_ADMIN;
  const template = process.env.UC_TEST_TEMPLATE;
  if (!admin || !template) throw new Error('database tests run through `npm test` (scripts/test-run.ts)');
  return { admin: JSON.parse(admin) as pg.ClientConfig, template, prefix: process.env.UC_TEST_PREFIX ?? 'uc_t_' };
}

/**
 * A fresh database for this test file, cloned from the migrated template (fast, isolated), dropped after the file.
 */
export async function createTestDb(
  options: { demo?: boolean } = {},
): Promise<{ db: Database; pool: pg.Pool; name: string; connection: pg.PoolConfig }> {
  const { admin, template: base, prefix } = testServer();
  const template = options.demo ? `${base}_demo` : base;
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  // CREATE DATABASE … TEMPLATE needs the template to have no other sessions; files start at once, so retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      if (attempt > 50 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
    }
  }
  await client.end();
  const connection = connectionFor(admin, name);
  const pool = openPool(connection, 10);
  const db = kyselyOver(pool);
  after(async () => {
    await db.destroy();
    const c = new pg.Client(admin);
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { db, pool, name, connection };
}
