/**
 * Time-based one-time passwords (RFC 6238) for staff second-factor login, in the profile every authenticator app
 * supports: SHA-1, 6 digits, 30-second steps. All timestamps are milliseconds since the epoch.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** One step either side tolerates a phone clock ~30 s off and a code typed just as it rolls over. */
const WINDOW = 1;

function totp(secret: string, label = 'UnionCare', issuer = 'UnionCare'): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
  });
}

function cleanToken(token: string): string | null {
  const t = token.normalize('NFKC').replace(/\s+/g, '');
  return /^\d{6}$/.test(t) ? t : null;
}

/** A new 160-bit secret (RFC 4226's recommended size), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI shown as a QR code when a staff member enrols their authenticator. */
export function totpUri(opts: { secret: string; account: string; issuer: 'UnionCare' | (string & {}) }): string {
  return totp(opts.secret, opts.account, opts.issuer).toString();
}

/**
 * The time step (counter) the token matched, or null. Login should store the last accepted step per user and
 * refuse a step not greater than it, so an observed code cannot be replayed inside its 90-second window.
 */
export function matchTotpStep(secret: string, token: string, at: number = Date.now()): number | null {
  const t = cleanToken(token);
  if (!t) return null;
  const otp = totp(secret);
  const delta = otp.validate({ token: t, timestamp: at, window: WINDOW });
  return delta === null ? null : otp.counter({ timestamp: at }) + delta;
}

/** Whether the token is valid at `at` (default now), within ±1 step; spaces in the token are ignored. */
export function verifyTotp(secret: string, token: string, at: number = Date.now()): boolean {
  return matchTotpStep(secret, token, at) !== null;
}

/** The code an authenticator would show at `at`; for tests and the enrolment self-check. */
export function currentTotp(secret: string, at: number = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}
