import type { UnionKind } from './union.table.ts';

/** The order of levels in the union tree, top first. */
const LEVEL: Record<UnionKind, number> = { national: 0, provincial: 1, city: 2, district: 3, workplace: 4, home: 5 };

/**
 * A child must sit lower than its parent: a district federation under a city federation, a 职工小家 under a workplace
 * union. Levels may be skipped (a city-run workplace union directly under the city federation) but never reversed.
 */
export function canContain(parent: UnionKind, child: UnionKind): boolean {
  return LEVEL[child] > LEVEL[parent];
}

/** The materialised path of a union: its parent's path plus its own sequence number. */
export function childPath(parentPath: string | null, seq: number): string {
  return `${parentPath ?? '/'}${seq}/`;
}

/** Union codes are what staff type on the command line (`--union BJ-CP`): short, upper-case, no spaces. */
export function isUnionCode(code: string): boolean {
  return /^[A-Z0-9][A-Z0-9-]{1,31}$/.test(code);
}
