import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';
import type { DB } from './schema.ts';

export type { DB } from './schema.ts';
export type Database = Kysely<DB>;

/** Type parsers shared by every pool: dates stay 'YYYY-MM-DD' strings, bigint counts become numbers. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082) return (v: string) => v; // date
    if (oid === 20) return (v: string) => Number(v); // int8: counts and identities stay far below 2^53
    return pg.types.getTypeParser(oid, format);
  },
};

export interface DbHandle {
  db: Database;
  pool: pg.Pool;
  /** 'embedded' when this process started its own PostgreSQL under DATA_DIR. */
  kind: 'embedded' | 'server';
  /** Connection settings for other processes or tools (e.g. a LISTEN client). */
  connection: pg.PoolConfig;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  databaseUrl?: string;
  dataDir: string;
  embeddedSettings?: Record<string, string>;
  log?: (line: string) => void;
  poolSize?: number;
}

/** Opens the database: the server at DATABASE_URL, or an embedded PostgreSQL under DATA_DIR. */
export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  let server: EmbeddedServer | undefined;
  let connection: pg.PoolConfig;
  if (options.databaseUrl) {
    connection = { connectionString: options.databaseUrl };
  } else {
    server = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      settings: options.embeddedSettings,
      log: options.log,
    });
    connection = { host: server.socketDir, port: server.port, user: server.user, database: 'postgres' };
  }
  const pool = openPool(connection, options.poolSize);
  const db = kyselyOver(pool);
  return {
    db,
    pool,
    kind: server ? 'embedded' : 'server',
    connection,
    async close() {
      await db.destroy();
      await server?.stop();
    },
  };
}

/** Connection settings for another database on the same server (tests and tools create databases). */
export function connectionFor(server: pg.ClientConfig, database: string): pg.PoolConfig {
  if (server.connectionString) {
    const url = new URL(server.connectionString);
    url.pathname = `/${database}`;
    return { connectionString: url.toString() };
  }
  return { ...server, database };
}

export function openPool(connection: pg.PoolConfig, max = 20): pg.Pool {
  const pool = new pg.Pool({ ...connection, max, types });
  // An idle client losing its server (restart, network) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export function kyselyOver(pool: pg.Pool): Database {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}
