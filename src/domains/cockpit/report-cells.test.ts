import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ClaimCells, type Claims, protectClaims } from './report-cells.ts';

/** n claims filed and paid, 100 yuan each. */
const c = (n: number): Claims => ({ filed: n, paid: n, paidFen: n * 10_000 });
const sum = (xs: Claims[]): Claims => ({
  filed: xs.reduce((s, x) => s + x.filed, 0),
  paid: xs.reduce((s, x) => s + x.paid, 0),
  paidFen: xs.reduce((s, x) => s + x.paidFen, 0),
});

/** A report of month `yearMonths` (1 = January) over these 12 months, `before` paid before the first of them. */
function cells(months: number[], yearMonths: number, before = 1000, rows = [months.at(-1)!]): ClaimCells {
  const ms = months.map(c);
  const year = sum(ms.slice(12 - yearMonths));
  const all = sum(ms);
  return {
    months: ms,
    yearMonths,
    yearToDate: year,
    total: { paid: all.paid + before, paidFen: all.paidFen + before * 10_000 },
    rows: rows.map(c),
  };
}

const big = Array<number>(12).fill(20);

test('a district row under 5 is <5 with its amount withheld, and one more row goes with a lone one', () => {
  const out = protectClaims(cells([...big.slice(1), 21], 6, 1000, [1, 8, 12]));
  assert.deepEqual(out.rows, [
    { filed: 'small', paid: 'small', paidFen: 'withheld' },
    { filed: 'withheld', paid: 'withheld', paidFen: 'withheld' },
    { filed: 12, paid: 12, paidFen: 120_000 },
  ]);
  // Two small rows hide each other: no third one is withheld. Zero is under 5 too.
  assert.deepEqual(
    protectClaims(cells([...big.slice(1), 16], 6, 1000, [1, 0, 15])).rows.map((r) => r.filed),
    ['small', 'small', 15],
  );
  // Filed and paid are decided apart: a row can show its claims filed and withhold its claims paid.
  const mixed = protectClaims({ ...cells(big, 6), rows: [{ filed: 9, paid: 2, paidFen: 500 }, c(9), c(30)] });
  assert.deepEqual(mixed.rows[0], { filed: 9, paid: 'small', paidFen: 'withheld' });
  assert.deepEqual(mixed.rows[1], { filed: 9, paid: 'withheld', paidFen: 'withheld' });
});

test("the scope's own figures under 5 are <5 too: this month, the year to date, the chart, the total", () => {
  const out = protectClaims(cells([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], 11, 0, [1]));
  assert.deepEqual(out.thisMonth, { filed: 'small', paid: 'small', paidFen: 'withheld' });
  assert.deepEqual(out.yearToDate, { filed: 'small', paid: 'small', paidFen: 'withheld' });
  assert.ok(out.months.every((m) => m.filed === 'small' && m.paid === 'small' && m.paidFen === 'withheld'));
  assert.deepEqual(out.total, { paid: 'small', paidFen: 'withheld' });
  assert.deepEqual(out.rows, [{ filed: 'small', paid: 'small', paidFen: 'withheld' }]);
  // Large figures are shown as they are.
  const shown = protectClaims(cells(big, 3));
  assert.deepEqual(shown.thisMonth, c(20));
  assert.deepEqual(shown.yearToDate, c(60));
  assert.deepEqual(shown.total, { paid: 1240, paidFen: 12_400_000 });
});

test('the year to date is withheld when it minus the shown months would give a lone small month away', () => {
  // March: January 20, February 3, March 20 → the year to date (43) less 40 would be February.
  const lone = protectClaims(cells([...big.slice(0, 10), 3, 20], 3));
  assert.deepEqual(lone.months[10], { filed: 'small', paid: 'small', paidFen: 'withheld' });
  assert.deepEqual(lone.yearToDate, { filed: 'withheld', paid: 'withheld', paidFen: 'withheld' });
  assert.deepEqual(lone.thisMonth, c(20), 'the month itself stays: it is not the small one');
  // Two small months hide each other; a small month of last year is not in the year to date.
  assert.deepEqual(protectClaims(cells([...big.slice(0, 9), 2, 3, 20], 3)).yearToDate, c(25));
  assert.deepEqual(protectClaims(cells([2, ...big.slice(1)], 3)).yearToDate, c(60));
  // January: the year to date is the month.
  assert.deepEqual(protectClaims(cells([...big.slice(0, 11), 3], 1)).yearToDate.filed, 'small');
});

test('the total since the start is withheld when it minus the shown months would give a small figure away', () => {
  // Nothing paid before the chart: the total less the shown months would be the one small month of last year.
  const young = protectClaims(cells([2, ...big.slice(1)], 3, 0));
  assert.deepEqual(young.total, { paid: 'withheld', paidFen: 'withheld' });
  // ...or the one small month of this year, when the year to date is withheld for it.
  assert.deepEqual(protectClaims(cells([...big.slice(0, 10), 3, 20], 3, 0)).total.paid, 'withheld');
  // ...or what was paid before the chart, when that is under 5.
  assert.deepEqual(protectClaims(cells(big, 3, 4)).total.paid, 'withheld');
  // Enough paid before the chart, or two small months, and the total is shown.
  assert.deepEqual(protectClaims(cells([2, ...big.slice(1)], 3, 30)).total.paid, 252);
  assert.deepEqual(protectClaims(cells([2, 3, ...big.slice(2)], 3, 0)).total.paid, 205);
});
