/**
 * The station code printed on every sign (docs/station-code.md): `RRRRRR T NNNNN C`, e.g. `110105H00001F`.
 *
 * - RRRRRR: the 6-digit GB/T 2260 region code of the district the station is in;
 * - T: one letter for the station type (STATION_TYPES);
 * - NNNNN: a 5-digit sequence per region and type, allocated once and never reused;
 * - C: an ISO 7064 MOD 37-2 check character over the 12 characters before it (0-9, A-Z or '*').
 *
 * MOD 37-2 (the pure ISO 7064 system for alphanumeric strings) was chosen over the hybrid MOD 37,36 because it
 * detects every single-character substitution AND every adjacent transposition; MOD 37,36 misses about 0.6% of
 * adjacent transpositions in codes of this shape (500615U52767N and 500615U52776N are both "valid" under it).
 */

export const STATION_TYPES = {
  H: { 'zh-CN': '户外劳动者服务站点', en: 'Outdoor-worker station' },
  U: { 'zh-CN': '工会自建站点', en: 'Union-built station' },
  P: { 'zh-CN': '共建共享站点', en: 'Station shared with a partner' },
  E: { 'zh-CN': '企业内设站点', en: 'Station inside an employer' },
  M: { 'zh-CN': '流动服务站点', en: 'Mobile station' },
} as const;
export type StationType = keyof typeof STATION_TYPES;
export const STATION_TYPE_LETTERS = Object.keys(STATION_TYPES) as StationType[];

export const MAX_SEQUENCE = 99_999;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const CODE_PATTERN = /^(\d{6})([A-Z])(\d{5})([0-9A-Z*])$/;

export function isStationType(letter: string): letter is StationType {
  return Object.hasOwn(STATION_TYPES, letter);
}

/** ISO 7064 MOD 37-2: the character c with Σ vᵢ·2^(n−i) + v(c) ≡ 1 (mod 37). */
export function checkCharacter(body: string): string {
  let p = 0;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || v === 36) throw new Error(`not an alphanumeric character: ${ch}`);
    p = ((p + v) * 2) % 37;
  }
  return ALPHABET[(38 - p) % 37]!;
}

export interface StationCodeParts {
  regionCode: string;
  type: StationType;
  sequence: number;
}

/** The code for a freshly allocated sequence number. */
export function generateStationCode(parts: StationCodeParts): string {
  if (!/^\d{6}$/.test(parts.regionCode)) throw new RangeError(`region code must be 6 digits: ${parts.regionCode}`);
  if (!isStationType(parts.type)) throw new RangeError(`unknown station type: ${parts.type}`);
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > MAX_SEQUENCE) {
    throw new RangeError(`sequence must be 1…${MAX_SEQUENCE}: ${parts.sequence}`);
  }
  const body = `${parts.regionCode}${parts.type}${String(parts.sequence).padStart(5, '0')}`;
  return body + checkCharacter(body);
}

export type StationCodeProblem = 'length' | 'format' | 'type' | 'sequence' | 'checkCharacter';

export type ParsedStationCode =
  | { ok: true; code: string; parts: StationCodeParts }
  | { ok: false; reason: StationCodeProblem };

/** Normalises what a person typed (spaces, hyphens, lower case, full-width forms) before validating it. */
export function normaliseStationCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** Parses and validates a typed code, saying precisely what is wrong with it. */
export function parseStationCode(input: string): ParsedStationCode {
  const code = normaliseStationCode(input);
  if (code.length !== 13) return { ok: false, reason: 'length' };
  const m = CODE_PATTERN.exec(code);
  if (!m) return { ok: false, reason: 'format' };
  const [, regionCode, type, seq, check] = m as unknown as [string, string, string, string, string];
  if (!isStationType(type)) return { ok: false, reason: 'type' };
  const sequence = Number(seq);
  if (sequence < 1) return { ok: false, reason: 'sequence' };
  if (checkCharacter(code.slice(0, 12)) !== check) return { ok: false, reason: 'checkCharacter' };
  return { ok: true, code, parts: { regionCode, type, sequence } };
}

export function isValidStationCode(input: string): boolean {
  return parseStationCode(input).ok;
}

export const STATION_CODE_PROBLEMS: Record<StationCodeProblem, { 'zh-CN': string; en: string }> = {
  length: { 'zh-CN': '站点编码应为 13 位', en: 'a station code has 13 characters' },
  format: {
    'zh-CN': '站点编码格式应为 6 位区划代码 + 1 位类型字母 + 5 位序号 + 1 位校验码',
    en: 'a station code is 6 region digits, a type letter, 5 sequence digits and a check character',
  },
  type: { 'zh-CN': '站点类型字母无效', en: 'the station type letter is not one of H, U, P, E, M' },
  sequence: { 'zh-CN': '站点序号不能为 00000', en: 'the sequence cannot be 00000' },
  checkCharacter: {
    'zh-CN': '站点编码校验码不符，请核对是否输错',
    en: 'the check character does not match: the code was probably mistyped',
  },
};
