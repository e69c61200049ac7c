/**
 * The monthly report of a federation level (月度数据报告): the month's figures, the year to date, the totals since
 * the scheme began, a 12-month chart and a district table. A report leaves the screen (printed, mailed), so its
 * claim figures under 5 are withheld consistently across all of it (report-cells.ts; docs/cockpit.md, "Small
 * figures"); the live cockpit screen stays exact. Rendered as PDF and XLSX in the reader's language by
 * report-render.ts.
 */
import type { Database } from '../../db/index.ts';
import { flowByMonth, flowTotals, stockTotals } from './cockpit.repository.ts';
import { type DistrictMeasure, districts, monthStart, type Scope } from './cockpit.service.ts';
import { type Claims, protectClaims, type Shown, type ShownClaims } from './report-cells.ts';

export interface MonthFigures {
  claimsFiled: Shown;
  claimsPaid: Shown;
  paidFen: Shown;
  checkins: number;
  careActivities: number;
  carePeople: number;
  hotline: number;
}

export interface DistrictRow {
  code: string;
  name: string;
  /** The claims filed directly at a federation above the districts (its "own level"), not in any district. */
  ownLevel: boolean;
  claimsFiled: Shown;
  claimsPaid: Shown;
  paidFen: Shown;
  checkins: number;
  carePeople: number;
  hotline: number;
}

export interface MonthlyReport {
  /** null: the whole tree (a national admin). */
  scopeName: string | null;
  month: string;
  generatedAt: string;
  thisMonth: MonthFigures;
  yearToDate: MonthFigures;
  total: { claimsPaid: Shown; paidFen: Shown; since: string | null };
  current: { members: number; cardsActive: number; stationsActive: number };
  chart: { months: string[]; claimsFiled: Shown[]; claimsPaid: Shown[]; paidFen: Shown[] };
  districts: DistrictRow[];
}

/** The measures of the district table. */
const ROW_MEASURES: DistrictMeasure[] = ['claimsFiled', 'claimsPaid', 'paidFen', 'checkins', 'carePeople', 'hotline'];

type Flow = Awaited<ReturnType<typeof flowTotals>>;

const claimsOf = (f: Flow): Claims => ({
  filed: f.claims_filed + f.hist_paid,
  paid: f.claims_paid + f.hist_paid,
  paidFen: f.paid_fen + f.hist_fen,
});

const figures = (f: Flow, c: ShownClaims): MonthFigures => ({
  claimsFiled: c.filed,
  claimsPaid: c.paid,
  paidFen: c.paidFen,
  checkins: f.checkins,
  careActivities: f.care_activities,
  carePeople: f.care_people,
  hotline: f.hotline,
});

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
  // The district rows, and the scope's own level (and, for a national report, the levels between) where it had
  // any activity that month: together they add up to the month, so that the month less the rows is covered too.
  const parts = rows.filter((d) => d.kind === 'district' || ROW_MEASURES.some((k) => d.figures[k]));
  const value = (v: number | null) => v ?? 0;
  const shown = protectClaims({
    months: months.map((l) => ({
      filed: sum(l, 'claims_filed', 'hist_paid'),
      paid: sum(l, 'claims_paid', 'hist_paid'),
      paidFen: sum(l, 'paid_fen', 'hist_fen'),
    })),
    yearMonths: Number(month.slice(5, 7)),
    yearToDate: claimsOf(ytd),
    total: { paid: claimsOf(all).paid, paidFen: claimsOf(all).paidFen },
    rows: parts.map((d) => ({
      filed: value(d.figures.claimsFiled),
      paid: value(d.figures.claimsPaid),
      paidFen: value(d.figures.paidFen),
    })),
  });
  return {
    scopeName: scope.name,
    month,
    generatedAt: now.toISOString(),
    thisMonth: figures(m, shown.thisMonth),
    yearToDate: figures(ytd, shown.yearToDate),
    total: {
      claimsPaid: shown.total.paid,
      paidFen: shown.total.paidFen,
      since: since?.since ? String(since.since).slice(0, 7) : null,
    },
    current: { members: stock.members_active, cardsActive: stock.cards_active, stationsActive: stock.stations_active },
    chart: {
      months,
      claimsFiled: shown.months.map((x) => x.filed),
      claimsPaid: shown.months.map((x) => x.paid),
      paidFen: shown.months.map((x) => x.paidFen),
    },
    districts: parts.map((d, i) => ({
      code: d.code,
      name: d.name,
      ownLevel: d.kind !== 'district',
      claimsFiled: shown.rows[i]!.filed,
      claimsPaid: shown.rows[i]!.paid,
      paidFen: shown.rows[i]!.paidFen,
      checkins: value(d.figures.checkins),
      carePeople: value(d.figures.carePeople),
      hotline: value(d.figures.hotline),
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
