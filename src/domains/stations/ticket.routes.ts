import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { hasPermission } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import { can } from './feedback.policy.ts';
import { cleanText, STATUS_NOTE_MAX, TEXT_PROBLEMS } from './feedback.rules.ts';
import { recomputeHealth } from './health-score.repository.ts';
import { isStationOperator } from './station.repository.ts';
import { errorResponses } from './station-access.ts';
import { findTicket, listTickets, moveTicket, ticketDetail } from './ticket.repository.ts';
import { canMoveTicket, isOverdue, nextTicketStatuses, reasonRequired } from './ticket.rules.ts';
import { TicketDetail, TicketIdParams, TicketListQuery, TicketPage, TicketStatusBody } from './ticket.schemas.ts';
import type { TicketStatus } from './ticket.table.ts';

type Row = Awaited<ReturnType<typeof listTickets>>['items'][number];

function ticketView(actor: Actor, t: Row, now: Date) {
  const mayUpdate = actor.role === 'station_operator' || hasPermission(actor.role, 'stations.write');
  return {
    id: t.id,
    station: { code: t.stationCode, name: t.stationName, address: t.stationAddress },
    status: t.status,
    kinds: t.kinds,
    reportCount: t.reportCount,
    openedAt: t.openedAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    overdue: isOverdue(t, now),
    lastReportAt: t.lastReportAt.toISOString(),
    statusReason: t.statusReason,
    statusChangedAt: t.statusChangedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    district: t.districtId ? { id: t.districtId, name: t.districtName! } : null,
    nextStatuses: mayUpdate ? [...nextTicketStatuses(t.status)] : [],
  };
}

/**
 * Tickets opened from worker problem reports (one unfinished ticket per station gathers its reports), for the
 * station's operators and the staff of its union subtree, the district federation included.
 */
export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  const scopeOf = (actor: Actor) =>
    actor.role === 'station_operator'
      ? { scopePath: null, operatorAccountId: actor.accountId }
      : { scopePath: actor.unionPath };

  app.get(
    '/stations/tickets',
    {
      schema: {
        tags: ['stations'],
        summary: 'Tickets on the stations you look after, the most urgent first',
        querystring: TicketListQuery,
        response: { 200: TicketPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      const { page, pageSize, overdue, ...filter } = request.query;
      const now = clock.now();
      const result = await listTickets(db, {
        ...filter,
        ...scopeOf(actor),
        overdueAt: overdue ? now : undefined,
        page,
        pageSize,
      });
      return { total: result.total, page, pageSize, items: result.items.map((t) => ticketView(actor, t, now)) };
    },
  );

  app.get(
    '/stations/tickets/:id',
    {
      schema: {
        tags: ['stations'],
        summary: 'One ticket with its reports and its history',
        params: TicketIdParams,
        response: { 200: TicketDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      const { items } = await listTickets(db, { ...scopeOf(actor), page: 1, pageSize: 1, ticketId: request.params.id });
      const t = items[0];
      if (!t) throw Problem.notFound();
      const detail = await ticketDetail(db, t.id);
      return {
        ...ticketView(actor, t, clock.now()),
        reports: detail.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        events: detail.events.map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    },
  );

  app.post(
    '/stations/tickets/:id/status',
    {
      schema: {
        tags: ['stations'],
        summary: 'Take up, resolve or reject a ticket (rejecting needs a reason); audited',
        params: TicketIdParams,
        body: TicketStatusBody,
        response: { 200: TicketDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const to: TicketStatus = request.body.status;
      const cleaned = cleanText(request.body.reason ?? '', STATUS_NOTE_MAX);
      if (!cleaned.ok) {
        const message = cleaned.problem === 'tooLong' ? 'fieldTooLong' : TEXT_PROBLEMS[cleaned.problem];
        throw Problem.validation([{ field: 'body.reason', message, params: { limit: STATUS_NOTE_MAX } }]);
      }
      const reason = cleaned.text || null;
      if (reasonRequired(to) && !reason) throw Problem.validation([{ field: 'body.reason', message: 'fieldRequired' }]);
      const now = clock.now();
      const stationId = await db.transaction().execute(async (trx) => {
        const ticket = await findTicket(trx, request.params.id, true);
        if (!ticket) throw Problem.notFound();
        const operatedByActor =
          actor.role === 'station_operator' && (await isStationOperator(trx, ticket.stationId, actor.accountId));
        const resource = { unionPath: ticket.unionPath, operatedByActor };
        if (!can(actor, 'read', resource)) throw Problem.notFound();
        if (!can(actor, 'update', resource)) throw Problem.forbidden();
        if (!canMoveTicket(ticket.status, to)) {
          throw new Problem(409, 'conflict', {
            errors: [
              {
                field: 'body.status',
                message: {
                  'zh-CN': `工单当前为“${ticket.status}”，不能改为“${to}”`,
                  en: `a ticket that is ${ticket.status} cannot become ${to}`,
                },
              },
            ],
          });
        }
        await moveTicket(trx, ticket, { to, reason, by: actor.accountId, at: now });
        await recordAudit(trx, {
          actor,
          action: 'station.ticket.status',
          entity: 'station_ticket',
          entityId: ticket.id,
          unionId: ticket.unionId,
          reason,
          detail: { stationCode: ticket.stationCode, from: ticket.status, to },
          requestId: request.id,
          ip: request.ip,
        });
        return ticket.stationId;
      });
      await recomputeHealth(db, [stationId], now);
      const { items } = await listTickets(db, { scopePath: null, page: 1, pageSize: 1, ticketId: request.params.id });
      const detail = await ticketDetail(db, request.params.id);
      return {
        ...ticketView(actor, items[0]!, now),
        reports: detail.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        events: detail.events.map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    },
  );
};
