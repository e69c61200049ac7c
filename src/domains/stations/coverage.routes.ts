import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { activeStationPoints, demandCells, type ResolvedArea, regionArea } from './coverage.repository.ts';
import { type Bbox, coverage, padBbox, suggestSites } from './coverage.ts';
import { errorResponses } from './station-access.ts';

const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 code of a province, city or district' });

const AreaSchema = Type.Object({
  regionCode: Type.String(),
  name: Type.String(),
  source: StringEnum(['outline', 'district-extent', 'view'] as const, {
    description:
      'outline: the region’s own outline; district-extent: approximated (docs/station-operations.md); view: the bbox asked for',
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

const NUM = '-?\\d{1,3}(\\.\\d+)?';
/** The largest map view (degrees a side) the suggested-sites layer may ask about: a city, not a country. */
export const MAX_BBOX_DEG = 1;

/** A map view as the area of the suggestions; exactly one of regionCode and bbox must be given. */
function viewArea(text: string | undefined): ResolvedArea {
  const field = (en: string, zh: string) =>
    Problem.validation([{ field: 'querystring.bbox', message: { 'zh-CN': zh, en } }]);
  if (text === undefined) throw field('give regionCode or bbox', '请给出 regionCode 或 bbox');
  const [x0, y0, x1, y1] = text.split(',').map(Number) as Bbox;
  if (!(x0 < x1 && y0 < y1) || x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90)
    throw field('minLng,minLat,maxLng,maxLat with min < max', '应为 最小经度,最小纬度,最大经度,最大纬度');
  if (x1 - x0 > MAX_BBOX_DEG || y1 - y0 > MAX_BBOX_DEG)
    throw field(`at most ${MAX_BBOX_DEG}° a side`, `每边不超过 ${MAX_BBOX_DEG} 度`);
  return { source: 'view', name: '', bbox: [x0, y0, x1, y1], contains: () => true };
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
            regionCode: Type.Optional(RegionCode),
            bbox: Type.Optional(
              Type.String({
                pattern: `^${NUM},${NUM},${NUM},${NUM}$`,
                description: `instead of regionCode: minLng,minLat,maxLng,maxLat (WGS-84), at most ${MAX_BBOX_DEG}° a side (the map's view)`,
              }),
            ),
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
      const { regionCode, bbox, minDistanceM, days, limit } = request.query;
      if (regionCode !== undefined && bbox !== undefined) {
        throw Problem.validation([
          {
            field: 'querystring.bbox',
            message: { 'zh-CN': 'regionCode 与 bbox 只能给一个', en: 'give regionCode or bbox, not both' },
          },
        ]);
      }
      const area = regionCode !== undefined ? await regionArea(db, regionCode) : viewArea(bbox);
      if (!area) throw unknownArea(regionCode ?? '');
      const [cells, stations] = await Promise.all([
        demandCells(db, area.bbox, clock.now(), days),
        activeStationPoints(db, padBbox(area.bbox, minDistanceM)),
      ]);
      return {
        area: { regionCode: regionCode ?? '', name: area.name, source: area.source, bbox: area.bbox },
        items: suggestSites(cells, stations, { minDistanceM, limit, area }),
      };
    },
  );
};
