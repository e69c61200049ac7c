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
  'stations.read',
  'stations.write',
  // District and city oversight of the station network: checklists, exit reviews and their decisions.
  'stations.oversee',
  // The "most beautiful station" campaign: campaigns, jury scores, publishing winners (city federation).
  'stations.awards',
  'aid.claims.read',
  'aid.claims.file',
  'aid.claims.check',
  'aid.claims.decide',
  'aid.payouts',
  'aid.stats',
  'aid.schemes.manage',
  // 问卷调查: read results of surveys published in one's subtree; build, publish and close them.
  'surveys.read',
  'surveys.manage',
  // 关爱/普惠: stock, distributions, care activities, competitions, volunteering.
  'care.read',
  'care.manage',
  // 12351 hotline: the operator screen (consultations) and the knowledge base behind it.
  'hotline.answer',
  'hotline.kb.manage',
  // Publicity articles pushed to members of a subtree.
  'articles.manage',
  // The federation cockpit and analysis (数据大屏).
  'cockpit.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = [
  'unions.read',
  'members.read',
  'members.write',
  'members.import',
  'stations.read',
  'stations.write',
];

/** What each role may do at all; *where* it may do it is the union subtree (see `inScope`). */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: [],
  // Reads and operates only the stations it is linked to (station_operators); see stations/station.policy.ts.
  station_operator: ['stations.read'],
  // Mutual aid: workplace unions file and check claims, the city federation decides, pays and runs the schemes.
  workplace_staff: [
    ...STAFF_BASE,
    'aid.claims.read',
    'aid.claims.file',
    'aid.claims.check',
    'surveys.read',
    'surveys.manage',
    'care.read',
    'care.manage',
    'articles.manage',
  ],
  district_staff: [
    ...STAFF_BASE,
    'unions.write',
    'stations.oversee',
    'aid.claims.read',
    'aid.stats',
    'surveys.read',
    'surveys.manage',
    'care.read',
    'care.manage',
    'hotline.answer',
    'articles.manage',
    'cockpit.view',
  ],
  city_staff: [
    ...STAFF_BASE,
    'unions.write',
    'stations.oversee',
    'stations.awards',
    'members.reveal',
    'accounts.manage',
    'aid.claims.read',
    'aid.claims.decide',
    'aid.payouts',
    'aid.stats',
    'aid.schemes.manage',
    'surveys.read',
    'surveys.manage',
    'care.read',
    'care.manage',
    'hotline.answer',
    'hotline.kb.manage',
    'articles.manage',
    'cockpit.view',
  ],
  auditor: [
    'unions.read',
    'members.read',
    'audit.read',
    'stations.read',
    'aid.claims.read',
    'aid.stats',
    'surveys.read',
    'care.read',
    'cockpit.view',
  ],
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
