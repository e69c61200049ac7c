/** TypeBox schemas of every survey route (see /work/notes/surveys-contract.md); shapes mirror survey-definition.ts. */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';
import { LIMITS, QUESTION_TYPES } from './survey-definition.ts';

export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

const Id = Type.String({ minLength: 1, maxLength: 40 });
const Label = Type.String({ maxLength: LIMITS.label });
const Labelled = Type.Object({ id: Id, label: Label }, { additionalProperties: false });

export const QuestionSchema = Type.Object(
  {
    id: Id,
    type: StringEnum(QUESTION_TYPES),
    title: Type.String({ maxLength: LIMITS.title }),
    help: Type.Optional(Type.String({ maxLength: LIMITS.help })),
    required: Type.Boolean(),
    options: Type.Optional(
      Type.Array(
        Type.Object({ id: Id, label: Label, other: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        {
          maxItems: LIMITS.options,
        },
      ),
    ),
    minPicks: Type.Optional(Type.Integer({ minimum: 0 })),
    maxPicks: Type.Optional(Type.Integer({ minimum: 1 })),
    scale: Type.Optional(
      Type.Object(
        {
          min: Type.Integer(),
          max: Type.Integer(),
          minLabel: Type.Optional(Label),
          maxLabel: Type.Optional(Label),
        },
        { additionalProperties: false },
      ),
    ),
    range: Type.Optional(
      Type.Object(
        { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
        { additionalProperties: false },
      ),
    ),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.maxLengthCap })),
    rows: Type.Optional(Type.Array(Labelled, { maxItems: LIMITS.rows })),
    columns: Type.Optional(Type.Array(Labelled, { maxItems: LIMITS.ratingSteps })),
    showIf: Type.Optional(
      Type.Object(
        { questionId: Id, anyOf: Type.Array(Id, { minItems: 1, maxItems: LIMITS.options }) },
        { additionalProperties: false },
      ),
    ),
    randomizeOptions: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DefinitionSchema = Type.Object(
  {
    title: Type.String({ maxLength: LIMITS.title }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    sections: Type.Array(
      Type.Object(
        { id: Id, title: Type.String({ maxLength: LIMITS.title }), questions: Type.Array(QuestionSchema) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    randomizeQuestions: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
/** Audience filters on member fields that exist: age band (from the birth date, at opening) and union kind. */
export const AGE_BANDS = ['under30', '30to39', '40to49', '50plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AUDIENCE_UNION_KINDS = ['workplace', 'home'] as const;

export const AudienceFilterSchema = Type.Object(
  {
    ageBands: Type.Optional(Type.Array(StringEnum(AGE_BANDS), { minItems: 1, maxItems: 4 })),
    unionKinds: Type.Optional(Type.Array(StringEnum(AUDIENCE_UNION_KINDS), { minItems: 1, maxItems: 2 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 100 }) });
export const DefinitionBody = Type.Object({ definition: DefinitionSchema }, { additionalProperties: false });
export const Created = Type.Object({ id: Type.String() });
export const ListQuery = Type.Object({ status: Type.Optional(StringEnum(SURVEY_STATUSES)) });

export const PublishBody = Type.Object(
  {
    audienceUnionId: Type.String({ format: 'uuid' }),
    audienceFilter: Type.Optional(AudienceFilterSchema),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
    graceMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
    closedMessage: Type.Optional(Type.String({ maxLength: 500 })),
    anonymous: Type.Boolean(),
    quota: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);

export const Publication = Type.Object({
  audienceUnionId: Type.String(),
  audienceUnionName: Type.String(),
  audienceFilter: AudienceFilterSchema,
  opensAt: Type.String(),
  closesAt: Type.String(),
  graceMinutes: Type.Integer(),
  closedMessage: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  quota: Nullable(Type.Integer()),
  publishedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  closedReason: Nullable(StringEnum(['manual', 'quota'] as const)),
});

export const SurveySummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: StringEnum(SURVEY_STATUSES),
  version: Type.Integer(),
  ownerUnionId: Type.String(),
  ownerUnionName: Type.String(),
  audienceUnionName: Nullable(Type.String()),
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  anonymous: Nullable(Type.Boolean()),
  /** All responses, through member accounts and single-use public links. */
  responses: Type.Integer(),
  memberResponses: Type.Integer(),
  /** Members in the audience now (0 before publication). */
  audienceSize: Type.Integer(),
  /** memberResponses / audienceSize, at most 1; null without an audience. */
  responseRate: Nullable(Type.Number()),
  createdAt: Type.String(),
});
export const SurveyList = Type.Object({ items: Type.Array(SurveySummary) });

export const SurveyDetail = Type.Object({
  id: Type.String(),
  status: StringEnum(SURVEY_STATUSES),
  version: Type.Integer(),
  ownerUnionId: Type.String(),
  ownerUnionName: Type.String(),
  definition: DefinitionSchema,
  publication: Nullable(Publication),
  counts: Type.Object({ responses: Type.Integer(), audience: Type.Integer(), links: Type.Integer() }),
  versions: Type.Array(Type.Object({ version: Type.Integer(), createdAt: Type.String(), responses: Type.Integer() })),
});
export const VersionReply = Type.Object({ version: Type.Integer() });

export const LinksBody = Type.Object(
  { count: Type.Integer({ minimum: 1, maximum: 500 }) },
  { additionalProperties: false },
);
export const LinksReply = Type.Object({
  items: Type.Array(Type.Object({ token: Type.String(), url: Type.String(), qrUrl: Type.String() })),
});

// ---- results ------------------------------------------------------------------------------------------------------

export const ResultsQuery = Type.Object(
  { unionId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: Type.String({ maxLength: 40 }), description: '<questionId>=<optionId> filters' },
);
const OptionCount = Type.Object({
  id: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  share: Type.Number(),
});
export const QuestionResult = Type.Object({
  id: Type.String(),
  type: StringEnum(QUESTION_TYPES),
  title: Type.String(),
  answered: Type.Integer(),
  options: Type.Optional(Type.Array(OptionCount)),
  stats: Type.Optional(
    Type.Object({
      mean: Nullable(Type.Number()),
      min: Nullable(Type.Number()),
      max: Nullable(Type.Number()),
      median: Nullable(Type.Number()),
    }),
  ),
  matrix: Type.Optional(
    Type.Object({
      columns: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
      rows: Type.Array(
        Type.Object({
          id: Type.String(),
          label: Type.String(),
          counts: Type.Array(Type.Integer()),
          answered: Type.Integer(),
        }),
      ),
    }),
  ),
  suppressed: Type.Boolean(),
});
export const ResultsReply = Type.Object({
  audienceSize: Type.Integer(),
  /**
   * All responses: memberResponses (signed-in members of the audience) + linkResponses (public links, no account).
   * Null in an anonymous survey under an answer filter matched by fewer than 5 responses (the count is an answer).
   */
  responses: Nullable(Type.Integer()),
  memberResponses: Nullable(Type.Integer()),
  linkResponses: Nullable(Type.Integer()),
  /** memberResponses / audienceSize, at most 1: link respondents are outside the member audience. */
  responseRate: Nullable(Type.Number()),
  /** True for an anonymous survey when filters leave fewer than 5 responses: per-question figures are withheld. */
  suppressed: Type.Boolean(),
  /** Counts are null in an anonymous survey under an answer filter: per union they are cross-tab cells. */
  byUnion: Type.Array(
    Type.Object({
      unionId: Type.String(),
      name: Type.String(),
      responses: Nullable(Type.Integer()),
      memberResponses: Nullable(Type.Integer()),
      audience: Type.Integer(),
    }),
  ),
  questions: Type.Array(QuestionResult),
});

export const CrosstabQuery = Type.Object(
  {
    rowQuestion: Type.Optional(Type.String({ maxLength: 40 })),
    byUnion: Type.Optional(Type.Boolean()),
    colQuestion: Type.String({ maxLength: 40 }),
    unionId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
const Axis = Type.Array(Type.Object({ id: Type.String(), label: Type.String() }));
export const CrosstabReply = Type.Object({
  /** Anonymous survey with fewer than 5 matching responses: the whole table is withheld (no rows, no totals). */
  suppressed: Type.Boolean(),
  /** suppressed: a row of fewer than 5 responses in an anonymous survey (or the one withheld with it). */
  rows: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), suppressed: Type.Boolean() })),
  columns: Axis,
  /** cells[row][column] = respondents (null in a withheld row); a multiple-choice axis counts each picked option. */
  cells: Type.Array(Type.Array(Nullable(Type.Integer()))),
  rowTotals: Type.Array(Nullable(Type.Integer())),
  /** Over every row, withheld ones included; null when the withheld rows hold fewer than 5 responses together. */
  columnTotals: Type.Array(Nullable(Type.Integer())),
  /** The grand total: the sum of the cells of every row. */
  total: Nullable(Type.Integer()),
});

export const TextParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  questionId: Type.String({ maxLength: 40 }),
});
export const TextQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    unionId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
const TermCount = Type.Object({ term: Type.String(), count: Type.Integer() });
export const TextReply = Type.Object({
  /** Anonymous survey with fewer than 5 text answers: no terms, and no count (as on the question cards). */
  suppressed: Type.Boolean(),
  answered: Nullable(Type.Integer()),
  terms: Type.Array(TermCount),
  phrases: Type.Array(TermCount),
});
export const TermQuery = Type.Object(
  {
    term: Type.String({ minLength: 1, maxLength: 40 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    unionId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export const TermAnswers = Type.Object({
  /** Anonymous survey with fewer than 5 text answers (in the union filtered to): no answer is listed. */
  suppressed: Type.Boolean(),
  items: Type.Array(Type.Object({ responseId: Type.String(), text: Type.String() })),
});

// ---- answering ----------------------------------------------------------------------------------------------------

export const AnswersSchema = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
  maxProperties: LIMITS.questions,
  description:
    'questionId → answer: {optionId, otherText?} | {optionIds, otherText?} | number | "YYYY-MM-DD" | text | {rowId: columnId}',
});
export const DraftBody = Type.Object({ answers: AnswersSchema }, { additionalProperties: false });
export const DraftReply = Type.Object({
  savedAt: Type.String(),
  /** Problems with the answers given so far (not "required"); the draft is saved anyway. */
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});
export const SubmitBody = Type.Object(
  {
    answers: AnswersSchema,
    submissionKey: Type.String({ format: 'uuid', description: 'made on the device; retries reuse it' }),
  },
  { additionalProperties: false },
);
export const SubmitReply = Type.Object({ responseId: Type.String() });

export const MySurveyList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      closesAt: Type.String(),
      status: StringEnum(SURVEY_STATUSES),
      answered: Type.Boolean(),
      hasDraft: Type.Boolean(),
      anonymous: Type.Boolean(),
    }),
  ),
});
export const AnsweringView = Type.Object({
  survey: Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    status: StringEnum(SURVEY_STATUSES),
    definition: DefinitionSchema,
    opensAt: Type.String(),
    closesAt: Type.String(),
    anonymous: Type.Boolean(),
    closedMessage: Nullable(Type.String()),
  }),
  draft: Type.Optional(AnswersSchema),
  submitted: Type.Boolean(),
});
