/**
 * `npm test`: one PostgreSQL for the whole run (embedded, or the server at DATABASE_URL), a migrated template
 * database, then node's test runner over every *.test.ts file; each file clones its own database from the template.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { connectionFor, kyselyOver, openPool } from '../src/db/index.ts';
import { migrate } from '../src/db/migrator.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { seedDemo } from '../src/seed/demo.ts';

const ROOTS = ['src', 'test', 'scripts', 'web/src'];

function testFiles(filter: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) found.push(full);
    }
  };
  for (const root of ROOTS) if (fs.existsSync(root)) walk(root);
  const chosen = filter.length ? found.filter((f) => filter.some((x) => f.includes(x))) : found;
  return chosen.sort();
}

async function main() {
  const files = testFiles(process.argv.slice(2));
  if (!files.length) throw new Error('no test files matched');
  const suffix = randomBytes(4).toString('hex');
  let admin: pg.ClientConfig;
  let stop = async () => {};
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    admin = { connectionString: url.toString() };
    console.log(`# database: PostgreSQL server at ${url.host}`);
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-test-'));
    // A throwaway cluster: durability settings off for speed (the crash test starts its own, durable, server).
    const server = await startEmbeddedPostgres({
      dataDir: tmp,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    admin = { host: server.socketDir, port: server.port, user: server.user, database: 'postgres' };
    stop = () => server.stop();
    console.log('# database: embedded PostgreSQL');
  }
  const template = `uc_tpl_${suffix}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  const pool = openPool(connectionFor(admin, template));
  await migrate(pool);
  await pool.end();
  // A second template with the demo data, encrypted under a key that this run hands to every test file.
  const key = randomBytes(32);
  await client.query(`CREATE DATABASE ${template}_demo TEMPLATE ${template}`);
  const demoDb = kyselyOver(openPool(connectionFor(admin, `${template}_demo`)));
  await seedDemo(demoDb, createFieldCipher(key));
  await demoDb.destroy();

  const concurrency = Math.max(2, Math.min(4, os.availableParallelism()));
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          UC_TEST_ADMIN: JSON.stringify(admin),
          UC_TEST_TEMPLATE: template,
          UC_TEST_KEY: key.toString('base64'),
          UC_TEST_PREFIX: `uc_t_${suffix}_`,
        },
      },
    );
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });

  const { rows } = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2',
    [`uc_t_${suffix}_%`, `${template}%`],
  );
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await client.end();
  await stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
