/** Shapes of the UnionCare API v1 as the web app uses them (see the API contract in the brief / OpenAPI). */

export type Role =
  | 'member'
  | 'station_operator'
  | 'workplace_staff'
  | 'district_staff'
  | 'city_staff'
  | 'auditor'
  | 'admin';

export type UnionKind = 'national' | 'provincial' | 'city' | 'district' | 'workplace' | 'home';
export type MemberStatus = 'active' | 'transferred' | 'left';
export type CardStatus = 'active' | 'suspended' | 'cancelled';

export interface UnionRef {
  id: string;
  name: string;
  kind: UnionKind;
}

export interface User {
  id: string;
  phone: string;
  displayName: string;
  role: Role;
  union: (UnionRef & { code: string }) | null;
  memberId: string | null;
  totpEnabled: boolean;
  permissions: string[];
}

export interface LoginResponse {
  token: string;
  user: User;
}

export interface AidCard {
  id: string;
  cardNo: string;
  status: CardStatus;
  validFrom: string;
  validTo: string;
  bankAccountMasked: string | null;
  bankName: string | null;
}

export interface MyMember {
  id: string;
  name: string;
  phone: string;
  idNumberMasked: string;
  gender: string;
  birthDate: string;
  union: UnionRef;
  status: MemberStatus;
  joinedOn: string;
  cards: AidCard[];
}

export interface Union {
  id: string;
  code: string;
  name: string;
  kind: UnionKind;
  parentId: string | null;
  regionCode: string;
  regionName: string;
  memberCount: number;
}

export interface MemberRow {
  id: string;
  name: string;
  phone: string;
  idNumberMasked: string;
  gender: string;
  unionId: string;
  unionName: string;
  status: MemberStatus;
  joinedOn: string;
  card: { cardNo: string; status: CardStatus; validFrom: string; validTo: string } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface MemberDetail extends MyMember {
  statusHistory: { status: MemberStatus; at: string; unionName: string; reason: string | null }[];
}

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportError {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: ImportError[];
  message: string | null;
}

export interface ProblemDetails {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  totpRequired?: boolean;
}

/** Permission strings the web app checks before showing an action. */
export const PERMISSIONS = {
  membersRead: 'members.read',
  membersWrite: 'members.write',
  membersImport: 'members.import',
  membersReveal: 'members.reveal',
  unionsRead: 'unions.read',
} as const;
