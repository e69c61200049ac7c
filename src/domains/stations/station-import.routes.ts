import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/permissions.ts';
import { StringEnum } from '../../platform/schema.ts';
import {
  answerImportJob,
  jobSchema,
  queueImport,
  readImportUpload,
  templateCsv,
  templateRoute,
  uploadSchema,
} from '../../platform/table-import.routes.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { CRS_LIST, type Crs } from './geo.ts';
import { errorResponses, type StationPluginOptions } from './station-access.ts';
import { importStations } from './station-import.service.ts';
import { STATION_IMPORT_COLUMNS } from './station-row.ts';

/** The template a clerk downloads: canonical Chinese headers and one example row. */
export function stationImportTemplate(): string {
  return templateCsv(STATION_IMPORT_COLUMNS, [
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
  ]);
}

/** Station import from the staff console: upload, then poll the job for progress and the row-by-row report. */
export const stationImportRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const { db } = app.deps;

  app.get(
    '/stations/imports/template.csv',
    templateRoute({
      tag: 'stations',
      summary: 'Station import template (CSV, UTF-8 with BOM)',
      fileName: 'stations-template.csv',
      csv: stationImportTemplate,
    }),
  );

  app.post(
    '/stations/imports',
    {
      schema: uploadSchema({
        tag: 'stations',
        summary: 'Upload a station spreadsheet (multipart: file, crs, dryRun, skipInvalid, unionId)',
        errors: errorResponses,
      }),
    },
    async (request, reply) => {
      const { actor, file, fields, dryRun, skipInvalid } = await readImportUpload(request, 'stations.write');
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
      const params = { fileName: file.name, crs, dryRun, skipInvalid };
      return queueImport(request, reply, { kind: 'stations.import', actor, unionId: union.id, params }, (onProgress) =>
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
    },
  );

  app.get(
    '/stations/imports/:id',
    {
      schema: jobSchema({
        tag: 'stations',
        summary: 'Progress and report of a station import',
        errors: errorResponses,
        extra: { crs: StringEnum(CRS_LIST) },
      }),
    },
    async (request) =>
      answerImportJob(request, request.params.id, {
        kind: 'stations.import',
        permission: 'stations.write',
        extra: (params) => ({ crs: (params.crs as Crs | undefined) ?? 'wgs84' }),
      }),
  );
};
