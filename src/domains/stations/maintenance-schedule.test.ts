import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catchUpDue, formatDailyTime, nextRunAt, parseDailyTime } from './maintenance-schedule.ts';

test('parseDailyTime accepts two-digit 24-hour HH:MM only', () => {
  const cases: [string, ReturnType<typeof parseDailyTime>][] = [
    ['02:30', { hour: 2, minute: 30 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['19:05', { hour: 19, minute: 5 }],
    ['24:00', null],
    ['2:30', null],
    ['02:3', null],
    ['02:60', null],
    ['0230', null],
    ['02:30 ', null],
    [' 02:30', null],
    ['02.30', null],
    ['2pm', null],
    ['', null],
    ['off', null],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseDailyTime(text), expected, text);
  assert.equal(formatDailyTime({ hour: 2, minute: 5 }), '02:05');
});

test('nextRunAt: the next Beijing HH:MM strictly after now, across day, month, year and leap-day boundaries', () => {
  // [now (UTC), at, expected (UTC)]; Beijing = UTC+8, so 02:30 Beijing = 18:30 UTC the day before.
  const cases: [string, string, string][] = [
    ['2025-06-10T10:00:00Z', '02:30', '2025-06-10T18:30:00Z'], // 18:00 Beijing → tonight
    ['2025-06-10T18:29:59.999Z', '02:30', '2025-06-10T18:30:00.000Z'], // one ms before
    ['2025-06-10T18:30:00Z', '02:30', '2025-06-11T18:30:00Z'], // exactly at the slot → tomorrow's
    ['2025-06-10T18:30:00.001Z', '02:30', '2025-06-11T18:30:00Z'],
    ['2025-06-10T16:00:00Z', '02:30', '2025-06-10T18:30:00Z'], // 00:00 Beijing on the 11th, slot still ahead
    ['2025-06-10T15:59:59Z', '00:00', '2025-06-10T16:00:00Z'], // 23:59:59 Beijing → midnight
    ['2025-06-10T16:00:00Z', '00:00', '2025-06-11T16:00:00Z'],
    ['2025-06-10T17:00:00Z', '23:59', '2025-06-11T15:59:00Z'], // 01:00 Beijing on the 11th → 23:59 that day
    ['2025-01-31T20:00:00Z', '02:30', '2025-02-01T18:30:00Z'], // 04:00 Beijing 1 Feb → 02:30 on 2 Feb
    ['2025-01-31T10:00:00Z', '02:30', '2025-01-31T18:30:00Z'], // 18:00 Beijing 31 Jan → 02:30 on 1 Feb
    ['2025-12-31T10:00:00Z', '02:30', '2025-12-31T18:30:00Z'], // New Year: 02:30 Beijing on 1 Jan 2026
    ['2025-12-31T16:30:00Z', '02:30', '2025-12-31T18:30:00Z'], // already 1 Jan in Beijing, 00:30
    ['2025-12-31T19:00:00Z', '02:30', '2026-01-01T18:30:00Z'], // 03:00 Beijing 1 Jan → 2 Jan
    ['2024-02-28T19:00:00Z', '02:30', '2024-02-29T18:30:00Z'], // leap year: 29 Feb exists
    ['2025-02-28T19:00:00Z', '02:30', '2025-03-01T18:30:00Z'], // 03:00 Beijing 1 Mar (no 29 Feb) → 2 Mar
    ['2025-04-30T19:00:00Z', '23:00', '2025-05-01T15:00:00Z'], // 03:00 Beijing 1 May → 23:00 that day
  ];
  for (const [now, at, expected] of cases) {
    const parsed = parseDailyTime(at)!;
    assert.equal(nextRunAt(new Date(now), parsed).toISOString(), new Date(expected).toISOString(), `${now} ${at}`);
  }
});

test('nextRunAt is always within 24 h ahead and shows HH:MM on a Beijing clock', () => {
  const beijing = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (let t = Date.UTC(2025, 11, 30); t < Date.UTC(2026, 0, 3); t += 37 * 60_000) {
    const now = new Date(t);
    for (const at of ['00:00', '02:30', '07:59', '16:00', '23:59']) {
      const next = nextRunAt(now, parseDailyTime(at)!);
      const ahead = next.getTime() - t;
      assert.ok(ahead > 0 && ahead <= 86_400_000, `${now.toISOString()} ${at}: ${ahead}`);
      assert.equal(beijing.format(next), at);
    }
  }
});

test('catchUpDue: never run, or the last success is 24 h old or more', () => {
  const now = new Date('2025-03-01T02:00:00Z');
  const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const cases: [Date | null, boolean][] = [
    [null, true],
    [ago(0), false],
    [ago(23.99), false],
    [ago(24), true],
    [ago(24 * 40), true],
    [ago(-1), false], // another instance's clock runs ahead: not due
  ];
  for (const [last, expected] of cases) assert.equal(catchUpDue(now, last), expected, String(last?.toISOString()));
  assert.equal(catchUpDue(now, ago(2), 3_600_000), true, 'a shorter max age');
});
