import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { OFFICIAL_CALENDAR_2021_2026 } from './holidays-cn.ts';
import { addDays, weekday } from './plain-date.ts';
import { workingCalendar } from './working-days.ts';

const cal = workingCalendar(OFFICIAL_CALENDAR_2021_2026);

describe('the official 2021–2026 calendar', () => {
  test('every make-up working day (调休上班) falls on a weekend', () => {
    const workdays = OFFICIAL_CALENDAR_2021_2026.filter((e) => e.kind === 'workday');
    assert.equal(workdays.length, 40);
    for (const e of workdays) assert.ok([0, 6].includes(weekday(e.date)), `${e.date} ${e.name}`);
  });

  test('each year has its statutory days off on weekdays (11 before 2025, 13 from 2025)', () => {
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
      const weekdaysOff = OFFICIAL_CALENDAR_2021_2026.filter(
        (e) => e.kind === 'holiday' && e.date.startsWith(String(year)) && ![0, 6].includes(weekday(e.date)),
      ).length;
      // Days off on weekdays = statutory days that fell on weekdays + days moved from the make-up weekends.
      const makeUps = OFFICIAL_CALENDAR_2021_2026.filter(
        (e) => e.kind === 'workday' && e.date.startsWith(String(year)),
      ).length;
      const statutory = year >= 2025 ? 13 : 11;
      assert.ok(weekdaysOff - makeUps <= statutory, `${year}: ${weekdaysOff} off, ${makeUps} made up`);
      assert.ok(weekdaysOff >= makeUps, `${year}`);
    }
  });

  test('no date appears twice', () => {
    const dates = OFFICIAL_CALENDAR_2021_2026.map((e) => e.date);
    assert.equal(new Set(dates).size, dates.length);
  });
});

describe('working days across 国庆 and 春节 with 调休', () => {
  const cases: [string, string, boolean][] = [
    ['2021-10-01', '国庆 Friday off', false],
    ['2021-10-04', '国庆 Monday off', false],
    ['2021-09-26', 'Sunday before 国庆 is a working day', true],
    ['2021-10-09', 'Saturday after 国庆 is a working day', true],
    ['2021-10-10', 'ordinary Sunday', false],
    ['2022-01-29', 'Saturday before 春节 2022 is worked', true],
    ['2022-01-30', 'Sunday before 春节 2022 is worked', true],
    ['2022-02-01', '春节 2022 (初一)', false],
    ['2022-02-07', 'first Monday after 春节', true],
    ['2023-10-06', '中秋国庆 2023, Friday', false],
    ['2023-10-07', 'Saturday 2023-10-07 is worked', true],
    ['2024-02-18', 'Sunday 2024-02-18 is worked', true],
    ['2025-01-26', 'Sunday 2025-01-26 is worked', true],
    ['2025-10-08', '国庆中秋 2025, 8th day', false],
    ['2026-02-23', '春节 2026, 9th day', false],
    ['2026-02-28', 'Saturday 2026-02-28 is worked', true],
    ['2026-01-04', 'Sunday after 元旦 2026 is worked', true],
    ['2030-05-06', 'beyond the table: plain Monday', true],
  ];
  for (const [date, why, working] of cases) {
    test(`${date}: ${why}`, () => assert.equal(cal.isWorkingDay(date), working));
  }

  test('10 working days from the eve of 国庆 2021 skips the week off and counts the make-up Saturday', () => {
    // 09-30 Thu → 10-08 Fri (1), 10-09 Sat 调休 (2), 10-11 … 10-15 (3–7), 10-18 … 10-20 (8–10)
    assert.equal(cal.addWorkingDays('2021-09-30', 10), '2021-10-20');
    assert.equal(cal.workingDaysBetween('2021-09-30', '2021-10-20'), 10);
  });

  test('30 working days from a burst pipe on 2022-01-20 run across 春节 2022', () => {
    // 1-21 (1), 1-24…1-28 (2–6), 1-29 and 1-30 调休 (7, 8), 春节 1-31…2-6 off, 2-7 … onwards
    assert.equal(cal.addWorkingDays('2022-01-20', 8), '2022-01-30');
    assert.equal(cal.addWorkingDays('2022-01-20', 9), '2022-02-07');
    assert.equal(cal.addWorkingDays('2022-01-20', 30), '2022-03-08');
  });

  test('春节 2024 (8 days off, two Sunday make-ups)', () => {
    // 除夕 02-09 is still a working day; 02-10 … 02-17 off; Sunday 02-18 worked; Monday 02-19.
    assert.equal(cal.workingDaysBetween('2024-02-09', '2024-02-19'), 2);
    assert.equal(cal.workingDaysBetween('2024-02-02', '2024-02-19'), 8); // + 02-04 Sun and 02-05 … 02-09
  });

  test('subtractWorkingDays inverts the count', () => {
    // 10 working days back from 10-20 reach 10-08; the latest start with 10 in between is the holiday 10-07.
    assert.equal(cal.subtractWorkingDays('2021-10-20', 10), '2021-10-07');
    assert.equal(cal.workingDaysBetween('2021-09-30', '2021-10-20'), 10);
    assert.equal(cal.workingDaysBetween(cal.subtractWorkingDays('2022-02-07', 3), '2022-02-07'), 3);
  });

  test('property: addWorkingDays lands on a working day exactly n working days later', () => {
    const start = Date.UTC(2020, 11, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2100 }), fc.integer({ min: 1, max: 120 }), (offset, n) => {
        const from = addDays(new Date(start).toISOString().slice(0, 10), offset);
        const to = cal.addWorkingDays(from, n);
        return (
          cal.isWorkingDay(to) &&
          cal.workingDaysBetween(from, to) === n &&
          cal.workingDaysBetween(from, addDays(to, -1)) === n - 1
        );
      }),
      { numRuns: 300 },
    );
  });

  test('property: workingDaysBetween equals counting day by day, over long spans and across the calendar', () => {
    const slow = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
      return n;
    };
    const day = (offset: number) => addDays('2019-06-01', offset);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -20, max: 3000 }), (a, span) => {
        const from = day(a);
        const to = day(a + span);
        return cal.workingDaysBetween(from, to) === slow(from, to);
      }),
      { numRuns: 300 },
    );
    assert.equal(cal.workingDaysBetween('2026-01-01', '2026-01-01'), 0);
    assert.equal(cal.workingDaysBetween('2026-01-05', '2026-01-01'), 0);
  });

  test('a staff-added entry overrides the plain week', () => {
    const custom = workingCalendar([
      { date: '2030-05-06', kind: 'holiday' },
      { date: '2030-05-11', kind: 'workday' },
    ]);
    assert.equal(custom.isWorkingDay('2030-05-06'), false);
    assert.equal(custom.isWorkingDay('2030-05-11'), true);
    assert.throws(() => custom.addWorkingDays('2030-05-06', 0), RangeError);
  });
});
