import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { findRegion } from '../unions/region.ts';
import { AMENITY_LABELS } from './amenity.ts';
import { errorResponses } from './station-access.ts';
import { checkinsPerMonth, STATS_GROUPS, stationGroups, stationTotals } from './station-stats.repository.ts';

const StatsResponse = Type.Object({
  groupBy: StringEnum(STATS_GROUPS),
  totals: Type.Object({
    stations: Type.Integer(),
    active: Type.Integer(),
    exited: Type.Integer(),
    investmentFen: Type.Integer({ description: 'sum of the investment recorded per station, fen' }),
    withInvestment: Type.Integer({ description: 'stations with an investment recorded' }),
  }),
  groups: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Nullable(Type.String()),
      stations: Type.Integer(),
      active: Type.Integer(),
      investmentFen: Type.Integer(),
    }),
  ),
  usage: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM, Beijing time' }),
      checkins: Type.Integer(),
      stations: Type.Integer({ description: 'stations with at least one check-in' }),
    }),
  ),
});

/** Statistics of the station network in the actor's subtree: groups, investment and usage. */
export const stationStatsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/stats',
    {
      schema: {
        tags: ['stations'],
        summary: 'Stations by region, status, management mode or amenity; investment; check-ins per month',
        querystring: Type.Object(
          {
            groupBy: Type.Optional(StringEnum(STATS_GROUPS, { description: 'default region' })),
            months: Type.Integer({ minimum: 1, maximum: 60, default: 12 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: StatsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      if (actor.role === 'station_operator') throw Problem.forbidden();
      const { groupBy = 'region', months } = request.query;
      const lang = pickLang(request.headers['accept-language']);
      const now = clock.now();
      const since = new Date(now);
      since.setUTCMonth(since.getUTCMonth() - (months - 1), 1);
      const [totals, groups, usage] = await Promise.all([
        stationTotals(db, actor.unionPath),
        stationGroups(db, actor.unionPath, groupBy),
        checkinsPerMonth(db, actor.unionPath, since, now),
      ]);
      const label = (key: string): string | null =>
        groupBy === 'region'
          ? (findRegion(key)?.fullName ?? null)
          : groupBy === 'amenity'
            ? (AMENITY_LABELS[key as keyof typeof AMENITY_LABELS]?.[lang] ?? null)
            : null;
      return { groupBy, totals, groups: groups.map((g) => ({ ...g, label: label(g.key) })), usage };
    },
  );
};
