/**
 * Demand logging for the suggested-sites map: the public /nearby route calls `recordDemand(lng, lat)` (WGS-84) on
 * every search. It only bumps a counter in memory (no I/O on the hot path); a flusher started by the operations
 * plugin adds the counts per grid cell and month to station_demand_cells every few seconds, in one statement.
 * Counts buffered when a process dies are lost: this is a coarse statistic, not a ledger.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { demandCellOf } from './coverage.ts';

/** Beyond this many distinct cells in one interval, further new cells are dropped (a flood of random points). */
export const MAX_BUFFERED_CELLS = 50_000;

const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

let buffer = new Map<string, number>();
let monthMinute = -1;
let month = '';

/** The Shanghai month of a time, formatted once a minute at most (Intl is the slow part of recordDemand). */
function shanghaiMonth(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== monthMinute) {
    monthMinute = minute;
    month = monthOf.format(at);
  }
  return month;
}

/** Counts one map search at this WGS-84 point; cheap enough for the hottest route. */
export function recordDemand(lng: number, lat: number, at: Date = new Date()): void {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
  const { x, y } = demandCellOf(lng, lat);
  const key = `${x}|${y}|${shanghaiMonth(at)}`;
  const n = buffer.get(key);
  if (n !== undefined) buffer.set(key, n + 1);
  else if (buffer.size < MAX_BUFFERED_CELLS) buffer.set(key, 1);
}

/** Writes and empties the buffer; on failure the counts go back into it for the next attempt. */
export async function flushDemand(db: Database): Promise<number> {
  if (buffer.size === 0) return 0;
  const taken = buffer;
  buffer = new Map();
  const xs: number[] = [];
  const ys: number[] = [];
  const months: string[] = [];
  const counts: number[] = [];
  for (const [key, n] of taken) {
    const [x, y, month] = key.split('|') as [string, string, string];
    xs.push(Number(x));
    ys.push(Number(y));
    months.push(`${month}-01`);
    counts.push(n);
  }
  try {
    await sql`
      INSERT INTO station_demand_cells (cell_x, cell_y, month, searches)
      SELECT * FROM unnest(${xs}::int[], ${ys}::int[], ${months}::date[], ${counts}::int[])
      ON CONFLICT (cell_x, cell_y, month) DO UPDATE SET searches = station_demand_cells.searches + EXCLUDED.searches`.execute(
      db,
    );
  } catch (err) {
    for (const [key, n] of taken) buffer.set(key, (buffer.get(key) ?? 0) + n);
    throw err;
  }
  return taken.size;
}

/** Flushes every `intervalMs` until stopped (stop flushes once more). */
export function startDemandFlusher(
  db: Database,
  intervalMs: number,
  log: { warn(obj: object, msg: string): void },
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => flushDemand(db)).catch((err) => log.warn({ err }, 'demand flush failed'));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      tick();
      await running;
    },
  };
}
