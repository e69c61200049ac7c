import { get, set } from 'idb-keyval';
import { PackIndex, type StationPack } from '../../../src/domains/stations/station-pack.ts';
import { offlineStore } from './store';

/** A pack as the phone keeps it: the server's pack, its ETag, and when the phone last checked it was current. */
export interface StoredPack {
  pack: StationPack;
  etag: string | null;
  checkedAt: string;
}

const key = (region: string) => `pack:${region}`;
const LAST_REGION = 'pack:last-region';
/** A pack checked this recently is not asked for again on every map visit. */
const RECHECK_MS = 10 * 60_000;

const indexes = new Map<string, { stored: StoredPack; index: PackIndex }>();
const listeners = new Set<() => void>();

function remember(region: string, stored: StoredPack) {
  indexes.set(region, { stored, index: new PackIndex(stored.pack) });
  for (const fn of listeners) fn();
}

/** Called whenever a pack is loaded or refreshed (for the "stations saved on this phone" note). */
export function onPackChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The pack of a region from memory or IndexedDB, ready to search; null when the phone has none. */
export async function loadPack(region: string): Promise<{ stored: StoredPack; index: PackIndex } | null> {
  const hit = indexes.get(region);
  if (hit) return hit;
  const stored = await get<StoredPack>(key(region), offlineStore()).catch(() => undefined);
  if (stored?.pack?.version !== 1) return null;
  remember(region, stored);
  return indexes.get(region)!;
}

/** The region of the pack used last (to answer with no network before any position is known). */
export async function lastRegion(): Promise<string | null> {
  return (await get<string>(LAST_REGION, offlineStore()).catch(() => undefined)) ?? null;
}

/** What is in memory now, for rendering without waiting. */
export function packInMemory(region: string | null): StoredPack | null {
  return region ? (indexes.get(region)?.stored ?? null) : null;
}

const inFlight = new Map<string, Promise<StoredPack | null>>();

/**
 * Fetches or revalidates a region's pack (If-None-Match: an unchanged pack costs a 304) and stores it. Returns the
 * stored pack, or null when there is none and the network failed. `force` skips the "checked recently" shortcut.
 */
export function refreshPack(region: string, force = false): Promise<StoredPack | null> {
  const running = inFlight.get(region);
  if (running) return running;
  const run = (async () => {
    const current = (await loadPack(region))?.stored ?? null;
    if (current && !force && Date.now() - Date.parse(current.checkedAt) < RECHECK_MS) return current;
    try {
      const res = await fetch(`/api/v1/stations/pack?region=${encodeURIComponent(region)}`, {
        headers: current?.etag
          ? { 'If-None-Match': current.etag, Accept: 'application/json' }
          : { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-cache',
      });
      let next: StoredPack;
      if (res.status === 304 && current) {
        next = { ...current, checkedAt: new Date().toISOString() };
      } else if (res.ok) {
        next = {
          pack: (await res.json()) as StationPack,
          etag: res.headers.get('etag'),
          checkedAt: new Date().toISOString(),
        };
      } else {
        return current;
      }
      await set(key(region), next, offlineStore()).catch(() => {});
      await set(LAST_REGION, region, offlineStore()).catch(() => {});
      remember(region, next);
      return next;
    } catch {
      return current; // offline: keep what we have
    }
  })().finally(() => inFlight.delete(region));
  inFlight.set(region, run);
  return run;
}
