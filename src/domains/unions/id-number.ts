/**
 * China resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male) and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'length' | 'format' | 'birthDate' | 'checkCharacter';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: IdNumberProblem };

/**
 * Canonical form used for storage and for the lookup hash, so that '11010519491231002x', a full-width copy from a
 * Chinese IME and a number typed with spaces all hash to the same value.
 */
export function normaliseIdNumber(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * The check character for the first 17 digits; exported so factories and tests can build valid numbers.
 * Throws on anything but 17 ASCII digits because a silently wrong check character would hide a caller bug.
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Today's calendar date in China, which is what "not in the future" means to a member born here. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** True when y-m-d is a real Gregorian date (rejects 2023-02-29, 2024-13-01 …). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Validates in the order a clerk would fix things (length, characters, birth date, check character), so the reason
 * points at the most likely typing mistake. The region code is not checked against GB/T 2260: codes of abolished
 * or renamed districts stay valid on IDs issued before the change.
 *
 * @param today YYYY-MM-DD; defaults to today in Asia/Shanghai. Birth dates from 1900-01-01 up to today are accepted.
 */
export function validateIdNumber(s: string, today: string = todayInChina()): IdNumberResult {
  const value = normaliseIdNumber(s);
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'format' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (year < 1900 || !isCalendarDate(year, month, day) || birthDate > today) return { ok: false, reason: 'birthDate' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checkCharacter' };
  return {
    ok: true,
    value,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}
