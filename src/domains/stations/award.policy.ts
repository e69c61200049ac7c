import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

/**
 * manage: create and publish campaigns (city federation); judge: jury scores (city staff as jurors); nominate:
 * district federations put forward active stations of their own subtree; vote: signed-in members only.
 */
export type AwardAction = 'manage' | 'judge' | 'nominate' | 'vote';

export interface AwardResource {
  /** The campaign's union path (manage, judge) or the nominated station's (nominate). */
  unionPath: string;
}

export function can(actor: Actor, action: AwardAction, resource: AwardResource): boolean {
  switch (action) {
    case 'vote':
      return actor.role === 'member' && actor.memberId !== null;
    case 'nominate':
      return (
        ['district_staff', 'city_staff', 'admin'].includes(actor.role) &&
        hasPermission(actor.role, 'stations.oversee') &&
        inScope(actor, resource.unionPath)
      );
    default:
      return hasPermission(actor.role, 'stations.awards') && inScope(actor, resource.unionPath);
  }
}
