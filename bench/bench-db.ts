/**
 * A throwaway, migrated database for the station benchmarks: a fresh database on the server at DATABASE_URL, or
 * an embedded PostgreSQL (durable defaults: fsync on, as a real deployment) under the OS temp folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { connectionFor, type Database, kyselyOver, openPool } from '../src/db/index.ts';
import { migrate } from '../src/db/migrator.ts';
import { insertUnion } from '../src/domains/unions/union.repository.ts';

/** A fresh, migrated database for one benchmark run: on the PostgreSQL server at DATABASE_URL, or embedded. */
export interface BenchDatabase {
  db: Database;
  pool: pg.Pool;
  connection: pg.PoolConfig;
  /** Which PostgreSQL, for the figures' heading. */
  label: string;
  close(): Promise<void>;
}

/** A benchmark database with one city union (北京市总工会) for what the benchmark creates. */
export interface BenchDb extends BenchDatabase {
  union: { id: string; path: string };
}

export async function openBenchDatabase(options: { poolSize?: number } = {}): Promise<BenchDatabase> {
  let admin: pg.ClientConfig;
  let stop = async () => {};
  let label: string;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    admin = { connectionString: process.env.DATABASE_URL };
    label = `PostgreSQL server (${new URL(process.env.DATABASE_URL).host})`;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: tmp });
    admin = { host: server.socketDir, port: server.port, user: server.user, database: 'postgres' };
    stop = () => server.stop();
    label = 'embedded PostgreSQL 18 (fsync on)';
  }
  const name = `uc_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const connection = connectionFor(admin, name);
  const pool = openPool(connection, options.poolSize ?? 10);
  await migrate(pool);
  const db = kyselyOver(pool);
  return {
    db,
    pool,
    connection,
    label,
    async close() {
      await db.destroy();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await stop();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function openBenchDb(): Promise<BenchDb> {
  const bench = await openBenchDatabase();
  const union = await insertUnion(bench.db, {
    code: 'BJ',
    name: '北京市总工会',
    kind: 'city',
    parentId: null,
    regionCode: '110000',
  });
  return { ...bench, union: { id: union.id, path: union.path } };
}
