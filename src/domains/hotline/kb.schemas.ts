import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';

export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
};

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
const Tag = Type.String({ minLength: 1, maxLength: 30 });
const Term = Type.String({ minLength: 1, maxLength: 30 });

/** What staff write; documents and filing steps of linked coverages are never part of it (read at answer time). */
export const AnswerBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 120 }),
    body: Type.String({ minLength: 1, maxLength: 10_000, description: 'plain text, line breaks kept' }),
    tags: Type.Array(Tag, { maxItems: 20, default: [] }),
    schemeIds: Type.Array(Id, { maxItems: 10, default: [] }),
    coverageIds: Type.Array(Id, { maxItems: 10, default: [] }),
  },
  { additionalProperties: false },
);

export const AnswerPatchBody = Type.Partial(AnswerBody, { additionalProperties: false });

/** A linked coverage as the scheme data says today: documents to prepare and the steps to file. */
export const LinkedCoverage = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  scheme: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  /** The rule version in force today (null: the coverage is not in force). */
  ruleEffectiveFrom: Nullable(IsoDate),
  benefit: Nullable(
    Type.String({ description: 'the benefit in words, e.g. 按核定损失的50%给付，最低500元，最高8000元' }),
  ),
  filingWindow: Nullable(Type.String({ description: 'e.g. 事故发生之日起2年内' })),
  documents: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      hint: Nullable(Type.String()),
      /** When the document is needed only for some answers, in words (e.g. 如殃及邻居或公共设施); null = always. */
      condition: Nullable(Type.String()),
    }),
  ),
  exclusions: Type.Array(Type.String()),
  filingSteps: Type.Array(Type.String()),
  /** Where the operator (or member) runs the pre-check for this coverage. */
  precheckPath: Type.String({ description: '/aid/check?coverage=PIPE_BURST' }),
});

export const LinkedScheme = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const AnswerView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  tags: Type.Array(Type.String()),
  status: StringEnum(['active', 'archived'] as const),
  schemes: Type.Array(LinkedScheme),
  coverages: Type.Array(LinkedCoverage),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Nullable(Type.String({ description: 'display name' })),
});

export const AnswerListQuery = Type.Object(
  {
    tag: Type.Optional(Tag),
    coverageId: Type.Optional(Id),
    status: Type.Optional(StringEnum(['active', 'archived', 'all'] as const, { description: 'default active' })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const AnswerSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  tags: Type.Array(Type.String()),
  status: StringEnum(['active', 'archived'] as const),
  coverages: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const AnswerPage = Type.Object({
  items: Type.Array(AnswerSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Chinese words, pinyin (shuinuanguan) or initials' }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
    /** The consultation the search is made for (recorded with an unanswered search). */
    consultationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const SearchResult = Type.Object({
  query: Type.String(),
  /** The terms actually looked up (words, synonyms added, pinyin), for the operator to see why something matched. */
  terms: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      snippet: Type.String({ description: 'the start of the body or the passage around the first matched term' }),
      tags: Type.Array(Type.String()),
      coverages: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
      score: Type.Number(),
      matchedBy: Type.Array(StringEnum(['text', 'synonym', 'pinyin', 'initials'] as const)),
    }),
  ),
  /** True when nothing matched: the search is kept for the unanswered-questions report. */
  recordedAsUnanswered: Type.Boolean(),
});

export const SynonymBody = Type.Object(
  {
    terms: Type.Array(Term, { minItems: 2, maxItems: 20, description: 'words meaning the same, e.g. 暖气管, 水暖管' }),
  },
  { additionalProperties: false },
);

export const SynonymView = Type.Object({
  id: Type.String(),
  terms: Type.Array(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const SynonymList = Type.Object({ items: Type.Array(SynonymView) });
