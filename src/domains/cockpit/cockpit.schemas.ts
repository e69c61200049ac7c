import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';
import { DISTRICT_MEASURES } from './cockpit.service.ts';

export const errorResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const ScopeQuery = Type.Object(
  {
    union: Type.Optional(
      Type.String({
        pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$',
        description: 'a district or higher union inside your subtree',
      }),
    ),
  },
  { additionalProperties: false },
);

const ScopeOut = Type.Object({
  unionId: Nullable(Type.String()),
  code: Nullable(Type.String()),
  name: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
});

const Aid = Type.Object({ filed: Type.Integer(), paid: Type.Integer(), paidFen: Type.Integer() });

export const SummaryResult = Type.Object({
  scope: ScopeOut,
  asOf: Type.String(),
  year: Type.Integer(),
  members: Type.Object({ active: Type.Integer(), cardsActive: Type.Integer() }),
  aid: Type.Object({ since: Nullable(Type.String()), year: Aid, total: Aid }),
  stations: Type.Object({
    live: Type.Integer(),
    active: Type.Integer(),
    checkinsYear: Type.Integer(),
    healthAvg: Nullable(Type.Number()),
  }),
  surveys: Type.Object({
    running: Type.Integer(),
    responses: Type.Integer(),
    audience: Type.Integer(),
    responseRate: Nullable(Type.Number()),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        responses: Type.Integer(),
        audience: Type.Integer(),
        responseRate: Nullable(Type.Number()),
      }),
    ),
  }),
  care: Type.Object({ activitiesYear: Type.Integer(), peopleYear: Type.Integer() }),
  hotline: Type.Object({ consultationsYear: Type.Integer() }),
});

export const DistrictsQuery = Type.Object(
  {
    union: ScopeQuery.properties.union,
    period: Type.Optional(StringEnum(['year', 'month', 'all'] as const, { description: 'flows over (default year)' })),
  },
  { additionalProperties: false },
);

export const DistrictsResult = Type.Object({
  scope: ScopeOut,
  period: Type.String(),
  from: Nullable(IsoDate),
  measures: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      unionId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      regionCode: Type.String(),
      figures: Type.Object(Object.fromEntries(DISTRICT_MEASURES.map((m) => [m, Nullable(Type.Number())]))),
    }),
  ),
});

const Series = Type.Array(Type.Integer());
export const TrendResult = Type.Object({
  months: Type.Array(Type.String()),
  claimsFiled: Series,
  claimsPaid: Series,
  paidFen: Series,
  checkins: Series,
  carePeople: Series,
  hotline: Series,
});

export const SeasonalityQuery = Type.Object(
  {
    union: ScopeQuery.properties.union,
    coverage: Type.Optional(Type.String({ maxLength: 40 })),
    rule: Type.Optional(StringEnum(['sigma', 'mad'] as const)),
    years: Type.Optional(Type.Integer({ minimum: 2, maximum: 15 })),
  },
  { additionalProperties: false },
);

const Range = Type.Object({ centre: Type.Number(), lower: Type.Number(), upper: Type.Number() });
const Week = Type.Object({ year: Type.Integer(), week: Type.Integer() });
export const SeasonalityResult = Type.Object({
  rule: Type.String(),
  years: Type.Integer(),
  week: Week,
  series: Type.Array(Type.Object({ week: Type.Integer(), value: Nullable(Type.Integer()), expected: Nullable(Range) })),
  alerts: Type.Array(
    Type.Object({
      bucket: Type.String(),
      unionCode: Nullable(Type.String()),
      unionName: Nullable(Type.String()),
      regionCode: Nullable(Type.String()),
      week: Week,
      monday: IsoDate,
      value: Type.Integer(),
      expected: Range,
      direction: StringEnum(['above', 'below'] as const),
      excess: Type.Number(),
    }),
  ),
});

export const SitesResult = Type.Object({
  items: Type.Array(
    Type.Object({
      lng: Type.Number(),
      lat: Type.Number(),
      searches: Type.Integer(),
      checkins: Type.Integer(),
      score: Type.Integer(),
      nearestStationM: Nullable(Type.Integer()),
    }),
  ),
});

export const FallingResult = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      score: Type.Integer(),
      best: Type.Integer(),
      fall: Type.Integer(),
    }),
  ),
});

export const TermsQuery = Type.Object(
  { union: ScopeQuery.properties.union, surveyId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

export const TermsResult = Type.Object({
  survey: Nullable(
    Type.Object({ id: Type.String(), title: Type.String(), questionId: Type.String(), question: Type.String() }),
  ),
  groups: Type.Array(
    Type.Object({ unionCode: Nullable(Type.String()), unionName: Nullable(Type.String()), answers: Type.Integer() }),
  ),
  shifts: Type.Array(
    Type.Object({
      unionCode: Nullable(Type.String()),
      unionName: Nullable(Type.String()),
      term: Type.String(),
      count: Type.Integer(),
      share: Type.Number(),
      otherShare: Type.Number(),
      shiftPp: Type.Number(),
    }),
  ),
});

export const ReportQuery = Type.Object(
  {
    union: ScopeQuery.properties.union,
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
    format: Type.Optional(StringEnum(['pdf', 'xlsx'] as const)),
  },
  { additionalProperties: false },
);
