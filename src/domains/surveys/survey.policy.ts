import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type SurveyAction = 'read' | 'manage';

/** Staff read (results) and manage (build, publish, close, links) surveys owned by a union in their subtree. */
export function can(
  actor: Pick<Actor, 'role' | 'unionPath'>,
  action: SurveyAction,
  survey: { ownerUnionPath: string },
) {
  const permission = action === 'read' ? 'surveys.read' : 'surveys.manage';
  return hasPermission(actor.role, permission) && inScope(actor, survey.ownerUnionPath);
}
