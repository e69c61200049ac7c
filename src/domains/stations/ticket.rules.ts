/**
 * Tickets (工单) gather worker problem reports on one station until someone deals with them. Life cycle
 * open → in_progress → resolved | rejected (rejected needs a reason: the reports were unfounded). The SLA is counted
 * in Chinese working days (holidays and make-up working days included). Pure: no Fastify, no Kysely.
 */
import { shanghaiDay } from '../../platform/clock.ts';
import type { WorkingCalendar } from '../aid/working-days.ts';
import type { TicketStatus } from './ticket.table.ts';

/** A ticket is due at the end of the second working day after the day it opened (18:00 Beijing time). */
export const TICKET_SLA_WORKING_DAYS = 2;
export const TICKET_DUE_HOUR = '18:00:00';

const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress', 'resolved', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export function canMoveTicket(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextTicketStatuses(from: TicketStatus): readonly TicketStatus[] {
  return NEXT[from];
}

export function isOpenTicket(status: TicketStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

/** Rejecting says the reports were wrong, so it must say why; other moves may carry a note. */
export function reasonRequired(to: TicketStatus): boolean {
  return to === 'rejected';
}

export function ticketDueAt(
  openedAt: Date,
  calendar: Pick<WorkingCalendar, 'addWorkingDays'>,
  workingDays = TICKET_SLA_WORKING_DAYS,
): Date {
  const day = calendar.addWorkingDays(shanghaiDay(openedAt), workingDays);
  return new Date(`${day}T${TICKET_DUE_HOUR}+08:00`);
}

export function isOverdue(ticket: { status: TicketStatus; dueAt: Date }, now: Date): boolean {
  return isOpenTicket(ticket.status) && ticket.dueAt.getTime() < now.getTime();
}

/**
 * What a ticket's move means for the worker reports in it (their own status, shown on the feedback list):
 * taking it up acknowledges them, closing it resolves them.
 */
export function reportStatusFor(to: TicketStatus): 'acknowledged' | 'resolved' {
  return to === 'in_progress' ? 'acknowledged' : 'resolved';
}
