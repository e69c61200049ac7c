import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

/** read: see stock, distributions, activities…; manage: receive, move, hand over, record. */
export type CareAction = 'read' | 'manage';

/**
 * Staff act on care records of unions inside their subtree as far as their role goes; members never through the
 * staff routes (they have their own /me/care routes, checked against their member id).
 */
export function can(actor: Actor, action: CareAction, resource: { unionPath: string }): boolean {
  if (actor.role === 'member' || actor.role === 'station_operator') return false;
  return (
    hasPermission(actor.role, action === 'read' ? 'care.read' : 'care.manage') && inScope(actor, resource.unionPath)
  );
}

/**
 * Who confirms receipt of a hand-over: the member it was for, or (for a union recipient) staff of the receiving
 * union's subtree acting as its representative.
 */
export function canConfirm(
  actor: Actor,
  recipient: { kind: 'member'; memberId: string } | { kind: 'union'; unionPath: string },
): boolean {
  if (recipient.kind === 'member') return actor.role === 'member' && actor.memberId === recipient.memberId;
  return can(actor, 'manage', { unionPath: recipient.unionPath });
}
