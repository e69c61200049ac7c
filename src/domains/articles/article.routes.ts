import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { type Lang, pickLang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { findCoverage } from '../aid/scheme.repository.ts';
import { can } from './article.policy.ts';
import {
  type ArticleRow,
  countRead,
  existingImages,
  findArticle,
  listForReader,
  listForStaff,
  readerPathOf,
} from './article.repository.ts';
import {
  ArticleBody,
  ArticlePage,
  ArticlePatchBody,
  ArticleView,
  errorResponses,
  IdParams,
  MemberListQuery,
  StaffListQuery,
} from './article.schemas.ts';
import { imageIds, sanitizeHtml } from './html-sanitizer.ts';

const CTA_LABELS = {
  precheck: { 'zh-CN': '看看我能不能申领', en: 'Am I covered?' },
  survey: { 'zh-CN': '参与问卷', en: 'Take the survey' },
} as const;
const EMPTY_BODY = { 'zh-CN': '清理后正文为空', en: 'is empty once unsafe markup is removed' };
const imageUrl = (id: string | null) => (id ? `/api/v1/articles/images/${id}` : null);

function ctaOf(a: ArticleRow, lang: Lang) {
  if (!a.ctaKind || !a.ctaTarget) return null;
  return {
    kind: a.ctaKind,
    target: a.ctaTarget,
    label: a.ctaLabel ?? CTA_LABELS[a.ctaKind][lang],
    path:
      a.ctaKind === 'precheck'
        ? `/aid/check?coverage=${encodeURIComponent(a.ctaTarget)}`
        : `/surveys/${encodeURIComponent(a.ctaTarget)}`,
  };
}

function summaryOf(a: ArticleRow & { read?: unknown }, lang: Lang) {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    publisher: a.publisher,
    coverImageUrl: imageUrl(a.coverImageId),
    targetUnion: { id: a.targetUnionId, name: a.targetUnionName },
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    readCount: a.readCount,
    cta: ctaOf(a, lang),
    ...(a.read !== undefined && a.read !== null && { read: Boolean(a.read) }),
  };
}

function viewOf(a: ArticleRow, lang: Lang, removed?: string[]) {
  const { read: _r, ...s } = summaryOf(a, lang) as ReturnType<typeof summaryOf> & { read?: boolean };
  return {
    ...s,
    bodyHtml: a.bodyHtml,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    ...(removed && { removed }),
  };
}

type Body = Partial<Static<typeof ArticleBody>>;

/** Publicity articles: staff write and publish to a subtree; members read what is aimed at them, counted once. */
export const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['articles'];
  const langOf = (r: FastifyRequest) => pickLang(r.headers['accept-language']);

  function manager(request: FastifyRequest): Actor {
    const actor = requireActor(request);
    if (!can(actor, 'manage', { targetPath: actor.unionPath ?? '', status: 'draft' })) throw Problem.forbidden();
    return actor;
  }

  async function managed(actor: Actor, id: string) {
    const a = await findArticle(db, id);
    if (!a || !can(actor, 'manage', a)) throw Problem.notFound();
    return a;
  }

  /** Checks and shapes the editable fields; the body is sanitised here, once, before it is stored. */
  async function prepare(actor: Actor, b: Body) {
    const errors: { field: string; message: 'notFound' | typeof EMPTY_BODY }[] = [];
    const set: Record<string, unknown> = {};
    let removed: string[] | undefined;
    if (b.title !== undefined) set.title = b.title.trim();
    if (b.summary !== undefined) set.summary = b.summary.trim();
    if (b.publisher !== undefined) set.publisher = b.publisher.trim();
    if (b.bodyHtml !== undefined) {
      const s = sanitizeHtml(b.bodyHtml);
      removed = s.removed;
      if (!s.html.replace(/<[^>]*>/g, '').trim() && !/<img /.test(s.html))
        errors.push({ field: 'body.bodyHtml', message: EMPTY_BODY });
      const ids = imageIds(s.html);
      const have = await existingImages(db, ids);
      if (ids.some((id) => !have.has(id))) errors.push({ field: 'body.bodyHtml', message: 'notFound' });
      set.bodyHtml = s.html;
    }
    if (b.targetUnionId !== undefined) {
      const u = await db
        .selectFrom('unions')
        .select(['id', 'path'])
        .where('id', '=', b.targetUnionId)
        .executeTakeFirst();
      if (!u || !can(actor, 'manage', { targetPath: u.path, status: 'draft' }))
        errors.push({ field: 'body.targetUnionId', message: 'notFound' });
      else Object.assign(set, { targetUnionId: u.id, targetPath: u.path });
    }
    if (b.coverImageId !== undefined) {
      if (b.coverImageId && !(await existingImages(db, [b.coverImageId])).size)
        errors.push({ field: 'body.coverImageId', message: 'notFound' });
      set.coverImageId = b.coverImageId;
    }
    if (b.cta !== undefined) {
      if (b.cta === null) Object.assign(set, { ctaKind: null, ctaTarget: null, ctaLabel: null });
      else if (b.cta.kind === 'precheck') {
        if (!(await findCoverage(db, { code: b.cta.coverageCode })))
          errors.push({ field: 'body.cta.coverageCode', message: 'notFound' });
        Object.assign(set, { ctaKind: 'precheck', ctaTarget: b.cta.coverageCode, ctaLabel: b.cta.label ?? null });
      } else Object.assign(set, { ctaKind: 'survey', ctaTarget: b.cta.surveyId, ctaLabel: b.cta.label ?? null });
    }
    if (errors.length) throw Problem.validation(errors);
    return { set, removed };
  }

  app.get(
    '/articles/manage',
    {
      schema: {
        tags,
        summary: 'Articles aimed inside your subtree',
        querystring: StaffListQuery,
        response: { 200: ArticlePage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = manager(request);
      const f = request.query;
      const { total, items } = await listForStaff(db, { scopePath: actor.unionPath, ...f });
      return { items: items.map((a) => summaryOf(a, langOf(request))), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.get(
    '/articles/manage/:id',
    {
      schema: {
        tags,
        summary: 'One article (staff)',
        params: IdParams,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => viewOf(await managed(manager(request), request.params.id), langOf(request)),
  );

  app.post(
    '/articles/manage',
    {
      schema: {
        tags,
        summary: 'Write an article (a draft); the body is sanitised',
        body: ArticleBody,
        response: { 201: ArticleView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = manager(request);
      const { set, removed } = await prepare(actor, request.body);
      const id = uuidv7();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('articles')
          .values({
            ...(set as {
              title: string;
              bodyHtml: string;
              publisher: string;
              targetUnionId: string;
              targetPath: string;
            }),
            coverImageId: (set.coverImageId as string | null | undefined) ?? null,
            ctaKind: (set.ctaKind as 'precheck' | 'survey' | undefined) ?? null,
            ctaTarget: (set.ctaTarget as string | undefined) ?? null,
            ctaLabel: (set.ctaLabel as string | undefined) ?? null,
            id,
            status: 'draft',
            publishedAt: null,
            createdBy: actor.accountId,
            updatedBy: actor.accountId,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'articles.create',
          entity: 'article',
          entityId: id,
          unionId: set.targetUnionId as string,
          detail: { title: set.title, removed },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send(viewOf((await findArticle(db, id))!, langOf(request), removed));
    },
  );

  app.patch(
    '/articles/manage/:id',
    {
      schema: {
        tags,
        summary: 'Change an article',
        params: IdParams,
        body: ArticlePatchBody,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = manager(request);
      const before = await managed(actor, request.params.id);
      const { set, removed } = await prepare(actor, request.body);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('articles')
          .set({ ...set, updatedBy: actor.accountId, updatedAt: clock.now() })
          .where('id', '=', before.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'articles.update',
          entity: 'article',
          entityId: before.id,
          unionId: before.targetUnionId,
          detail: { fields: Object.keys(request.body), removed },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return viewOf((await findArticle(db, before.id))!, langOf(request), removed);
    },
  );

  for (const [verb, status] of [
    ['publish', 'published'],
    ['unpublish', 'unpublished'],
  ] as const) {
    app.post(
      `/articles/manage/:id/${verb}`,
      {
        schema: {
          tags,
          summary: verb === 'publish' ? 'Publish to members of the target subtree' : 'Take it off members’ lists',
          params: IdParams,
          response: { 200: ArticleView, ...errorResponses },
        },
      },
      async (request) => {
        const actor = manager(request);
        const a = await managed(actor, request.params.id);
        const now = clock.now();
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('articles')
            .set({
              status,
              ...(status === 'published' && !a.publishedAt && { publishedAt: now }),
              updatedBy: actor.accountId,
              updatedAt: now,
            })
            .where('id', '=', a.id)
            .execute();
          await recordAudit(trx, {
            actor,
            action: `articles.${verb}`,
            entity: 'article',
            entityId: a.id,
            unionId: a.targetUnionId,
            requestId: request.id,
            ip: request.ip,
          });
        });
        return viewOf((await findArticle(db, a.id))!, langOf(request));
      },
    );
  }

  // ── readers ─────────────────────────────────────────────────────────────────────────────────────────────────────

  async function readerPath(actor: Actor) {
    if (actor.memberId) return readerPathOf(db, actor.memberId);
    return actor.unionPath;
  }

  app.get(
    '/articles',
    {
      schema: {
        tags,
        summary: 'Published articles for your union (and the federations above it), newest first',
        querystring: MemberListQuery,
        response: { 200: ArticlePage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const f = request.query;
      const path = await readerPath(actor);
      if (path === null && !(actor.role === 'admin' && !actor.memberId)) return { items: [], total: 0, ...f };
      const { total, items } = await listForReader(db, { readerPath: path, memberId: actor.memberId, ...f });
      return { items: items.map((a) => summaryOf(a, langOf(request))), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: 'Read an article (a member’s first read is counted, once)',
        params: IdParams,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const a = await findArticle(db, request.params.id);
      if (!a || !can(actor, 'read', a, await readerPath(actor))) throw Problem.notFound();
      if (actor.memberId) a.readCount = await countRead(db, a.id, actor.memberId);
      return viewOf(a, langOf(request));
    },
  );
};
