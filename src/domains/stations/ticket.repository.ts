import { type Kysely, sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/schema.ts';
import { workingCalendar } from '../aid/working-days.ts';
import type { ReportKind } from './feedback.table.ts';
import { reportStatusFor, ticketDueAt } from './ticket.rules.ts';
import type { TicketStatus } from './ticket.table.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * SQL for "this report was verified": staff or the operator took its ticket up or resolved it (a rejected ticket
 * means unfounded, an open one is not yet looked at). Reports from before tickets existed count when their own
 * status moved past open. Needs `r` (station_reports) and a LEFT JOIN of `t` (station_tickets) through
 * station_ticket_reports.
 */
export const VERIFIED_REPORT = sql<boolean>`CASE WHEN t.id IS NULL THEN r.status <> 'open' ELSE t.status IN ('in_progress', 'resolved') END`;

/** The district federation a station's tickets go to: the deepest district-level union above (or at) its union. */
export async function districtAbove(db: Db, unionPath: string): Promise<string | null> {
  const row = await db
    .selectFrom('unions')
    .select('id')
    .where('kind', '=', 'district')
    .where(sql<boolean>`${unionPath} LIKE path || '%'`)
    .orderBy('depth', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Files a new problem report into the station's unfinished ticket, opening one if there is none. One atomic
 * INSERT … ON CONFLICT on the partial unique index (one unfinished ticket per station): concurrent reports join
 * the same ticket and never open two. Call inside the transaction that inserted the report.
 */
export async function fileReportIntoTicket(
  trx: Transaction<DB>,
  report: { id: string; stationId: string; unionPath: string; kind: ReportKind; at: Date },
): Promise<{ ticketId: string; created: boolean }> {
  const holidays = await trx.selectFrom('aidHolidays').select(['date', 'kind']).execute();
  const dueAt = ticketDueAt(report.at, workingCalendar(holidays));
  const district = await districtAbove(trx, report.unionPath);
  const { rows } = await sql<{ id: string; created: boolean }>`
    INSERT INTO station_tickets
      (id, station_id, union_path, district_union_id, status, kinds, report_count, opened_at, due_at, last_report_at)
    VALUES (${uuidv7()}, ${report.stationId}, ${report.unionPath}, ${district}, 'open', ARRAY[${report.kind}]::text[],
            1, ${report.at}, ${dueAt}, ${report.at})
    ON CONFLICT (station_id) WHERE status IN ('open', 'in_progress') DO UPDATE SET
      report_count = station_tickets.report_count + 1,
      kinds = CASE WHEN ${report.kind} = ANY (station_tickets.kinds) THEN station_tickets.kinds
                   ELSE station_tickets.kinds || ${report.kind}::text END,
      last_report_at = GREATEST(station_tickets.last_report_at, EXCLUDED.last_report_at)
    RETURNING id, (xmax = 0) AS created`.execute(trx);
  const { id, created } = rows[0]!;
  await trx.insertInto('stationTicketReports').values({ reportId: report.id, ticketId: id }).execute();
  if (created) {
    await trx
      .insertInto('stationTicketEvents')
      .values({ ticketId: id, fromStatus: null, toStatus: 'open', at: report.at })
      .execute();
  }
  return { ticketId: id, created };
}

export interface TicketFilter {
  scopePath: string | null;
  operatorAccountId?: string;
  status?: TicketStatus;
  overdueAt?: Date;
  stationCode?: string;
  ticketId?: string;
  page: number;
  pageSize: number;
}

/** Tickets an actor looks after, the most urgent first (unfinished before finished, then by due time). */
export async function listTickets(db: Db, f: TicketFilter) {
  let q = db
    .selectFrom('stationTickets as t')
    .innerJoin('stations as s', 's.id', 't.stationId')
    .leftJoin('unions as d', 'd.id', 't.districtUnionId');
  if (f.operatorAccountId) {
    const accountId = f.operatorAccountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('stationOperators as o')
          .select('o.stationId')
          .whereRef('o.stationId', '=', 't.stationId')
          .where('o.accountId', '=', accountId),
      ),
    );
  } else if (f.scopePath !== null) {
    q = q.where('t.unionPath', 'like', `${f.scopePath}%`);
  }
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.overdueAt) q = q.where('t.status', 'in', ['open', 'in_progress']).where('t.dueAt', '<', f.overdueAt);
  if (f.stationCode) q = q.where('s.code', '=', f.stationCode);
  if (f.ticketId) q = q.where('t.id', '=', f.ticketId);
  const [items, total] = await Promise.all([
    q
      .select([
        't.id',
        't.status',
        't.kinds',
        't.reportCount',
        't.openedAt',
        't.dueAt',
        't.lastReportAt',
        't.statusReason',
        't.statusChangedAt',
        't.closedAt',
        's.code as stationCode',
        's.name as stationName',
        's.address as stationAddress',
        'd.id as districtId',
        'd.name as districtName',
      ])
      .orderBy(sql`CASE WHEN t.status IN ('open', 'in_progress') THEN 0 ELSE 1 END`)
      .orderBy('t.dueAt')
      .orderBy('t.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One ticket with what a policy needs; `forUpdate` locks the ticket row for a status change. */
export async function findTicket(db: Db, id: string, forUpdate = false) {
  let q = db
    .selectFrom('stationTickets as t')
    .innerJoin('stations as s', 's.id', 't.stationId')
    .select(['t.id', 't.status', 't.stationId', 't.unionPath', 't.dueAt', 's.code as stationCode', 's.unionId']);
  q = q.where('t.id', '=', id);
  if (forUpdate) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

export async function ticketDetail(db: Db, id: string) {
  const [reports, events] = await Promise.all([
    db
      .selectFrom('stationTicketReports as tr')
      .innerJoin('stationReports as r', 'r.id', 'tr.reportId')
      .select(['r.id', 'r.kind', 'r.amenity', 'r.text', 'r.status', 'r.createdAt'])
      .where('tr.ticketId', '=', id)
      .orderBy('r.createdAt')
      .execute(),
    db
      .selectFrom('stationTicketEvents')
      .select(['fromStatus', 'toStatus', 'reason', 'actorId', 'at'])
      .where('ticketId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  return { reports, events };
}

/** Moves a locked ticket, writes its event and carries the move over to the reports it holds. */
export async function moveTicket(
  trx: Transaction<DB>,
  ticket: { id: string; status: TicketStatus },
  change: { to: TicketStatus; reason: string | null; by: string; at: Date },
) {
  const closing = change.to === 'resolved' || change.to === 'rejected';
  const updated = await trx
    .updateTable('stationTickets')
    .set({
      status: change.to,
      statusReason: change.reason,
      statusChangedAt: change.at,
      statusChangedBy: change.by,
      closedAt: closing ? change.at : null,
    })
    .where('id', '=', ticket.id)
    .returning(['id', 'status', 'statusReason', 'statusChangedAt', 'dueAt'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('stationTicketEvents')
    .values({
      ticketId: ticket.id,
      fromStatus: ticket.status,
      toStatus: change.to,
      reason: change.reason,
      actorId: change.by,
      at: change.at,
    })
    .execute();
  const reportStatus = reportStatusFor(change.to);
  await trx
    .updateTable('stationReports')
    .set({ status: reportStatus, statusNote: change.reason, statusChangedAt: change.at, statusChangedBy: change.by })
    .where('id', 'in', (eb) =>
      eb.selectFrom('stationTicketReports').select('reportId').where('ticketId', '=', ticket.id),
    )
    .where('status', '!=', 'resolved')
    .execute();
  return updated;
}
