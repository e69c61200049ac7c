/** Volunteer time: minutes of a shift from check-in to check-out, and hours as people read them. */
import type { Localized } from '../../platform/i18n.ts';

/**
 * How early before a shift's start a volunteer may check in. Volunteers come a little early to be briefed and to put
 * on protective gear (the testing-point shifts of STORIES.md); half an hour covers that, while a check-in earlier
 * still is a slip — the wrong shift or the wrong day (QA saw 签到 pressed on 29 Nov for a 1 Dec shift).
 */
export const CHECKIN_EARLY_MINUTES = 30;

/**
 * How long after a shift's end a check-out may be: work overruns (the last queue of the day) and the staff member may
 * press 签退 a little late. Later than that is a forgotten check-out: staff record it afterwards with the real time,
 * rather than crediting the volunteer the evening or the night.
 */
export const CHECKOUT_LATE_MINUTES = 120;

/**
 * The least time that counts as a shift served: one tenth of an hour, the smallest amount the hours column (one
 * decimal) shows. Anything shorter is a slip (签到 and 签退 pressed one after the other) and would add a shift of
 * "0 hours" to a member's count.
 */
export const MIN_SERVICE_MINUTES = 6;

/** A time given for a check-in or out may run this far ahead of the server's clock (the staff device's clock). */
export const CLOCK_SKEW_MINUTES = 5;

/** Whole minutes between check-in and check-out (never negative). */
export function shiftMinutes(checkedInAt: Date, checkedOutAt: Date): number {
  return Math.max(0, Math.floor((checkedOutAt.getTime() - checkedInAt.getTime()) / 60_000));
}

/** Whether a finished sign-up counts as a shift served (in hours, shift counts and certificates). */
export function countsAsServed(minutes: number | null): minutes is number {
  return minutes !== null && minutes >= MIN_SERVICE_MINUTES;
}

/** Hours with one decimal, rounded half up: 480 min → 8, 125 min → 2.1. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

/** 'HH:MM' → minutes since midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The instant a Shanghai wall-clock time on a day is (China has no daylight saving: always UTC+8). */
export function shanghaiInstant(day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:MM' in Beijing time, as staff read a time. */
export function shanghaiMinute(at: Date): string {
  return shanghaiDateTime.format(at);
}

const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export interface ShiftTimes {
  date: string;
  startTime: string;
  endTime: string;
}

/**
 * Why a check-in at `at` does not fit the shift (both languages), or null when it does: not ahead of now (a time is
 * recorded once it happened; one given for the past is fine), from CHECKIN_EARLY_MINUTES before the start, and
 * before the end.
 */
export function checkinIssue(shift: ShiftTimes, at: Date, now: Date): Localized | null {
  const start = shanghaiInstant(shift.date, shift.startTime);
  const end = shanghaiInstant(shift.date, shift.endTime);
  const opens = addMinutes(start, -CHECKIN_EARLY_MINUTES);
  if (at > addMinutes(now, CLOCK_SKEW_MINUTES))
    return { 'zh-CN': '签到时间不能晚于当前时间', en: 'The check-in time cannot be in the future' };
  if (at < opens)
    return {
      'zh-CN': `班次 ${shanghaiMinute(start)} 开始，最早可在开始前 ${CHECKIN_EARLY_MINUTES} 分钟（${shanghaiMinute(opens)}）签到`,
      en: `The shift starts at ${shanghaiMinute(start)}: check-in opens ${CHECKIN_EARLY_MINUTES} minutes before, at ${shanghaiMinute(opens)}`,
    };
  if (at >= end)
    return {
      'zh-CN': `班次已于 ${shanghaiMinute(end)} 结束，不能再签到；补录请选择实际签到时间`,
      en: `The shift ended at ${shanghaiMinute(end)}: check-in is closed (to record it afterwards, give the actual time)`,
    };
  return null;
}

/**
 * Why a check-out at `at` does not fit (both languages), or null: not ahead of now, not before the shift's start nor
 * the check-in, at least MIN_SERVICE_MINUTES after the check-in, and at most CHECKOUT_LATE_MINUTES after the end.
 */
export function checkoutIssue(shift: ShiftTimes, checkedInAt: Date, at: Date, now: Date): Localized | null {
  const start = shanghaiInstant(shift.date, shift.startTime);
  const end = shanghaiInstant(shift.date, shift.endTime);
  const closes = addMinutes(end, CHECKOUT_LATE_MINUTES);
  if (at > addMinutes(now, CLOCK_SKEW_MINUTES))
    return { 'zh-CN': '签退时间不能晚于当前时间', en: 'The check-out time cannot be in the future' };
  if (at < start)
    return {
      'zh-CN': `班次 ${shanghaiMinute(start)} 才开始，签退时间不能早于开始时间`,
      en: `The shift starts at ${shanghaiMinute(start)}: the check-out cannot be before it`,
    };
  if (at < checkedInAt)
    return {
      'zh-CN': `签退时间早于签到时间（${shanghaiMinute(checkedInAt)}）`,
      en: `The check-out is before the check-in (${shanghaiMinute(checkedInAt)})`,
    };
  if (shiftMinutes(checkedInAt, at) < MIN_SERVICE_MINUTES)
    return {
      'zh-CN': `签退距签到（${shanghaiMinute(checkedInAt)}）不足 ${MIN_SERVICE_MINUTES} 分钟，不计为一次服务`,
      en: `Less than ${MIN_SERVICE_MINUTES} minutes after the check-in (${shanghaiMinute(checkedInAt)}): not a shift served`,
    };
  if (at > closes)
    return {
      'zh-CN': `班次已于 ${shanghaiMinute(end)} 结束，签退最晚为结束后 ${CHECKOUT_LATE_MINUTES} 分钟（${shanghaiMinute(closes)}）；补录请选择实际签退时间`,
      en: `The shift ended at ${shanghaiMinute(end)}: check-out closes ${CHECKOUT_LATE_MINUTES} minutes later, at ${shanghaiMinute(closes)} (to record it afterwards, give the actual time)`,
    };
  return null;
}
