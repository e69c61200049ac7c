import type { Generated } from 'kysely';

export const STATION_STATUSES = ['planned', 'active', 'suspended', 'exited'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
export const MANAGEMENT_MODES = ['purchased', 'partnership', 'entrusted', 'self_run'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
export const VERIFIED_FIELDS = ['hours', 'amenities', 'location'] as const;
export type VerifiedField = (typeof VERIFIED_FIELDS)[number];
export type LastVerified = Partial<Record<VerifiedField, { at: string; by: string | null }>>;

export interface StationTable {
  id: string;
  code: string;
  stationType: string;
  name: string;
  address: string;
  regionCode: string;
  unionId: string;
  unionPath: string;
  hostOrg: string | null;
  managementMode: ManagementMode;
  lng: number;
  lat: number;
  /** An OpeningHours value (opening-hours.ts); written as JSON text. */
  openingHours: unknown;
  amenities: string[];
  phone: string | null;
  externalId: string | null;
  status: StationStatus;
  investmentFen: number | null;
  lastVerified: unknown;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface StationStatusHistoryTable {
  id: Generated<number>;
  stationId: string;
  status: StationStatus;
  at: Generated<Date>;
  reason: string | null;
  actorId: string | null;
}

export interface StationPhotoTable {
  id: string;
  stationId: string;
  fileRef: string;
  caption: string | null;
  sortOrder: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface StationOperatorTable {
  stationId: string;
  accountId: string;
  createdAt: Generated<Date>;
}

export interface StationCodeCounterTable {
  regionCode: string;
  stationType: string;
  next: number;
}
