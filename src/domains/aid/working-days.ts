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
  const sorted = [...kinds]
    .map(([date, kind]) => {
      const day = dayNumber(date);
      return { day, working: kind === 'workday', plainWorking: isPlainWeekday(day) };
    })
    .sort((x, y) => x.day - y.day);
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
      // Closed form (a queue page asks this for every row, and old claims span years): the plain Monday–Friday
      // count, corrected by each calendar entry inside the span.
      const a = dayNumber(from);
      const b = dayNumber(to);
      if (b <= a) return 0;
      let count = weekdaysThrough(b) - weekdaysThrough(a);
      for (const e of sorted) {
        if (e.day <= a) continue;
        if (e.day > b) break;
        count += (e.working ? 1 : 0) - (e.plainWorking ? 1 : 0);
      }
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

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** 1970-01-01 was a Thursday: day n falls on weekday (n + 4) mod 7, Sunday being 0. */
function isPlainWeekday(day: number): boolean {
  const w = (((day + 4) % 7) + 7) % 7;
  return w !== 0 && w !== 6;
}

/** Monday–Friday days among day numbers [0, n] (n ≥ -1). */
function weekdaysThrough(n: number): number {
  const days = n + 1;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let d = weeks * 7; d < days; d++) if (isPlainWeekday(d)) count++;
  return count;
}
