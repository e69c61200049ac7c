/**
 * When the daily station maintenance runs: once a day at a Beijing wall-clock time, plus a catch-up at start-up when
 * the last successful run is too old. Pure: no timers, no database.
 *
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact and needs no
 * time-zone database.
 */

export interface DailyTime {
  hour: number;
  minute: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** "HH:MM" on a 24-hour clock, two digits each ("02:30", "23:59"); anything else is null. */
export function parseDailyTime(text: string): DailyTime | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

export function formatDailyTime(at: DailyTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** The first moment strictly after `now` at which Beijing clocks show `at`. */
export function nextRunAt(now: Date, at: DailyTime): Date {
  const beijing = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const slot = (dayOffset: number) =>
    new Date(
      Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + dayOffset, at.hour, at.minute) -
        SHANGHAI_OFFSET_MS,
    );
  const today = slot(0);
  return today.getTime() > now.getTime() ? today : slot(1);
}

/** A catch-up run is due when no run ever succeeded, or the last success started `maxAgeMs` (24 h) or more ago. */
export function catchUpDue(now: Date, lastSuccessAt: Date | null, maxAgeMs = DAY_MS): boolean {
  return lastSuccessAt === null || now.getTime() - lastSuccessAt.getTime() >= maxAgeMs;
}
