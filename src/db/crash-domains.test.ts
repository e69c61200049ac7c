import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { JPEG, multipart, PDF } from '../domains/aid/aid-test-helpers.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from '../seed/people.ts';
import { type Acked, checkCare, checkClaims, checkPayouts, checkSurveys } from './crash-checks.ts';
import {
  api,
  freshPlace,
  killGroup,
  openDirect,
  type Reply,
  type Server,
  signIn,
  sleep,
  startServer,
} from './crash-harness.ts';

/**
 * Crash safety of the money and answer paths: claims filed, approved and paid in batches, survey answers on
 * single-use links and care hand-overs all run at once against the real server, which is SIGKILLed (with its
 * embedded PostgreSQL) at a random moment; after each restart every acknowledged write is there, whole, no claim
 * is paid twice, the survey counters match their rows and the stock balances match the append-only ledger.
 */
const place = await freshPlace();
const rand = (n: number) => Math.floor(Math.random() * n);
const DOCS = ['deathCertificate', 'accidentProof', 'beneficiaryProof', 'idCard', 'aidCard'];
const ANSWERS = { q1: { optionId: 'o1' }, q2: 4, q3: { optionIds: ['o1', 'o2'] } };

/** What the server acknowledged with 2xx, across all rounds. */
const acked: Acked = {
  claims: new Map(),
  batches: new Map(),
  responses: new Set(),
  handovers: new Set(),
};
const inFlightKeys = new Set<string>();

let server: Server;
let tk: { workplace: string; district: string; city: string };
async function signInAll() {
  tk = {
    workplace: await signIn(server, '13800000002'),
    district: await signIn(server, '13800000004'),
    city: await signIn(server, '13800000005'),
  };
}

/** A request that is expected to succeed; null when the server went away (or is being killed) instead. */
async function ok(stop: () => boolean, expect: number[], ...args: Parameters<typeof call>): Promise<Reply | null> {
  let res: Reply;
  try {
    res = await call(...args);
  } catch {
    return null; // the connection died with the server
  }
  if (expect.includes(res.status)) return res;
  if (stop()) return null;
  assert.fail(`${args[1]} ${args[2]}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
}
const call = (token: string | null, method: string, url: string, body?: unknown, extra?: Parameters<typeof api>[5]) =>
  api(server, token, method, url, body, extra);

async function setup() {
  const unions = await call(tk.district, 'GET', '/unions');
  const id = (code: string) => (unions.body.items as { id: string; code: string }[]).find((u) => u.code === code)!.id;
  const u = { cp: id('BJ-CP'), ckdz: id('BJ-CP-CKDZ'), cjxm: id('BJ-CP-CJXM') };
  const settings = await call(tk.city, 'PUT', '/aid/review-settings', {
    samplePercent: 0,
    secondReviewThresholdFen: 1_000_000_000,
    checkSlaDays: 5,
    decideSlaDays: 10,
  });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const r = prng(4242);
  const members: string[] = [];
  while (members.length < 6) {
    const res = await call(tk.district, 'POST', '/members', {
      unionId: u.ckdz,
      name: chineseName(r),
      phone: mobilePhone(r),
      idNumber: idNumberFor(r, '110114', randomBirth(r, 1940, 1960)),
      joinedOn: '2020-05-01',
      card: {
        cardNo: `HZX${process.pid}${members.length}`,
        validFrom: '2020-01-01',
        validTo: '2099-12-31',
        bankAccount: bankCardNumber(r),
      },
    });
    if (res.status === 201) members.push(res.body.id as string);
  }
  const surveys = await call(tk.district, 'GET', '/surveys');
  const survey = (surveys.body.items as { id: string; title: string }[]).find(
    (s) => s.title === '职工之家服务满意度调查',
  );
  assert.ok(survey, JSON.stringify(surveys.body).slice(0, 500));
  const item = await call(tk.district, 'POST', '/care/items', {
    name: `崩溃测试慰问品${process.pid}`,
    unit: '个',
    kind: 'item',
  });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  const dist = await call(tk.district, 'POST', '/care/distributions', {
    title: '崩溃测试发放',
    fromUnionId: u.cp,
    itemId: item.body.id,
    lines: [
      { toUnionId: u.ckdz, planned: 100_000 },
      { toUnionId: u.cjxm, planned: 100_000 },
    ],
  });
  assert.equal(dist.status, 201, JSON.stringify(dist.body));
  const detail = await call(tk.district, 'GET', `/care/distributions/${dist.body.id}`);
  const lines = (detail.body.lines as { id: string }[]).map((l) => l.id);
  return { u, members, surveyId: survey.id, itemId: item.body.id as string, distId: dist.body.id as string, lines };
}
type Setup = Awaited<ReturnType<typeof setup>>;

let claimSeq = 0;
/** Files claims for the members (workplace staff), uploads the documents and submits; queues them for approval. */
async function claimWorker(s: Setup, stop: () => boolean, approvals: string[]) {
  while (!stop()) {
    const n = claimSeq++;
    const incidentDate = new Date(Date.UTC(2025, 0, 2 + n)).toISOString().slice(0, 10);
    const created = await ok(stop, [201], tk.workplace, 'POST', '/aid/claims', {
      memberId: s.members[n % s.members.length],
      coverageCode: 'ACCIDENT_DEATH',
      incidentDate,
      incidentAddress: '北京市昌平区回龙观东大街',
      description: '交通事故',
      answers: { workRelated: 'no', cause: 'accident' },
    });
    if (!created) return;
    const id = created.body.id as string;
    const claim = { docs: [] as string[], submitted: false, approved: false };
    acked.claims.set(id, claim);
    for (const type of DOCS) {
      const raw = multipart(
        { type },
        { name: `${type}.${type === 'idCard' ? 'jpg' : 'pdf'}`, data: type === 'idCard' ? JPEG : PDF },
      );
      const doc = await ok(stop, [201], tk.workplace, 'POST', `/aid/claims/${id}/documents`, undefined, { raw });
      if (!doc) return;
      claim.docs.push(doc.body.id as string);
    }
    const submitted = await ok(stop, [200], tk.workplace, 'POST', `/aid/claims/${id}/submit`);
    if (!submitted) return;
    claim.submitted = true;
    approvals.push(id);
  }
}

/** The workplace checks and the city approves what was submitted. */
async function approveWorker(stop: () => boolean, approvals: string[]) {
  while (!stop()) {
    const id = approvals.shift();
    if (!id) {
      await sleep(20);
      continue;
    }
    if (!(await ok(stop, [200], tk.workplace, 'POST', `/aid/claims/${id}/check`, { outcome: 'pass' }))) return;
    const res = await ok(stop, [200], tk.city, 'POST', `/aid/claims/${id}/decide`, { decision: 'approve' });
    if (!res) return;
    assert.equal(res.body.status, 'approved');
    acked.claims.get(id)!.approved = true;
  }
}

async function payBatch(stop: () => boolean, key: string) {
  inFlightKeys.add(key);
  const res = await ok(
    stop,
    [200, 201, 409],
    tk.city,
    'POST',
    '/aid/payout-batches',
    {},
    { headers: { 'idempotency-key': key } },
  );
  if (!res) return null;
  inFlightKeys.delete(key);
  if (res.status === 409) return 'nothing';
  const claims = (res.body.payouts as { claimId: string }[]).map((p) => p.claimId);
  const known = acked.batches.get(res.body.id);
  if (known) assert.deepEqual(claims, known, 'a replay returns the same batch');
  acked.batches.set(res.body.id, claims);
  return res.body.id as string;
}

/** The city pays everything approved, in batches with idempotency keys, and retries some with the same key. */
async function payoutWorker(stop: () => boolean) {
  while (!stop()) {
    const key = randomUUID();
    const first = await payBatch(stop, key);
    if (first === null) return;
    if (rand(3) === 0 && first !== 'nothing') {
      const again = await payBatch(stop, key);
      if (again === null) return;
      assert.equal(again, first, 'the same key gives the same batch');
    }
    await sleep(30);
  }
}

async function surveyWorker(stop: () => boolean, tokens: string[]) {
  while (!stop()) {
    const token = tokens.pop();
    if (!token) return;
    const body = { answers: ANSWERS, submissionKey: randomUUID() };
    const res = await ok(stop, [201], null, 'POST', `/public/surveys/${token}/responses`, body);
    if (!res) return;
    acked.responses.add(res.body.responseId as string);
    if (rand(4) === 0) {
      const again = await ok(stop, [200], null, 'POST', `/public/surveys/${token}/responses`, body);
      if (!again) return;
      assert.equal(again.body.responseId, res.body.responseId, 'a retry returns the same response');
    }
  }
}

let refusedHandovers = 0;
/** Hand-overs from 昌平's stock to its unions until the stock runs out (then 409: never below zero). */
async function careWorker(s: Setup, stop: () => boolean) {
  while (!stop()) {
    const res = await ok(stop, [201, 409], tk.district, 'POST', `/care/distributions/${s.distId}/handovers`, {
      lineId: s.lines[rand(s.lines.length)],
      quantity: 1 + rand(3),
      signedName: '王建国',
    });
    if (!res) return;
    if (res.status === 201) acked.handovers.add(res.body.id as string);
    else {
      refusedHandovers++;
      await sleep(20);
    }
  }
}

const approvedCount = () => [...acked.claims.values()].filter((c) => c.approved).length;

describe('crash safety of claims, payouts, survey answers and hand-overs', () => {
  test('three rounds of SIGKILL under mixed load: acknowledged writes survive whole, nothing is paid twice', async (t) => {
    server = await startServer(place);
    const startedAt = new Date();
    await signInAll();
    const s = await setup();
    const approvals: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const links = await call(tk.district, 'POST', `/surveys/${s.surveyId}/links`, { count: 150 });
      assert.equal(links.status, 201, JSON.stringify(links.body));
      const tokens = (links.body.items as { token: string }[]).map((l) => l.token);
      const receipt = await call(tk.district, 'POST', '/care/receipts', {
        unionId: s.u.cp,
        source: 'purchase',
        fundingSource: '工会经费',
        receivedOn: '2026-01-05',
        lines: [{ itemId: s.itemId, quantity: 30 }], // little enough to run out: refusals, never below zero
      });
      assert.equal(receipt.status, 201, JSON.stringify(receipt.body));
      const before = {
        claims: acked.claims.size,
        batches: acked.batches.size,
        responses: acked.responses.size,
        handovers: acked.handovers.size,
      };

      let killed = false;
      const stop = () => killed;
      const load = Promise.all([
        ...Array.from({ length: 3 }, () => claimWorker(s, stop, approvals)),
        approveWorker(stop, approvals),
        ...Array.from({ length: 2 }, () => payoutWorker(stop)),
        ...Array.from({ length: 3 }, () => surveyWorker(stop, tokens)),
        ...Array.from({ length: 2 }, () => careWorker(s, stop)),
      ]);
      // Kill at a random moment once every path has acknowledged something, approvals and payout batches included
      // (on a loaded machine a claim takes seconds to reach a batch; without the wait a round could end first).
      const approvedBefore = approvedCount();
      for (let waited = 0; waited < 40_000; waited += 20) {
        if (
          acked.claims.size > before.claims &&
          acked.responses.size > before.responses &&
          acked.handovers.size > before.handovers &&
          approvedCount() > approvedBefore &&
          acked.batches.size > before.batches
        )
          break;
        await sleep(20);
      }
      const delay = 300 + rand(1500);
      await sleep(delay);
      killed = true;
      await killGroup(server, place);
      await load;

      const restartAt = Date.now();
      server = await startServer(place); // stale postmaster.pid, crash recovery, WAL replay
      const ready = Date.now() - restartAt;
      await signInAll();
      // A batch whose answer was lost: the same key again gives that batch if it committed, else a new one.
      for (const key of [...inFlightKeys]) await payBatch(() => false, key);
      const db = openDirect(place);
      try {
        await checkClaims(db, acked, s);
        await checkPayouts(db, acked, startedAt);
        await checkSurveys(db, acked, s);
        await checkCare(db, acked, s);
      } finally {
        await db.destroy();
      }
      t.diagnostic(
        `round ${round}: killed ${delay} ms in; acknowledged ${acked.claims.size - before.claims} claims, ` +
          `${acked.batches.size - before.batches} batches, ${acked.responses.size - before.responses} responses, ` +
          `${acked.handovers.size - before.handovers} hand-overs (${refusedHandovers} refused so far: out of stock); ready again in ${ready} ms`,
      );
      assert.ok(acked.claims.size > before.claims, `round ${round}: no claim was acknowledged`);
      assert.ok(acked.responses.size > before.responses, `round ${round}: no survey answer was acknowledged`);
      assert.ok(acked.handovers.size > before.handovers, `round ${round}: no hand-over was acknowledged`);
    }
    const paid = approvedCount();
    assert.ok(acked.batches.size > 0 && paid > 0, `batches ${acked.batches.size}, approved ${paid}`);
    process.kill(-server.pid, 'SIGTERM');
    await server.exited;
  });
});
