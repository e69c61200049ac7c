import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { bumpGeneration, listSynonyms } from './kb.repository.ts';
import { allow } from './kb.routes.ts';
import { errorResponses, IdParams, SynonymBody, SynonymList, SynonymView } from './kb.schemas.ts';
import { normalize } from './kb-search.ts';

const cleanTerms = (terms: string[]) => [...new Set(terms.map((t) => normalize(t)).filter(Boolean))];

/** Synonym groups staff edit; each change bumps the knowledge-base generation so searches use it at once. */
export const synonymRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['hotline knowledge base'];

  const synonymView = (s: { id: string; terms: string[]; updatedAt: Date }) => ({
    id: s.id,
    terms: s.terms,
    updatedAt: s.updatedAt.toISOString(),
  });

  app.get(
    '/hotline/kb/synonyms',
    { schema: { tags, summary: 'Synonym groups', response: { 200: SynonymList, ...errorResponses } } },
    async (request) => {
      allow(request, 'kb.read');
      return { items: (await listSynonyms(db)).map(synonymView) };
    },
  );

  async function saveSynonyms(request: FastifyRequest, actor: Actor, id: string | null, raw: string[]) {
    const terms = cleanTerms(raw);
    if (terms.length < 2) throw Problem.validation([{ field: 'body.terms', message: 'fieldRange' }]);
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const row = id
        ? await trx
            .updateTable('hotlineSynonyms')
            .set({ terms, updatedBy: actor.accountId, updatedAt: now })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst()
        : await trx
            .insertInto('hotlineSynonyms')
            .values({ id: uuidv7(), terms, updatedBy: actor.accountId, updatedAt: now })
            .returningAll()
            .executeTakeFirstOrThrow();
      if (!row) throw Problem.notFound();
      await bumpGeneration(trx);
      await recordAudit(trx, {
        actor,
        action: id ? 'hotline.synonyms.update' : 'hotline.synonyms.create',
        entity: 'hotlineSynonym',
        entityId: row.id,
        detail: { terms },
        requestId: request.id,
        ip: request.ip,
      });
      return synonymView(row);
    });
  }

  app.post(
    '/hotline/kb/synonyms',
    {
      schema: {
        tags,
        summary: 'Add a synonym group',
        body: SynonymBody,
        response: { 201: SynonymView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = allow(request, 'kb.manage');
      return reply.code(201).send(await saveSynonyms(request, actor, null, request.body.terms));
    },
  );

  app.put(
    '/hotline/kb/synonyms/:id',
    {
      schema: {
        tags,
        summary: 'Replace a synonym group',
        params: IdParams,
        body: SynonymBody,
        response: { 200: SynonymView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = allow(request, 'kb.manage');
      return saveSynonyms(request, actor, request.params.id, request.body.terms);
    },
  );

  app.delete(
    '/hotline/kb/synonyms/:id',
    {
      schema: {
        tags,
        summary: 'Remove a synonym group',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = allow(request, 'kb.manage');
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('hotlineSynonyms')
          .where('id', '=', request.params.id)
          .returning(['id', 'terms'])
          .executeTakeFirst();
        if (!gone) throw Problem.notFound();
        await bumpGeneration(trx);
        await recordAudit(trx, {
          actor,
          action: 'hotline.synonyms.delete',
          entity: 'hotlineSynonym',
          entityId: gone.id,
          detail: { terms: gone.terms },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );
};
