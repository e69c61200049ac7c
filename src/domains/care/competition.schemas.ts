import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../platform/schema.ts';
import { Id } from './stock.schemas.ts';

export const CompetitionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    unionId: Id,
    startsOn: IsoDate,
    endsOn: IsoDate,
    registrationClosesOn: Type.Optional(IsoDate),
    events: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      minItems: 1,
      maxItems: 30,
      description: 'e.g. 跳绳、呼啦圈、健腹轮',
    }),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const Competition = Type.Object({
  id: Type.String(),
  title: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  registrationClosesOn: Nullable(Type.String()),
  events: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  registrations: Type.Integer(),
});
export const CompetitionList = Type.Object({ items: Type.Array(Competition) });
/** A competition as a member sees it: with the events they have entered. */
export const MyCompetitionList = Type.Object({
  items: Type.Array(Type.Object({ ...Competition.properties, registeredEvents: Type.Array(Type.String()) })),
});

export const RegistrationBody = Type.Object(
  { event: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false },
);
export const Registration = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  memberName: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  event: Type.String(),
  registeredAt: Type.String(),
});
export const RegistrationList = Type.Object({ items: Type.Array(Registration) });

export const ResultsBody = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          memberId: Type.Optional(Id),
          unionId: Type.Optional(Id),
          event: Type.String({ minLength: 1, maxLength: 50 }),
          rank: Type.Integer({ minimum: 1, maximum: 10_000 }),
          points: Type.Integer({ minimum: 0, maximum: 10_000 }),
        },
        { additionalProperties: false, description: 'a member’s result (counts for the member’s union) or a team’s' },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);
export const Result = Type.Object({
  id: Type.String(),
  event: Type.String(),
  memberId: Nullable(Type.String()),
  memberName: Nullable(Type.String()),
  unionId: Type.String(),
  unionName: Type.String(),
  rank: Type.Integer(),
  points: Type.Integer(),
});
export const ResultList = Type.Object({ items: Type.Array(Result) });
export const PointsTable = Type.Object({
  items: Type.Array(
    Type.Object({
      position: Type.Integer(),
      unionId: Type.String(),
      unionName: Type.String(),
      points: Type.Integer(),
      results: Type.Integer(),
    }),
  ),
});

export const VisitBody = Type.Object(
  {
    unionId: Id,
    visitedOn: IsoDate,
    findings: Type.String({ minLength: 1, maxLength: 5000 }),
    score: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    unannounced: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export const Visit = Type.Object({
  id: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  visitedOn: Type.String(),
  findings: Type.String(),
  score: Nullable(Type.Integer()),
  unannounced: Type.Boolean(),
  by: Nullable(Type.String()),
});
export const VisitList = Type.Object({ items: Type.Array(Visit) });
export const VisitQuery = Type.Object(
  { unionId: Type.Optional(Id), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
