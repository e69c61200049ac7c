import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

/** `read`: list and open worker reports; `update`: acknowledge, resolve or reopen them. */
export type ReportAction = 'read' | 'update';

export interface ReportResource {
  /** The union path of the reported station. */
  unionPath: string;
  /** True when the actor is one of the station's linked operators. */
  operatedByActor: boolean;
}

/**
 * Staff handle reports on stations in their union subtree (auditors only read them); a station's own operator
 * handles the reports about that station, since fixing "closed during opening hours" starts at the door.
 */
export function can(actor: Actor, action: ReportAction, report: ReportResource): boolean {
  if (actor.role === 'station_operator') return report.operatedByActor;
  const permission = action === 'read' ? 'stations.read' : 'stations.write';
  return hasPermission(actor.role, permission) && inScope(actor, report.unionPath);
}
