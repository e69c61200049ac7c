import type { Generated } from 'kysely';

export interface ActivityPlace {
  name: string;
  stationCode: string | null;
  lng: number | null;
  lat: number | null;
}
export interface ActivityTeam {
  name: string;
  leader: string;
  members: string[];
}

export interface CareActivityTable {
  id: string;
  unionId: string;
  unionPath: string;
  title: string;
  kind: 'summer_relief' | 'winter_warmth' | 'festival_visit' | 'health' | 'other';
  startsOn: string;
  endsOn: string;
  /** ActivityPlace[] (JSON text on write). */
  places: unknown;
  /** ActivityTeam[] (JSON text on write). */
  teams: unknown;
  notes: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CareActivityHandoutTable {
  id: string;
  activityId: string;
  itemId: string;
  quantity: number;
  placeName: string;
  handedOn: string;
  movementId: number;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareActivityReachTable {
  id: string;
  activityId: string;
  day: string;
  placeName: string;
  people: number;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareActivityPhotoTable {
  id: string;
  activityId: string;
  fileKey: string;
  contentType: string;
  sizeBytes: number;
  caption: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}
