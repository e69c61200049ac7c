import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCount, parsePaidOn, parseYuan } from './history-row.ts';

test('amounts in yuan are exact to the fen', () => {
  const cases: [string, number | null][] = [
    ['8000', 800_000],
    ['8,000.00', 800_000],
    ['20,235,100.00', 2_023_510_000],
    ['0.1', 10],
    ['¥1758.35', 175_835],
    ['1.005', null],
    ['-5', null],
    ['abc', null],
    ['', null],
  ];
  for (const [text, fen] of cases) assert.equal(parseYuan(text), fen, text);
});

test('paid dates: day, month, or year only', () => {
  const cases: [string, string | null][] = [
    ['2015-06-30', '2015-06-30'],
    ['2015/6/3', '2015-06-03'],
    ['2015年6月3日', '2015-06-03'],
    ['2015-06', '2015-06-01'],
    ['2015', '2015-12-31'],
    ['2015-02-30', null],
    ['15-06-30', null],
  ];
  for (const [text, date] of cases) assert.equal(parsePaidOn(text), date, text);
});

test('person-times default to 1', () => {
  assert.equal(parseCount(''), 1);
  assert.equal(parseCount('3'), 3);
  assert.equal(parseCount('0'), null);
  assert.equal(parseCount('1.5'), null);
});
