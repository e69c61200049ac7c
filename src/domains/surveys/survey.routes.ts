import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { audienceSize, findSurvey, insertSurvey, listSurveys, saveDefinition } from './survey.repository.ts';
import {
  Created,
  DefinitionBody,
  DefinitionSchema,
  errorResponses,
  IdParams,
  ListQuery,
  PublishBody,
  SurveyDetail,
  SurveyList,
  VersionReply,
} from './survey.schemas.ts';
import { iso, loadForStaff, surveyDetail } from './survey-access.ts';
import { definitionIssues, type SurveyDefinition } from './survey-definition.ts';
import { responseRate } from './survey-results.ts';
import { surveyStatus } from './survey-window.ts';

const tags = ['surveys'];

const M = {
  noUnion: { 'zh-CN': '账号未关联工会组织', en: 'the account belongs to no union' },
  outOfScope: { 'zh-CN': '只能发布到本级及下级工会', en: 'must be a union in your subtree' },
  window: { 'zh-CN': '截止时间须晚于开始时间', en: 'must be later than opensAt' },
  anonymityLocked: {
    'zh-CN': '已有答卷，不能更改匿名方式',
    en: 'responses exist: the anonymity mode cannot change',
  },
  notPublished: { 'zh-CN': '问卷尚未发布', en: 'the survey is not published' },
  quotaBelow: { 'zh-CN': '配额不能少于已收到的 {n} 份答卷', en: 'cannot be below the {n} responses already received' },
};

async function createSurvey(request: FastifyRequest, actor: Actor, definition: SurveyDefinition, action: string) {
  const { db } = request.server.deps;
  const issues = definitionIssues(definition, 'body.definition');
  if (issues.length) throw Problem.validation(issues);
  let owner = actor.unionId ? await findUnionById(db, actor.unionId) : undefined;
  if (!owner && actor.role === 'admin') {
    owner = await db.selectFrom('unions').selectAll().where('parentId', 'is', null).orderBy('seq').executeTakeFirst();
  }
  if (!owner) throw Problem.validation([{ field: 'body', message: M.noUnion }]);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertSurvey(trx, {
      id,
      ownerUnionId: owner.id,
      ownerUnionPath: owner.path,
      definition,
      createdBy: actor.accountId,
    });
    await recordAudit(trx, {
      actor,
      action,
      entity: 'survey',
      entityId: id,
      unionId: owner.id,
      detail: { title: definition.title },
      requestId: request.id,
      ip: request.ip,
    });
  });
  return id;
}

/** Staff: build (versioned), import/export the definition, publish, close, and hand out single-use links. */
export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Surveys owned in my subtree',
        querystring: ListQuery,
        response: { 200: SurveyList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'surveys.read');
      const now = clock.now();
      const rows = await listSurveys(db, actor.unionPath);
      // One count per published survey (lists are short); the filter differs per survey, so no single query.
      const sizes = await Promise.all(rows.map((s) => audienceSize(db, s)));
      const items = rows
        .map((s, i) => ({
          id: s.id,
          title: s.title,
          status: surveyStatus(s, now),
          version: s.currentVersion,
          ownerUnionId: s.ownerUnionId,
          ownerUnionName: s.ownerUnionName,
          audienceUnionName: s.audienceUnionName,
          opensAt: iso(s.opensAt),
          closesAt: iso(s.closesAt),
          anonymous: s.publishedAt ? s.anonymous : null,
          responses: s.responseCount,
          memberResponses: Number(s.memberResponses ?? 0),
          audienceSize: sizes[i]!,
          responseRate: responseRate(Number(s.memberResponses ?? 0), sizes[i]!),
          createdAt: s.createdAt.toISOString(),
        }))
        .filter((s) => !request.query.status || s.status === request.query.status);
      return { items };
    },
  );

  for (const [url, action, summary] of [
    ['/surveys', 'survey.create', 'Create a survey from a definition'],
    ['/surveys/import', 'survey.import', 'Import a survey definition (JSON, as exported)'],
  ] as const) {
    app.post(
      url,
      { schema: { tags, summary, body: DefinitionBody, response: { 201: Created, ...errorResponses } } },
      async (request, reply) => {
        const actor = requirePermission(request, 'surveys.manage');
        const id = await createSurvey(request, actor, request.body.definition as SurveyDefinition, action);
        return reply.code(201).send({ id });
      },
    );
  }

  app.get(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'A survey: definition, publication, counts, versions',
        params: IdParams,
        response: { 200: SurveyDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      return surveyDetail(request, survey);
    },
  );

  app.get(
    '/surveys/:id/definition.json',
    {
      schema: {
        tags,
        summary: 'Export the current definition as JSON',
        params: IdParams,
        response: { 200: DefinitionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      return reply
        .header('content-disposition', `attachment; filename="survey-${survey.id}.json"`)
        .send(survey.definition);
    },
  );

  app.put(
    '/surveys/:id/definition',
    {
      schema: {
        tags,
        summary: 'Edit the definition (a published survey gets a new version)',
        params: IdParams,
        body: DefinitionBody,
        response: { 200: VersionReply, ...errorResponses },
      },
    },
    async (request) => {
      const definition = request.body.definition as SurveyDefinition;
      const issues = definitionIssues(definition, 'body.definition');
      if (issues.length) throw Problem.validation(issues);
      const { actor } = await loadForStaff(request, request.params.id, 'manage');
      const version = await db.transaction().execute(async (trx) => {
        const locked = (await findSurvey(trx, request.params.id, { forUpdate: true }))!;
        const v = await saveDefinition(trx, locked, definition, actor.accountId);
        await recordAudit(trx, {
          actor,
          action: 'survey.definition.update',
          entity: 'survey',
          entityId: locked.id,
          unionId: locked.ownerUnionId,
          detail: { version: v, title: definition.title },
          requestId: request.id,
          ip: request.ip,
        });
        return v;
      });
      return { version };
    },
  );

  app.post(
    '/surveys/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Publish (or re-time) to a union subtree: window in Asia/Shanghai, grace, closed message, anonymity, quota',
        params: IdParams,
        body: PublishBody,
        response: { 200: SurveyDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await loadForStaff(request, request.params.id, 'manage');
      const b = request.body;
      const opensAt = new Date(b.opensAt);
      const closesAt = new Date(b.closesAt);
      if (!(opensAt < closesAt)) throw Problem.validation([{ field: 'body.closesAt', message: M.window }]);
      const audience = await findUnionById(db, b.audienceUnionId);
      if (!audience) throw Problem.validation([{ field: 'body.audienceUnionId', message: 'notFound' }]);
      if (!inScope(actor, audience.path))
        throw Problem.validation([{ field: 'body.audienceUnionId', message: M.outOfScope }]);
      await db.transaction().execute(async (trx) => {
        const s = (await findSurvey(trx, request.params.id, { forUpdate: true }))!;
        if (s.responseCount > 0 && s.anonymous !== b.anonymous) {
          throw new Problem(409, 'conflict', { errors: [{ field: 'body.anonymous', message: M.anonymityLocked }] });
        }
        if (b.quota !== undefined && b.quota < s.responseCount) {
          throw Problem.validation([{ field: 'body.quota', message: M.quotaBelow, params: { n: s.responseCount } }]);
        }
        const full = b.quota !== undefined && s.responseCount >= b.quota;
        await trx
          .updateTable('surveys')
          .set({
            audienceUnionId: audience.id,
            audiencePath: audience.path,
            audienceFilter: JSON.stringify(b.audienceFilter ?? {}),
            opensAt,
            closesAt,
            graceMinutes: b.graceMinutes ?? 0,
            closedMessage: b.closedMessage?.trim() || null,
            anonymous: b.anonymous,
            quota: b.quota ?? null,
            publishedAt: s.publishedAt ?? clock.now(),
            // Re-publishing reopens a manually closed survey; a quota already reached keeps (or makes) it closed.
            closedAt: full ? (s.closedAt ?? clock.now()) : null,
            closedReason: full ? 'quota' : null,
            updatedAt: sql`now()`,
          })
          .where('id', '=', s.id)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'survey.publish',
          entity: 'survey',
          entityId: s.id,
          unionId: s.ownerUnionId,
          detail: {
            audienceUnionId: audience.id,
            opensAt: b.opensAt,
            closesAt: b.closesAt,
            anonymous: b.anonymous,
            quota: b.quota ?? null,
          },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return surveyDetail(request, (await findSurvey(db, request.params.id))!);
    },
  );

  app.post(
    '/surveys/:id/close',
    { schema: { tags, summary: 'Close now', params: IdParams, response: { 200: SurveyDetail, ...errorResponses } } },
    async (request) => {
      const { actor, survey } = await loadForStaff(request, request.params.id, 'manage');
      if (!survey.publishedAt)
        throw new Problem(409, 'conflict', { errors: [{ field: 'params.id', message: M.notPublished }] });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('surveys')
          .set({ closedAt: clock.now(), closedReason: 'manual', updatedAt: sql`now()` })
          .where('id', '=', survey.id)
          .where('closedAt', 'is', null)
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'survey.close',
          entity: 'survey',
          entityId: survey.id,
          unionId: survey.ownerUnionId,
          requestId: request.id,
          ip: request.ip,
        });
      });
      return surveyDetail(request, (await findSurvey(db, survey.id))!);
    },
  );
};
