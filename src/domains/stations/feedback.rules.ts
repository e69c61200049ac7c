/**
 * Rules for worker feedback on stations: what counts as acceptable free text, how a staff member may move a problem
 * report along, and the fingerprint that tells a replayed post from a different one reusing its Idempotency-Key.
 * Pure: no Fastify, no Kysely.
 */
import { createHash } from 'node:crypto';
import type { Localized } from '../../platform/i18n.ts';
import type { ReportStatus } from './feedback.table.ts';

export const COMMENT_MAX = 500;
export const REPORT_TEXT_MAX = 1000;
export const STATUS_NOTE_MAX = 500;

export type TextProblem = 'markup' | 'tooLong' | 'required';

export const TEXT_PROBLEMS: Record<TextProblem, Localized> = {
  markup: {
    'zh-CN': '请只填写文字，不能包含网页代码（如 <script>、<a> 标签）',
    en: 'must be plain text, without HTML or script (such as <script> or <a> tags)',
  },
  tooLong: { 'zh-CN': '内容过长', en: 'is too long' },
  required: { 'zh-CN': '请说明遇到的问题', en: 'please describe the problem' },
};

// Control characters other than tab and newline, and the invisible bidirectional overrides that can make a text
// read differently on a staff screen than it was typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

// `<` directly followed by a letter, `/`, `!` or `?` opens a tag, a comment or a declaration (as browsers parse it);
// a plain "<500米", "<3" or "a < b" does not. Character references (&lt; &#60;) and script URLs are how markup is smuggled past such a check.
const MARKUP = [
  /<[a-z!?/]/i,
  /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i,
  /\b(java|vb)script\s*:/i,
  /\bdata\s*:\s*text\/html/i,
];

/** Length as PostgreSQL's char_length counts it: code points, not UTF-16 units (an emoji is one). */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Normalises a worker's free text (NFC, no invisible characters, tidy whitespace) and refuses markup rather than
 * escaping it: the text is stored and shown as plain text, and a report is evidence, so it is never silently altered
 * beyond whitespace. Empty text becomes '' (the caller decides whether it was required).
 */
export function cleanText(raw: string, max: number): { ok: true; text: string } | { ok: false; problem: TextProblem } {
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .replace(/[ \u00A0\u3000]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (MARKUP.some((re) => re.test(text))) return { ok: false, problem: 'markup' };
  if (codePoints(text) > max) return { ok: false, problem: 'tooLong' };
  return { ok: true, text };
}

/** Where a report may go next: acknowledge or resolve an open one, resolve or reopen an acknowledged one, reopen. */
const NEXT: Record<ReportStatus, readonly ReportStatus[]> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['resolved', 'open'],
  resolved: ['open'],
};

export function canMoveReport(from: ReportStatus, to: ReportStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextReportStatuses(from: ReportStatus): readonly ReportStatus[] {
  return NEXT[from];
}

/** JSON with object keys sorted, so that the same payload always hashes the same. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * The fingerprint of one feedback post (what, on which station, with which content). A replay under the same
 * Idempotency-Key must match it; a different post reusing the key is a client error, not a silent success. The
 * account is left out on purpose: a report queued offline may be sent after the worker has signed in.
 */
export function requestHash(parts: { kind: string; stationId: string; payload: unknown }) {
  return createHash('sha256').update(canonical(parts)).digest();
}
