import type { Answers } from '../../../api/surveys';

/**
 * The answers kept on the phone (localStorage), one record per survey version and answerer: a weak signal or a closed
 * tab never loses what was typed. The submission key is made once per draft and survives retries and reloads, so a
 * submission that reached the server before the signal dropped is replayed, never doubled.
 */
export interface LocalDraft {
  answers: Answers;
  submissionKey: string;
  /** when the member last changed an answer (ms since epoch) */
  changedAt: number;
  /** when the server last confirmed these answers (ms), or null if only this phone has them */
  serverSavedAt: number | null;
  /** set once the server accepted the submission */
  responseId?: string;
}

const PREFIX = 'unioncare.survey.';

export function draftKey(scope: string, version: number): string {
  return `${PREFIX}${scope}.v${version}`;
}

export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function loadDraft(key: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as LocalDraft;
    if (!d || typeof d !== 'object' || typeof d.submissionKey !== 'string' || typeof d.answers !== 'object')
      return null;
    return d;
  } catch {
    return null;
  }
}

/**
 * The phone's draft for this version, or else the newest one kept for an earlier version of the survey (edited while
 * the member was answering): its answers carry over, the server drops the ones the new version no longer asks.
 */
export function loadLatestDraft(scope: string, version: number): LocalDraft | null {
  const current = loadDraft(draftKey(scope, version));
  if (current) return current;
  for (let v = version - 1; v >= Math.max(1, version - 10); v--) {
    const older = loadDraft(draftKey(scope, v));
    if (older && !older.responseId) return { ...older, serverSavedAt: null };
  }
  return null;
}

/** Returns false when the phone refused to store (private mode, full storage): the page then says so. */
export function storeDraft(key: string, draft: LocalDraft): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}

/**
 * The answers to start from: the phone's own when it has changes the server has not confirmed, else the server's
 * draft (typed on another device), else the phone's.
 */
export function startingAnswers(local: LocalDraft | null, server: Answers | null | undefined): Answers {
  if (local && (local.serverSavedAt === null || local.changedAt > local.serverSavedAt)) return local.answers;
  if (server && Object.keys(server).length > 0) return server;
  return local?.answers ?? {};
}
