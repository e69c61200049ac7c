import { get, set } from 'idb-keyval';
import {
  due,
  enqueue,
  type FeedbackKind,
  type OutboxPost,
  prune,
  type SendOutcome,
  settle,
} from '../../../src/domains/stations/feedback-outbox.ts';
import { ApiError, api } from '../api/client';
import { offlineStore } from './store';

export type { FeedbackKind };

const KEY = 'outbox:feedback';
const LEGACY_KEY = 'unioncare.feedbackQueue'; // the localStorage queue of earlier builds
const listeners = new Set<(waiting: number) => void>();

async function read(): Promise<OutboxPost[]> {
  const list = (await get<OutboxPost[]>(KEY, offlineStore()).catch(() => undefined)) ?? [];
  return Array.isArray(list) ? list : [];
}

async function write(list: OutboxPost[]): Promise<void> {
  await set(KEY, list, offlineStore());
  for (const fn of listeners) fn(list.length);
}

/** Serialises read-modify-write of the outbox within this page; Web Locks keep two tabs from flushing at once. */
let chain: Promise<unknown> = Promise.resolve();
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

/** How many posts wait on this phone; `fn` is told again whenever that changes. */
export function watchOutbox(fn: (waiting: number) => void): () => void {
  listeners.add(fn);
  void read().then((l) => fn(l.length));
  return () => listeners.delete(fn);
}

/** Sends one post under its Idempotency-Key; 15 s at most, so a hanging weak signal counts as no network. */
async function send(post: OutboxPost): Promise<{ id: string; replayed: boolean }> {
  return api<{ id: string; replayed: boolean }>(`/api/v1/stations/${encodeURIComponent(post.code)}/${post.kind}`, {
    method: 'POST',
    body: post.body,
    headers: { 'Idempotency-Key': post.key },
    signal: AbortSignal.timeout?.(15_000),
  });
}

function outcomeOf(err: unknown): SendOutcome {
  return err instanceof ApiError ? { kind: 'http', status: err.status } : { kind: 'network' };
}

export type PostResult = { state: 'sent'; id: string } | { state: 'queued' };

/**
 * Posts feedback now if the network answers; otherwise keeps it, with its key, in the outbox on this phone, to be
 * sent by `flushOutbox` (on `online`, and whenever a station page or the map opens). A refusal (4xx) is thrown.
 */
export async function postOrQueue(post: {
  code: string;
  kind: FeedbackKind;
  body: Record<string, unknown>;
  key: string;
}): Promise<PostResult> {
  const entry: OutboxPost = { ...post, queuedAt: Date.now(), attempts: 0, notBefore: 0 };
  if (navigator.onLine !== false) {
    try {
      const { id } = await send(entry);
      return { state: 'sent', id };
    } catch (err) {
      const outcome = outcomeOf(err);
      const keep = outcome.kind === 'network' || (outcome.kind === 'http' && outcome.status >= 500);
      if (!keep) throw err;
    }
  }
  await exclusive(async () => write(enqueue(await read(), entry)));
  return { state: 'queued' };
}

async function flushNow(): Promise<number> {
  let list = prune(await read(), Date.now());
  // posts queued by earlier builds in localStorage move over once
  try {
    const legacy = JSON.parse(localStorage.getItem(LEGACY_KEY) ?? '[]') as Omit<
      OutboxPost,
      'queuedAt' | 'attempts' | 'notBefore'
    >[];
    for (const p of Array.isArray(legacy) ? legacy : [])
      list = enqueue(list, { ...p, queuedAt: Date.now(), attempts: 0, notBefore: 0 });
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    // nothing to move
  }
  let sent = 0;
  for (const post of due(list, Date.now())) {
    let outcome: SendOutcome;
    try {
      await send(post);
      outcome = { kind: 'delivered' };
      sent++;
    } catch (err) {
      outcome = outcomeOf(err);
    }
    const settled = settle(list, post.key, outcome, Date.now());
    list = settled.list;
    await write(list);
    if (settled.stop) break;
  }
  await write(list);
  return sent;
}

/** Sends what waits in the outbox, oldest first; stops at the first sign of no network. Returns how many went. */
export function flushOutbox(): Promise<number> {
  return exclusive(() => {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request('unioncare-outbox', () => flushNow()).then((n) => n) : flushNow();
  }).catch(() => 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushOutbox());
}
