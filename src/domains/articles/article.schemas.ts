import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';

export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
};

const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
export const ARTICLE_STATUSES = ['draft', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
const DateTime = Type.String({ format: 'date-time' });

/** A call to action: open a coverage's pre-check, or a survey. */
export const CtaBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('precheck'),
      coverageCode: Type.String({ minLength: 1, maxLength: 40 }),
      label: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('survey'), surveyId: Id, label: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })) },
    { additionalProperties: false },
  ),
]);

export const CtaView = Type.Object({
  kind: StringEnum(['precheck', 'survey'] as const),
  /** coverage code or survey id */
  target: Type.String(),
  label: Type.String(),
  /** Where the button goes in the member app: /aid/check?coverage=PIPE_BURST or /surveys/<id>. */
  path: Type.String(),
});

export const ArticleBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 120 }),
    summary: Type.String({ maxLength: 300, default: '' }),
    /** Rich text; sanitised on save to p, h2, h3, strong, em, ul, ol, li, a[href], img[src from /api/v1/articles/images/…]. */
    bodyHtml: Type.String({ minLength: 1, maxLength: 200_000 }),
    /** Who the article is published as, e.g. 北京市总工会职工互助保障 */
    publisher: Type.String({ minLength: 1, maxLength: 60 }),
    targetUnionId: Id,
    coverImageId: Type.Optional(Nullable(Id)),
    cta: Type.Optional(Nullable(CtaBody)),
  },
  { additionalProperties: false },
);
export const ArticlePatchBody = Type.Partial(ArticleBody, { additionalProperties: false });

export const ArticleView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  bodyHtml: Type.String({ description: 'sanitised' }),
  publisher: Type.String(),
  targetUnion: Type.Object({ id: Type.String(), name: Type.String() }),
  coverImageUrl: Nullable(Type.String()),
  cta: Nullable(CtaView),
  status: StringEnum(ARTICLE_STATUSES),
  publishedAt: Nullable(DateTime),
  readCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** Staff only: what the sanitiser removed on the last save (tags/attributes), to show the editor. */
  removed: Type.Optional(Type.Array(Type.String())),
});

export const ArticleSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  publisher: Type.String(),
  coverImageUrl: Nullable(Type.String()),
  targetUnion: Type.Object({ id: Type.String(), name: Type.String() }),
  status: StringEnum(ARTICLE_STATUSES),
  publishedAt: Nullable(DateTime),
  readCount: Type.Integer(),
  cta: Nullable(CtaView),
  /** Members: whether the signed-in member has opened it. */
  read: Type.Optional(Type.Boolean()),
});

export const ArticlePage = Type.Object({
  items: Type.Array(ArticleSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const MemberListQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const StaffListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(ARTICLE_STATUSES)),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const ImageView = Type.Object({
  id: Type.String(),
  url: Type.String({ description: '/api/v1/articles/images/<id>: use as img src in bodyHtml' }),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
});
