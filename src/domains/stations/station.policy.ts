import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import type { StationStatus } from './station.table.ts';

/**
 * read/update/status: the whole record; `operate` is what a station's own operator may change: hours, amenities,
 * and taking the station out of service (suspended) when it cannot open.
 */
export type StationAction = 'read' | 'update' | 'status' | 'operate';

export interface StationResource {
  unionPath: string;
  /** True when the actor is one of the station's linked operators. */
  operatedByActor: boolean;
}

/** Staff act inside their union subtree as far as their role goes; operators act on the stations they run. */
export function can(actor: Actor, action: StationAction, station: StationResource): boolean {
  if (actor.role === 'station_operator') {
    return station.operatedByActor && (action === 'read' || action === 'operate');
  }
  const permission = action === 'read' ? 'stations.read' : 'stations.write';
  return hasPermission(actor.role, permission) && inScope(actor, station.unionPath);
}

/** The status changes an operator may make on its own; staff may make every allowed transition. */
export function operatorMayChangeStatus(from: StationStatus, to: StationStatus): boolean {
  return from === 'active' && to === 'suspended';
}
