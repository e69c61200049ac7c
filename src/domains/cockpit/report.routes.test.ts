import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
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

/** The month's figures for a scope straight from the raw rows. */
async function independent(scopePath: string) {
  const like = `${scopePath}%`;
  const inMonth = (col: string) => sql.raw(`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM') = '${month}'`);
  const q = async (s: ReturnType<typeof sql<{ n: string }>>) => Number((await s.execute(t.db)).rows[0]!.n);
  return {
    filed: await q(
      sql`select count(*) as n from aid_claims where union_path like ${like} and ${inMonth('first_submitted_at')}`,
    ),
    paid: await q(
      sql`select count(*) as n from aid_payouts where union_path like ${like} and status = 'paid' and to_char(settled_on, 'YYYY-MM') = ${month}`,
    ),
    paidFen: await q(
      sql`select coalesce(sum(amount_fen), 0) as n from aid_payouts where union_path like ${like} and status = 'paid' and to_char(settled_on, 'YYYY-MM') = ${month}`,
    ),
    checkins: await q(
      sql`select count(*) as n from station_checkins c join stations s on s.id = c.station_id where s.union_path like ${like} and ${inMonth('c.created_at')}`,
    ),
    members: await q(sql`select count(*) as n from members where union_path like ${like} and status = 'active'`),
  };
}

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
  const row = (name: string) =>
    text
      .split('\n')
      .find((l) => l.replace(/\s+/g, '').startsWith(name))
      ?.trim();
  assert.match(row('互助保障申请（件）') ?? '', new RegExp(`^互助保障申请（件）\\s*${want.filed}\\s`));
  assert.match(row('互助金发放（人次）') ?? '', new RegExp(`^互助金发放（人次）\\s*${want.paid}\\s`));
  assert.ok((row('互助金发放金额（元）') ?? '').includes(yuan(want.paidFen)), row('互助金发放金额（元）'));
  assert.match(row('站点签到（人次）') ?? '', new RegExp(`^站点签到（人次）\\s*${want.checkins}\\s`));
  assert.ok(flat.includes(String(want.members)), 'members');
  // The demo's districts have fewer than 5 claims a month: their claim cells are suppressed.
  assert.ok(flat.includes('<5'));
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
  assert.equal(value('互助保障申请（件）'), want.filed);
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

test('the CLI engine renders by union code and refuses workplace unions and bad months', async () => {
  const out = await renderMonthlyReport(t.db, { union: 'BJ-CP', month, format: 'pdf', now: new Date() });
  assert.equal(out.fileName, `report-BJ-CP-${month}.pdf`);
  assert.ok((await textOf(out.body)).replace(/\s+/g, '').includes('昌平区总工会'));
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
