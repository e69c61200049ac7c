/**
 * Mainland China mobile numbers. Members type them with country codes, spaces, dashes and full-width digits from a
 * Chinese IME; we store one canonical 11-digit form so lookups and duplicate checks work.
 */

/**
 * The canonical 11-digit number, or null when the input is not a mainland mobile number (landlines, Hong Kong
 * and Macao numbers included: SMS notifications can only reach 1[3-9]xxxxxxxxx).
 */
export function normalisePhone(s: string): string | null {
  let digits = s
    .normalize('NFKC')
    .replace(/[\s\-‐‑–—()]/g, '')
    .trim();
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
