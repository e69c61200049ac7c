import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { AMENITIES } from './amenity.ts';
import { COMMENT_MAX, REPORT_TEXT_MAX, STATUS_NOTE_MAX } from './feedback.rules.ts';
import { REPORT_KINDS, REPORT_STATUSES } from './feedback.table.ts';
import { Crs } from './station.schemas.ts';

export const ReportKindSchema = StringEnum(REPORT_KINDS);
export const ReportStatusSchema = StringEnum(REPORT_STATUSES);

/** Every public feedback post names itself, so a retried or offline-queued post is recorded once. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    format: 'uuid',
    description: 'a UUID the client generates once per post and repeats on every retry',
  }),
});

// Text caps are checked again after cleaning (feedback.rules.ts); the schema limits stop oversized bodies early.
export const CheckinBody = Type.Object(
  {
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    crs: Type.Optional(Crs),
  },
  { additionalProperties: false },
);

export const RatingBody = Type.Object(
  {
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX * 2 })),
  },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  {
    kind: ReportKindSchema,
    amenity: Type.Optional(StringEnum(AMENITIES, { description: 'with amenity_missing: which one' })),
    text: Type.Optional(Type.String({ maxLength: REPORT_TEXT_MAX * 2, description: 'plain text; required for other' })),
  },
  { additionalProperties: false },
);

export const Recorded = Type.Object({
  id: Type.String(),
  replayed: Type.Boolean({ description: 'true when this Idempotency-Key had been recorded before' }),
});

export const FeedbackSummary = Type.Object({
  code: Type.String(),
  ratingAverage: Nullable(Type.Number({ description: 'mean stars, one decimal; null with no rating' })),
  ratingCount: Type.Integer(),
  checkinsLast30Days: Type.Integer(),
});

export const ReportListQuery = Type.Object(
  {
    status: Type.Optional(ReportStatusSchema),
    kind: Type.Optional(ReportKindSchema),
    stationCode: Type.Optional(Type.String({ maxLength: 40 })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const ReportView = Type.Object({
  id: Type.String(),
  station: Type.Object({
    code: Type.String(),
    name: Type.String(),
    address: Type.String(),
    regionCode: Type.String(),
  }),
  kind: ReportKindSchema,
  amenity: Nullable(Type.String()),
  text: Type.String({ description: 'plain text as the worker typed it; render as text, never as HTML' }),
  status: ReportStatusSchema,
  statusNote: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  signedIn: Type.Boolean({ description: 'whether the worker was signed in (who it was is not shown)' }),
  createdAt: Type.String(),
  nextStatuses: Type.Array(ReportStatusSchema),
});

export const ReportPage = Type.Object({
  items: Type.Array(ReportView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const ReportIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ReportStatusBody = Type.Object(
  {
    status: ReportStatusSchema,
    note: Type.Optional(Type.String({ maxLength: STATUS_NOTE_MAX * 2, description: 'what was done' })),
  },
  { additionalProperties: false },
);

export const ReportStatusResult = Type.Object({
  id: Type.String(),
  status: ReportStatusSchema,
  statusNote: Nullable(Type.String()),
  statusChangedAt: Type.String(),
  nextStatuses: Type.Array(ReportStatusSchema),
});
