/** The roles of GLOSSARY/issue 2; staff roles are scoped to the union subtree of their account's union. */
export const ROLES = [
  'member',
  'station_operator',
  'workplace_staff',
  'district_staff',
  'city_staff',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['workplace_staff', 'district_staff', 'city_staff', 'auditor', 'admin'];

/** Who is making a request, as every policy sees it. */
export interface Actor {
  accountId: string;
  role: Role;
  /** Root of the subtree the actor may see (null for members, operators and a national admin). */
  unionId: string | null;
  /** Materialised path of that root, e.g. '/1/4/'; null means the whole tree (admin). */
  unionPath: string | null;
  memberId: string | null;
}
