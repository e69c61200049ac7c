/**
 * End-to-end tests in real Chromium: builds the web app if needed, starts the backend on a free port with a fresh
 * data dir (and a fresh database when DATABASE_URL is set), runs web/e2e/*.e2e.ts with node:test, cleans up.
 *
 *   npm run test:e2e                 all files
 *   npm run test:e2e -- signin       only files whose name contains "signin"
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY_TIMEOUT_MS = 120_000;
const RESULTS = path.join(ROOT, 'test-results');

function log(line: string): void {
  console.log(`[e2e] ${line}`);
}

/** Newest modification time under a file or folder (ignores node_modules and dist). */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function ensureBuilt(): void {
  const built = path.join(ROOT, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web', 'src')),
    newestMtime(path.join(ROOT, 'web', 'index.html')),
    newestMtime(path.join(ROOT, 'web', 'vite.config.ts')),
    newestMtime(path.join(ROOT, 'web', 'public')),
    // pure station modules the map imports, so the phone answers as the server does
    newestMtime(path.join(ROOT, 'src', 'domains', 'stations')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  log('web/dist is missing or older than web/src: npm run build');
  const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('[e2e] npm run build failed');
    process.exit(res.status ?? 1);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway database on the DATABASE_URL server, so the run starts from the seed and leaves nothing behind. */
async function createRunDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `uc_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  log(`created database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        log(`dropped database ${name}`);
      } catch (err) {
        console.error(`[e2e] could not drop database ${name}: ${(err as Error).message}`);
      }
    },
  };
}

/** Keeps the last lines of the server's output for failure reports, and writes all of it to a log file. */
class LogTail {
  private lines: string[] = [];
  private partial = '';
  constructor(
    private readonly file: ReturnType<typeof createWriteStream>,
    private readonly max = 80,
  ) {}
  push(chunk: Buffer): void {
    this.file.write(chunk);
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  tail(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }
}

async function waitForReady(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: number | null | undefined;
  server.once('exit', (code) => {
    exited = code;
  });
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`the server exited with code ${exited} before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`GET /readyz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops the server's whole process group (tsx + node + embedded postgres), escalating to SIGKILL. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function testFiles(filters: string[]): string[] {
  const dir = path.join(ROOT, 'web', 'e2e');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.ts'))
    .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
    .sort()
    .map((f) => path.join('web', 'e2e', f));
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`[e2e] ${CHROMIUM} not found. The end-to-end tests drive Debian's Chromium; install it with:`);
    console.error('        apt-get install -y chromium fonts-noto-cjk');
    console.error('      (fonts-noto-cjk is needed or Chinese text renders as boxes in screenshots)');
    return 1;
  }
  const files = testFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('[e2e] no web/e2e/*.e2e.ts file matches');
    return 1;
  }
  ensureBuilt();
  mkdirSync(RESULTS, { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'uc-e2e-'));
  const database = process.env.DATABASE_URL ? await createRunDatabase(process.env.DATABASE_URL) : undefined;

  // the daily station maintenance would open exit reviews at a moment of its own choosing half-way through the
  // suite (it has its own tests); the browser tests drive exit reviews themselves
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATION_MAINTENANCE_AT: 'off',
    // every test signs in from 127.0.0.1, some twenty a minute at busy stretches: the per-IP limit for real callers
    // (20 a minute) would refuse sign-ins depending on how fast the machine runs the suite
    SIGN_IN_RATE_LIMIT: '1000',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  const logFile = createWriteStream(path.join(RESULTS, 'e2e-server.log'));
  const tail = new LogTail(logFile);
  log(`starting the server on ${baseUrl} (data ${dataDir}${database ? ', fresh database' : ', embedded PostgreSQL'})`);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (c: Buffer) => tail.push(c));
  server.stderr?.on('data', (c: Buffer) => tail.push(c));

  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted = true;
    log(`${sig}: stopping`);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let code = 1;
  try {
    const started = Date.now();
    await waitForReady(baseUrl, server);
    log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s; running ${files.join(', ')}`);
    if (!interrupted) {
      const tests = spawn(process.execPath, ['--import', 'tsx', '--test', ...files], {
        cwd: ROOT,
        env: { ...process.env, E2E_BASE_URL: baseUrl },
        stdio: 'inherit',
      });
      code = await new Promise<number>((resolve) => tests.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
    }
  } catch (err) {
    console.error(`[e2e] ${(err as Error).message}\n--- server log (last lines) ---\n${tail.tail()}\n---`);
    code = 1;
  } finally {
    await stopServer(server);
    logFile.end();
    if (database) await database.drop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }
  log(code === 0 ? 'passed' : `failed (exit ${code}); server log in test-results/e2e-server.log`);
  return code;
}

process.exitCode = await main();
