/**
 * Display masks for personal information in API responses and exports: enough left to recognise a record
 * ("is this the member I am talking to?"), not enough to reuse it. Inputs are the stored canonical forms;
 * masking works on code points so CJK and rare characters are never split.
 */

function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** 110105194912310021 → 110105********0021: region and the last four, which clerks read back on the phone. */
export function maskIdNumber(id: string): string {
  return keepEnds(id.trim(), 6, 4);
}

/**
 * 6222020200112233445 → '6222 **** **** 3445'. The middle is a fixed two groups whatever the length, so the mask
 * does not reveal how many digits the account has; the first four identify the bank for the member.
 */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  const chars = Array.from(digits);
  if (chars.length <= 8) {
    // Too short to be a real account: show at most half of it.
    const shown = Math.min(4, Math.floor(chars.length / 2));
    return shown === 0 ? '****' : `**** ${chars.slice(chars.length - shown).join('')}`;
  }
  return `${chars.slice(0, 4).join('')} **** **** ${chars.slice(-4).join('')}`;
}

/** 13812345678 → 138****5678, the form Chinese users know from bank and courier apps. */
export function maskPhone(phone: string): string {
  return keepEnds(phone.trim(), 3, 4);
}

/** 王小明 → 王*明, 王明 → 王*, 欧阳小明 → 欧**明: surname kept, given name hidden, last character kept if 3+. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
