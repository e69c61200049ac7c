/**
 * Staff and member passwords, hashed with scrypt (memory-hard, built into Node, no native addon to build on
 * servers without a compiler). Parameters travel inside the encoded string so they can be raised later
 * without invalidating existing hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** 128·N·r = 32 MiB is exactly Node's default limit, which scrypt then refuses; allow headroom. */
const MAXMEM = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooCommon' | 'needsLetterAndDigit';

/** Lower-cased; the most common choices in Chinese and English leaked-password lists that pass the other rules. */
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '88888888',
  '66666666',
  '00000000',
  '12341234',
  '11223344',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'abc12345',
  'abcd1234',
  'abc123456',
  'a1234567',
  'a12345678',
  'aa123456',
  'aa123123',
  'qq123456',
  'qwerty123',
  'qwertyuiop',
  'qwe123456',
  '1qaz2wsx',
  '1q2w3e4r',
  'zxcvbnm123',
  'asd123456',
  'iloveyou',
  'woaini1314',
  'woaini520',
  'admin123',
  'admin888',
  'unioncare',
  'unioncare1',
  'union123',
]);

function derive(pw: string, salt: Buffer, n: number, r: number, p: number, keyLen: number): Promise<Buffer> {
  const opts: ScryptOptions = { N: n, r, p, maxmem: MAXMEM };
  return new Promise((resolve, reject) => {
    scrypt(pw.normalize('NFKC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$saltB64$hashB64`; the password is NFKC-normalised so full-width and half-width input agree. */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pw, salt, N, R, P, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(encoded: string) {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(encoded);
  if (!m) return undefined;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  // Bounds stop a tampered or corrupt row from making one login burn gigabytes of memory.
  const sane =
    n >= 2 && n <= 2 ** 20 && (n & (n - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16 && 128 * n * r <= MAXMEM;
  if (!sane || salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { n, r, p, salt, hash };
}

/**
 * Constant-time comparison. A malformed or unsupported stored hash verifies as false rather than throwing, so a
 * bad row cannot be told apart from a wrong password by an attacker.
 */
export async function verifyPassword(pw: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  const key = await derive(pw, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.hash.length);
  return timingSafeEqual(key, parsed.hash);
}

/** True when a stored hash uses weaker parameters than today's, so login can re-hash it on success. */
export function passwordNeedsRehash(encoded: string): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.n < N || parsed.r < R || parsed.p < P || parsed.hash.length < KEY_BYTES;
}

/**
 * Rule codes (the UI translates them) for a proposed new password; empty means acceptable. Every failing rule is
 * listed so the form can show them together.
 */
export function passwordProblems(pw: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = Array.from(pw).length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('tooShort');
  if (length > MAX_PASSWORD_LENGTH) problems.push('tooLong');
  if (COMMON.has(pw.normalize('NFKC').toLowerCase())) problems.push('tooCommon');
  if (!/\p{L}/u.test(pw) || !/\p{Nd}/u.test(pw)) problems.push('needsLetterAndDigit');
  return problems;
}
