import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/**
 * Station tickets (工单): worker problem reports on one station gathered until its operator or the district deals
 * with them. Shapes mirror src/domains/stations/ticket.schemas.ts.
 */

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'rejected'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** The moves a person can make (the server's TicketStatusBody); `open` is only ever the starting point. */
export type TicketMove = Exclude<TicketStatus, 'open'>;
/** The report kinds of src/domains/stations/feedback.table.ts. */
export const REPORT_KINDS = ['closed_during_hours', 'refused_entry', 'amenity_missing', 'other'] as const;

export interface Ticket {
  id: string;
  station: { code: string; name: string; address: string };
  status: TicketStatus;
  kinds: string[];
  reportCount: number;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  lastReportAt: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  closedAt: string | null;
  district: { id: string; name: string } | null;
  /** Empty when this user may only read (auditors). */
  nextStatuses: TicketStatus[];
}

export interface TicketReport {
  id: string;
  kind: string;
  amenity: string | null;
  /** Plain text as the worker typed it: render as text, never as HTML. */
  text: string;
  status: string;
  createdAt: string;
}

export interface TicketEvent {
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  reason: string | null;
  actorId: string | null;
  at: string;
}

export interface TicketDetail extends Ticket {
  reports: TicketReport[];
  events: TicketEvent[];
}

export interface TicketListQuery {
  status?: TicketStatus;
  overdue?: boolean;
  stationCode?: string;
  page: number;
  pageSize: number;
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const KEY = ['stations', 'tickets'] as const;

export function useTickets(query: TicketListQuery, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: ({ signal }) =>
      api<Page<Ticket>>('/api/v1/stations/tickets', {
        query: { ...query, overdue: query.overdue ? 'true' : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How many tickets nobody has taken up yet, for the menu badge (one row fetched, the total read). */
export function useOpenTicketCount(enabled: boolean) {
  const list = useTickets({ status: 'open', page: 1, pageSize: 1 }, enabled);
  return list.data?.total;
}

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api<TicketDetail>(`/api/v1/stations/tickets/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useMoveTicket(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { status: TicketMove; reason?: string }) =>
      api<TicketDetail>(`/api/v1/stations/tickets/${encodeURIComponent(id)}/status`, {
        method: 'POST',
        body: { status: input.status, ...(input.reason ? { reason: input.reason } : {}) },
      }),
    onSuccess: (detail) => {
      client.setQueryData([...KEY, 'detail', id], detail);
      // lists, the menu badge and the station's health score all move with the ticket
      return client.invalidateQueries({ queryKey: ['stations'] });
    },
  });
}
