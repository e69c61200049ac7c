import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { errorResponses } from './claim.schemas.ts';
import { suppressSmallCells } from './small-cells.ts';
import { paidStats, STAT_DIMENSIONS, type StatDimension } from './stats.repository.ts';

const StatsQuery = Type.Object(
  {
    groupBy: Type.Optional(
      Type.String({ pattern: '^[a-z]+(,[a-z]+)?$', description: `up to two of ${STAT_DIMENSIONS.join(', ')}` }),
    ),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    source: Type.Optional(StringEnum(['all', 'system', 'history'] as const)),
    audience: Type.Optional(
      StringEnum(['internal', 'external'] as const, { description: 'external: cells < 5 members hidden' }),
    ),
  },
  { additionalProperties: false },
);

const Measures = {
  beneficiaries: Nullable(Type.Integer({ description: '受益人次' })),
  amountFen: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
};
const StatsResult = Type.Object({
  groupBy: Type.Array(Type.String()),
  from: Nullable(IsoDate),
  to: Nullable(IsoDate),
  audience: Type.String(),
  rows: Type.Array(
    Type.Object({
      keys: Type.Record(Type.String(), Nullable(Type.String())),
      labels: Type.Record(Type.String(), Nullable(Type.String())),
      ...Measures,
    }),
  ),
  total: Type.Object(Measures),
});

type Query = {
  groupBy?: string;
  from?: string;
  to?: string;
  source?: 'all' | 'system' | 'history';
  audience?: 'internal' | 'external';
};

const DIM_LABEL: Record<StatDimension, [string, string]> = {
  scheme: ['互助保障计划', 'Scheme'],
  coverage: ['保障项目', 'Coverage'],
  year: ['年度', 'Year'],
  district: ['区', 'District'],
  union: ['基层工会', 'Workplace union'],
};

/** Beneficiaries (人次) and amounts paid, for the dashboard and for reports, inside the staff member's subtree. */
export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['aid statistics'];

  async function compute(actor: Actor, q: Query) {
    const groupBy = (q.groupBy ? q.groupBy.split(',') : []) as StatDimension[];
    const bad = groupBy.find((d) => !STAT_DIMENSIONS.includes(d));
    if (bad || new Set(groupBy).size !== groupBy.length) {
      throw Problem.validation([
        { field: 'querystring.groupBy', message: 'fieldEnum', params: { values: STAT_DIMENSIONS.join(', ') } },
      ]);
    }
    if (q.from && q.to && q.from > q.to) throw Problem.validation([{ field: 'querystring.to', message: 'fieldRange' }]);
    const audience = q.audience ?? 'internal';
    const result = await paidStats(db, {
      scopePath: actor.unionPath,
      from: q.from,
      to: q.to,
      source: q.source ?? 'all',
      groupBy,
    });
    const cells = result.rows.map((r) => ({ ...r, suppressed: false }));
    const rows = audience === 'external' ? suppressSmallCells(cells) : cells;
    const total =
      audience === 'external'
        ? suppressSmallCells([{ ...result.total, suppressed: false }])[0]!
        : { ...result.total, suppressed: false };
    return {
      groupBy,
      from: q.from ?? null,
      to: q.to ?? null,
      audience,
      rows: rows.map((r) => ({
        keys: r.keys,
        labels: r.labels,
        beneficiaries: r.beneficiaries,
        amountFen: r.amountFen,
        suppressed: r.suppressed,
      })),
      total: { beneficiaries: total.beneficiaries, amountFen: total.amountFen, suppressed: total.suppressed },
    };
  }

  app.get(
    '/aid/stats',
    {
      schema: {
        tags,
        summary:
          'Beneficiaries (人次) and amounts by scheme, coverage, year, district or workplace union (history included)',
        querystring: StatsQuery,
        response: { 200: StatsResult, ...errorResponses },
      },
    },
    async (request) => compute(requirePermission(request, 'aid.stats'), request.query),
  );

  app.get(
    '/aid/stats.xlsx',
    { schema: { tags, summary: 'The same as an XLSX workbook (an audited export)', querystring: StatsQuery } },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.stats');
      const stats = await compute(actor, request.query);
      const en = pickLang(request.headers['accept-language']) === 'en';
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(en ? 'Mutual aid paid' : '互助金发放统计');
      const dims = stats.groupBy as StatDimension[];
      ws.addRow([
        ...dims.map((d) => DIM_LABEL[d][en ? 1 : 0]),
        en ? 'Beneficiaries' : '受益人次',
        en ? 'Amount (yuan)' : '金额（元）',
      ]);
      const cell = (v: number | null, yuan = false) => (v === null ? (en ? '<5' : '少于5人') : yuan ? v / 100 : v);
      for (const r of stats.rows)
        ws.addRow([
          ...dims.map((d) => r.labels[d] ?? r.keys[d] ?? '—'),
          cell(r.beneficiaries),
          cell(r.amountFen, true),
        ]);
      ws.addRow([
        ...dims.map((_, i) => (i === 0 ? (en ? 'Total' : '合计') : '')),
        cell(stats.total.beneficiaries),
        cell(stats.total.amountFen, true),
      ]);
      ws.getColumn(dims.length + 2).numFmt = '#,##0.00';
      await recordAudit(db, {
        actor,
        action: 'aid.stats.export',
        entity: 'aidStats',
        detail: { ...request.query },
        requestId: request.id,
        ip: request.ip,
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="aid-stats.xlsx"')
        .send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );
};
