import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { IsoDate } from '../../platform/schema.ts';
import { errorResponses } from './claim.schemas.ts';
import { isUniqueViolation } from './claim-access.ts';
import { CoverageRuleSchema, filingDeadline, parseCoverageRule } from './coverage-rule.ts';
import { isPlainDate } from './plain-date.ts';
import {
  addVersion,
  findCoverage,
  findSchemeByCode,
  findVersionOn,
  insertCoverage,
  insertScheme,
  listSchemes,
  listVersions,
  loadCalendar,
  VersionOrderError,
} from './scheme.repository.ts';

const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$' }) });

/** Schemes and coverage rules: public reading; city staff add coverages and publish rule versions. */
export const schemeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['aid schemes'];

  app.get(
    '/aid/schemes',
    { config: { public: true }, schema: { tags, summary: 'Schemes and their coverages (public)' } },
    async (request) => {
      const en = pickLang(request.headers['accept-language']) === 'en';
      const schemes = await listSchemes(db);
      return {
        items: schemes.map((s) => ({
          id: s.id,
          code: s.code,
          name: en ? s.nameEn || s.name : s.name,
          since: s.since,
          coverages: s.coverages.map((c) => ({ id: c.id, code: c.code, name: en ? c.nameEn || c.name : c.name })),
        })),
      };
    },
  );

  app.get(
    '/aid/coverages/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A coverage with the rule in force on a date (default today): questions, documents, benefit, window',
        params: CodeParams,
        querystring: Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const coverage = await findCoverage(db, { code: request.params.code });
      if (!coverage) throw Problem.notFound();
      const on = request.query.on ?? shanghaiDay(clock.now());
      const version = await findVersionOn(db, coverage.id, on);
      const versions = await listVersions(db, coverage.id);
      return {
        code: coverage.code,
        name: coverage.name,
        nameEn: coverage.nameEn,
        scheme: { code: coverage.schemeCode, name: coverage.schemeName },
        on,
        rule: version?.rule ?? null,
        deadlineIfToday: version ? filingDeadline(version.rule, on, await loadCalendar(db)) : null,
        versions: versions.map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo })),
      };
    },
  );

  app.post(
    '/aid/schemes',
    {
      schema: {
        tags,
        summary: 'Create a scheme',
        body: Type.Object(
          {
            code: CodeParams.properties.code,
            name: Type.String({ minLength: 2, maxLength: 100 }),
            nameEn: Type.String({ maxLength: 200, default: '' }),
            since: IsoDate,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      try {
        const id = await db.transaction().execute(async (trx) => {
          const id = await insertScheme(trx, request.body);
          await recordAudit(trx, {
            actor,
            action: 'aid.scheme.create',
            entity: 'aidScheme',
            entityId: id,
            detail: request.body,
            requestId: request.id,
            ip: request.ip,
          });
          return id;
        });
        return reply.code(201).send({ id });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new Problem(409, 'conflict', { errors: [{ field: 'body.code', message: 'conflict' }] });
        throw err;
      }
    },
  );

  app.post(
    '/aid/schemes/:code/coverages',
    {
      schema: {
        tags,
        summary: 'Add a coverage with its first rule version',
        params: CodeParams,
        body: Type.Object(
          {
            code: CodeParams.properties.code,
            name: Type.String({ minLength: 2, maxLength: 50 }),
            nameEn: Type.String({ maxLength: 100, default: '' }),
            sortOrder: Type.Integer({ default: 0 }),
            effectiveFrom: IsoDate,
            rule: CoverageRuleSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), versionId: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      const scheme = await findSchemeByCode(db, request.params.code);
      if (!scheme) throw Problem.notFound();
      const { rule: input, effectiveFrom, ...coverage } = request.body;
      const parsed = parseCoverageRule(input);
      if (!parsed.ok)
        throw Problem.validation(
          parsed.errors.map((e) => ({ field: `body.rule.${e.path}`, message: { 'zh-CN': e.message, en: e.message } })),
        );
      try {
        const ids = await db.transaction().execute(async (trx) => {
          const id = await insertCoverage(trx, { ...coverage, schemeId: scheme.id });
          const versionId = await addVersion(trx, {
            coverageId: id,
            effectiveFrom,
            effectiveTo: null,
            rule: parsed.rule,
            createdBy: actor.accountId,
          });
          await recordAudit(trx, {
            actor,
            action: 'aid.coverage.create',
            entity: 'aidCoverage',
            entityId: id,
            detail: { code: coverage.code, effectiveFrom },
            requestId: request.id,
            ip: request.ip,
          });
          return { id, versionId };
        });
        return reply.code(201).send(ids);
      } catch (err) {
        if (isUniqueViolation(err))
          throw new Problem(409, 'conflict', { errors: [{ field: 'body.code', message: 'conflict' }] });
        throw err;
      }
    },
  );

  app.post(
    '/aid/coverages/:code/versions',
    {
      schema: {
        tags,
        summary: 'Publish a new rule version from a date (the open one is closed the day before)',
        params: CodeParams,
        body: Type.Object({ effectiveFrom: IsoDate, rule: CoverageRuleSchema }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      const coverage = await findCoverage(db, { code: request.params.code });
      if (!coverage) throw Problem.notFound();
      const parsed = parseCoverageRule(request.body.rule);
      if (!parsed.ok)
        throw Problem.validation(
          parsed.errors.map((e) => ({ field: `body.rule.${e.path}`, message: { 'zh-CN': e.message, en: e.message } })),
        );
      if (!isPlainDate(request.body.effectiveFrom))
        throw Problem.validation([{ field: 'body.effectiveFrom', message: 'fieldType' }]);
      try {
        const id = await db.transaction().execute(async (trx) => {
          const id = await addVersion(trx, {
            coverageId: coverage.id,
            effectiveFrom: request.body.effectiveFrom,
            effectiveTo: null,
            rule: parsed.rule,
            createdBy: actor.accountId,
          });
          await recordAudit(trx, {
            actor,
            action: 'aid.coverage.version',
            entity: 'aidCoverage',
            entityId: coverage.id,
            detail: { versionId: id, effectiveFrom: request.body.effectiveFrom },
            requestId: request.id,
            ip: request.ip,
          });
          return id;
        });
        return reply.code(201).send({ id });
      } catch (err) {
        if (err instanceof VersionOrderError) {
          throw Problem.validation([
            {
              field: 'body.effectiveFrom',
              message: {
                'zh-CN': `必须晚于最新版本的生效日 ${err.message}`,
                en: `must be after the latest version's start ${err.message}`,
              },
            },
          ]);
        }
        throw err;
      }
    },
  );
};
