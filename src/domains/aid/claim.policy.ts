import { hasPermission, inScope, type Permission } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type ClaimPolicyAction = 'read' | 'file' | 'check' | 'decide' | 'pay';

const PERMISSION: Record<ClaimPolicyAction, Permission> = {
  read: 'aid.claims.read',
  file: 'aid.claims.file',
  check: 'aid.claims.check',
  decide: 'aid.claims.decide',
  pay: 'aid.payouts',
};

/**
 * A member reads and files only their own claims; staff act on claims of members inside their union subtree, as far
 * as their role goes (workplace unions file and check, the city federation decides and pays). Filing covers editing,
 * consent, documents and (re)submitting.
 */
export function can(actor: Actor, action: ClaimPolicyAction, claim: { memberId: string; unionPath: string }): boolean {
  if (actor.role === 'member') return (action === 'read' || action === 'file') && actor.memberId === claim.memberId;
  return hasPermission(actor.role, PERMISSION[action]) && inScope(actor, claim.unionPath);
}
