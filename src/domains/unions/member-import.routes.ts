import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { createJob, findJob, runJobInBackground } from '../../platform/jobs.ts';
import { inScope } from '../../platform/permissions.ts';
import { StringEnum } from '../../platform/schema.ts';
import { readUploadedForm } from '../../platform/upload.ts';
import { ProblemSchema } from './account.schemas.ts';
import { IdParams } from './member.schemas.ts';
import { type ImportReport, importMembers } from './member-import.service.ts';
import { MEMBER_IMPORT_COLUMNS } from './member-row.ts';
import { findUnionById } from './union.repository.ts';

const JobView = Type.Object({
  id: Type.String(),
  status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const),
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  fileName: Type.String(),
  total: Type.Integer(),
  processed: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() }),
  ),
  message: Type.Union([Type.String(), Type.Null()]),
});

const errorResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The template a clerk downloads: canonical Chinese headers and one example row, BOM so Excel reads UTF-8. */
export function memberImportTemplate(): string {
  const headers = Object.values(MEMBER_IMPORT_COLUMNS).map((aliases) => aliases[0]);
  const example = [
    '王小明',
    '13912345678',
    '11010519491231002X',
    '',
    '2020-05-01',
    'HZ2020000001',
    '2020-01-01',
    '2027-12-31',
    '6222020200112233446',
    '中国工商银行北京分行',
  ];
  return `\uFEFF${headers.join(',')}\r\n${example.join(',')}\r\n`;
}

/** Bulk enrolment from the staff console: upload, then poll the job for progress and the row-by-row report. */
export const memberImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock } = app.deps;

  app.get(
    '/members/imports/template.csv',
    {
      config: { public: true },
      schema: { tags: ['members'], summary: 'Member import template (CSV, UTF-8 with BOM)' },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          "attachment; filename*=UTF-8''%E4%BC%9A%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv",
        )
        .send(memberImportTemplate()),
  );

  app.post(
    '/members/imports',
    {
      schema: {
        tags: ['members'],
        summary: 'Upload a member spreadsheet (CSV in UTF-8 or GB18030, or XLSX) as multipart/form-data',
        consumes: ['multipart/form-data'],
        response: {
          202: Type.Object({ id: Type.String(), status: Type.String() }),
          ...errorResponses,
          413: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'members.import');
      const { file, fields } = await readUploadedForm(request);
      let targetUnion = null;
      if (fields.unionId) {
        const union = /^[0-9a-f-]{36}$/i.test(fields.unionId) ? await findUnionById(db, fields.unionId) : undefined;
        if (!union || !inScope(actor, union.path))
          throw Problem.validation([{ field: 'unionId', message: 'notFound' }]);
        if (union.kind !== 'workplace' && union.kind !== 'home') {
          throw Problem.validation([
            {
              field: 'unionId',
              message: { 'zh-CN': '请选择基层工会或职工小家', en: 'choose a workplace union or a 职工小家' },
            },
          ]);
        }
        targetUnion = union;
      }
      const dryRun = fields.dryRun === 'true';
      const skipInvalid = fields.skipInvalid === 'true';
      const jobId = await createJob(db, {
        kind: 'members.import',
        createdBy: actor.accountId,
        unionId: targetUnion?.id ?? null,
        params: { fileName: file.name, dryRun, skipInvalid },
      });
      // Runs after the response: the page polls GET /members/imports/:id for progress.
      runJobInBackground(db, jobId, request.log, (onProgress) =>
        importMembers(db, cipher, file.buffer, {
          fileName: file.name,
          targetUnion,
          scopePath: actor.unionPath,
          dryRun,
          skipInvalid,
          actor,
          today: shanghaiDay(clock.now()),
          onProgress,
        }),
      );
      return reply.code(202).send({ id: jobId, status: 'queued' });
    },
  );

  app.get(
    '/members/imports/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'Progress and report of a member import',
        params: IdParams,
        response: { 200: JobView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'members.import');
      const job = await findJob(db, request.params.id);
      if (job?.kind !== 'members.import' || (job.createdBy !== actor.accountId && actor.role !== 'admin')) {
        throw Problem.notFound();
      }
      const lang = pickLang(request.headers['accept-language']);
      const report = job.result as Partial<ImportReport>;
      const params = job.params as { fileName?: string; dryRun?: boolean };
      return {
        id: job.id,
        status: job.status,
        dryRun: params.dryRun ?? false,
        applied: report.applied ?? false,
        fileName: params.fileName ?? '',
        total: job.total,
        processed: job.processed,
        inserted: report.inserted ?? 0,
        updated: report.updated ?? 0,
        unchanged: report.unchanged ?? 0,
        skipped: report.skipped ?? 0,
        errors: (report.errors ?? []).map((e) => ({ ...e, message: e.message[lang] })),
        message: job.message,
      };
    },
  );
};
