import type { Generated } from 'kysely';

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'rejected'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface StationTicketTable {
  id: string;
  stationId: string;
  unionPath: string;
  districtUnionId: string | null;
  status: Generated<TicketStatus>;
  kinds: string[];
  reportCount: number;
  openedAt: Date;
  dueAt: Date;
  lastReportAt: Date;
  statusReason: string | null;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  closedAt: Date | null;
}

export interface StationTicketReportTable {
  reportId: string;
  ticketId: string;
}

export interface StationTicketEventTable {
  id: Generated<number>;
  ticketId: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  reason: string | null;
  actorId: string | null;
  at: Generated<Date>;
}
