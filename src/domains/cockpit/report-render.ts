/** The monthly report as PDF (Chinese font embedded, see platform/pdf.ts) and as an XLSX workbook. */
import ExcelJS from 'exceljs';
import { createPdf } from '../../platform/pdf.ts';
import { type MonthFigures, type MonthlyReport, monthLabel, yuan } from './monthly-report.ts';

const SMALL = '<5';
const cell = (v: number | null) => (v === null ? SMALL : v);

const HEADLINE: [keyof MonthFigures, string][] = [
  ['claimsFiled', '互助保障申请（件）'],
  ['claimsPaid', '互助金发放（人次）'],
  ['paidFen', '互助金发放金额（元）'],
  ['checkins', '站点签到（人次）'],
  ['careActivities', '关爱活动（场）'],
  ['carePeople', '关爱活动覆盖（人次）'],
  ['hotline', '热线咨询（件）'],
];

const show = (k: keyof MonthFigures, f: MonthFigures) => (k === 'paidFen' ? yuan(f[k]) : String(f[k]));

const DISTRICT_HEADERS = [
  '区',
  '申请（件）',
  '发放（人次）',
  '发放金额（元）',
  '站点签到',
  '关爱覆盖（人次）',
  '热线咨询',
];

export function reportTitle(r: MonthlyReport): string {
  return `${r.scopeName}${monthLabel(r.month)}数据月报`;
}

export async function reportPdf(r: MonthlyReport): Promise<Buffer> {
  const pdf = createPdf({ title: reportTitle(r), author: r.scopeName });
  pdf.title(reportTitle(r), { fontSize: 20 });
  pdf.paragraph(`统计范围：${r.scopeName}及所属工会　生成时间：${r.generatedAt.slice(0, 10)}`, { fontSize: 10 });
  pdf.heading('一、本月主要指标');
  pdf.table(
    ['指标', monthLabel(r.month), `${r.month.slice(0, 4)}年累计`],
    HEADLINE.map(([k, label]) => [label, show(k, r.thisMonth), show(k, r.yearToDate)]),
    { widths: [3, 2, 2] },
  );
  pdf.heading('二、会员、服务卡与站点（当前）');
  pdf.table(
    ['在册会员', '有效互助保障卡', '运行站点'],
    [[r.current.members, r.current.cardsActive, r.current.stationsActive]],
  );
  pdf.paragraph(
    `自${r.total.since ? `${r.total.since.slice(0, 4)}年${Number(r.total.since.slice(5, 7))}月` : '开办'}以来累计发放互助金 ` +
      `${r.total.claimsPaid} 人次，共 ${yuan(r.total.paidFen)} 元（含历史发放记录）。`,
  );
  pdf.heading('三、近12个月互助金发放金额（元）');
  pdf.barChart({
    labels: r.chart.months.map((m) => m.slice(2)),
    values: r.chart.paidFen.map((f) => Math.round(f / 100)),
    format: (v) => (v >= 10_000 ? `${(v / 10_000).toFixed(1)}万` : String(v)),
  });
  pdf.heading('四、分区情况（本月）');
  pdf.table(
    DISTRICT_HEADERS,
    r.districts.map((d) => [
      d.name,
      cell(d.claimsFiled),
      cell(d.claimsPaid),
      d.paidFen === null ? SMALL : yuan(d.paidFen),
      d.checkins,
      d.carePeople,
      d.hotline,
    ]),
    { widths: [2.2, 1.3, 1.3, 1.8, 1.2, 1.5, 1.2], fontSize: 9 },
  );
  pdf.paragraph('注：不足5人次的单元格不予显示（“<5”），必要时另一最小单元格一并隐藏，以防反推。', { fontSize: 9 });
  return pdf.toBuffer();
}

export async function reportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'UnionCare';
  const head = wb.addWorksheet('主要指标');
  head.addRow([reportTitle(r)]);
  head.addRow(['指标', monthLabel(r.month), `${r.month.slice(0, 4)}年累计`]);
  for (const [k, label] of HEADLINE) {
    const money = k === 'paidFen';
    head.addRow([
      label,
      money ? r.thisMonth[k] / 100 : r.thisMonth[k],
      money ? r.yearToDate[k] / 100 : r.yearToDate[k],
    ]);
  }
  head.addRow([]);
  head.addRow(['在册会员', r.current.members]);
  head.addRow(['有效互助保障卡', r.current.cardsActive]);
  head.addRow(['运行站点', r.current.stationsActive]);
  head.addRow([`累计发放人次（自${r.total.since ?? ''}）`, r.total.claimsPaid]);
  head.addRow(['累计发放金额（元）', r.total.paidFen / 100]);
  head.getColumn(1).width = 30;
  const trend = wb.addWorksheet('近12个月');
  trend.addRow(['月份', '申请（件）', '发放金额（元）']);
  r.chart.months.forEach((m, i) => {
    trend.addRow([m, r.chart.claimsFiled[i], r.chart.paidFen[i]! / 100]);
  });
  const dist = wb.addWorksheet('分区');
  dist.addRow(DISTRICT_HEADERS);
  for (const d of r.districts) {
    dist.addRow([
      d.name,
      cell(d.claimsFiled),
      cell(d.claimsPaid),
      d.paidFen === null ? SMALL : d.paidFen / 100,
      d.checkins,
      d.carePeople,
      d.hotline,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
