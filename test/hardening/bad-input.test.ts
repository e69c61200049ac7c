/**
 * Bad input, every route: the OpenAPI document drives malformed and hostile requests at the real app (as an admin,
 * so permission checks don't hide validation; /me routes as a member). Each must answer 4xx problem+json or 2xx —
 * never 5xx — and a refused request must change nothing in the database.
 * FUZZ_SEED varies the random part (fixed by default so CI is repeatable); FUZZ_RUNS sets its size.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp } from '../app.ts';
import {
  type HostileRequest,
  hostileBodyArbitrary,
  hostileRequests,
  type Operation,
  operationsOf,
} from './openapi-cases.ts';

const t = await createTestApp();
const admin = await t.login('13800000007');
const member = await t.login('13800000001');
const SEED = Number(process.env.FUZZ_SEED ?? 12351);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

// Signing out would end the session the suite runs on.
const SKIP = new Set(['POST /auth/logout']);
// A refused sign-in is *meant* to count a failed attempt (lock-out).
const MAY_RECORD_REFUSAL = new Set(['POST /auth/login']);

const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
const operations = operationsOf(doc).filter((op) => !SKIP.has(`${op.method} ${op.path.replace(/^\/api\/v1/, '')}`));

const tables = (
  await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.db)
).rows
  .map((r) => r.name)
  .filter((name) => name !== 'sessions');

/** Row count and newest row version of every table: any insert, update or delete moves it. */
async function fingerprint(): Promise<string> {
  const parts = tables.map(
    (name) =>
      `select '${name}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as v from "${name}"`,
  );
  const { rows } = await sql.raw<{ t: string; v: string }>(parts.join(' union all ')).execute(t.db);
  return rows
    .map((r) => `${r.t}=${r.v}`)
    .sort()
    .join(',');
}

function authFor(op: Operation) {
  return op.path.includes('/me/') || op.path.endsWith('/me') ? member : admin;
}

// The state every refused request must leave untouched; recomputed only after a request that was accepted.
let known: string | undefined;

async function check(op: Operation, req: HostileRequest) {
  known ??= await fingerprint();
  const before = known;
  const res = await t.app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: { ...authFor(op), ...req.headers },
    payload: req.payload,
  });
  const where = `${req.method} ${req.url.slice(0, 120)} [${req.label}]`;
  assert.ok(res.statusCode < 500, `${where} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400) {
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${where}: problem+json`);
    const key = `${op.method} ${op.path.replace(/^\/api\/v1/, '')}`;
    if (MAY_RECORD_REFUSAL.has(key)) known = undefined;
    else assert.equal(await fingerprint(), before, `${where} → ${res.statusCode} changed data`);
  } else {
    known = undefined;
  }
}

describe('bad input on every route (OpenAPI-driven)', () => {
  test('the document lists the domains', () => {
    assert.ok(operations.length > 50, `operations: ${operations.length}`);
  });

  for (const op of operations) {
    test(`${op.method} ${op.path}`, async () => {
      for (const req of hostileRequests(op)) await check(op, req);
      if (op.body) {
        await fc.assert(
          fc.asyncProperty(hostileBodyArbitrary(op), async (payload) => {
            const url = `/api/v1${op.path.replace(/^\/api\/v1/, '')}`.replace(
              /\{[^}]+\}/g,
              '00000000-0000-7000-8000-000000000000',
            );
            await check(op, {
              label: 'random body',
              method: op.method,
              url,
              headers: { 'content-type': 'application/json' },
              payload,
            });
          }),
          { seed: SEED, numRuns: RUNS },
        );
      }
    });
  }
});
