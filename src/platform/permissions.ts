import type { Actor, Role } from './roles.ts';

export const PERMISSIONS = [
  'unions.read',
  'unions.write',
  'members.read',
  'members.write',
  'members.import',
  'members.reveal',
  'audit.read',
  'accounts.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ['unions.read', 'members.read', 'members.write', 'members.import'];

/** What each role may do at all; *where* it may do it is the union subtree (see `inScope`). */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: [],
  station_operator: [],
  workplace_staff: STAFF_BASE,
  district_staff: [...STAFF_BASE, 'unions.write'],
  city_staff: [...STAFF_BASE, 'unions.write', 'members.reveal', 'accounts.manage'],
  auditor: ['unions.read', 'members.read', 'audit.read'],
  admin: PERMISSIONS,
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** True when a record at `unionPath` lies in the actor's subtree; an admin without a union sees the whole tree. */
export function inScope(actor: Pick<Actor, 'role' | 'unionPath'>, unionPath: string): boolean {
  if (actor.unionPath === null) return actor.role === 'admin';
  return unionPath.startsWith(actor.unionPath);
}
