const KEY = 'unioncare.ratedStations';
/** The newest this many ratings are remembered; an older one may be given again. */
const CAP = 200;

export interface RatedStation {
  stars: number;
  /** When this phone sent (or queued) the rating, ISO. */
  at: string;
}

type Remembered = Record<string, RatedStation>;

/** Ratings sent in this page when the phone's storage is unavailable (private mode, storage full). */
const inPage: Remembered = {};

function read(): Remembered {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Remembered) : {};
  } catch {
    return {};
  }
}

/** The rating this phone gave a station, if any: one rating per station and phone. */
export function ratedStation(code: string): RatedStation | null {
  const found = read()[code] ?? inPage[code];
  return found && Number.isInteger(found.stars) ? found : null;
}

/** Remembers that this phone rated a station (once the server has it or the outbox holds it). */
export function rememberRating(code: string, stars: number): RatedStation {
  const rated = { stars, at: new Date().toISOString() };
  inPage[code] = rated;
  const newest = Object.entries({ ...read(), [code]: rated })
    .sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, CAP);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(newest)));
  } catch {
    // storage unavailable: remembered for this page only
  }
  return rated;
}
