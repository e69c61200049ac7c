/**
 * The headline figures: a generated history of exactly 11,508 payouts totalling 20,235,100.00 yuan since 2009-08 is
 * loaded with `unioncare aid import-history`, and the statistics API reports exactly those figures — with the
 * payouts made in the system on top.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';
import { readTable } from '../../platform/tabular.ts';
import { idNumberFor, prng } from '../../seed/people.ts';
import { multipart } from './aid-test-helpers.ts';
import { importAidHistory } from './history-import.service.ts';

const t = await createTestApp();
const [city, chaoyang, auditor, workplace] = await Promise.all([
  t.login('13800000005'),
  t.login('13800000003'),
  t.login('13800000006'),
  t.login('13800000002'),
]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-aid-history-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const TOTAL_PAYOUTS = 11_508;
const TOTAL_FEN = 2_023_510_000;
const COVERAGES = ['PIPE_BURST', 'FIRE', 'ACCIDENT_HOSPITAL', 'ACCIDENT_DEATH'];
const REGIONS = ['110105', '110114', '110108', 'BJ-CP-CKDZ', '朝阳区总工会'];

/** One row per payout (a few rows of 3 person-times), amounts summing exactly to the total, dates 2009-08 … 2022-06. */
function generateHistory() {
  const r = prng(20090801);
  const rows: { paidOn: string; coverage: string; region: string; fen: number; count: number; id: string }[] = [];
  let payouts = 0;
  while (payouts < TOTAL_PAYOUTS) {
    const count = r.next() < 0.02 && TOTAL_PAYOUTS - payouts >= 3 ? 3 : 1;
    const month = r.int(0, 154); // 2009-08 + 154 months = 2022-06
    const y = 2009 + Math.floor((7 + month) / 12);
    const m = ((7 + month) % 12) + 1;
    const coverage = y < 2012 ? r.pick(COVERAGES.filter((c) => c !== 'FIRE')) : r.pick(COVERAGES);
    const region = r.pick(REGIONS);
    const id =
      count === 1 && r.next() < 0.3
        ? idNumberFor(r, '110114', { year: r.int(1965, 2000), month: r.int(1, 12), day: r.int(1, 28) })
        : '';
    rows.push({
      paidOn: `${y}-${String(m).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      coverage,
      region,
      fen: r.int(20_000, 330_000) * count,
      count,
      id,
    });
    payouts += count;
  }
  const sum = rows.reduce((s, x) => s + x.fen, 0);
  rows.at(-1)!.fen += TOTAL_FEN - sum; // the last row makes the total exact
  assert.ok(rows.at(-1)!.fen > 0);
  const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  const csv = [
    '发放日期,计划,保障项目,区,金额,人次,身份证号',
    ...rows.map((x) =>
      [x.paidOn, 'FGS-YW-JC', x.coverage, x.region, yuan(x.fen), x.count === 1 ? '' : String(x.count), x.id].join(','),
    ),
  ];
  return { rows, csv: `${csv.join('\n')}\n` };
}

/** A DATABASE_URL for this test file's own database, for the CLI. */
async function databaseUrl(): Promise<string> {
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(t.db);
  const admin = JSON.parse(process.env.UC_TEST_ADMIN!) as {
    connectionString?: string;
    host?: string;
    port?: number;
    user?: string;
  };
  if (admin.connectionString) {
    const url = new URL(admin.connectionString);
    url.pathname = `/${rows[0]!.db}`;
    return url.toString();
  }
  return `postgresql://${admin.user}@localhost:${admin.port}/${rows[0]!.db}?host=${encodeURIComponent(admin.host!)}`;
}

const stats = async (query: string, headers = city) => {
  const res = await t.app.inject({ url: `/api/v1/aid/stats?${query}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

// The demo data carries the same totals as yearly summary rows (aid-history.seed.ts); this file loads its own
// generated payouts instead, so the figures below are the import's alone.
await t.db.deleteFrom('aidPayoutHistory').execute();
await t.db.deleteFrom('aidHistoryImports').execute();

describe('history since 2009-08 in the statistics', () => {
  const { rows, csv } = generateHistory();
  const file = path.join(dir, '互助金历史发放.csv');
  fs.writeFileSync(file, csv);

  test('`unioncare aid import-history` loads 11,508 payouts totalling 20,235,100.00 yuan', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'aid', 'import-history', file],
      {
        env: {
          ...process.env,
          DATABASE_URL: await databaseUrl(),
          UNIONCARE_DATA_KEY: process.env.UC_TEST_KEY,
          DATA_DIR: dir,
        },
      },
    );
    assert.match(stdout, /: 11508 beneficiaries, 20,235,100\.00 yuan — imported/);
  });

  test('the API reports exactly those figures, and the system’s own payouts on top', async () => {
    const history = await stats('source=history');
    assert.deepEqual(history.total, { beneficiaries: TOTAL_PAYOUTS, amountFen: TOTAL_FEN, suppressed: false });
    const system = await stats('source=system');
    const all = await stats('');
    assert.equal(all.total.beneficiaries, TOTAL_PAYOUTS + system.total.beneficiaries);
    assert.equal(all.total.amountFen, TOTAL_FEN + system.total.amountFen);
    assert.ok(system.total.beneficiaries >= 1, 'the demo has a paid claim');

    const byYear = await stats('groupBy=year&source=history');
    assert.equal(byYear.rows[0].keys.year, '2009');
    assert.equal(
      byYear.rows.reduce((s: number, r: { beneficiaries: number }) => s + r.beneficiaries, 0),
      TOTAL_PAYOUTS,
    );
    const byCoverage = await stats('groupBy=coverage&source=history');
    const fire = byCoverage.rows.find((r: { keys: { coverage: string } }) => r.keys.coverage === 'FIRE');
    const expectedFire = rows.filter((x) => x.coverage === 'FIRE');
    assert.equal(
      fire.beneficiaries,
      expectedFire.reduce((s, x) => s + x.count, 0),
    );
    assert.equal(
      fire.amountFen,
      expectedFire.reduce((s, x) => s + x.fen, 0),
    );
    assert.equal(fire.labels.coverage, '火灾');
    const in2015 = await stats('source=history&from=2015-01-01&to=2015-12-31');
    assert.equal(
      in2015.total.amountFen,
      rows.filter((x) => x.paidOn.startsWith('2015')).reduce((s, x) => s + x.fen, 0),
    );

    // Paying a claim in the system adds on top.
    const approved = await t.db
      .selectFrom('aidClaims')
      .select(['id', 'approvedAmountFen'])
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const batch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/aid/payout-batches',
      headers: city,
      payload: { claimIds: [approved.id] },
    });
    assert.equal(batch.statusCode, 201, batch.body);
    const back = multipart(
      {},
      { name: 'r.csv', data: Buffer.from(`reference,status\n${batch.json().payouts[0].reference},paid\n`) },
    );
    const rec = await t.app.inject({
      method: 'POST',
      url: `/api/v1/aid/payout-batches/${batch.json().id}/reconciliation`,
      headers: { ...city, ...back.headers },
      payload: back.payload,
    });
    assert.equal(rec.statusCode, 200, rec.body);
    const after = await stats('');
    assert.equal(after.total.beneficiaries, all.total.beneficiaries + 1);
    assert.equal(after.total.amountFen, all.total.amountFen + approved.approvedAmountFen!);
  });

  test('scoped to the staff subtree: 朝阳区 sees only its own district', async () => {
    const cy = await stats('groupBy=district&source=history', chaoyang);
    assert.deepEqual(
      cy.rows.map((r: { keys: { district: string } }) => r.keys.district),
      ['BJ-CY'],
    );
    const expected = rows.filter((x) => x.region === '110105' || x.region === '朝阳区总工会');
    assert.equal(
      cy.total.beneficiaries,
      expected.reduce((s, x) => s + x.count, 0),
    );
    assert.equal(
      cy.total.amountFen,
      expected.reduce((s, x) => s + x.fen, 0),
    );
    assert.equal((await t.app.inject({ url: '/api/v1/aid/stats', headers: workplace })).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/api/v1/aid/stats', headers: auditor })).statusCode, 200);
  });

  test('external reports hide cells under 5 members; XLSX export is audited', async () => {
    const ext = await stats('groupBy=union&source=system&audience=external');
    assert.ok(ext.rows.length > 0);
    assert.ok(
      ext.rows.every((r: { suppressed: boolean; amountFen: number | null }) => r.suppressed && r.amountFen === null),
    );
    const internal = await stats('groupBy=union&source=system');
    assert.ok(internal.rows.every((r: { suppressed: boolean; amountFen: number }) => !r.suppressed && r.amountFen > 0));
    const big = await stats('groupBy=district&source=history&audience=external');
    assert.ok(big.rows.every((r: { suppressed: boolean }) => !r.suppressed));
    const bad = await t.app.inject({ url: '/api/v1/aid/stats?groupBy=planet', headers: city });
    assert.equal(bad.statusCode, 400);

    const xlsx = await t.app.inject({ url: '/api/v1/aid/stats.xlsx?groupBy=year&source=history', headers: city });
    assert.equal(xlsx.statusCode, 200);
    const table = await readTable(xlsx.rawPayload);
    assert.deepEqual(table.headers, ['年度', '受益人次', '金额（元）']);
    assert.deepEqual(table.rows.at(-1)!.cells, ['合计', '11508', '20235100']);
    const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'aid.stats.export').execute();
    assert.equal(audit.length, 1);
  });

  test('the same file twice is refused; bad rows are reported with row and column, nothing written', async () => {
    const again = await importAidHistory(t.db, t.cipher, Buffer.from(csv), { fileName: 'again.csv', actor: null });
    assert.equal(again.applied, false);
    assert.match(again.errors[0]!.message.en, /imported before/);
    const bad = await importAidHistory(
      t.db,
      t.cipher,
      Buffer.from(
        '年份,计划,保障项目,区,金额\n2015,FGS-YW-JC,PIPE_BURST,110114,1000.5\n2015-02-30,NOPE,FIRE,火星区,1.234\n',
      ),
      { fileName: 'bad.csv', actor: null },
    );
    assert.equal(bad.applied, false);
    assert.deepEqual(
      bad.errors.map((e) => `${e.row}:${e.column}`),
      ['3:年份', '3:计划', '3:保障项目', '3:区', '3:金额'],
    );
    assert.deepEqual((await stats('source=history')).total.beneficiaries, TOTAL_PAYOUTS);
  });
});
