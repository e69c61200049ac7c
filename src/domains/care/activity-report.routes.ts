import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import {
  activityHandouts,
  activityReach,
  byItem,
  findActivity,
  listActivities,
  toSummary,
} from './activity.repository.ts';
import { ActivityReport, PeriodQuery, PeriodReport } from './activity.schemas.ts';
import { can } from './care.policy.ts';
import { requireCareStaff, scopePath } from './care-access.ts';
import { dateRangeIssues } from './care-rules.ts';
import { sheetXlsx, XLSX_TYPE } from './care-xlsx.ts';
import { errorResponses, IdParams } from './stock.schemas.ts';

const tags = ['care activities'];

async function periodReport(request: FastifyRequest, q: { from: string; to: string; unionId?: string }) {
  const actor = requireCareStaff(request, 'read');
  const issues = dateRangeIssues({ field: 'querystring.from', day: q.from }, { field: 'querystring.to', day: q.to });
  if (issues.length) throw Problem.validation(issues);
  const db = request.server.deps.db;
  const activities = (await listActivities(db, scopePath(actor), q)).map(toSummary);
  const handouts = await activityHandouts(
    db,
    activities.map((a) => a.id),
  );
  const unions = new Map<
    string,
    { unionId: string; unionName: string; activities: number; peopleReached: number; itemsHandedOut: number }
  >();
  for (const a of activities) {
    const u = unions.get(a.unionId) ?? {
      unionId: a.unionId,
      unionName: a.unionName,
      activities: 0,
      peopleReached: 0,
      itemsHandedOut: 0,
    };
    u.activities += 1;
    u.peopleReached += a.peopleReached;
    u.itemsHandedOut += a.itemsHandedOut;
    unions.set(a.unionId, u);
  }
  return {
    actor,
    report: {
      from: q.from,
      to: q.to,
      activities,
      byItem: byItem(handouts),
      byUnion: [...unions.values()].sort((a, b) => b.peopleReached - a.peopleReached),
      peopleReached: activities.reduce((s, a) => s + a.peopleReached, 0),
    },
  };
}

/** Reports on care activities: one activity, or every activity of a period (JSON and XLSX). */
export const activityReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/care/activities/:id/report',
    {
      schema: {
        tags,
        summary: 'What one activity handed out (per item, per place) and whom it reached',
        params: IdParams,
        response: { 200: ActivityReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const activity = await findActivity(db, request.params.id);
      if (!activity || !can(actor, 'read', { unionPath: activity.unionPath })) throw Problem.notFound();
      const [handouts, reach] = await Promise.all([
        activityHandouts(db, [activity.id]),
        activityReach(db, [activity.id]),
      ]);
      const summary = toSummary(activity);
      const places = new Map<string, { placeName: string; peopleReached: number; itemsHandedOut: number }>(
        summary.places.map((p) => [p.name, { placeName: p.name, peopleReached: 0, itemsHandedOut: 0 }]),
      );
      const at = (name: string) =>
        places.get(name) ?? places.set(name, { placeName: name, peopleReached: 0, itemsHandedOut: 0 }).get(name)!;
      for (const r of reach) at(r.placeName).peopleReached += r.people;
      for (const h of handouts) at(h.placeName).itemsHandedOut += h.quantity;
      return {
        activity: summary,
        byItem: byItem(handouts),
        byPlace: [...places.values()],
        peopleReached: summary.peopleReached,
      };
    },
  );

  app.get(
    '/care/reports/activities',
    {
      schema: {
        tags,
        summary: 'Every activity of a period with totals per item and per union',
        querystring: PeriodQuery,
        response: { 200: PeriodReport, ...errorResponses },
      },
    },
    async (request) => (await periodReport(request, request.query)).report,
  );

  app.get(
    '/care/reports/activities.xlsx',
    {
      schema: { tags, summary: 'The period report as an XLSX workbook (an audited export)', querystring: PeriodQuery },
    },
    async (request, reply) => {
      const { actor, report } = await periodReport(request, request.query);
      const en = pickLang(request.headers['accept-language']) === 'en';
      const headers = en
        ? ['Activity', 'Union', 'From', 'To', 'Places', 'People reached', 'Items handed out']
        : ['活动', '工会', '开始日期', '结束日期', '地点', '服务人次', '发放物品数'];
      const rows: (string | number | null)[][] = report.activities.map((a) => [
        a.title,
        a.unionName,
        a.startsOn,
        a.endsOn,
        a.places.map((p) => p.name).join(en ? ', ' : '、'),
        a.peopleReached,
        a.itemsHandedOut,
      ]);
      rows.push([
        en ? 'Total' : '合计',
        null,
        report.from,
        report.to,
        null,
        report.peopleReached,
        report.byItem.reduce((s, i) => s + i.quantity, 0),
      ]);
      const buf = await sheetXlsx(en ? 'Care activities' : '关爱活动', headers, rows);
      await recordAudit(db, {
        actor,
        action: 'care.activities.export',
        entity: 'care_activity',
        detail: { ...request.query },
        requestId: request.id,
        ip: request.ip,
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="care-activities.xlsx"')
        .send(buf);
    },
  );
};
