import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitByYears } from './period-split.ts';

test('whole years and leftover months', () => {
  assert.deepEqual(splitByYears(null, null), { years: { from: null, to: null }, months: [] });
  assert.deepEqual(splitByYears('2026-01-01', null), { years: { from: 2026, to: null }, months: [] });
  assert.deepEqual(splitByYears(null, '2026-12-01'), {
    years: { from: null, to: 2026 },
    months: [['2026-01-01', '2026-12-01']],
  });
  assert.deepEqual(splitByYears('2026-01-01', '2026-12-01'), { years: null, months: [['2026-01-01', '2026-12-01']] });
  assert.deepEqual(splitByYears('2026-11-01', '2026-12-01'), { years: null, months: [['2026-11-01', '2026-12-01']] });
  assert.deepEqual(splitByYears('2024-03-01', '2026-02-01'), {
    years: { from: 2025, to: 2026 },
    months: [
      ['2024-03-01', '2025-01-01'],
      ['2026-01-01', '2026-02-01'],
    ],
  });
  assert.deepEqual(splitByYears('2025-01-01', '2027-01-01'), { years: { from: 2025, to: 2027 }, months: [] });
  assert.deepEqual(splitByYears('2025-06-01', '2025-06-01'), { years: null, months: [] });
});

test('every month range is covered exactly once', () => {
  const months = Array.from(
    { length: 48 },
    (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
  );
  const covered = (from: string, to: string, m: string) => {
    const s = splitByYears(from, to);
    const y = Number(m.slice(0, 4));
    const inYears =
      s.years !== null && (s.years.from === null || y >= s.years.from) && (s.years.to === null || y < s.years.to);
    return (inYears ? 1 : 0) + s.months.filter(([a, b]) => m >= a && m < b).length;
  };
  for (const from of months)
    for (const to of months)
      for (const m of months) assert.equal(covered(from, to, m), m >= from && m < to ? 1 : 0, `${from} ${to} ${m}`);
});
