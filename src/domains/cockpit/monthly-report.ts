/**
 * The monthly report of a federation level (月度数据报告): the month's figures, the year to date, the totals since
 * the scheme began, a 12-month chart and a district table with small cells suppressed. Rendered as PDF and XLSX by
 * report-pdf.ts and report-xlsx.ts.
 */
import type { Database } from '../../db/index.ts';
import { suppressSmallCells } from '../aid/small-cells.ts';
import { flowByMonth, flowTotals, stockTotals } from './cockpit.repository.ts';
import { districts, monthStart, type Scope } from './cockpit.service.ts';

export interface MonthFigures {
  claimsFiled: number;
  claimsPaid: number;
  paidFen: number;
  checkins: number;
  careActivities: number;
  carePeople: number;
  hotline: number;
}

export interface DistrictRow {
  code: string;
  name: string;
  /** null: fewer than 5 (suppressed). */
  claimsFiled: number | null;
  claimsPaid: number | null;
  paidFen: number | null;
  checkins: number;
  carePeople: number;
  hotline: number;
}

export interface MonthlyReport {
  scopeName: string;
  month: string;
  generatedAt: string;
  thisMonth: MonthFigures;
  yearToDate: MonthFigures;
  total: { claimsPaid: number; paidFen: number; since: string | null };
  current: { members: number; cardsActive: number; stationsActive: number };
  chart: { months: string[]; paidFen: number[]; claimsFiled: number[] };
  districts: DistrictRow[];
}

const figures = (f: Awaited<ReturnType<typeof flowTotals>>): MonthFigures => ({
  claimsFiled: f.claims_filed + f.hist_paid,
  claimsPaid: f.claims_paid + f.hist_paid,
  paidFen: f.paid_fen + f.hist_fen,
  checkins: f.checkins,
  careActivities: f.care_activities,
  carePeople: f.care_people,
  hotline: f.hotline,
});

/** Below this many claims a district's claim figures are withheld (GB/T 35273 spirit; DESIGN: cells < 5). */
export const MIN_CELL = 5;

export async function monthlyReport(db: Database, scope: Scope, month: string, now: Date): Promise<MonthlyReport> {
  const first = `${month}-01`;
  const next = monthStart(first, 1);
  const [m, ytd, all, stock, series, rows, since] = await Promise.all([
    flowTotals(db, scope.path, first, next),
    flowTotals(db, scope.path, `${month.slice(0, 4)}-01-01`, next),
    flowTotals(db, scope.path, null, next),
    stockTotals(db, scope.path),
    flowByMonth(db, scope.path, monthStart(first, -11), next),
    districts(db, scope.path, first, next),
    db
      .selectFrom('aidSchemes')
      .select((eb) => eb.fn.min('since').as('since'))
      .executeTakeFirst(),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => monthStart(first, i - 11).slice(0, 7));
  const sum = (l: string, ...ms: string[]) =>
    series.filter((r) => r.month === l && ms.includes(r.measure)).reduce((s, r) => s + r.value, 0);
  const cells = suppressSmallCells(
    rows
      .filter((d) => d.kind === 'district')
      .map((d) => ({
        code: d.code,
        name: d.name,
        members: d.figures.claimsPaid ?? 0,
        beneficiaries: d.figures.claimsPaid,
        amountFen: d.figures.paidFen,
        suppressed: false,
        filed: d.figures.claimsFiled ?? 0,
        checkins: d.figures.checkins ?? 0,
        carePeople: d.figures.carePeople ?? 0,
        hotline: d.figures.hotline ?? 0,
      })),
    MIN_CELL,
  );
  const allFigures = figures(all);
  return {
    scopeName: scope.name ?? '全国',
    month,
    generatedAt: now.toISOString(),
    thisMonth: figures(m),
    yearToDate: figures(ytd),
    total: {
      claimsPaid: allFigures.claimsPaid,
      paidFen: allFigures.paidFen,
      since: since?.since ? String(since.since).slice(0, 7) : null,
    },
    current: { members: stock.members_active, cardsActive: stock.cards_active, stationsActive: stock.stations_active },
    chart: {
      months,
      paidFen: months.map((l) => sum(l, 'paid_fen', 'hist_fen')),
      claimsFiled: months.map((l) => sum(l, 'claims_filed', 'hist_paid')),
    },
    districts: cells.map((c) => ({
      code: c.code,
      name: c.name,
      claimsFiled: c.filed < MIN_CELL ? null : c.filed,
      claimsPaid: c.beneficiaries,
      paidFen: c.amountFen,
      checkins: c.checkins,
      carePeople: c.carePeople,
      hotline: c.hotline,
    })),
  };
}

/** Fen as yuan with thousands separators and two decimals: 1234567 → '12,345.67'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const int = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${int}.${String(abs % 100).padStart(2, '0')}`;
}

/** '2026-11' → '2026年11月'. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
