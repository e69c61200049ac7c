import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { departures, expectedRange, isoWeekOf, mondayOf, weeksInYear, yearSeries } from './seasonality.ts';

describe('ISO weeks', () => {
  test('known dates', () => {
    assert.deepEqual(isoWeekOf('2026-01-01'), { year: 2026, week: 1 });
    assert.deepEqual(isoWeekOf('2021-01-03'), { year: 2020, week: 53 });
    assert.deepEqual(isoWeekOf('2024-12-30'), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf('2026-11-16'), { year: 2026, week: 47 });
    assert.equal(mondayOf({ year: 2026, week: 47 }), '2026-11-16');
    assert.equal(mondayOf({ year: 2020, week: 53 }), '2020-12-28');
    assert.equal(weeksInYear(2020), 53);
    assert.equal(weeksInYear(2026), 53);
    assert.equal(weeksInYear(2025), 52);
  });
  test('every day of 2015–2030 lies in the week starting on its Monday', () => {
    for (let t = Date.UTC(2015, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const m = Date.parse(mondayOf(isoWeekOf(d)));
      assert.ok(t - m >= 0 && t - m < 7 * 86_400_000, d);
    }
  });
});

describe('expected range', () => {
  test('mean ± 2σ with a floor of one claim', () => {
    assert.deepEqual(expectedRange([2, 2, 2]), { centre: 2, lower: 0, upper: 4 });
    const r = expectedRange([10, 12, 14, 16])!;
    assert.equal(r.centre, 13);
    assert.equal(r.upper, Math.round((13 + 2 * Math.sqrt(20 / 3)) * 100) / 100);
    assert.equal(expectedRange([5]), null);
  });
  test('the median/MAD rule is not pulled up by one freak year', () => {
    const sigma = expectedRange([3, 4, 3, 5, 60])!;
    const mad = expectedRange([3, 4, 3, 5, 60], 'mad')!;
    assert.equal(mad.centre, 4);
    assert.ok(mad.upper < 10 && sigma.upper > 60);
  });
});

describe('departures', () => {
  const rows = (bucket: string, byYear: Record<number, number>, week = 47) =>
    Object.entries(byYear).map(([y, value]) => ({ bucket, week: mondayOf({ year: Number(y), week }), value }));
  const today = '2026-11-18';
  test('a district above its range in a recent week alerts; a normal one does not', () => {
    const data = [
      ...rows('/1/2/', { 2021: 2, 2022: 3, 2023: 2, 2024: 3, 2025: 2, 2026: 12 }),
      ...rows('/1/3/', { 2021: 20, 2022: 22, 2023: 18, 2024: 21, 2025: 19, 2026: 23 }),
    ];
    const out = departures(data, { today });
    assert.equal(out.length, 1);
    assert.equal(out[0]!.bucket, '/1/2/');
    assert.equal(out[0]!.direction, 'above');
    assert.equal(out[0]!.value, 12);
    assert.deepEqual(out[0]!.week, { year: 2026, week: 47 });
  });
  test('heating season: a November peak seen every year is expected', () => {
    const data = rows('/1/2/', { 2021: 30, 2022: 28, 2023: 33, 2024: 31, 2025: 29, 2026: 32 });
    assert.deepEqual(departures(data, { today }), []);
  });
  test('weeks outside the recent window, too few years, or below the minimum count do not alert', () => {
    assert.deepEqual(
      departures(rows('/1/2/', { 2021: 0, 2022: 0, 2023: 0, 2024: 0, 2025: 0, 2026: 2 }), { today }),
      [],
    );
    assert.deepEqual(departures(rows('/1/2/', { 2025: 1, 2026: 50 }), { today }), []);
    assert.deepEqual(
      departures(rows('/1/2/', { 2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1, 2026: 40 }, 30), { today }),
      [],
    );
  });
  test('a sharp drop from a large usual count alerts below', () => {
    const out = departures(rows('/1/2/', { 2021: 30, 2022: 31, 2023: 29, 2024: 30, 2025: 30, 2026: 5 }), { today });
    assert.equal(out[0]?.direction, 'below');
  });
  test('years before the district had any claim are not zeros', () => {
    const out = departures(rows('/1/2/', { 2024: 10, 2025: 10, 2026: 11 }), { today });
    assert.deepEqual(out, []);
  });
  test('given first years, earlier years without claims in these weeks count as zeros', () => {
    const data = rows('/1/2/', { 2026: 6 });
    assert.deepEqual(departures(data, { today }), [], 'no history: no expectation');
    const out = departures(data, { today, firstYears: new Map([['/1/2/', 2019]]) });
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]!.expected, { centre: 0, lower: 0, upper: 2 });
  });
  test('the year series sums every district and leaves future weeks empty', () => {
    const data = [...rows('/1/2/', { 2024: 1, 2025: 3, 2026: 4 }), ...rows('/1/3/', { 2024: 1, 2025: 1, 2026: 1 })];
    const s = yearSeries(data, { today });
    assert.equal(s.length, 53);
    assert.equal(s[46]!.value, 5);
    assert.equal(s[46]!.expected!.centre, 3);
    assert.equal(s[48]!.value, null);
    assert.equal(s[0]!.value, 0);
  });
});
