/**
 * The monthly report as PDF (Chinese font embedded, see platform/pdf.ts) and as an XLSX workbook, in either
 * language. Withheld claim figures are printed as "<5" or "×" (report-cells.ts) in both formats alike.
 */
import ExcelJS from 'exceljs';
import type { Lang } from '../../platform/i18n.ts';
import { createPdf } from '../../platform/pdf.ts';
import { type DistrictRow, type MonthFigures, type MonthlyReport, yuan } from './monthly-report.ts';
import type { Shown } from './report-cells.ts';
import { MARKS, REPORT_TEXT, type ReportText } from './report-text.ts';

const HEADLINE: (keyof MonthFigures)[] = [
  'claimsFiled',
  'claimsPaid',
  'paidFen',
  'checkins',
  'careActivities',
  'carePeople',
  'hotline',
];

/** Points kept with a section's heading: the chart (160) with its labels; the table's header and first row. */
const KEEP = { chart: 190, table: 70 };

const current = (r: MonthlyReport) => [r.current.members, r.current.cardsActive, r.current.stationsActive];

/** A figure for the PDF (text) or the XLSX (a number, amounts in yuan), or its mark when withheld. */
const pdfCell = (v: Shown, money = false) => (typeof v !== 'number' ? MARKS[v] : money ? yuan(v) : String(v));
const xlsxCell = (v: Shown, money = false) => (typeof v !== 'number' ? MARKS[v] : money ? v / 100 : v);
const show = (k: keyof MonthFigures, f: MonthFigures) => pdfCell(f[k], k === 'paidFen');
const rowName = (d: DistrictRow, t: ReportText) => (d.ownLevel ? t.ownLevel(d.name) : d.name);

export function reportTitle(r: MonthlyReport, lang: Lang = 'zh-CN'): string {
  const t = REPORT_TEXT[lang];
  return t.title(r.scopeName ?? t.everywhere, r.month);
}

export async function reportPdf(r: MonthlyReport, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const t = REPORT_TEXT[lang];
  const scope = r.scopeName ?? t.everywhere;
  const pdf = createPdf({ title: reportTitle(r, lang), author: scope });
  pdf.title(reportTitle(r, lang), { fontSize: 20 });
  pdf.paragraph(t.scopeLine(scope, r.generatedAt.slice(0, 10)), { fontSize: 10 });
  pdf.heading(t.sections[0]);
  pdf.table(
    [t.figure, t.month(r.month), t.yearToDate(r.month.slice(0, 4))],
    HEADLINE.map((k) => [t.headline[k], show(k, r.thisMonth), show(k, r.yearToDate)]),
    { widths: [3, 2, 2] },
  );
  pdf.heading(t.sections[1]);
  pdf.table(t.current, [current(r)]);
  const totalFen = r.total.paidFen;
  pdf.paragraph(t.totalSince(r.total.since, r.total.claimsPaid, typeof totalFen === 'number' ? yuan(totalFen) : null));
  pdf.heading(t.sections[2], { keep: KEEP.chart });
  const bars = r.chart.paidFen.map((f) => (typeof f === 'number' ? Math.round(f / 100) : null));
  pdf.barChart({
    labels: r.chart.months.map((m) => m.slice(2)),
    values: bars,
    format: t.bar,
    withheld: MARKS.withheld,
  });
  if (bars.includes(null)) pdf.paragraph(t.chartNote, { fontSize: 9 });
  pdf.heading(t.sections[3], { keep: KEEP.table });
  pdf.table(
    t.districtHeaders,
    r.districts.map((d) => [
      rowName(d, t),
      pdfCell(d.claimsFiled),
      pdfCell(d.claimsPaid),
      pdfCell(d.paidFen, true),
      d.checkins,
      d.carePeople,
      d.hotline,
    ]),
    { widths: [2.2, 1.3, 1.3, 1.8, 1.2, 1.5, 1.2], fontSize: 9 },
  );
  pdf.paragraph(t.note, { fontSize: 9 });
  return pdf.toBuffer();
}

export async function reportXlsx(r: MonthlyReport, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const t = REPORT_TEXT[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'UnionCare';
  const head = wb.addWorksheet(t.sheets[0]);
  head.addRow([reportTitle(r, lang)]);
  head.addRow([t.figure, t.month(r.month), t.yearToDate(r.month.slice(0, 4))]);
  for (const k of HEADLINE) {
    const money = k === 'paidFen';
    head.addRow([t.headline[k], xlsxCell(r.thisMonth[k], money), xlsxCell(r.yearToDate[k], money)]);
  }
  head.addRow([]);
  for (const [i, label] of t.current.entries()) head.addRow([label, current(r)[i]]);
  head.addRow([t.paidSince(r.total.since), xlsxCell(r.total.claimsPaid)]);
  head.addRow([t.amountSince, xlsxCell(r.total.paidFen, true)]);
  head.addRow([]);
  head.addRow([t.note]);
  head.getColumn(1).width = 30;
  const trend = wb.addWorksheet(t.sheets[1]);
  trend.addRow(t.trendHeaders);
  r.chart.months.forEach((m, i) => {
    trend.addRow([
      m,
      xlsxCell(r.chart.claimsFiled[i]!),
      xlsxCell(r.chart.claimsPaid[i]!),
      xlsxCell(r.chart.paidFen[i]!, true),
    ]);
  });
  const dist = wb.addWorksheet(t.sheets[2]);
  dist.addRow(t.districtHeaders);
  for (const d of r.districts) {
    dist.addRow([
      rowName(d, t),
      xlsxCell(d.claimsFiled),
      xlsxCell(d.claimsPaid),
      xlsxCell(d.paidFen, true),
      d.checkins,
      d.carePeople,
      d.hotline,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
