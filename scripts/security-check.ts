/**
 * `npm run security`: the security checks CI runs besides the tests.
 *  1. `npm audit --omit=dev --audit-level=high`: fails on high or critical findings; where the registry has no audit
 *     endpoint (it answers 405 on some mirrors) it says "audit unavailable" and goes on.
 *  2. The OpenAPI document: every operation has responses, documents its 4xx answers as application/problem+json,
 *     and operationIds are unique.
 *  3. Security headers on a sample route of every domain (answers of every kind: 200, 401, 404).
 *  4. The audit log is append-only for the service role (UPDATE/DELETE/TRUNCATE refused by privilege).
 * Runs on DATABASE_URL (a scratch database created and dropped there) or on an embedded PostgreSQL in a temp dir.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { APP_ROLE, canTakeAppRole, openAppPool } from '../src/db/app-role.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { connectionFor, openPool } from '../src/db/index.ts';
import { migrate } from '../src/db/migrator.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';

const failures: string[] = [];
const fail = (msg: string) => failures.push(msg);
const say = (msg: string) => console.log(msg);

/** 1. npm audit of the production dependencies. */
function audit() {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' });
  const text = `${run.stdout}\n${run.stderr}`;
  let report: { metadata?: { vulnerabilities?: Record<string, number> }; error?: { code?: string; summary?: string } };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = {};
  }
  const counts = report.metadata?.vulnerabilities;
  if (counts) {
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    say(
      `audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
    );
    if (serious > 0) fail(`npm audit: ${serious} high or critical vulnerabilities (run npm audit --omit=dev)`);
    return;
  }
  if (/\b405\b|ENOAUDIT|audit endpoint|Method Not Allowed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/i.test(text)) {
    say(`audit unavailable: the registry did not answer the audit request (${report.error?.code ?? 'no report'})`);
    return;
  }
  fail(`npm audit gave no report (exit ${run.status}): ${text.slice(0, 400)}`);
}

interface OpenApiDoc {
  openapi?: string;
  paths?: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: object }> }>>;
}

/** 2. Structural checks of the OpenAPI document; returns the problems found. */
export function validateOpenApi(doc: OpenApiDoc): string[] {
  const problems: string[] = [];
  if (!doc.openapi?.startsWith('3.')) problems.push(`openapi version ${doc.openapi}`);
  const ids = new Map<string, string>();
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      const where = `${method.toUpperCase()} ${route}`;
      const responses = Object.entries(op.responses ?? {});
      if (!responses.length) problems.push(`${where}: no responses`);
      for (const [code, res] of responses) {
        const types = Object.keys(res.content ?? {});
        if (/^4\d\d$/.test(code) && types.length && !types.includes('application/problem+json'))
          problems.push(`${where}: ${code} documented as ${types.join(', ')}, not application/problem+json`);
      }
      if (op.operationId) {
        if (ids.has(op.operationId))
          problems.push(`${where}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
        ids.set(op.operationId, where);
      }
      for (const p of route.match(/\{(\w+)\}/g) ?? []) {
        const params = (op as { parameters?: { in: string; name: string }[] }).parameters ?? [];
        if (!params.some((x) => x.in === 'path' && `{${x.name}}` === p))
          problems.push(`${where}: path parameter ${p} undeclared`);
      }
    }
  }
  return problems;
}

const REQUIRED_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'.*frame-ancestors 'none'/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^(DENY|SAMEORIGIN)$/,
  'referrer-policy': /./,
  'strict-transport-security': /max-age=\d+/,
  'cross-origin-opener-policy': /same-origin/,
  'x-request-id': /./,
};

/** One route of every domain, signed out: 200 for the public ones, 401/404 for the rest — all must carry the headers. */
const SAMPLE_ROUTES = [
  '/healthz',
  '/api/v1/openapi.json',
  '/api/v1/config/public',
  '/api/v1/auth/me',
  '/api/v1/unions',
  '/api/v1/members',
  '/api/v1/stations/amenities',
  '/api/v1/stations',
  '/api/v1/aid/schemes',
  '/api/v1/aid/claims',
  '/api/v1/surveys',
  '/api/v1/me/surveys',
  '/api/v1/care/stock',
  '/api/v1/hotline/topics',
  '/api/v1/hotline/consultations',
  '/api/v1/articles',
  '/api/v1/cockpit/summary',
  '/api/v1/no-such-route',
];

async function main() {
  say('== npm audit (production dependencies)');
  audit();

  say('== scratch database');
  let admin: pg.ClientConfig;
  let stop = async () => {};
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    admin = { connectionString: url.toString() };
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-security-'));
    const server = await startEmbeddedPostgres({ dataDir: tmp, settings: { fsync: 'off' } });
    admin = { host: server.socketDir, port: server.port, user: server.user, database: 'postgres' };
    stop = () => server.stop();
  }
  const name = `uc_security_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const connection = connectionFor(admin, name);
  const ownerPool = openPool(connection, 2);
  try {
    await migrate(ownerPool);
    const service = openAppPool(connection, 4);
    const app = await buildApp({
      db: service.db,
      cipher: createFieldCipher(randomBytes(32)),
      clock: systemClock,
      config: { dataDir: tmp ?? os.tmpdir(), logLevel: 'silent', trustProxy: false },
      logger: false,
    });
    await app.ready();
    try {
      say('== OpenAPI document');
      const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApiDoc;
      const ops = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
      const problems = validateOpenApi(doc);
      say(`${ops} operations, ${problems.length} problems`);
      const byKind = new Map<string, number>();
      for (const p of problems) {
        const kind = p.replace(/^[A-Z]+ \S+: /, '').replace(/\b\d{3}\b/, 'NNN');
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      for (const [kind, n] of byKind)
        fail(`openapi: ${n}× ${kind} (first: ${problems.find((p) => p.replace(/\b\d{3}\b/, 'NNN').endsWith(kind))})`);

      say('== security headers');
      for (const url of SAMPLE_ROUTES) {
        const res = await app.inject({ method: 'GET', url });
        for (const [header, shape] of Object.entries(REQUIRED_HEADERS)) {
          const value = res.headers[header];
          if (typeof value !== 'string' || !shape.test(value))
            fail(`headers: ${url} (${res.statusCode}) ${header} = ${value}`);
        }
        if (res.headers['x-powered-by'] || /fastify|node/i.test(String(res.headers.server ?? '')))
          fail(`headers: ${url} reveals the server software`);
        if (res.statusCode >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type'])))
          fail(`headers: ${url} answers ${res.statusCode} as ${res.headers['content-type']}, not problem+json`);
      }
      say(`${SAMPLE_ROUTES.length} routes checked`);
    } finally {
      await app.close();
    }

    say('== audit log append-only for the service role');
    if (!(await canTakeAppRole(ownerPool))) fail(`the service role ${APP_ROLE} does not exist or cannot be taken`);
    else {
      await sql`insert into audit_log (action, entity) values ('security.check', 'audit_log')`.execute(service.db);
      for (const statement of [
        sql`update audit_log set reason = 'rewritten'`,
        sql`delete from audit_log`,
        sql`truncate audit_log`,
      ]) {
        try {
          await statement.execute(service.db);
          fail(`the service role could run: ${statement.compile(service.db).sql}`);
        } catch (err) {
          if (!/permission denied/.test(String(err))) fail(`unexpected refusal: ${err}`);
        }
      }
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(service.db);
      if (rows[0]!.n < 1) fail('the audit log row vanished');
      say('update, delete and truncate refused by privilege');
    }
    await service.db.destroy();
  } finally {
    await ownerPool.end();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (failures.length) {
    console.error(`\nsecurity check FAILED (${failures.length}):`);
    for (const f of failures) console.error(`  - ${f}`);
    process.exit(1);
  }
  say('\nsecurity check passed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
