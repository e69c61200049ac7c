import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type HotlineAction = 'kb.read' | 'kb.manage' | 'consultation.read' | 'consultation.write' | 'report';

/**
 * The knowledge base is one for the whole federation: operators read it, knowledge managers edit it. Consultations,
 * follow-ups and reports belong to the caller's union (or the operator's, for an unknown caller): an operator works
 * on those inside their subtree only.
 */
export function can(
  actor: Pick<Actor, 'role' | 'unionPath'>,
  action: HotlineAction,
  resource?: { unionPath: string },
): boolean {
  const answer = hasPermission(actor.role, 'hotline.answer');
  switch (action) {
    case 'kb.read':
      return answer || hasPermission(actor.role, 'hotline.kb.manage');
    case 'kb.manage':
      return hasPermission(actor.role, 'hotline.kb.manage');
    default:
      return answer && (resource === undefined || inScope(actor, resource.unionPath));
  }
}
