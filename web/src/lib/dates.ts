/** Dates as the pages show them, on the Shanghai clock, without dayjs (the console sets dayjs up: lib/dayjs-setup.ts). */
export const TIME_ZONE = 'Asia/Shanghai';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// China has kept UTC+8 all year since 1991 (no summer time): the Shanghai clock is the UTC clock moved by 8 hours.
// (Intl.DateTimeFormat with a time zone, as dayjs.tz uses, costs tens of milliseconds to make on a slow phone.)
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The instant's wall-clock parts in Asia/Shanghai, or null when the text is no date. */
function partsInShanghai(value: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: String(d.getUTCFullYear()),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
  };
}

/** A calendar date as YYYY-MM-DD; plain dates pass through untouched, instants are read in Asia/Shanghai. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (DATE_ONLY.test(value)) return value;
  const p = partsInShanghai(value);
  return p ? `${p.year}-${p.month}-${p.day}` : value;
}

/** An instant as YYYY-MM-DD HH:mm in Asia/Shanghai (the audit trail and status history need the time). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  if (DATE_ONLY.test(value)) return value;
  const p = partsInShanghai(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : value;
}
