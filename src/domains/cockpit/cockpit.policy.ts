import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import type { UnionKind } from '../unions/union.table.ts';

/** Levels the cockpit figures are kept at (per district, summed upwards); a workplace union is below them. */
export const COCKPIT_LEVELS: readonly UnionKind[] = ['national', 'provincial', 'city', 'district'];

/** May the actor see the cockpit of this union: cockpit.view, the union in their subtree and a district or above. */
export function canViewUnion(
  actor: Pick<Actor, 'role' | 'unionPath'>,
  union: { path: string; kind: UnionKind },
): boolean {
  return hasPermission(actor.role, 'cockpit.view') && inScope(actor, union.path) && COCKPIT_LEVELS.includes(union.kind);
}
