import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { createJob, findJob, runJobInBackground } from '../../platform/jobs.ts';
import { inScope } from '../../platform/permissions.ts';
import { StringEnum } from '../../platform/schema.ts';
import { readUploadedForm } from '../../platform/upload.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { CRS_LIST, type Crs } from './geo.ts';
import { errorResponses, type StationPluginOptions } from './station-access.ts';
import { importStations, type StationImportReport } from './station-import.service.ts';
import { STATION_IMPORT_COLUMNS } from './station-row.ts';

const JobView = Type.Object({
  id: Type.String(),
  status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const),
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  fileName: Type.String(),
  crs: StringEnum(CRS_LIST),
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

/** The template a clerk downloads: canonical Chinese headers and one example row, BOM so Excel reads UTF-8. */
export function stationImportTemplate(): string {
  const headers = Object.values(STATION_IMPORT_COLUMNS).map((aliases) => aliases[0]);
  const example = [
    '望京SOHO户外劳动者服务站',
    '北京市朝阳区望京街10号望京SOHO T1 一层',
    '116.480656',
    '39.996319',
    '110105',
    '周一至周五 08:00-20:00; 周六、周日 09:00-17:00',
    '饮用水、热水、微波炉、手机充电、卫生间',
    '购买服务',
    '010-84701234',
    'CY-0001',
  ];
  return `\uFEFF${headers.join(',')}\r\n${example.map((v) => (/[,"]/.test(v) ? `"${v}"` : v)).join(',')}\r\n`;
}

/** Station import from the staff console: upload, then poll the job for progress and the row-by-row report. */
export const stationImportRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const { db } = app.deps;

  app.get(
    '/stations/imports/template.csv',
    {
      config: { public: true },
      schema: { tags: ['stations'], summary: 'Station import template (CSV, UTF-8 with BOM)' },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', "attachment; filename*=UTF-8''stations-template.csv")
        .send(stationImportTemplate()),
  );

  app.post(
    '/stations/imports',
    {
      schema: {
        tags: ['stations'],
        summary: 'Upload a station spreadsheet (multipart: file, crs, dryRun, skipInvalid, unionId)',
        consumes: ['multipart/form-data'],
        response: {
          202: Type.Object({ id: Type.String(), status: Type.String() }),
          ...errorResponses,
          413: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stations.write');
      const { file, fields } = await readUploadedForm(request);
      const crs = (fields.crs ?? 'wgs84') as Crs;
      if (!CRS_LIST.includes(crs)) {
        throw Problem.validation([{ field: 'crs', message: 'fieldEnum', params: { values: CRS_LIST.join(', ') } }]);
      }
      // New stations belong to the importer's union, or to a union of their subtree they name.
      const unionId = fields.unionId || actor.unionId;
      const union = unionId
        ? /^[0-9a-f-]{36}$/i.test(unionId)
          ? await findUnionById(db, unionId)
          : undefined
        : await db.selectFrom('unions').selectAll().where('depth', '=', 0).orderBy('seq').executeTakeFirst();
      if (!union || !inScope(actor, union.path)) throw Problem.validation([{ field: 'unionId', message: 'notFound' }]);
      const dryRun = fields.dryRun === 'true';
      const skipInvalid = fields.skipInvalid === 'true';
      const jobId = await createJob(db, {
        kind: 'stations.import',
        createdBy: actor.accountId,
        unionId: union.id,
        params: { fileName: file.name, crs, dryRun, skipInvalid },
      });
      runJobInBackground(db, jobId, request.log, (onProgress) =>
        importStations(db, file.buffer, {
          fileName: file.name,
          crs,
          dryRun,
          skipInvalid,
          union: { id: union.id, path: union.path },
          scopePath: actor.unionPath,
          actor,
          sync,
          onProgress,
        }),
      );
      return reply.code(202).send({ id: jobId, status: 'queued' });
    },
  );

  app.get(
    '/stations/imports/:id',
    {
      schema: {
        tags: ['stations'],
        summary: 'Progress and report of a station import',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: JobView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.write');
      const job = await findJob(db, request.params.id);
      if (job?.kind !== 'stations.import' || (job.createdBy !== actor.accountId && actor.role !== 'admin')) {
        throw Problem.notFound();
      }
      const lang = pickLang(request.headers['accept-language']);
      const report = job.result as Partial<StationImportReport>;
      const params = job.params as { fileName?: string; dryRun?: boolean; crs?: Crs };
      return {
        id: job.id,
        status: job.status,
        dryRun: params.dryRun ?? false,
        applied: report.applied ?? false,
        fileName: params.fileName ?? '',
        crs: params.crs ?? 'wgs84',
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
