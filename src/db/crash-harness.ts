/**
 * Test-only helpers for the SIGKILL crash tests: a data folder (or a fresh database on DATABASE_URL's server), the
 * real server started in its own process group, JSON/multipart requests over HTTP, and a direct connection to the
 * same database for checking invariants after a restart. Used by durability.test.ts and crash-domains.test.ts.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectionFor, type Database, kyselyOver, openPool } from './index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PASSWORD = 'Demo@12351';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Place {
  dataDir: string;
  databaseUrl?: string;
}

/** A data folder (and, with DATABASE_URL, a database) for one test file; removed after it. */
export async function freshPlace(): Promise<Place> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-crash-'));
  after(() => {
    const pid = postmasterPid(dataDir);
    if (pid !== null && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  if (!process.env.DATABASE_URL) return { dataDir };
  const admin = JSON.parse(process.env.UC_TEST_ADMIN ?? '{}') as pg.ClientConfig;
  const name = `uc_crash_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  after(async () => {
    const c = new pg.Client(admin);
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { dataDir, databaseUrl: connectionFor(admin, name).connectionString };
}

export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export interface Server {
  child: ChildProcess;
  pid: number;
  base: string;
  log: () => string;
  exited: Promise<void>;
}

const running = new Set<Server>();
after(async () => {
  for (const s of running) {
    try {
      process.kill(-s.pid, 'SIGKILL');
    } catch {}
    await s.exited;
  }
});

/** Starts `src/server.ts` in its own process group and waits for /readyz. */
export async function startServer(place: Place): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: place.dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.UNIONCARE_DATA_KEY;
  delete env.SEED_DEMO;
  if (place.databaseUrl) env.DATABASE_URL = place.databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = { child, pid: child.pid!, base: `http://127.0.0.1:${port}`, log: () => output, exited };
  running.add(server);
  void exited.then(() => running.delete(server));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      assert.fail(`the server stopped during start-up:\n${output}`);
    }
    try {
      const res = await fetch(`${server.base}/readyz`);
      if (res.status === 200) return server;
    } catch {}
    if (Date.now() > deadline) assert.fail(`the server did not become ready within 60 s:\n${output}`);
    await sleep(100);
  }
}

/** SIGKILL for the whole group (node and, embedded, every PostgreSQL process); resolves once all are gone. */
export async function killGroup(server: Server, place: Place): Promise<void> {
  const postmaster = place.databaseUrl ? null : postmasterPid(place.dataDir);
  process.kill(-server.pid, 'SIGKILL');
  await server.exited;
  if (postmaster !== null) {
    for (let i = 0; i < 200 && isAlive(postmaster); i++) await sleep(20);
    assert.equal(isAlive(postmaster), false, 'the embedded PostgreSQL died with its process group');
  }
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test replies are read field by field
  body: any;
}

/** A request as a client sends it; `raw` sends a prepared body (multipart) with its own headers. */
export async function api(
  server: Server,
  token: string | null,
  method: string,
  url: string,
  body?: unknown,
  extra: { headers?: Record<string, string>; raw?: { payload: Buffer; headers: Record<string, string> } } = {},
): Promise<Reply> {
  const res = await fetch(`${server.base}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...extra.raw?.headers,
      ...extra.headers,
    },
    body: extra.raw ? new Uint8Array(extra.raw.payload) : body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

export async function signIn(server: Server, phone: string): Promise<string> {
  const res = await api(server, null, 'POST', '/auth/login', { phone, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token as string;
}

/** A direct connection to the server's database (embedded: its Unix socket), for checking invariants. */
export function openDirect(place: Place): Database {
  const connection: pg.PoolConfig = place.databaseUrl
    ? { connectionString: place.databaseUrl }
    : { host: path.join(place.dataDir, 'run'), port: 5432, user: 'postgres', database: 'postgres' };
  return kyselyOver(openPool(connection, 4));
}
