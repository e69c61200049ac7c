import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { STATUS_NOTE_MAX } from './feedback.rules.ts';
import { TICKET_STATUSES } from './ticket.table.ts';

export const TicketStatusSchema = StringEnum(TICKET_STATUSES);

export const TicketListQuery = Type.Object(
  {
    status: Type.Optional(TicketStatusSchema),
    overdue: Type.Optional(Type.Boolean({ description: 'only unfinished tickets past their due time' })),
    stationCode: Type.Optional(Type.String({ maxLength: 20 })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const TicketFields = {
  id: Type.String(),
  station: Type.Object({ code: Type.String(), name: Type.String(), address: Type.String() }),
  status: TicketStatusSchema,
  kinds: Type.Array(Type.String()),
  reportCount: Type.Integer(),
  openedAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  lastReportAt: Type.String(),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  district: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  nextStatuses: Type.Array(TicketStatusSchema),
};
export const Ticket = Type.Object(TicketFields);

export const TicketPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Ticket),
});

export const TicketDetail = Type.Object({
  ...TicketFields,
  reports: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      amenity: Nullable(Type.String()),
      text: Type.String(),
      status: Type.String(),
      createdAt: Type.String(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      fromStatus: Nullable(TicketStatusSchema),
      toStatus: TicketStatusSchema,
      reason: Nullable(Type.String()),
      actorId: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
});

export const TicketIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const TicketStatusBody = Type.Object(
  {
    status: StringEnum(['in_progress', 'resolved', 'rejected'] as const),
    reason: Type.Optional(Type.String({ maxLength: STATUS_NOTE_MAX * 2, description: 'required to reject' })),
  },
  { additionalProperties: false },
);
