/**
 * Opening hours of a station: a weekly schedule with several intervals a day, intervals that run past midnight,
 * 24-hour stations, dated exceptions (closed over 春节, special hours on a holiday), and `unknown` as a state of its
 * own — a worker must be told "we don't know", never a guessed "open".
 *
 * All times are wall-clock times in Asia/Shanghai (UTC+8 all year: China has had no daylight saving since 1991).
 */
import type { Lang } from '../../platform/i18n.ts';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** `close` ≤ `open` means the interval ends the next day; '24:00' closes at midnight. */
export interface Interval {
  open: string;
  close: string;
}

/** A date range (inclusive) with its own intervals; no intervals means closed. */
export interface HoursException {
  from: string;
  to: string;
  intervals: Interval[];
  note?: string;
}

export type OpeningHours =
  | { kind: 'unknown' }
  | { kind: 'always'; exceptions: HoursException[] }
  | { kind: 'weekly'; week: Record<Day, Interval[]>; exceptions: HoursException[] };

export type OpenState = boolean | 'unknown';

export const UNKNOWN_HOURS: OpeningHours = { kind: 'unknown' };

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Minutes since midnight of 'HH:MM' ('24:00' → 1440), or -1 when malformed. */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) return -1;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? -1 : minutes;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export interface HoursIssue {
  path: string;
  message: { 'zh-CN': string; en: string };
}

function checkIntervals(list: Interval[], path: string, issues: HoursIssue[]) {
  const spans: [number, number][] = [];
  list.forEach((iv, i) => {
    const open = minutesOf(iv.open);
    const close = minutesOf(iv.close);
    if (open < 0 || open === 1440) {
      issues.push({ path: `${path}.${i}.open`, message: { 'zh-CN': '时间应为 HH:MM', en: 'must be HH:MM' } });
      return;
    }
    if (close < 0) {
      issues.push({ path: `${path}.${i}.close`, message: { 'zh-CN': '时间应为 HH:MM', en: 'must be HH:MM' } });
      return;
    }
    if (open === close || (open === 0 && close === 0)) {
      issues.push({
        path: `${path}.${i}`,
        message: { 'zh-CN': '开始和结束时间相同', en: 'opens and closes at the same time' },
      });
      return;
    }
    spans.push([open, close > open ? close : 1440]);
  });
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) {
      issues.push({ path, message: { 'zh-CN': '时间段相互重叠', en: 'intervals overlap' } });
      break;
    }
  }
}

/** Semantic checks beyond the JSON shape: well-formed times and dates, no overlaps, ranges in order. */
export function validateHours(hours: OpeningHours, path = 'openingHours'): HoursIssue[] {
  const issues: HoursIssue[] = [];
  if (hours.kind === 'unknown') return issues;
  if (hours.kind === 'weekly') for (const d of DAYS) checkIntervals(hours.week[d] ?? [], `${path}.week.${d}`, issues);
  hours.exceptions.forEach((e, i) => {
    const p = `${path}.exceptions.${i}`;
    if (!isIsoDate(e.from)) issues.push({ path: `${p}.from`, message: { 'zh-CN': '日期无效', en: 'invalid date' } });
    if (!isIsoDate(e.to)) issues.push({ path: `${p}.to`, message: { 'zh-CN': '日期无效', en: 'invalid date' } });
    else if (e.to < e.from) {
      issues.push({ path: `${p}.to`, message: { 'zh-CN': '结束日期早于开始日期', en: 'ends before it starts' } });
    }
    checkIntervals(e.intervals, `${p}.intervals`, issues);
  });
  return issues;
}

const byOpen = (a: Interval, b: Interval) => minutesOf(a.open) - minutesOf(b.open);

/** One canonical form (sorted intervals, every day present, all-day-every-day as `always`), for storage and equality. */
export function normaliseHours(hours: OpeningHours): OpeningHours {
  if (hours.kind === 'unknown') return { kind: 'unknown' };
  const exceptions = hours.exceptions
    .map((e) => ({ ...e, intervals: [...e.intervals].sort(byOpen) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const e of exceptions) if (e.note === undefined || e.note === '') delete e.note;
  if (hours.kind === 'always') return { kind: 'always', exceptions };
  const week = Object.fromEntries(DAYS.map((d) => [d, [...(hours.week[d] ?? [])].sort(byOpen)])) as Record<
    Day,
    Interval[]
  >;
  const allDay = DAYS.every(
    (d) => week[d].length === 1 && week[d][0]!.open === '00:00' && week[d][0]!.close === '24:00',
  );
  return allDay ? { kind: 'always', exceptions } : { kind: 'weekly', week, exceptions };
}

/** Opening hours prepared for isOpenAt (minute spans per weekday and exception); see compileHours. */
export interface CompiledHours {
  unknown: boolean;
  /** Per weekday (Mon = 0): [open, close] minute pairs, close > open, possibly > 1440 when past midnight. */
  week: [number, number][][];
  exceptions: { from: string; to: string; spans: [number, number][] }[];
  /**
   * The last answer and the minute (since the epoch) it is for: the map asks about the same stations many times a
   * minute, and the answer only changes from one minute to the next (Beijing is a whole number of minutes ahead).
   */
  memoMinute: number;
  memoOpen: boolean;
}

const ALL_DAY: [number, number][] = [[0, 1440]];

function spansOf(list: Interval[]): [number, number][] {
  return list.map((iv) => {
    const open = minutesOf(iv.open);
    const close = minutesOf(iv.close);
    return [open, close > open ? close : close + 1440];
  });
}

const compiled = new WeakMap<OpeningHours, CompiledHours>();

function compile(hours: OpeningHours): CompiledHours {
  let c = compiled.get(hours);
  if (c === undefined) {
    c = compileHours(hours);
    compiled.set(hours, c);
  }
  return c;
}

/**
 * The hours prepared for openStateAt. A caller that holds them (the geo index keeps them on each entry) skips the
 * WeakMap look-up of isOpenAt, which on /nearby's hot path was a cache miss per station.
 */
export function compileHours(hours: OpeningHours): CompiledHours {
  if (hours.kind === 'unknown') return { unknown: true, week: [], exceptions: [], memoMinute: NaN, memoOpen: false };
  return {
    unknown: false,
    week: DAYS.map((d) => (hours.kind === 'always' ? ALL_DAY : spansOf(hours.week[d] ?? []))),
    exceptions: hours.exceptions.map((e) => ({ from: e.from, to: e.to, spans: spansOf(e.intervals) })),
    memoMinute: NaN,
    memoOpen: false,
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

function spansOn(c: CompiledHours, dayMs: number): [number, number][] {
  const date = new Date(dayMs).toISOString().slice(0, 10);
  for (const e of c.exceptions) if (e.from <= date && date <= e.to) return e.spans;
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7;
  return c.week[weekday]!;
}

/**
 * Whether the station is open at `instant` in Beijing time: true, false, or 'unknown' when its hours are unknown.
 * An interval running past midnight keeps the station open into the next morning, whatever that day's schedule.
 */
export function isOpenAt(hours: OpeningHours, instant: Date): OpenState {
  return openStateAt(compile(hours), instant);
}

/** isOpenAt for hours already compiled (compileHours). */
export function openStateAt(c: CompiledHours, instant: Date): OpenState {
  if (c.unknown) return 'unknown';
  const epochMinute = Math.floor(instant.getTime() / 60_000);
  if (c.memoMinute === epochMinute) return c.memoOpen;
  c.memoOpen = openAtMinute(c, instant.getTime());
  c.memoMinute = epochMinute;
  return c.memoOpen;
}

function openAtMinute(c: CompiledHours, ms: number): boolean {
  const local = ms + SHANGHAI_OFFSET_MS;
  const dayMs = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = Math.floor((local - dayMs) / 60_000);
  for (const [open, close] of spansOn(c, dayMs)) if (open <= minute && minute < close) return true;
  for (const [, close] of spansOn(c, dayMs - DAY_MS)) if (close > 1440 && minute < close - 1440) return true;
  return false;
}

const DAY_NAMES: Record<Lang, readonly string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const WORDS = {
  'zh-CN': { unknown: '未知', always: '24小时', closed: '休息', to: '至', list: '、', allClosed: '每天 休息' },
  en: { unknown: 'Unknown', always: '24 hours', closed: 'closed', to: ' to ', list: ', ', allClosed: 'Daily closed' },
} as const;

const intervalsText = (list: Interval[]) => list.map((iv) => `${iv.open}-${iv.close}`).join(',');

/**
 * Human text in the caller's language, in the same syntax the import parser reads (parseOpeningHours round-trips
 * it): "周一至周五 08:00-20:00; 周六、周日 09:00-17:00; 春节 2025-01-28至2025-02-04 休息".
 */
export function formatHours(hours: OpeningHours, lang: Lang = 'zh-CN'): string {
  const w = WORDS[lang];
  if (hours.kind === 'unknown') return w.unknown;
  const parts: string[] = [];
  if (hours.kind === 'always') parts.push(w.always);
  else {
    const names = DAY_NAMES[lang];
    let i = 0;
    while (i < 7) {
      const text = intervalsText(hours.week[DAYS[i]!] ?? []);
      let j = i;
      while (j + 1 < 7 && intervalsText(hours.week[DAYS[j + 1]!] ?? []) === text) j++;
      if (text) {
        const days =
          j - i >= 2 ? `${names[i]}${lang === 'en' ? '-' : w.to}${names[j]}` : names.slice(i, j + 1).join(w.list);
        parts.push(`${days} ${text}`);
      }
      i = j + 1;
    }
    if (parts.length === 0) parts.push(w.allClosed);
  }
  for (const e of hours.exceptions) {
    const dates = e.from === e.to ? e.from : `${e.from}${w.to}${e.to}`;
    const what = e.intervals.length ? intervalsText(e.intervals) : w.closed;
    parts.push(`${e.note ? `${e.note} ` : ''}${dates} ${what}`);
  }
  return parts.join('; ');
}
