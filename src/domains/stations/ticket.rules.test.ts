import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workingCalendar } from '../aid/working-days.ts';
import { canMoveTicket, isOverdue, nextTicketStatuses, reasonRequired, ticketDueAt } from './ticket.rules.ts';
import { TICKET_STATUSES, type TicketStatus } from './ticket.table.ts';

test('the ticket life cycle, every pair', () => {
  const allowed = new Set([
    'open>in_progress',
    'open>resolved',
    'open>rejected',
    'in_progress>resolved',
    'in_progress>rejected',
  ]);
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      assert.equal(canMoveTicket(from, to), allowed.has(`${from}>${to}`), `${from} → ${to}`);
    }
  }
  assert.deepEqual(nextTicketStatuses('resolved'), []);
  assert.ok(reasonRequired('rejected'));
  assert.ok(!reasonRequired('resolved'));
});

test('due at 18:00 Beijing time on the second working day after opening, holidays skipped', () => {
  const cal = workingCalendar([
    { date: '2026-10-01', kind: 'holiday' },
    { date: '2026-10-02', kind: 'holiday' },
    { date: '2026-10-05', kind: 'holiday' },
    { date: '2026-10-06', kind: 'holiday' },
    { date: '2026-10-07', kind: 'holiday' },
    { date: '2026-10-10', kind: 'workday' },
  ]);
  const due = (iso: string) => ticketDueAt(new Date(iso), cal).toISOString();
  // Monday 09:00 Beijing → Wednesday 18:00
  assert.equal(due('2026-06-01T01:00:00Z'), '2026-06-03T10:00:00.000Z');
  // Friday 23:30 Beijing (15:30 UTC) → Tuesday
  assert.equal(due('2026-06-05T15:30:00Z'), '2026-06-09T10:00:00.000Z');
  // Thursday 20:00 UTC is already Friday in Beijing
  assert.equal(due('2026-06-04T20:00:00Z'), '2026-06-09T10:00:00.000Z');
  // 30 September: the National Day holiday, then the make-up Saturday 10 October
  assert.equal(due('2026-09-30T02:00:00Z'), '2026-10-09T10:00:00.000Z');
  assert.equal(due('2026-10-08T02:00:00Z'), '2026-10-10T10:00:00.000Z');
});

test('only unfinished tickets can be overdue', () => {
  const dueAt = new Date('2026-06-03T10:00:00Z');
  const after = new Date('2026-06-03T10:00:01Z');
  const statuses: [TicketStatus, boolean][] = [
    ['open', true],
    ['in_progress', true],
    ['resolved', false],
    ['rejected', false],
  ];
  for (const [status, overdue] of statuses) assert.equal(isOverdue({ status, dueAt }, after), overdue, status);
  assert.equal(isOverdue({ status: 'open', dueAt }, dueAt), false);
});
