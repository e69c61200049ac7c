import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { findUnionByCode } from '../unions/union.repository.ts';
import { falling, seasonality, suggestedSites, surveyTermShifts } from './analysis.service.ts';
import { canViewUnion } from './cockpit.policy.ts';
import {
  DistrictsQuery,
  DistrictsResult,
  errorResponses,
  FallingResult,
  ReportQuery,
  ScopeQuery,
  SeasonalityQuery,
  SeasonalityResult,
  SitesResult,
  SummaryResult,
  TermsQuery,
  TermsResult,
  TrendResult,
} from './cockpit.schemas.ts';
import { DISTRICT_MEASURES, districts, monthStart, type Scope, summary, trend } from './cockpit.service.ts';
import { monthlyReport } from './monthly-report.ts';
import { reportPdf, reportTitle, reportXlsx } from './report-render.ts';

/**
 * The scope of a cockpit request: the actor's own subtree, or a district (or higher) union inside it given by
 * `union=CODE`. The figures are kept per district, so nothing finer than a district can be asked for.
 */
export async function resolveScope(db: Database, actor: Actor, code?: string): Promise<Scope> {
  const union = code
    ? await findUnionByCode(db, code)
    : actor.unionId
      ? await db.selectFrom('unions').selectAll().where('id', '=', actor.unionId).executeTakeFirst()
      : undefined;
  if (code && !union)
    throw Problem.validation([
      { field: 'querystring.union', message: { 'zh-CN': '没有这个工会代码', en: 'no union has this code' } },
    ]);
  if (!union) {
    if (actor.role !== 'admin' || actor.unionPath !== null) throw Problem.forbidden();
    return { path: null, unionId: null, code: null, name: null, regionCode: null };
  }
  if (!canViewUnion(actor, union)) throw Problem.forbidden();
  return { path: union.path, unionId: union.id, code: union.code, name: union.name, regionCode: union.regionCode };
}

const scopeOut = (s: Scope) => ({ unionId: s.unionId, code: s.code, name: s.name, regionCode: s.regionCode });

/** The federation cockpit (数据大屏) and its analysis under /api/v1/cockpit, for cockpit.view holders. */
export const cockpitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['cockpit'];
  const scopeOf = async (request: Parameters<typeof requirePermission>[0], code?: string) => {
    const actor = requirePermission(request, 'cockpit.view');
    return { actor, scope: await resolveScope(db, actor, code) };
  };

  app.get(
    '/cockpit/summary',
    {
      schema: {
        tags,
        summary: 'Headline figures: members, cards, claims, stations, surveys, care, hotline',
        querystring: ScopeQuery,
        response: { 200: SummaryResult, ...errorResponses },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.query.union);
      return { scope: scopeOut(scope), ...(await summary(db, scope, clock.now())) };
    },
  );

  app.get(
    '/cockpit/districts',
    {
      schema: {
        tags,
        summary: 'Figures per district (the map), flows over this year, this month or all time',
        querystring: DistrictsQuery,
        response: { 200: DistrictsResult, ...errorResponses },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.query.union);
      const today = shanghaiDay(clock.now());
      const period = request.query.period ?? 'year';
      const from = period === 'year' ? `${today.slice(0, 4)}-01-01` : period === 'month' ? monthStart(today) : null;
      return {
        scope: scopeOut(scope),
        period,
        from,
        measures: [...DISTRICT_MEASURES],
        items: await districts(db, scope.path, from, null),
      };
    },
  );

  app.get(
    '/cockpit/trend',
    {
      schema: {
        tags,
        summary: 'Monthly series of the last 12 months',
        querystring: ScopeQuery,
        response: { 200: TrendResult, ...errorResponses },
      },
    },
    async (request) => trend(db, (await scopeOf(request, request.query.union)).scope.path, clock.now()),
  );

  app.get(
    '/cockpit/analysis/seasonality',
    {
      schema: {
        tags,
        summary: 'Claims per ISO week against the same weeks of earlier years, with district alerts',
        querystring: SeasonalityQuery,
        response: { 200: SeasonalityResult, ...errorResponses },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.query.union);
      const { coverage, rule, years } = request.query;
      return seasonality(db, scope, clock.now(), { coverage, rule, years });
    },
  );

  app.get(
    '/cockpit/analysis/sites',
    {
      schema: {
        tags,
        summary: 'Demand with no station near, ranked as suggested new sites',
        querystring: ScopeQuery,
        response: { 200: SitesResult, ...errorResponses },
      },
    },
    async (request) => ({
      items: await suggestedSites(db, (await scopeOf(request, request.query.union)).scope, clock.now()),
    }),
  );

  app.get(
    '/cockpit/analysis/falling-stations',
    {
      schema: {
        tags,
        summary: 'Stations whose health score fell by 10 or more in 30 days',
        querystring: ScopeQuery,
        response: { 200: FallingResult, ...errorResponses },
      },
    },
    async (request) => ({
      items: await falling(db, (await scopeOf(request, request.query.union)).scope, clock.now()),
    }),
  );

  app.get(
    '/cockpit/analysis/survey-terms',
    {
      schema: {
        tags,
        summary: 'Survey free-text terms said more in one district than in the others',
        querystring: TermsQuery,
        response: { 200: TermsResult, ...errorResponses },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.query.union);
      return surveyTermShifts(db, scope, request.query.surveyId);
    },
  );

  app.get(
    '/cockpit/report',
    {
      schema: {
        tags,
        summary: 'The monthly report (月度数据报告) as PDF or XLSX in the Accept-Language (an audited export)',
        querystring: ReportQuery,
      },
    },
    async (request, reply) => {
      const { actor, scope } = await scopeOf(request, request.query.union);
      const format = request.query.format ?? 'pdf';
      const lang = pickLang(request.headers['accept-language']);
      const report = await monthlyReport(db, scope, request.query.month, clock.now());
      const body = format === 'pdf' ? await reportPdf(report, lang) : await reportXlsx(report, lang);
      await recordAudit(db, {
        actor,
        action: 'cockpit.report.export',
        entity: 'cockpitReport',
        unionId: scope.unionId,
        detail: { month: request.query.month, format, union: scope.code, lang },
        requestId: request.id,
        ip: request.ip,
      });
      const file = `report-${scope.code ?? 'all'}-${request.query.month}.${format}`;
      return reply
        .type(
          format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`${reportTitle(report, lang)}.${format}`)}`,
        )
        .send(body);
    },
  );
};
