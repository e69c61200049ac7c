import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/permissions.ts';
import {
  answerImportJob,
  jobSchema,
  queueImport,
  readImportUpload,
  templateCsv,
  templateRoute,
  uploadSchema,
} from '../../platform/table-import.routes.ts';
import { ProblemSchema } from './account.schemas.ts';
import { importMembers } from './member-import.service.ts';
import { MEMBER_IMPORT_COLUMNS } from './member-row.ts';
import { findUnionById } from './union.repository.ts';

const errorResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The template a clerk downloads: canonical Chinese headers and one example row. */
export function memberImportTemplate(): string {
  return templateCsv(MEMBER_IMPORT_COLUMNS, [
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
  ]);
}

/** Bulk enrolment from the staff console: upload, then poll the job for progress and the row-by-row report. */
export const memberImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock } = app.deps;

  app.get(
    '/members/imports/template.csv',
    templateRoute({
      tag: 'members',
      summary: 'Member import template (CSV, UTF-8 with BOM)',
      fileName: '会员导入模板.csv',
      csv: memberImportTemplate,
    }),
  );

  app.post(
    '/members/imports',
    {
      schema: uploadSchema({
        tag: 'members',
        summary: 'Upload a member spreadsheet (CSV in UTF-8 or GB18030, or XLSX) as multipart/form-data',
        errors: errorResponses,
      }),
    },
    async (request, reply) => {
      const { actor, file, fields, dryRun, skipInvalid } = await readImportUpload(request, 'members.import');
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
      const params = { fileName: file.name, dryRun, skipInvalid };
      const job = { kind: 'members.import', actor, unionId: targetUnion?.id ?? null, params };
      return queueImport(request, reply, job, (onProgress) =>
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
    },
  );

  app.get(
    '/members/imports/:id',
    {
      schema: jobSchema({ tag: 'members', summary: 'Progress and report of a member import', errors: errorResponses }),
    },
    async (request) =>
      answerImportJob(request, request.params.id, { kind: 'members.import', permission: 'members.import' }),
  );
};
