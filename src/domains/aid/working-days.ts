/**
 * Chinese working days: Monday–Friday, minus public holidays, plus the weekend days that the State Council turns
 * into working days (调休上班). Filing windows such as "30 working days" and review SLAs are counted with it.
 */
import type { HolidayEntry } from './holidays-cn.ts';
import { addDays, weekday } from './plain-date.ts';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** The date `n` working days after `date` (n ≥ 1); `date` itself is never counted. */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number;
  /** The latest date d such that workingDaysBetween(d, date) = n: "n working days ago". */
  subtractWorkingDays(date: string, n: number): string;
}

/** Builds a calendar over the stored entries; a date with no entry follows the plain Monday–Friday week. */
export function workingCalendar(entries: readonly Pick<HolidayEntry, 'date' | 'kind'>[]): WorkingCalendar {
  const kinds = new Map(entries.map((e) => [e.date, e.kind]));
  const isWorkingDay = (date: string) => {
    const kind = kinds.get(date);
    if (kind) return kind === 'workday';
    const w = weekday(date);
    return w !== 0 && w !== 6;
  };
  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a whole number ≥ 1');
      let d = date;
      for (let left = n; left > 0; ) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      return count;
    },
    subtractWorkingDays(date, n) {
      if (n <= 0) return date;
      let d = date;
      let seen = 0;
      // Walk back until n working days lie in (d, date]; then d is the latest such day.
      while (seen < n) {
        if (isWorkingDay(d)) seen++;
        d = addDays(d, -1);
      }
      return d;
    },
  };
}
