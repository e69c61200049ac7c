import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { formatDate, formatDateTime, TIME_ZONE } from './dates';

dayjs.extend(utc);
dayjs.extend(timezone);

describe('dates: instants shown in Asia/Shanghai', () => {
  test('an instant is read on the Shanghai clock, across the date line of UTC', () => {
    assert.equal(formatDateTime('2026-03-01T16:30:00Z'), '2026-03-02 00:30');
    assert.equal(formatDate('2026-03-01T16:30:00Z'), '2026-03-02');
    assert.equal(formatDateTime('2026-12-31T15:59:59.999Z'), '2026-12-31 23:59');
    assert.equal(formatDateTime('2026-12-31T16:00:00.000Z'), '2027-01-01 00:00');
    assert.equal(formatDateTime('2026-07-01T09:05:00+08:00'), '2026-07-01 09:05');
    assert.equal(formatDateTime('2026-01-01T00:00:00Z'), '2026-01-01 08:00', 'midnight is 00, never 24');
    assert.equal(formatDateTime('2025-12-31T16:00:00Z'), '2026-01-01 00:00');
  });

  test('plain dates pass through, missing values show a dash, what is no date is shown as it came', () => {
    assert.equal(formatDate('2026-02-29'), '2026-02-29');
    assert.equal(formatDateTime('2026-05-04'), '2026-05-04');
    assert.equal(formatDate(null), '—');
    assert.equal(formatDateTime(undefined), '—');
    assert.equal(formatDateTime(''), '—');
    assert.equal(formatDate('not a date'), 'not a date');
  });

  test('the same text as dayjs.tz (the formatter it replaces) from 1992 to 2040', () => {
    for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2040, 0, 1); t += 97 * 3600_000 + 13 * 60_000) {
      const iso = new Date(t).toISOString();
      assert.equal(formatDateTime(iso), dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm'), iso);
      assert.equal(formatDate(iso), dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD'), iso);
    }
  });
});
