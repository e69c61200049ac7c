/**
 * The phone's outbox of station feedback (problem reports, "I was here", ratings) taken with no network: what to
 * keep, what to send next and what to do with each answer. Pure, so the rules are tested here and the phone
 * (web/src/offline/outbox.ts) only stores the list. Every post keeps the Idempotency-Key it was given when the worker
 * tapped "send": however often it is re-sent, the server records it once (feedback.repository.ts recordOnce).
 */

export type FeedbackKind = 'checkins' | 'ratings' | 'reports';

export interface OutboxPost {
  /** The Idempotency-Key, a UUID made once per post. */
  key: string;
  code: string;
  kind: FeedbackKind;
  body: Record<string, unknown>;
  /** When the worker sent it (epoch ms). */
  queuedAt: number;
  attempts: number;
  /** Not before (epoch ms): back-off after a server error or a rate limit. */
  notBefore: number;
}

/** The answer to one send, as the phone saw it. */
export type SendOutcome =
  | { kind: 'delivered' }
  /** No HTTP answer at all: offline, timed out, server unreachable. */
  | { kind: 'network' }
  | { kind: 'http'; status: number; retryAfterS?: number };

/** An outbox keeps this many posts at most (a phone left offline for weeks keeps its newest). */
export const OUTBOX_CAP = 100;
/** Posts older than this are dropped unsent: a station problem seen a month ago is no longer news. */
export const OUTBOX_MAX_AGE_MS = 30 * 24 * 3600_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/** Adds a post (a post with the same key replaces the older copy), keeping the newest OUTBOX_CAP. */
export function enqueue(list: readonly OutboxPost[], post: OutboxPost): OutboxPost[] {
  const rest = list.filter((p) => p.key !== post.key);
  return [...rest, post].slice(-OUTBOX_CAP);
}

/** The posts to try now, oldest first; expired ones are not among them (see `prune`). */
export function due(list: readonly OutboxPost[], now: number): OutboxPost[] {
  return list.filter((p) => p.notBefore <= now && now - p.queuedAt <= OUTBOX_MAX_AGE_MS);
}

/** Drops posts past OUTBOX_MAX_AGE_MS. */
export function prune(list: readonly OutboxPost[], now: number): OutboxPost[] {
  return list.filter((p) => now - p.queuedAt <= OUTBOX_MAX_AGE_MS);
}

export interface Settled {
  list: OutboxPost[];
  /** True when the flush should stop here (no network, or the server asked us to slow down). */
  stop: boolean;
  /** The post left the outbox: delivered, or refused for good (a 4xx the same request can never pass). */
  removed: boolean;
}

/**
 * What one answer does to the outbox. Delivered (2xx, a replay included) and refused (4xx other than 408 and 429:
 * a station gone, a body the server rejects) leave it; a 409 means the key was already used for other content,
 * which re-sending cannot fix. No answer keeps the post and stops the flush (the rest would fail the same way);
 * 5xx, 408 and 429 keep it with an exponential back-off (or the server's Retry-After) and stop too.
 */
export function settle(list: readonly OutboxPost[], key: string, outcome: SendOutcome, now: number): Settled {
  const post = list.find((p) => p.key === key);
  if (!post) return { list: [...list], stop: false, removed: false };
  const without = list.filter((p) => p.key !== key);
  if (outcome.kind === 'delivered') return { list: without, stop: false, removed: true };
  if (outcome.kind === 'network') return { list: [...list], stop: true, removed: false };
  const { status } = outcome;
  const retryable = status >= 500 || status === 408 || status === 429;
  if (!retryable) return { list: without, stop: false, removed: true };
  const attempts = post.attempts + 1;
  const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
  const wait = outcome.retryAfterS !== undefined ? Math.max(outcome.retryAfterS * 1000, backoff) : backoff;
  const updated = { ...post, attempts, notBefore: now + wait };
  return { list: list.map((p) => (p.key === key ? updated : p)), stop: true, removed: false };
}
