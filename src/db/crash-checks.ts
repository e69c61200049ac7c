/**
 * The invariants the crash tests check after each restart, straight in the database: every acknowledged write is
 * there, whole; no claim is paid twice; survey counters and stock balances match their rows. Test-only.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Database } from './index.ts';

/** What the server acknowledged with 2xx. */
export interface Acked {
  claims: Map<string, { docs: string[]; submitted: boolean; approved: boolean }>;
  batches: Map<string, string[]>;
  responses: Set<string>;
  handovers: Set<string>;
}

/** The fixtures the checks look at: our members, the survey, the distribution. */
export interface Setup {
  members: string[];
  surveyId: string;
  distId: string;
}

const rows = async <T>(db: Database, q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows;

export async function checkClaims(db: Database, acked: Acked, s: Setup) {
  const ids = [...acked.claims.keys()];
  const found = await db.selectFrom('aidClaims').select(['id', 'status']).where('memberId', 'in', s.members).execute();
  const status = new Map(found.map((c) => [c.id, c.status]));
  for (const id of ids) assert.ok(status.has(id), `acknowledged claim ${id} is missing`);
  const events = await db
    .selectFrom('aidClaimEvents')
    .select(['claimId', 'action', 'toStatus'])
    .where('claimId', 'in', [...status.keys()])
    .orderBy('id')
    .execute();
  for (const [id, st] of status) {
    const mine = events.filter((e) => e.claimId === id);
    assert.equal(mine.filter((e) => e.action === 'create').length, 1, `claim ${id} has one create event`);
    assert.equal(mine.at(-1)!.toStatus, st, `claim ${id}: its last event leads to its status`);
    const a = acked.claims.get(id);
    if (a?.submitted)
      assert.ok(
        mine.some((e) => e.action === 'submit'),
        `submitted claim ${id} has its event`,
      );
    if (a?.approved)
      assert.ok(
        mine.some((e) => e.action === 'approve'),
        `approved claim ${id} has its event`,
      );
  }
  const docIds = ids.flatMap((id) => acked.claims.get(id)!.docs);
  if (docIds.length) {
    const docs = await db
      .selectFrom('aidClaimDocuments')
      .select('id')
      .where('id', 'in', docIds)
      .where('deletedAt', 'is', null)
      .execute();
    assert.equal(docs.length, docIds.length, 'every acknowledged document is there');
  }
}

export async function checkPayouts(db: Database, acked: Acked, since: Date) {
  const doubled = await rows(
    db,
    sql`select claim_id from aid_payouts where status <> 'failed' group by claim_id having count(*) > 1`,
  );
  assert.deepEqual(doubled, [], 'no claim has two live payouts');
  const perClaim = await rows(
    db,
    sql`select p.claim_id from aid_payouts p join aid_claims c on c.id = p.claim_id
        left join (select claim_id, sum(amount_fen) as s from aid_ledger group by claim_id) l on l.claim_id = p.claim_id
        where p.status <> 'failed' and (coalesce(l.s, 0) <> p.amount_fen or c.approved_amount_fen <> p.amount_fen)`,
  );
  assert.deepEqual(perClaim, [], 'each paid claim: ledger = payout = approved amount');
  const [totals] = await rows<{ ledger: string; paid: string }>(
    db,
    sql`select (select coalesce(sum(amount_fen), 0) from aid_ledger) as ledger,
               (select coalesce(sum(amount_fen), 0) from aid_payouts where status <> 'failed') as paid`,
  );
  assert.equal(totals!.ledger, totals!.paid, 'sum of the ledger = sum of the payouts');
  const unledgered = await rows(
    db,
    sql`select p.id from aid_payouts p left join aid_ledger l on l.payout_id = p.id and l.entry = 'payout'
        group by p.id having count(l.id) <> 1`,
  );
  assert.deepEqual(unledgered, [], 'each payout has one ledger entry');
  const badBatch = await rows(
    db,
    sql`select b.id from aid_payout_batches b left join aid_payouts p on p.batch_id = b.id
        group by b.id having b.claim_count <> count(p.id) or b.total_fen <> coalesce(sum(p.amount_fen), 0)`,
  );
  assert.deepEqual(badBatch, [], 'batch totals match their payouts');
  const queued = await rows(
    db,
    // The demo seed writes its paid history without events; the server's own batches must always have them.
    sql`select p.claim_id from aid_payouts p where p.created_at >= ${since} group by p.claim_id
        having count(*) <> (select count(*) from aid_claim_events e where e.claim_id = p.claim_id and e.action = 'payoutQueued')`,
  );
  assert.deepEqual(queued, [], "each payout has its claim's payoutQueued event");
  for (const [batchId, claims] of acked.batches) {
    const payouts = await db.selectFrom('aidPayouts').select('claimId').where('batchId', '=', batchId).execute();
    assert.deepEqual(payouts.map((p) => p.claimId).sort(), [...claims].sort(), `acknowledged batch ${batchId}`);
  }
}

export async function checkSurveys(db: Database, acked: Acked, s: Setup) {
  const ids = [...acked.responses];
  if (ids.length) {
    const found = await db.selectFrom('surveyResponses').select('id').where('id', 'in', ids).execute();
    assert.equal(found.length, ids.length, 'every acknowledged response is there');
  }
  const miscount = await rows(
    db,
    sql`select s.id from surveys s where s.response_count <> (select count(*) from survey_responses r where r.survey_id = s.id)`,
  );
  assert.deepEqual(miscount, [], 'each survey counter equals its responses');
  const [p] = await rows<{ responses: string; participations: string }>(
    db,
    sql`select (select count(*) from survey_responses where survey_id = ${s.surveyId}) as responses,
               (select count(*) from survey_participations where survey_id = ${s.surveyId})
             + (select count(*) from survey_links where survey_id = ${s.surveyId} and used_at is not null) as participations`,
  );
  assert.equal(p!.responses, p!.participations, 'one participation (member or link) per response');
}

export async function checkCare(db: Database, acked: Acked, s: Setup) {
  const drift = await rows(
    db,
    sql`select s.union_id from care_stock s where s.quantity < 0 or s.quantity <> (select coalesce(sum(m.quantity), 0)
        from care_movements m where m.union_id = s.union_id and m.item_id = s.item_id)`,
  );
  assert.deepEqual(drift, [], 'every stock balance = its ledger, never negative');
  const ids = [...acked.handovers];
  if (ids.length) {
    const found = await db.selectFrom('careHandovers').select('id').where('id', 'in', ids).execute();
    assert.equal(found.length, ids.length, 'every acknowledged hand-over is there');
  }
  const lines = await rows(
    db,
    sql`select l.id from care_distribution_lines l where l.distribution_id = ${s.distId} and l.delivered <>
        (select coalesce(sum(h.quantity), 0) from care_handovers h where h.line_id = l.id)`,
  );
  assert.deepEqual(lines, [], 'line totals = their hand-overs');
  const moves = await rows(
    db,
    sql`select h.id from care_handovers h where h.distribution_id = ${s.distId} and
        (select count(*) from care_movements m where m.ref_type = 'handover' and m.ref_id = h.id) <> 2`,
  );
  assert.deepEqual(moves, [], 'each hand-over has its transfer out and in');
}
