import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { companionRow, smallRows, tabulate } from './survey-crosstab.ts';

const rows = [
  { id: 'A', label: '甲' },
  { id: 'B', label: '乙' },
  { id: 'C', label: '丙' },
  { id: 'D', label: '丁' },
];
const columns = [
  { id: 'x', label: '是' },
  { id: 'y', label: '否' },
];
const sizes = new Map([
  ['A', 20],
  ['B', 1],
  ['C', 7],
]);

describe('cross-tab small-group rule', () => {
  test('rows of 1 to 4 responses are small; an empty row is not', () => {
    assert.deepEqual([...smallRows(rows, sizes)], ['B']);
    assert.deepEqual([...smallRows(rows, new Map([['A', 5]]))], []);
  });

  test('the companion of a small group is the smallest row that has responses and is shown', () => {
    assert.equal(companionRow(rows, sizes, new Set(['B'])), 'C');
    assert.equal(companionRow(rows, new Map([['B', 2]]), new Set(['B'])), undefined);
  });

  test('withheld rows are blanked; totals count every row, or are blanked when asked', () => {
    const cells = [
      { r: 'A', c: 'x', n: 12 },
      { r: 'A', c: 'y', n: 8 },
      { r: 'B', c: 'y', n: 1 },
      { r: 'C', c: 'x', n: 7 },
    ];
    const shown = tabulate({ rows, columns }, cells, new Set(['B', 'C']), true);
    assert.deepEqual(shown.cells, [
      [12, 8],
      [null, null],
      [null, null],
      [0, 0],
    ]);
    assert.deepEqual(shown.rowTotals, [20, null, null, 0]);
    assert.deepEqual(shown.columnTotals, [19, 9]);
    assert.equal(shown.total, 28);
    assert.deepEqual(
      shown.rows.map((r) => r.suppressed),
      [false, true, true, false],
    );
    const blank = tabulate({ rows, columns }, cells, new Set(['B']), false);
    assert.deepEqual([blank.columnTotals, blank.total], [[null, null], null]);
  });
});
