import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../../test/app.ts';
import { testKey } from '../../test/db.ts';
import { isValidStationCode } from '../domains/stations/station-code.ts';
import { validateIdNumber } from '../domains/unions/id-number.ts';
import { isRegionCode } from '../domains/unions/region.ts';
import { insertColumns } from './bulk-insert.ts';
import { memberBatches } from './member-batches.ts';
import { buildMemberBatch } from './member-rows.ts';
import { generateScale, scaledIdNumber } from './scale.ts';

const t = await createTestApp();
const count = async (table: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

const stock = async () => {
  const { rows } = await sql<{ measure: string; n: string }>`
    select measure, sum(value) as n from cockpit_stock group by measure`.execute(t.db);
  return Object.fromEntries(rows.map((r) => [r.measure, Number(r.n)]));
};
const before = {
  members: await count('members'),
  stations: await count('stations'),
  claims: await count('aid_claims'),
  responses: await count('survey_responses'),
  memberHistory: await count('member_status_history'),
  cardHistory: await count('aid_card_status_history'),
  stock: await stock(),
};
const steps = new Set<string>();
// Small batches over two worker threads and two writers: the code path the national preset takes.
const report = await generateScale(
  t.db,
  t.cipher,
  { stations: 200, members: 500, claims: 100, surveyResponses: 100 },
  (s) => steps.add(s),
  { workers: 2, masterKey: testKey(), batchSize: 120, writers: 2 },
);
const scaledCards = 500 - Math.ceil(500 / 12); // member k has no card when k mod 12 = 0

describe('generateScale on a tiny custom scale', () => {
  test('adds exactly the requested rows and reports progress for each step', async () => {
    assert.equal(await count('members'), before.members + 500);
    assert.equal(await count('stations'), before.stations + 200);
    assert.equal(await count('aid_claims'), before.claims + 100);
    assert.equal(await count('survey_responses'), before.responses + 100);
    assert.deepEqual(report.members, 500);
    const all = ['claims', 'members', 'responses', 'stations', 'unions', 'vacuum'];
    assert.deepEqual([...steps].sort(), all);
    assert.deepEqual(Object.keys(report.phaseMs).sort(), all);
    const survey = await t.db
      .selectFrom('surveys')
      .select(['id', 'responseCount'])
      .where('responseCount', '>', 0)
      .execute();
    const counted = survey.reduce((s, x) => s + x.responseCount, 0);
    assert.equal(counted, before.responses + 100, 'response_count follows the rows');
  });

  test('scaled members have valid ID numbers that decrypt to what their keyed hash says', async () => {
    const rows = await t.db
      .selectFrom('members as m')
      .innerJoin('unions as u', 'u.id', 'm.unionId')
      .select(['m.idNumberEnc', 'm.idNumberHash', 'm.idNumberMasked', 'm.birthDate', 'm.unionPath', 'u.path'])
      .where('u.code', 'like', 'BJ-%-S0%')
      .execute();
    assert.equal(rows.length, 500);
    for (const row of rows) {
      const plain = t.cipher.decrypt(row.idNumberEnc);
      const id = validateIdNumber(plain);
      assert.ok(id.ok, plain);
      assert.ok(row.idNumberHash.equals(t.cipher.hash('idNumber', plain)));
      assert.equal(row.idNumberMasked.length, 18);
      assert.equal(row.unionPath, row.path);
    }
    const ids = new Set(Array.from({ length: 20_000 }, (_, k) => scaledIdNumber(k * 37)));
    assert.equal(ids.size, 20_000, 'ID numbers are unique');
  });

  test('the filled tables were analysed afterwards, so the planner knows their size', async () => {
    const { rows } = await sql<{ relname: string; analysed: boolean }>`
      select relname, last_analyze is not null as analysed from pg_stat_user_tables
      where relname in ('members', 'aid_cards', 'stations', 'aid_claims', 'aid_payouts', 'survey_responses')`.execute(
      t.db,
    );
    assert.equal(rows.length, 6);
    for (const r of rows) assert.ok(r.analysed, r.relname);
  });

  test('each scaled member and card has one status-history row; bank accounts decrypt to what their hash says', async () => {
    assert.equal(await count('member_status_history'), before.memberHistory + 500);
    assert.equal(await count('aid_card_status_history'), before.cardHistory + scaledCards);
    const cards = await t.db
      .selectFrom('aidCards')
      .select(['bankAccountEnc', 'bankAccountHash', 'bankAccountMasked'])
      .where('cardNo', 'like', 'HS%')
      .execute();
    assert.equal(cards.length, scaledCards);
    for (const card of cards) {
      const account = t.cipher.decrypt(card.bankAccountEnc!);
      assert.match(account, /^62\d{17}$/);
      assert.ok(card.bankAccountHash!.equals(t.cipher.hash('bankAccount', account)));
      assert.equal(card.bankAccountMasked!.slice(-4), account.slice(-4));
    }
  });

  test("the cockpit's counts follow the scaled members and their cards", async () => {
    const after = await stock();
    assert.equal(after.members_active! - (before.stock.members_active ?? 0), 500);
    assert.equal(after.cards_active! - (before.stock.cards_active ?? 0), scaledCards);
  });

  test('worker threads build the same batches, in order, as the calling thread', async () => {
    const unions = [
      { id: '00000000-0000-7000-8000-000000000001', path: '/1/2/' },
      { id: '00000000-0000-7000-8000-000000000002', path: '/1/3/' },
    ];
    const common = { total: 1_000, batchSize: 90, unions, today: '2026-07-01', cipher: t.cipher };
    const pooled = [];
    for await (const b of memberBatches({ ...common, workers: 3, masterKey: testKey() })) pooled.push(b);
    assert.deepEqual(
      pooled.map((b) => [b.start, b.end]),
      Array.from({ length: 12 }, (_, i) => [i * 90, Math.min(1_000, (i + 1) * 90)]),
    );
    for (const b of pooled) {
      const inline = buildMemberBatch(t.cipher, unions, b.start, b.end, '2026-07-01');
      assert.deepEqual(b.members.name, inline.members.name);
      assert.deepEqual(b.members.unionPath, inline.members.unionPath);
      assert.deepEqual(b.cards.cardNo, inline.cards.cardNo);
      // Fresh IVs: the blobs differ, the plaintext and the keyed hash do not.
      assert.deepEqual(
        b.members.idNumberEnc.map((x) => t.cipher.decrypt(Buffer.from(x))),
        inline.members.idNumberEnc.map((x) => t.cipher.decrypt(Buffer.from(x))),
      );
      assert.deepEqual(
        b.members.idNumberHash.map((x) => Buffer.from(x).toString('hex')),
        inline.members.idNumberHash.map((x) => Buffer.from(x).toString('hex')),
      );
    }
  });

  test('a bulk insert rejects unknown and ragged columns and writes nothing', async () => {
    const n = await count('survey_responses');
    await assert.rejects(insertColumns(t.db, 'survey_responses', { nope: [1] }), /no column nope/);
    await assert.rejects(insertColumns(t.db, 'survey_responses', { id: [1, 2], version: [1] }), /ragged/);
    assert.equal(await count('survey_responses'), n);
  });

  test('stations have valid codes and region codes; unions hang under the demo districts', async () => {
    const stations = await t.db
      .selectFrom('stations')
      .select(['code', 'regionCode'])
      .where('externalId', 'like', 'SCALE-%')
      .execute();
    assert.equal(stations.length, 200);
    for (const s of stations) {
      assert.ok(isValidStationCode(s.code), s.code);
      assert.ok(isRegionCode(s.regionCode), s.regionCode);
      assert.equal(s.code.slice(0, 6), s.regionCode);
    }
    const unions = await t.db
      .selectFrom('unions as u')
      .innerJoin('unions as p', 'p.id', 'u.parentId')
      .select(['u.code', 'u.regionCode', 'p.code as parent', 'u.kind'])
      .where('u.code', 'like', 'BJ-%-S0%')
      .execute();
    assert.equal(unions.length, report.unions);
    for (const u of unions) {
      assert.ok(['BJ-CY', 'BJ-CP', 'BJ-HD'].includes(u.parent));
      assert.equal(u.kind, 'workplace');
      assert.ok(isRegionCode(u.regionCode));
    }
  });

  test('claims reference existing members and coverages; every paid claim has exactly one payout', async () => {
    const orphans = await sql<{ n: string }>`
      select count(*) as n from aid_claims a
      left join members m on m.id = a.member_id
      left join aid_coverages c on c.id = a.coverage_id
      left join aid_incidents i on i.id = a.incident_id
      where m.id is null or c.id is null or i.id is null or a.union_path <> m.union_path`.execute(t.db);
    assert.equal(Number(orphans.rows[0]!.n), 0);
    const statuses = await t.db
      .selectFrom('aidClaims')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('claimNo', 'like', 'SB2026-S%')
      .groupBy('status')
      .execute();
    assert.ok(statuses.length >= 6, `claims in many statuses: ${JSON.stringify(statuses)}`);
    const paid = await sql<{ claimNo: string; payouts: string; ledger: string; amountOk: boolean }>`
      select a.claim_no, count(distinct p.id) as payouts, count(distinct l.id) as ledger,
             bool_and(p.amount_fen = a.approved_amount_fen) as amount_ok
      from aid_claims a
      left join aid_payouts p on p.claim_id = a.id
      left join aid_ledger l on l.claim_id = a.id
      where a.status = 'paid' group by a.claim_no`.execute(t.db);
    assert.ok(paid.rows.length > 10);
    for (const row of paid.rows) {
      assert.equal(Number(row.payouts), 1, row.claimNo);
      assert.equal(Number(row.ledger), 1, row.claimNo);
      assert.equal(row.amountOk, true, row.claimNo);
    }
    const unpaidWithPayout = await sql<{ n: string }>`
      select count(*) as n from aid_payouts p join aid_claims a on a.id = p.claim_id where a.status <> 'paid'`.execute(
      t.db,
    );
    assert.equal(Number(unpaidWithPayout.rows[0]!.n), 0);
  });

  test('refuses to scale the same database twice', async () => {
    await assert.rejects(
      generateScale(t.db, t.cipher, { stations: 1, members: 1, claims: 0, surveyResponses: 0 }),
      /already scaled/,
    );
  });
});
