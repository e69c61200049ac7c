/**
 * Mutual-aid throughput over HTTP: `npx tsx bench/aid-throughput.ts [claims=200] [concurrency=10]`, on the embedded
 * PostgreSQL (durable: fsync on) or on the server at DATABASE_URL.
 *
 * The real app listens on 127.0.0.1; a bounded loop of concurrent fetch() calls measures, in one run:
 *   0. a bare route (GET /healthz: no auth, no database) — the baseline for this machine and client;
 *   1. filing: create a draft and upload 5 documents (multipart, sniffed, written to disk); then submission alone
 *      (automatic checks: card, window, waiting period, limits, duplicates, documents; event, audit, SMS outbox);
 *   2. review: the workplace union checks, the city federation approves (rule engine, limits, second-review draw);
 *   3. the work queue: GET /api/v1/aid/claims?queue=decide.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { saveMember } from '../src/domains/unions/member.service.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { bankCardNumber, idNumberFor, prng } from '../src/seed/people.ts';
import { openBenchDatabase } from './bench-db.ts';

const CLAIMS = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 10);
process.env.AID_SMS_INTERVAL_MS ??= '1000';

// ── database ───────────────────────────────────────────────────────────────────────────────────────────────────
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-bench-aid-files-'));
const bench = await openBenchDatabase({ poolSize: 20 });
const { db, label } = bench;
const cipher = createFieldCipher(randomBytes(32));
await seedDemo(db, cipher);
const union = await db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', '=', 'BJ-CP-CKDZ')
  .executeTakeFirstOrThrow();
const r = prng(4242);
const memberIds: string[] = [];
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < CLAIMS; i++) {
    const saved = await saveMember(
      trx,
      cipher,
      {
        union,
        name: `压测会员${i}`,
        phone: `137${String(i).padStart(8, '0')}`,
        idNumber: idNumberFor(r, '110114', { year: 1970 + (i % 30), month: (i % 12) + 1, day: (i % 28) + 1 }),
        joinedOn: '2012-01-01',
        card: {
          cardNo: `HZB${String(i).padStart(9, '0')}`,
          validFrom: '2013-01-01',
          validTo: '2030-12-31',
          bankAccount: bankCardNumber(r),
          bankName: '北京银行',
        },
      },
      null,
    );
    memberIds.push(saved.memberId);
  }
});
await db.updateTable('aidReviewSettings').set({ samplePercent: 0 }).execute();

const app = await buildApp({
  db,
  cipher,
  clock: systemClock,
  config: { dataDir, logLevel: 'silent', trustProxy: false },
  logger: false,
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

// ── client ─────────────────────────────────────────────────────────────────────────────────────────────────────
async function login(phone: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}
const workplace = await login('13800000002');
const city = await login('13800000005');

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown, expect = 200) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${url}`, init);
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Runs `task(i)` for i < n with at most `concurrency` in flight; returns wall time and per-task latencies. */
async function bounded(n: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await task(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { seconds: (performance.now() - t0) / 1000, p50: pct(50), p95: pct(95) };
}

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(200 * 1024),
]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(100 * 1024)]);
const DOCS: [string, Buffer][] = [
  ['damagePhotos', JPEG],
  ['propertyCertificate', PDF],
  ['repairInvoices', PDF],
  ['idCard', JPEG],
  ['aidCard', JPEG],
];
const answers = { whatHappened: 'waterPipeBurst', pipeOwner: 'memberHome', cause: 'ageingOrFreezing' };

const rows: string[] = [];
const report = (
  name: string,
  ops: number,
  requestsPerOp: number,
  m: { seconds: number; p50: number; p95: number },
  baseline?: number,
) => {
  const perS = ops / m.seconds;
  const reqS = perS * requestsPerOp;
  rows.push(
    `${name.padEnd(44)} ${perS.toFixed(1).padStart(8)} /s ${reqS.toFixed(0).padStart(7)} req/s   p50 ${m.p50.toFixed(1).padStart(7)} ms   p95 ${m.p95.toFixed(1).padStart(7)} ms${baseline ? `   ${((reqS / baseline) * 100).toFixed(1)} % of bare` : ''}`,
  );
  return reqS;
};

// 0. bare route, warm-up included
await bounded(500, CONCURRENCY, async () => void (await call('GET', '/healthz', {})));
const bareN = 5000;
const bare = report(
  'bare route GET /healthz',
  bareN,
  1,
  await bounded(bareN, CONCURRENCY, async () => void (await call('GET', '/healthz', {}))),
);

// 1. filing: a draft and 5 documents (multipart, sniffed, written to disk), then submission on its own
const claimIds: string[] = new Array(CLAIMS);
const drafting = await bounded(CLAIMS, CONCURRENCY, async (i) => {
  const draft = await call(
    'POST',
    '/api/v1/aid/claims',
    workplace,
    {
      memberId: memberIds[i],
      coverageCode: 'PIPE_BURST',
      incidentDate: '2025-03-03',
      incidentAddress: `昌平区压测小区 ${i} 号楼`,
      answers,
      claimedLossFen: 600_000 + i,
    },
    201,
  );
  const id = draft.id as string;
  claimIds[i] = id;
  for (const [type, data] of DOCS) {
    const form = new FormData();
    form.append('type', type);
    form.append('file', new Blob([data]), `${type}.bin`);
    await call('POST', `/api/v1/aid/claims/${id}/documents`, workplace, form, 201);
  }
});
report('draft + 5 uploads (0.8 MB), claims', CLAIMS, 6, drafting, bare);
const submitting = await bounded(CLAIMS, CONCURRENCY, async (i) => {
  await call('POST', `/api/v1/aid/claims/${claimIds[i]}/submit`, workplace);
});
report('submission (automatic checks), claims', CLAIMS, 1, submitting, bare);

// 2. review
const review = await bounded(CLAIMS, CONCURRENCY, async (i) => {
  await call('POST', `/api/v1/aid/claims/${claimIds[i]}/check`, workplace, { outcome: 'pass' });
  await call('POST', `/api/v1/aid/claims/${claimIds[i]}/decide`, city, { decision: 'approve' });
});
report('review (check + approve), claims', CLAIMS, 2, review, bare);

const queueN = 1000;
report(
  'work queue GET /aid/claims?queue=…',
  queueN,
  1,
  await bounded(
    queueN,
    CONCURRENCY,
    async () => void (await call('GET', '/api/v1/aid/claims?queue=check&pageSize=20', workplace)),
  ),
  bare,
);

const approved = await db
  .selectFrom('aidClaims')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('status', '=', 'approved')
  .executeTakeFirstOrThrow();
console.log(
  `# mutual-aid HTTP throughput — ${label}; ${CLAIMS} claims, concurrency ${CONCURRENCY}, Node ${process.version}, ${os.cpus().length} CPU`,
);
for (const line of rows) console.log(line);
console.log(`# check: ${approved.n} claims approved (expected ≥ ${CLAIMS})`);

await app.close();
await bench.close();
fs.rmSync(dataDir, { recursive: true, force: true });
