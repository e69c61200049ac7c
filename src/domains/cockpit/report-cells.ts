/**
 * Small cells in the monthly report (docs/cockpit.md, "Small figures"). A report leaves the screen (printed,
 * mailed), so every claims count in it under 5 — zero included — is withheld as "<5" with the amount paid that goes
 * with it, and one more figure is withheld wherever a shown total less the shown parts would give a lone withheld
 * part away. The report has three such totals: this month over the district rows, the year to date over the months
 * of the year, and the total since the start over the 12 months of the chart and what came before them.
 */
import { suppressSmallCells } from '../aid/small-cells.ts';

/** Below this many claims (filed, or paid) a count is withheld: DESIGN.md, reports suppress cells smaller than 5. */
export const MIN_CELL = 5;

/**
 * A claim figure as the report prints it: the number; 'small', a count under 5 (printed "<5"); or 'withheld', an
 * amount going with a small count, or a figure of 5 or more withheld so that a small one cannot be worked out from
 * it (printed "×").
 */
export type Shown = number | 'small' | 'withheld';

export interface Claims {
  filed: number;
  paid: number;
  paidFen: number;
}

export interface ShownClaims {
  filed: Shown;
  paid: Shown;
  paidFen: Shown;
}

export interface ClaimCells {
  /** The 12 months of the chart, oldest first; the last is the report's month. */
  months: Claims[];
  /** How many of those months (the last ones) are in the report's year: the month's number, 1–12. */
  yearMonths: number;
  yearToDate: Claims;
  /** Since the start (claims filed are not reported as a total). */
  total: { paid: number; paidFen: number };
  /** The month's figures of every part of the scope (district rows, and the scope's own level): they add up to it. */
  rows: Claims[];
}

export interface ShownCells {
  months: ShownClaims[];
  thisMonth: ShownClaims;
  yearToDate: ShownClaims;
  total: { paid: Shown; paidFen: Shown };
  rows: ShownClaims[];
}

const small = (n: number) => n < MIN_CELL;
/** A count as printed when nothing else forces it out. */
const count = (n: number): Shown => (small(n) ? 'small' : n);
/** A count, or when `hide` its mark: "<5" when it is small itself, "×" when it is hidden for another one. */
const hidden = (n: number, hide: boolean): Shown => (!hide ? n : small(n) ? 'small' : 'withheld');
const amount = (fen: number, paid: Shown): Shown => (typeof paid === 'number' ? fen : 'withheld');
const isShown = (s: Shown): s is number => typeof s === 'number';

/** Which rows aid/small-cells.ts withholds for one measure: those under 5, and the next smallest with a lone one. */
function withheldRows(values: number[]): boolean[] {
  const cells = values.map((v) => ({ members: v, beneficiaries: v, amountFen: null, suppressed: false }));
  return suppressSmallCells(cells, MIN_CELL).map((c) => c.suppressed);
}

/** A sum over parts some of which are withheld: withheld too when it is small or would give a lone part away. */
const margin = (n: number, parts: number[]) => hidden(n, small(n) || parts.filter(small).length === 1);

/** The claim figures of one report as it prints them; everything else in the report is printed as it is. */
export function protectClaims(c: ClaimCells): ShownCells {
  const months = c.months.map((m) => {
    const paid = count(m.paid);
    return { filed: count(m.filed), paid, paidFen: amount(m.paidFen, paid) };
  });
  const ofYear = c.months.slice(c.months.length - c.yearMonths);
  const ytdPaid = margin(
    c.yearToDate.paid,
    ofYear.map((m) => m.paid),
  );
  const yearToDate = {
    filed: margin(
      c.yearToDate.filed,
      ofYear.map((m) => m.filed),
    ),
    paid: ytdPaid,
    paidFen: amount(c.yearToDate.paidFen, ytdPaid),
  };

  // The total since the start less the shown months (and less the year to date, when that is shown) leaves the
  // withheld months it covers plus what was paid before the chart. Withhold it when that leaves a single withheld
  // month, or nothing but what came before, and what came before is under 5 as well.
  const before = c.total.paid - c.months.reduce((s, m) => s + m.paid, 0);
  const covered = isShown(ytdPaid) ? c.months.slice(0, c.months.length - c.yearMonths) : c.months;
  const totalPaid = hidden(
    c.total.paid,
    small(c.total.paid) || (covered.filter((m) => small(m.paid)).length <= 1 && small(before)),
  );

  const filedRows = withheldRows(c.rows.map((r) => r.filed));
  const paidRows = withheldRows(c.rows.map((r) => r.paid));
  const rows = c.rows.map((r, i) => {
    const paid = hidden(r.paid, paidRows[i]!);
    return { filed: hidden(r.filed, filedRows[i]!), paid, paidFen: amount(r.paidFen, paid) };
  });

  return {
    months,
    thisMonth: months.at(-1)!,
    yearToDate,
    total: { paid: totalPaid, paidFen: amount(c.total.paidFen, totalPaid) },
    rows,
  };
}
