import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type MemberAction = 'read' | 'write' | 'reveal';

/**
 * A member sees only their own record; staff act on members inside their union subtree, as far as their role's
 * permissions go. Revealing a full ID or bank number is a separate, audited permission.
 */
export function can(actor: Actor, action: MemberAction, member: { id: string; unionPath: string }): boolean {
  if (actor.role === 'member') return action === 'read' && actor.memberId === member.id;
  const permission = action === 'read' ? 'members.read' : action === 'write' ? 'members.write' : 'members.reveal';
  return hasPermission(actor.role, permission) && inScope(actor, member.unionPath);
}
