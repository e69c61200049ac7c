import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from '../seed/people.ts';
import {
  api,
  freshPlace,
  isAlive,
  killGroup,
  postmasterPid,
  type Server,
  signIn,
  sleep,
  startServer,
} from './crash-harness.ts';

/**
 * Crash safety of the real server: SIGKILL it (and, embedded, its PostgreSQL) in the middle of a stream of writes,
 * start it again on the same data, and check that every write it acknowledged survived whole. With DATABASE_URL
 * each test gets a fresh database on that server instead, and only the node process dies.
 */
const DISTRICT_STAFF = '13800000003';

async function kw3(server: Server, token: string): Promise<string> {
  const res = await api(server, token, 'GET', '/unions');
  assert.equal(res.status, 200);
  return (res.body.items as { id: string; code: string }[]).find((u) => u.code === 'BJ-CY-KW3')!.id;
}

async function kw3Total(server: Server, token: string, unionId: string): Promise<number> {
  const res = await api(server, token, 'GET', `/members?unionId=${unionId}&pageSize=1`);
  assert.equal(res.status, 200);
  return res.body.total as number;
}

/** New members nobody else has: born 1930–1960 (the demo's are younger), never repeated within the file. */
const usedIds = new Set<string>();
function newMember(r: ReturnType<typeof prng>, unionId: string, seq: number) {
  let idNumber: string;
  do idNumber = idNumberFor(r, '110105', randomBirth(r, 1930, 1960));
  while (usedIds.has(idNumber));
  usedIds.add(idNumber);
  return {
    unionId,
    name: chineseName(r),
    phone: mobilePhone(r),
    idNumber,
    joinedOn: '2020-05-01',
    card: {
      cardNo: `HZC${process.pid}${String(seq).padStart(7, '0')}`,
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      bankAccount: bankCardNumber(r),
    },
  };
}

/**
 * Posts new members from `workers` concurrent loops until `stop()` is true or the server goes away; returns the
 * ids it answered 201 for, and how many requests were sent (some may have committed without their answer).
 */
async function writeStream(
  server: Server,
  token: string,
  unionId: string,
  seed: number,
  stop: () => boolean,
  acknowledged: string[] = [],
) {
  const r = prng(seed);
  let sent = 0;
  const worker = async () => {
    while (!stop()) {
      const body = newMember(r, unionId, seed * 100_000 + sent);
      sent++;
      try {
        const res = await api(server, token, 'POST', '/members', body);
        if (res.status === 201) {
          assert.equal(res.body.outcome, 'inserted');
          acknowledged.push(res.body.id as string);
        } else if (!stop()) assert.fail(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      } catch (err) {
        if (err instanceof assert.AssertionError) throw err;
        return; // the connection died with the server
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  return { acknowledged, sent };
}

/** Every acknowledged member is there, whole: one 'active' history row, one card. */
async function assertAllThere(server: Server, token: string, ids: string[]) {
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(
      ids.slice(i, i + 25).map(async (id) => {
        const res = await api(server, token, 'GET', `/members/${id}`);
        assert.equal(res.status, 200, `acknowledged member ${id} is missing after the restart`);
        const history = res.body.statusHistory as { status: string }[];
        assert.deepEqual(
          history.map((h) => h.status),
          ['active'],
          id,
        );
        assert.equal(res.body.cards.length, 1, id);
      }),
    );
  }
}

// One data folder for the file: the first start seeds the demo (the slow part); each test starts from there.
const place = await freshPlace();

describe('crash safety', () => {
  test('three rounds of SIGKILL during concurrent writes: every acknowledged write survives, whole', async (t) => {
    let server = await startServer(place);
    let token = await signIn(server, DISTRICT_STAFF);
    const unionId = await kw3(server, token);
    const demoCount = await kw3Total(server, token, unionId);
    const acknowledged: string[] = [];
    let sent = 0;
    for (let round = 1; round <= 3; round++) {
      let killed = false;
      // Kill at a random moment once writes are flowing (a loaded machine may take a while to answer the first).
      const delay = 100 + Math.floor(Math.random() * 500);
      const live: string[] = [];
      const stream = writeStream(server, token, unionId, round, () => killed, live);
      for (let waited = 0; live.length === 0 && waited < 20_000; waited += 20) await sleep(20);
      await sleep(delay);
      killed = true;
      await killGroup(server, place); // the whole group: node and, embedded, every PostgreSQL process
      const result = await stream;
      assert.ok(result.acknowledged.length > 0, `round ${round}: no write was acknowledged within 20 s`);
      acknowledged.push(...result.acknowledged);
      sent += result.sent;

      const restartAt = Date.now();
      server = await startServer(place); // stale postmaster.pid, crash recovery, WAL replay
      t.diagnostic(
        `round ${round}: killed ${delay} ms after the first acknowledgement, ${result.acknowledged.length} of ${result.sent} acknowledged, ` +
          `ready again in ${Date.now() - restartAt} ms`,
      );
      token = await signIn(server, DISTRICT_STAFF);
      await assertAllThere(server, token, acknowledged);
      const total = await kw3Total(server, token, unionId);
      // Unanswered requests may or may not have committed; nothing else may appear or vanish.
      assert.ok(total >= demoCount + acknowledged.length, `round ${round}: ${total} members`);
      assert.ok(total <= demoCount + sent, `round ${round}: ${total} members from ${sent} requests`);
    }
    process.kill(-server.pid, 'SIGTERM');
    await server.exited;
  });

  test('a restart after only node was killed stops the orphaned PostgreSQL and recovers', async () => {
    let server = await startServer(place);
    let token = await signIn(server, DISTRICT_STAFF);
    const unionId = await kw3(server, token);
    const r = prng(99);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api(server, token, 'POST', '/members', newMember(r, unionId, 900_000 + i));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.push(res.body.id as string);
    }
    const postmaster = place.databaseUrl ? null : postmasterPid(place.dataDir);
    process.kill(server.pid, 'SIGKILL'); // node only: an embedded PostgreSQL lives on without its owner
    await server.exited;
    if (postmaster !== null) {
      await sleep(200);
      assert.ok(isAlive(postmaster), 'the orphaned PostgreSQL should still be running');
    }

    server = await startServer(place);
    if (postmaster !== null) {
      assert.equal(isAlive(postmaster), false, 'the orphaned PostgreSQL was stopped');
      assert.notEqual(postmasterPid(place.dataDir), postmaster);
    }
    token = await signIn(server, DISTRICT_STAFF);
    await assertAllThere(server, token, ids);
    const more = await api(server, token, 'POST', '/members', newMember(r, unionId, 900_100));
    assert.equal(more.status, 201, JSON.stringify(more.body));
    process.kill(-server.pid, 'SIGTERM');
    await server.exited;
    assert.equal(server.child.exitCode, 0, server.log());
  });
});
