/** Volunteer time: minutes of a shift from check-in to check-out, and hours as people read them. */

/** Whole minutes between check-in and check-out (never negative). */
export function shiftMinutes(checkedInAt: Date, checkedOutAt: Date): number {
  return Math.max(0, Math.floor((checkedOutAt.getTime() - checkedInAt.getTime()) / 60_000));
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
