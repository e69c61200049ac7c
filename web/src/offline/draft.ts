import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'unioncare.draft.';
/** A draft left this long is forgotten: personal details should not linger on a shared phone. */
const MAX_AGE_MS = 30 * 24 * 3600_000;

interface Stored<T> {
  value: T;
  savedAt: string;
}

function read<T>(key: string): Stored<T> | null {
  try {
    const stored = JSON.parse(localStorage.getItem(PREFIX + key) ?? 'null') as Stored<T> | null;
    if (!stored || Date.now() - Date.parse(stored.savedAt) > MAX_AGE_MS) return null;
    return stored;
  } catch {
    return null;
  }
}

export interface DeviceDraft<T> {
  value: T;
  /** Changes what the member typed; kept on this phone at once. */
  update: (change: Partial<T>) => void;
  /** When the draft was last kept on this phone; null when nothing typed yet (or it could not be kept). */
  savedAt: string | null;
  /** Forgets the draft (once the server has it). */
  clear: () => void;
}

/**
 * A form's draft kept on this phone as the member types (localStorage: read at once, so the form opens with it), so
 * a dropped signal, a closed tab or a flat battery loses nothing. `key` null: no draft (the form is not ready).
 */
export function useDeviceDraft<T extends object>(key: string | null, initial: T): DeviceDraft<T> {
  const [state, setState] = useState<{ key: string | null; value: T; savedAt: string | null }>(() => {
    const stored = key ? read<T>(key) : null;
    return { key, value: stored ? { ...initial, ...stored.value } : initial, savedAt: stored?.savedAt ?? null };
  });

  useEffect(() => {
    if (state.key === key) return;
    const stored = key ? read<T>(key) : null;
    setState({ key, value: stored ? { ...initial, ...stored.value } : initial, savedAt: stored?.savedAt ?? null });
  }, [key, state.key, initial]);

  const update = useCallback(
    (change: Partial<T>) =>
      setState((s) => {
        const value = { ...s.value, ...change };
        let savedAt: string | null = null;
        if (s.key) {
          try {
            savedAt = new Date().toISOString();
            localStorage.setItem(PREFIX + s.key, JSON.stringify({ value, savedAt }));
          } catch {
            savedAt = null; // storage full or unavailable: the form still works, the note says it is not kept
          }
        }
        return { ...s, value, savedAt };
      }),
    [],
  );

  const clear = useCallback(() => {
    setState((s) => {
      if (s.key) {
        try {
          localStorage.removeItem(PREFIX + s.key);
        } catch {
          // nothing to forget
        }
      }
      return { ...s, savedAt: null };
    });
  }, []);

  return { value: state.value, update, savedAt: state.savedAt, clear };
}
