import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { can, type HotlineAction } from './hotline.policy.ts';
import {
  answerCoverages,
  bumpGeneration,
  currentIndex,
  listAnswers,
  recordUnanswered,
  setLinks,
  unknownIds,
} from './kb.repository.ts';
import {
  AnswerBody,
  AnswerListQuery,
  AnswerPage,
  AnswerPatchBody,
  AnswerView,
  errorResponses,
  IdParams,
  SearchQuery,
  SearchResult,
} from './kb.schemas.ts';
import { normalize, search, snippet } from './kb-search.ts';
import { answerView } from './kb-view.ts';

export function allow(request: FastifyRequest, action: HotlineAction): Actor {
  const actor = requireActor(request);
  if (!can(actor, action)) throw Problem.forbidden();
  return actor;
}

const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

/** The knowledge base behind the 12351 operator screen: answers, synonyms and the search over both. */
export const kbRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline knowledge base'];

  async function checkLinks(body: { schemeIds?: string[]; coverageIds?: string[] }) {
    const errors = [
      ...(await unknownIds(db, 'aidCoverages', body.coverageIds ?? [])).map((id) => ({
        field: `body.coverageIds.${body.coverageIds!.indexOf(id)}`,
        message: 'notFound' as const,
      })),
      ...(await unknownIds(db, 'aidSchemes', body.schemeIds ?? [])).map((id) => ({
        field: `body.schemeIds.${body.schemeIds!.indexOf(id)}`,
        message: 'notFound' as const,
      })),
    ];
    if (errors.length) throw Problem.validation(errors);
  }

  const view = async (request: FastifyRequest, id: string) =>
    (await answerView(db, id, pickLang(request.headers['accept-language']), clock.now()))!;

  app.get(
    '/hotline/kb/search',
    {
      schema: {
        tags,
        summary: 'Search answers: Chinese words, synonyms, pinyin or initials; unanswered searches are kept',
        querystring: SearchQuery,
        response: { 200: SearchResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = allow(request, 'kb.read');
      const { q, limit, consultationId } = request.query;
      const { index, docs } = await currentIndex(db);
      const { hits, terms } = search(index, q, limit);
      if (hits.length === 0) {
        await recordUnanswered(db, {
          at: clock.now(),
          query: q.trim().slice(0, 100) || q,
          normalized: normalize(q),
          accountId: actor.accountId,
          unionPath: actor.unionPath ?? '/',
          consultationId: consultationId ?? null,
        });
      }
      return {
        query: q,
        terms,
        items: hits.map((h) => {
          const d = docs.get(h.id)!;
          return {
            id: h.id,
            title: d.title,
            snippet: snippet(d.body, h.firstTerm),
            tags: d.tags,
            coverages: d.coverages,
            score: h.score,
            matchedBy: h.matchedBy,
          };
        }),
        recordedAsUnanswered: hits.length === 0,
      };
    },
  );

  app.get(
    '/hotline/kb/answers',
    {
      schema: {
        tags,
        summary: 'Knowledge-base answers, newest change first',
        querystring: AnswerListQuery,
        response: { 200: AnswerPage, ...errorResponses },
      },
    },
    async (request) => {
      allow(request, 'kb.read');
      const f = request.query;
      const { total, items } = await listAnswers(db, { ...f, status: f.status ?? 'active' });
      const links = await answerCoverages(
        db,
        items.map((i) => i.id),
      );
      return {
        items: items.map((i) => ({
          ...i,
          updatedAt: i.updatedAt.toISOString(),
          coverages: links.filter((l) => l.answerId === i.id).map((l) => ({ id: l.id, code: l.code, name: l.name })),
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );

  app.get(
    '/hotline/kb/answers/:id',
    {
      schema: {
        tags,
        summary: 'One answer, with the documents and filing steps of its coverages read from the scheme today',
        params: IdParams,
        response: { 200: AnswerView, ...errorResponses },
      },
    },
    async (request) => {
      allow(request, 'kb.read');
      const v = await answerView(db, request.params.id, pickLang(request.headers['accept-language']), clock.now());
      if (!v) throw Problem.notFound();
      return v;
    },
  );

  app.post(
    '/hotline/kb/answers',
    {
      schema: {
        tags,
        summary: 'Write an answer',
        body: AnswerBody,
        response: { 201: AnswerView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = allow(request, 'kb.manage');
      const b = request.body;
      await checkLinks(b);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('hotlineKbAnswers')
          .values({
            id,
            title: b.title.trim(),
            body: b.body,
            tags: cleanTags(b.tags),
            createdBy: actor.accountId,
            updatedBy: actor.accountId,
          })
          .execute();
        await setLinks(trx, id, b);
        await bumpGeneration(trx);
        await recordAudit(trx, {
          actor,
          action: 'hotline.kb.create',
          entity: 'hotlineKbAnswer',
          entityId: id,
          detail: { title: b.title },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send(await view(request, id));
    },
  );

  app.patch(
    '/hotline/kb/answers/:id',
    {
      schema: {
        tags,
        summary: 'Change an answer',
        params: IdParams,
        body: AnswerPatchBody,
        response: { 200: AnswerView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = allow(request, 'kb.manage');
      const b = request.body;
      await checkLinks(b);
      await db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('hotlineKbAnswers')
          .select('id')
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!found) throw Problem.notFound();
        await trx
          .updateTable('hotlineKbAnswers')
          .set({
            ...(b.title !== undefined && { title: b.title.trim() }),
            ...(b.body !== undefined && { body: b.body }),
            ...(b.tags !== undefined && { tags: cleanTags(b.tags) }),
            updatedBy: actor.accountId,
            updatedAt: clock.now(),
          })
          .where('id', '=', found.id)
          .execute();
        await setLinks(trx, found.id, b);
        await bumpGeneration(trx);
        await recordAudit(trx, {
          actor,
          action: 'hotline.kb.update',
          entity: 'hotlineKbAnswer',
          entityId: found.id,
          detail: { fields: Object.keys(b) },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return view(request, request.params.id);
    },
  );

  for (const [verb, status] of [
    ['archive', 'archived'],
    ['restore', 'active'],
  ] as const) {
    app.post(
      `/hotline/kb/answers/:id/${verb}`,
      {
        schema: {
          tags,
          summary: verb === 'archive' ? 'Take an answer out of search' : 'Put an archived answer back',
          params: IdParams,
          response: { 200: AnswerView, ...errorResponses },
        },
      },
      async (request) => {
        const actor = allow(request, 'kb.manage');
        await db.transaction().execute(async (trx) => {
          const done = await trx
            .updateTable('hotlineKbAnswers')
            .set({ status, updatedBy: actor.accountId, updatedAt: clock.now() })
            .where('id', '=', request.params.id)
            .returning('id')
            .executeTakeFirst();
          if (!done) throw Problem.notFound();
          await bumpGeneration(trx);
          await recordAudit(trx, {
            actor,
            action: `hotline.kb.${verb}`,
            entity: 'hotlineKbAnswer',
            entityId: done.id,
            requestId: request.id,
            ip: request.ip,
          });
        });
        return view(request, request.params.id);
      },
    );
  }
};
