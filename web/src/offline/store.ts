import { createStore, type UseStore } from 'idb-keyval';

let store: UseStore | null = null;

/** The app's one IndexedDB store for what must survive a reload with no network (station packs, the outbox). */
export function offlineStore(): UseStore {
  store ??= createStore('unioncare-offline', 'kv');
  return store;
}
