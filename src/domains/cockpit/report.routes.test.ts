import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
import { uuidv7 } from 'uuidv7';
import { createTestApp } from '../../../test/app.ts';
import { yuan } from './monthly-report.ts';
import { ReportInputError, renderMonthlyReport } from './report.service.ts';

const t = await createTestApp();
const [city, chaoyang] = await Promise.all([t.login('13800000005'), t.login('13800000003')]);

async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

// The month of the demo's latest filed claim, so that the month has figures.
const { rows } = await sql<{ month: string }>`
  select to_char(max(first_submitted_at) at time zone 'Asia/Shanghai', 'YYYY-MM') as month from aid_claims`.execute(
  t.db,
);
const month = rows[0]!.month;

/** The month's figures (and the year's claims) for a scope straight from the raw rows. */
async function independent(scopePath: string, m = month) {
  const like = `${scopePath}%`;
  const inMonth = (col: string) => sql.raw(`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM') = '${m}'`);
  const inYear = (col: string) =>
    sql.raw(`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM') between '${m.slice(0, 4)}-01' and '${m}'`);
  const q = async (s: ReturnType<typeof sql<{ n: string }>>) => Number((await s.execute(t.db)).rows[0]!.n);
  return {
    filed: await q(
      sql`select count(*) as n from aid_claims where union_path like ${like} and ${inMonth('first_submitted_at')}`,
    ),
    filedYear: await q(
      sql`select count(*) as n from aid_claims where union_path like ${like} and ${inYear('first_submitted_at')}`,
    ),
    paid: await q(
      sql`select count(*) as n from aid_payouts where union_path like ${like} and status = 'paid' and to_char(settled_on, 'YYYY-MM') = ${m}`,
    ),
    paidFen: await q(
      sql`select coalesce(sum(amount_fen), 0) as n from aid_payouts where union_path like ${like} and status = 'paid' and to_char(settled_on, 'YYYY-MM') = ${m}`,
    ),
    checkins: await q(
      sql`select count(*) as n from station_checkins c join stations s on s.id = c.station_id where s.union_path like ${like} and ${inMonth('c.created_at')}`,
    ),
    members: await q(sql`select count(*) as n from members where union_path like ${like} and status = 'active'`),
  };
}

// docs/cockpit.md, "Small figures": the report prints a claims count under 5 as "<5" and withholds its amount ("×");
// a figure withheld only so that a small one cannot be worked out from a total is "×" too.
const SMALL = '<5';
const WITHHELD = '×';
/** A claims count as the report prints it. */
const shown = (n: number) => (n < 5 ? SMALL : n);

/** The line of a PDF's text that starts with `start` (spaces ignored), trimmed. */
const lineOf = (text: string, start: string) =>
  text
    .split('\n')
    .find((l) => l.replace(/\s+/g, '').startsWith(start))
    ?.trim();

/** The PDF table line of a union (not the title, which starts with the name too). */
const unionLine = (text: string, name: string) =>
  text
    .split('\n')
    .find((l) => new RegExp(`^\\s*${name}\\s`).test(l))
    ?.trim();

/** The text between two headings of a PDF. */
const between = (text: string, from: string, to: string) =>
  text.slice(text.indexOf(from) + from.length, text.indexOf(to));

test('the city federation monthly report is a PDF with Chinese headings and figures matching the raw rows', async () => {
  const res = await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}`, headers: city });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/pdf');
  const text = (await textOf(res.rawPayload)).replace(/[ \t]+/g, ' ');
  const flat = text.replace(/\s+/g, '');
  const label = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
  for (const s of [
    `北京市总工会${label}数据月报`,
    '一、本月主要指标',
    '二、会员、服务卡与站点',
    '四、分区情况',
    '朝阳区总工会',
    '昌平区总工会',
  ])
    assert.ok(flat.includes(s), `missing ${s}`);
  const want = await independent('/1/');
  const row = (name: string) => lineOf(text, name);
  assert.match(row('互助保障申请（件）') ?? '', new RegExp(`^互助保障申请（件）\\s*${shown(want.filed)}\\s`));
  assert.match(row('互助金发放（人次）') ?? '', new RegExp(`^互助金发放（人次）\\s*${shown(want.paid)}\\s`));
  assert.match(
    row('互助金发放金额（元）') ?? '',
    new RegExp(`^互助金发放金额（元）\\s*${want.paid < 5 ? WITHHELD : yuan(want.paidFen)}\\s`),
  );
  assert.match(row('站点签到（人次）') ?? '', new RegExp(`^站点签到（人次）\\s*${want.checkins}\\s`));
  assert.ok(flat.includes(String(want.members)), 'members');
  // The note says what "<5" and "×" mean.
  assert.ok(flat.includes('显示为“<5”') && flat.includes('不予显示（“×”）'), 'the note on small figures');
  const audit = await t.db
    .selectFrom('auditLog')
    .select('action')
    .where('action', '=', 'cockpit.report.export')
    .execute();
  assert.equal(audit.length, 1);
});

test('district staff get their district only; XLSX has the same figures', async () => {
  const res = await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}&format=xlsx`, headers: chaoyang });
  assert.equal(res.statusCode, 200, res.body);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const head = wb.getWorksheet('主要指标')!;
  assert.match(String(head.getCell('A1').value), /^朝阳区总工会/);
  const want = await independent('/1/2/');
  const value = (label: string) => {
    let v: unknown;
    head.eachRow((r) => {
      if (r.getCell(1).value === label) v = r.getCell(2).value;
    });
    return v;
  };
  assert.equal(value('互助保障申请（件）'), shown(want.filed));
  assert.equal(value('站点签到（人次）'), want.checkins);
  assert.equal(value('在册会员'), want.members);
  const names: string[] = [];
  wb.getWorksheet('分区')!.eachRow((r, i) => i > 1 && names.push(String(r.getCell(1).value)));
  assert.deepEqual(names, ['朝阳区总工会']);
  assert.equal(
    (await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}&union=BJ-CP`, headers: chaoyang })).statusCode,
    403,
  );
  assert.equal((await t.app.inject({ url: '/api/v1/cockpit/report?month=2026-13', headers: city })).statusCode, 400);
});

test('the CLI engine renders by union code (small cells withheld the same way) and refuses bad input', async () => {
  const out = await renderMonthlyReport(t.db, { union: 'BJ-CP', month, format: 'pdf', now: new Date() });
  assert.equal(out.fileName, `report-BJ-CP-${month}.pdf`);
  const text = await textOf(out.body);
  assert.ok(text.replace(/\s+/g, '').includes('昌平区总工会'));
  const want = await independent('/1/3/');
  assert.ok(want.filed > 0 && want.filed < 5, `昌平 filed ${want.filed} claims in ${month}`);
  assert.match(unionLine(text, '昌平区总工会') ?? '', /^昌平区总工会\s+<5\s+<5\s+×\s/);
  await assert.rejects(
    renderMonthlyReport(t.db, { union: 'BJ-CP-CKDZ', month, format: 'pdf', now: new Date() }),
    ReportInputError,
  );
  await assert.rejects(
    renderMonthlyReport(t.db, { union: 'BJ', month: '2026-1', format: 'pdf', now: new Date() }),
    ReportInputError,
  );
  await assert.rejects(
    renderMonthlyReport(t.db, { union: 'NOPE', month, format: 'pdf', now: new Date() }),
    ReportInputError,
  );
});

async function workbook(res: { statusCode: number; body: string; rawPayload: Buffer }) {
  assert.equal(res.statusCode, 200, res.body);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** The cells of the first row whose first cell is `first` or passes it (index 0 = column A). */
function rowOf(ws: ExcelJS.Worksheet, first: string | ((v: unknown) => boolean)): unknown[] | undefined {
  const match = typeof first === 'string' ? (v: unknown) => v === first : first;
  let out: unknown[] | undefined;
  ws.eachRow((r) => {
    if (!out && match(r.getCell(1).value)) out = Array.from({ length: r.cellCount }, (_, i) => r.getCell(i + 1).value);
  });
  return out;
}

/** The rows after the header row, as cells (index 0 = column A). */
function bodyRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((r, i) => {
    if (i > 1) out.push(Array.from({ length: r.cellCount }, (_, j) => r.getCell(j + 1).value));
  });
  return out;
}

const everyCell = (wb: ExcelJS.Workbook) => {
  const out: unknown[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => out.push(c.value))));
  return out;
};

const withheld = (v: unknown) => v === SMALL || v === WITHHELD;
const lone = (cells: unknown[]) => cells.filter(withheld).length === 1;

/**
 * The rule over a whole Chinese workbook: every claims count is "<5", "×" or 5 and more; an amount is withheld
 * exactly when its count of claims paid is; and no shown total less its shown parts gives one withheld part away
 * (this month less the district rows, the year to date less the months of the year), nor does a part differ
 * between the sheets.
 */
function assertProtected(wb: ExcelJS.Workbook) {
  const count = (v: unknown, where: string) =>
    assert.ok(withheld(v) || (typeof v === 'number' && v >= 5), `${where}: ${String(v)}`);
  const pair = (paid: unknown, fen: unknown, where: string) => {
    count(paid, where);
    assert.equal(fen === WITHHELD, withheld(paid), `${where}: amount ${String(fen)} with ${String(paid)} paid`);
  };
  const head = wb.getWorksheet('主要指标')!;
  const [, filedM, filedY] = rowOf(head, '互助保障申请（件）')!;
  const [, paidM, paidY] = rowOf(head, '互助金发放（人次）')!;
  const [, fenM, fenY] = rowOf(head, '互助金发放金额（元）')!;
  count(filedM, 'filed this month');
  count(filedY, 'filed this year');
  pair(paidM, fenM, 'paid this month');
  pair(paidY, fenY, 'paid this year');
  const [, totalPaid] = rowOf(head, (v) => String(v).startsWith('累计发放人次'))!;
  const [, totalFen] = rowOf(head, '累计发放金额（元）')!;
  pair(totalPaid, totalFen, 'paid since the start');
  const trend = bodyRows(wb.getWorksheet('近12个月')!);
  assert.equal(trend.length, 12);
  for (const [m, filed, paid, fen] of trend) {
    count(filed, `filed ${m}`);
    pair(paid, fen, `paid ${m}`);
  }
  assert.deepEqual(trend.at(-1)!.slice(1, 4), [filedM, paidM, fenM], 'this month is the last month of the chart');
  const year = String(trend.at(-1)![0]).slice(0, 4);
  const ofYear = trend.filter(([m]) => String(m).startsWith(year));
  if (!withheld(filedY)) assert.ok(!lone(ofYear.map((r) => r[1])), 'year to date less the months gives filed away');
  if (!withheld(paidY)) assert.ok(!lone(ofYear.map((r) => r[2])), 'year to date less the months gives paid away');
  const districts = bodyRows(wb.getWorksheet('分区')!);
  for (const [name, filed, paid, fen] of districts) {
    count(filed, `filed ${name}`);
    pair(paid, fen, `paid ${name}`);
  }
  if (!withheld(filedM)) assert.ok(!lone(districts.map((r) => r[1])), 'the month less the rows gives filed away');
  if (!withheld(paidM)) assert.ok(!lone(districts.map((r) => r[2])), 'the month less the rows gives paid away');
}

test("朝阳's one claim of the month is <5 with no amount on both XLSX sheets and in the PDF; the screen stays exact", async () => {
  const want = await independent('/1/2/');
  // The demo month is a small one for 朝阳: the case the report's small-cell rule is about.
  assert.ok(want.filed > 0 && want.filed < 5, `朝阳 filed ${want.filed} claims in ${month}`);
  const url = `/api/v1/cockpit/report?month=${month}`;
  const own = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: chaoyang }));
  const head = own.getWorksheet('主要指标')!;
  // The district's own report: its headline is the same small cell as its row in the city's report.
  assert.deepEqual(rowOf(head, '互助保障申请（件）')!.slice(1), [SMALL, shown(want.filedYear)]);
  assert.deepEqual(rowOf(head, '互助金发放（人次）')!.slice(1, 2), [shown(want.paid)]);
  assert.deepEqual(rowOf(head, '互助金发放金额（元）')!.slice(1, 2), [WITHHELD]);
  const row = [SMALL, shown(want.paid), WITHHELD];
  assert.deepEqual(rowOf(own.getWorksheet('分区')!, '朝阳区总工会')!.slice(1, 4), row);
  assert.deepEqual(rowOf(own.getWorksheet('近12个月')!, month)!.slice(1, 4), row);
  const cityBook = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: city }));
  assert.deepEqual(rowOf(cityBook.getWorksheet('分区')!, '朝阳区总工会')!.slice(1, 4), row);
  for (const wb of [own, cityBook]) assertProtected(wb);

  for (const headers of [city, chaoyang]) {
    const text = await textOf((await t.app.inject({ url, headers })).rawPayload);
    assert.match(unionLine(text, '朝阳区总工会') ?? '', /^朝阳区总工会\s+<5\s+<5\s+×\s/);
    // No exact bar under 5 claims paid: the city's one payout of the year (5,000 yuan) is not drawn.
    const chart = between(text, '三、近12个月互助金发放金额（元）', '四、分区情况（本月）');
    assert.ok(chart.includes(WITHHELD) && !/\d{4}/.test(chart.replace(/\d\d-\d\d/g, '')), chart);
  }
  const own12 = await textOf((await t.app.inject({ url, headers: chaoyang })).rawPayload);
  assert.match(lineOf(own12, '互助保障申请（件）') ?? '', /^互助保障申请（件）\s*<5\s+<5$/);

  // The live screen for staff is exact: the same kind of small cell shows as it is.
  const now = await t.app.inject({ url: '/api/v1/cockpit/districts?period=month', headers: city });
  assert.equal(now.statusCode, 200, now.body);
  const screenMonth = now.json().from.slice(0, 7);
  const screen = now.json().items.find((i: { code: string }) => i.code === 'BJ-CY').figures;
  const raw = await independent('/1/2/', screenMonth);
  assert.deepEqual([screen.claimsFiled, screen.claimsPaid, screen.paidFen], [raw.filed, raw.paid, raw.paidFen]);
  const sameMonth = await workbook(
    await t.app.inject({ url: `/api/v1/cockpit/report?month=${screenMonth}&format=xlsx`, headers: city }),
  );
  assert.deepEqual(rowOf(sameMonth.getWorksheet('分区')!, '朝阳区总工会')!.slice(1, 2), [shown(raw.filed)]);
});

/** Imported payout history (each 人次 counts as a claim filed and paid on its day), 5,000 yuan a person. */
async function importHistory(rows: [paidOn: string, union: string, people: number][]) {
  const importId = uuidv7();
  await t.db
    .insertInto('aidHistoryImports')
    .values({
      id: importId,
      fileName: 'h.csv',
      fileSha256: importId.replaceAll('-', '').padEnd(64, '0'),
      rows: 0,
      beneficiaries: 0,
      totalFen: 0,
    })
    .execute();
  const unions = await t.db.selectFrom('unions').select(['id', 'path', 'code']).execute();
  const u = (code: string) => unions.find((x) => x.code === code)!;
  await t.db
    .insertInto('aidPayoutHistory')
    .values(
      rows.map(([paidOn, code, n], i) => ({
        importId,
        rowNumber: i + 2,
        paidOn,
        schemeCode: 'HZBZ',
        coverageCode: 'PIPE_BURST',
        unionId: u(code).id,
        unionPath: u(code).path,
        amountFen: n * 500_000,
        beneficiaries: n,
      })),
    )
    .execute();
}

test('a lone small row takes a companion row with it, a lone small month the year to date; in both languages', async () => {
  // A quiet year of the demo (no claims, no history) made up by hand: January 2023, 2 paid in 朝阳; February 2023,
  // 1 in 朝阳, 8 in 昌平 and 12 in 海淀 (imported history counts as filed and paid).
  const { rows: before } = await sql<{ n: string }>`
    select count(*) as n from cockpit_flow where period between '2022-01-01' and '2023-12-01'`.execute(t.db);
  assert.equal(Number(before[0]!.n), 0);
  await importHistory([
    ['2023-01-20', 'BJ-CY', 2],
    ['2023-02-15', 'BJ-CY', 1],
    ['2023-02-15', 'BJ-CP', 8],
    ['2023-02-16', 'BJ-HD', 12],
  ]);
  const { rows: paidBefore } = await sql<{ n: string }>`
    select coalesce(sum(beneficiaries), 0) as n from aid_payout_history where paid_on < '2023-03-01'`.execute(t.db);
  const total = Number(paidBefore[0]!.n);

  const url = '/api/v1/cockpit/report?month=2023-02';
  const wb = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: city }));
  assertProtected(wb);
  const districts = wb.getWorksheet('分区')!;
  assert.deepEqual(rowOf(districts, '朝阳区总工会')!.slice(1, 4), [SMALL, SMALL, WITHHELD]);
  // 21 this month less 12 shown would be 朝阳's 1: 昌平 (the next smallest) is withheld with it.
  assert.deepEqual(rowOf(districts, '昌平区总工会')!.slice(1, 4), [WITHHELD, WITHHELD, WITHHELD]);
  assert.deepEqual(rowOf(districts, '海淀区总工会')!.slice(1, 4), [12, 12, 60_000]);
  const head = wb.getWorksheet('主要指标')!;
  // The year to date (23) less February (21) would be January's 2: withheld.
  assert.deepEqual(rowOf(head, '互助保障申请（件）')!.slice(1), [21, WITHHELD]);
  assert.deepEqual(rowOf(head, '互助金发放（人次）')!.slice(1), [21, WITHHELD]);
  assert.deepEqual(rowOf(head, '互助金发放金额（元）')!.slice(1), [105_000, WITHHELD]);
  assert.deepEqual(rowOf(head, (v) => String(v).startsWith('累计发放人次'))!.slice(1), [total]);
  const trend = wb.getWorksheet('近12个月')!;
  assert.deepEqual(rowOf(trend, '2023-01')!.slice(1), [SMALL, SMALL, WITHHELD]);
  assert.deepEqual(rowOf(trend, '2023-02')!.slice(1), [21, 21, 105_000]);
  assert.deepEqual(rowOf(trend, '2022-12')!.slice(1), [SMALL, SMALL, WITHHELD], 'a month with none is <5 too');

  const zh = await textOf((await t.app.inject({ url, headers: city })).rawPayload);
  assert.match(unionLine(zh, '朝阳区总工会') ?? '', /^朝阳区总工会\s+<5\s+<5\s+×\s/);
  assert.match(unionLine(zh, '昌平区总工会') ?? '', /^昌平区总工会\s+×\s+×\s+×\s/);
  assert.match(unionLine(zh, '海淀区总工会') ?? '', /^海淀区总工会\s+12\s+12\s+60,000\.00\s/);
  assert.match(lineOf(zh, '互助保障申请（件）') ?? '', /^互助保障申请（件）\s*21\s+×$/);
  const chart = between(zh, '三、近12个月互助金发放金额（元）', '四、分区情况（本月）');
  assert.ok(chart.includes('10.5万') && !chart.includes('1.0万'), `February drawn, January (10,000) not: ${chart}`);

  const en = { ...city, 'accept-language': 'en' };
  const book = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: en }));
  const dist = book.getWorksheet('Districts')!;
  assert.deepEqual(rowOf(dist, '朝阳区总工会')!.slice(1, 4), [SMALL, SMALL, WITHHELD]);
  assert.deepEqual(rowOf(dist, '昌平区总工会')!.slice(1, 4), [WITHHELD, WITHHELD, WITHHELD]);
  const main = book.getWorksheet('Main figures')!;
  assert.deepEqual(rowOf(main, 'Claims filed')!.slice(1), [21, WITHHELD]);
  assert.deepEqual(rowOf(book.getWorksheet('Last 12 months')!, '2023-01')!.slice(1), [SMALL, SMALL, WITHHELD]);
  assert.ok(
    everyCell(book).some((v) => typeof v === 'string' && v.includes('shown as "<5"') && v.includes('("×")')),
    'the English note on small figures',
  );
  const text = await textOf((await t.app.inject({ url, headers: en })).rawPayload);
  assert.match(unionLine(text, '朝阳区总工会') ?? '', /^朝阳区总工会\s+<5\s+<5\s+×\s/);
  assert.match(unionLine(text, '昌平区总工会') ?? '', /^昌平区总工会\s+×\s+×\s+×\s/);
  assert.match(lineOf(text, 'Claimsfiled') ?? '', /^Claims filed\s*21\s+×$/);
  assert.ok(text.replace(/\s+/g, ' ').includes('shown as "<5"'), 'the English note on small figures');
});

test('claims at the city federation itself are a row of the table, so the month less the districts is covered', async () => {
  // April 2023: 10, 11 and 12 in the districts and 2 filed directly at 北京市总工会: 35 less the districts is 2.
  await importHistory([
    ['2023-04-10', 'BJ-CY', 10],
    ['2023-04-11', 'BJ-CP', 11],
    ['2023-04-12', 'BJ-HD', 12],
    ['2023-04-13', 'BJ', 2],
  ]);
  const url = '/api/v1/cockpit/report?month=2023-04';
  const wb = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: city }));
  assertProtected(wb);
  assert.deepEqual(
    bodyRows(wb.getWorksheet('分区')!).map((r) => r.slice(0, 4)),
    [
      ['北京市总工会（本级）', SMALL, SMALL, WITHHELD],
      ['朝阳区总工会', WITHHELD, WITHHELD, WITHHELD],
      ['昌平区总工会', 11, 11, 55_000],
      ['海淀区总工会', 12, 12, 60_000],
    ],
  );
  assert.deepEqual(rowOf(wb.getWorksheet('主要指标')!, '互助保障申请（件）')!.slice(1, 2), [35]);
  const en = await workbook(
    await t.app.inject({ url: `${url}&format=xlsx`, headers: { ...city, 'accept-language': 'en' } }),
  );
  assert.deepEqual(rowOf(en.getWorksheet('Districts')!, '北京市总工会 (own level)')!.slice(1, 4), [
    SMALL,
    SMALL,
    WITHHELD,
  ]);
  // A district's own report has no such row: its claims are all in its district.
  const own = await workbook(await t.app.inject({ url: `${url}&format=xlsx`, headers: chaoyang }));
  assert.deepEqual(
    bodyRows(own.getWorksheet('分区')!).map((r) => r.slice(0, 4)),
    [['朝阳区总工会', 10, 10, 50_000]],
  );
});

test('with Accept-Language: en the report is in English (XLSX and PDF); Chinese stays the default', async () => {
  const en = { ...city, 'accept-language': 'en-US,en;q=0.9' };
  const want = await independent('/1/');
  const unionNames = new Set(
    (await t.db.selectFrom('unions').select('name').execute()).map((u) => u.name).concat('全国'),
  );
  const han = /\p{Script=Han}/u;
  const res = await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}&format=xlsx`, headers: en });
  const wb = await workbook(res);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Main figures', 'Last 12 months', 'Districts'],
  );
  const chinese = everyCell(wb).filter((v) => typeof v === 'string' && han.test(v.replaceAll(/\S*总工会/g, '')));
  assert.deepEqual(chinese, []);
  const head = wb.getWorksheet('Main figures')!;
  assert.match(String(head.getCell('A1').value), /^北京市总工会 monthly report, /);
  assert.equal(rowOf(head, 'Claims filed')?.[1], shown(want.filed));
  assert.equal(rowOf(head, 'Station check-ins')?.[1], want.checkins);
  assert.equal(rowOf(head, 'Active members')?.[1], want.members);
  assert.deepEqual(rowOf(wb.getWorksheet('Districts')!, 'District'), [
    'District',
    'Claims filed',
    'Claims paid',
    'Amount paid (yuan)',
    'Check-ins',
    'People reached by care',
    'Hotline',
  ]);
  assert.deepEqual(rowOf(wb.getWorksheet('Last 12 months')!, 'Month'), [
    'Month',
    'Claims filed',
    'Claims paid',
    'Amount paid (yuan)',
  ]);
  assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /monthly report, .*\.xlsx$/);

  const pdf = await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}`, headers: en });
  assert.equal(pdf.statusCode, 200, pdf.body);
  const text = await textOf(pdf.rawPayload);
  for (const s of [
    '1. Main figures of the month',
    '2. Members, aid cards and stations',
    '4. Districts',
    'Claims filed',
  ])
    assert.ok(text.includes(s), `missing ${s}`);
  assert.match(lineOf(text, 'Claimsfiled') ?? '', new RegExp(`^Claims filed\\s*${shown(want.filed)}\\s`));
  let rest = text;
  for (const n of unionNames) rest = rest.replaceAll(n, '');
  assert.ok(!han.test(rest), `Chinese left in the English PDF: ${rest.match(/.*\p{Script=Han}.*/u)?.[0]}`);
  // Chinese without the header and for any other language.
  for (const headers of [city, { ...city, 'accept-language': 'fr-FR' }]) {
    const zh = await workbook(
      await t.app.inject({ url: `/api/v1/cockpit/report?month=${month}&format=xlsx`, headers }),
    );
    assert.deepEqual(
      zh.worksheets.map((w) => w.name),
      ['主要指标', '近12个月', '分区'],
    );
  }
});
