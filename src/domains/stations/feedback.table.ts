import type { Generated } from 'kysely';

export const REPORT_KINDS = ['closed_during_hours', 'refused_entry', 'amenity_missing', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Columns every public feedback write carries so a retried post lands once (see migration 0005). */
interface Idempotent {
  id: string;
  stationId: string;
  accountId: string | null;
  idempotencyKey: string;
  requestHash: Buffer;
  createdAt: Generated<Date>;
}

export interface StationCheckinTable extends Idempotent {
  lng: number | null;
  lat: number | null;
  distanceM: number | null;
}

export interface StationRatingTable extends Idempotent {
  stars: number;
  comment: string | null;
}

export interface StationReportTable extends Idempotent {
  kind: ReportKind;
  amenity: string | null;
  text: Generated<string>;
  status: Generated<ReportStatus>;
  statusNote: string | null;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
}
