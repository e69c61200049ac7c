import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { activeStationPoints, demandCells, regionArea } from './coverage.repository.ts';
import { coverage, padBbox, suggestSites } from './coverage.ts';
import { errorResponses } from './station-access.ts';

const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 code of a province, city or district' });

const AreaSchema = Type.Object({
  regionCode: Type.String(),
  name: Type.String(),
  source: StringEnum(['outline', 'district-extent'] as const, {
    description: 'outline: the region’s own outline; district-extent: approximated (docs/station-operations.md)',
  }),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
});

function unknownArea(regionCode: string): Problem {
  return Problem.validation([
    {
      field: 'querystring.regionCode',
      message: {
        'zh-CN': `无法确定 ${regionCode} 的范围（未知区划，或该区县尚无站点）`,
        en: `no area for ${regionCode} (unknown region, or a district without any station yet)`,
      },
    },
  ]);
}

/** Coverage of a region by active stations, and the demand grid's suggested new sites (staff). */
export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/coverage',
    {
      schema: {
        tags: ['stations'],
        summary: 'Share of a region within radiusM (default: 500 m and 1 km) of an active station, on a grid',
        querystring: Type.Object(
          { regionCode: RegionCode, radiusM: Type.Optional(Type.Integer({ minimum: 100, maximum: 10_000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            area: AreaSchema,
            cellM: Type.Integer(),
            cells: Type.Integer(),
            areaKm2: Type.Number(),
            activeStations: Type.Integer(),
            results: Type.Array(
              Type.Object({ radiusM: Type.Integer(), coveredCells: Type.Integer(), share: Type.Number() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      if (actor.role === 'station_operator') throw Problem.forbidden();
      const { regionCode, radiusM } = request.query;
      const area = await regionArea(db, regionCode);
      if (!area) throw unknownArea(regionCode);
      const radii = radiusM ? [radiusM] : [500, 1000];
      const stations = await activeStationPoints(db, padBbox(area.bbox, Math.max(...radii)));
      const result = coverage(area, stations, radii);
      return {
        area: { regionCode, name: area.name, source: area.source, bbox: area.bbox },
        activeStations: stations.length,
        ...result,
      };
    },
  );

  app.get(
    '/stations/suggested-sites',
    {
      schema: {
        tags: ['stations'],
        summary: 'Grid cells with searches and check-ins but no active station within minDistanceM: new sites',
        querystring: Type.Object(
          {
            regionCode: RegionCode,
            minDistanceM: Type.Integer({ minimum: 200, maximum: 10_000, default: 1000 }),
            days: Type.Integer({ minimum: 7, maximum: 730, default: 365 }),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            area: AreaSchema,
            items: Type.Array(
              Type.Object({
                lng: Type.Number(),
                lat: Type.Number(),
                searches: Type.Integer(),
                checkins: Type.Integer(),
                score: Type.Integer({ description: 'searches + 3 × check-ins' }),
                nearestStationM: Nullable(Type.Integer()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      if (actor.role === 'station_operator') throw Problem.forbidden();
      const { regionCode, minDistanceM, days, limit } = request.query;
      const area = await regionArea(db, regionCode);
      if (!area) throw unknownArea(regionCode);
      const [cells, stations] = await Promise.all([
        demandCells(db, area.bbox, clock.now(), days),
        activeStationPoints(db, padBbox(area.bbox, minDistanceM)),
      ]);
      return {
        area: { regionCode, name: area.name, source: area.source, bbox: area.bbox },
        items: suggestSites(cells, stations, { minDistanceM, limit, area }),
      };
    },
  );
};
