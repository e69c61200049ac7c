import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type UnionAction = 'read' | 'create-child' | 'update';

/** Staff read their subtree; district and city staff may add and edit unions inside it (not their own root). */
export function can(actor: Actor, action: UnionAction, union: { id: string; path: string }): boolean {
  if (!inScope(actor, union.path)) return false;
  switch (action) {
    case 'read':
      return hasPermission(actor.role, 'unions.read');
    case 'create-child':
      return hasPermission(actor.role, 'unions.write');
    case 'update':
      return hasPermission(actor.role, 'unions.write') && (actor.role === 'admin' || union.id !== actor.unionId);
  }
}
