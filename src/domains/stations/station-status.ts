/**
 * Station life cycle. `exited` is final: an exited station keeps its code and history but never comes back (a
 * reopened site is a new station with a new code, so a printed sign never points at a different place).
 */
import type { StationStatus } from './station.table.ts';

const NEXT: Record<StationStatus, readonly StationStatus[]> = {
  planned: ['active', 'exited'],
  active: ['suspended', 'exited'],
  suspended: ['active', 'exited'],
  exited: [],
};

export function canTransition(from: StationStatus, to: StationStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: StationStatus): readonly StationStatus[] {
  return NEXT[from];
}

/** Only active stations are on the public map and in the nearest-station index. */
export function isOnMap(status: StationStatus): boolean {
  return status === 'active';
}
