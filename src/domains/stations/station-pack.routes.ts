import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/errors.ts';
import { findRegion } from '../unions/region.ts';
import { errorResponses } from './station-access.ts';
import { loadPackSources } from './station-pack.repository.ts';
import { buildPack, PACK_VERSION, regionPrefix } from './station-pack.ts';

const PackQuery = Type.Object(
  {
    region: Type.String({
      pattern: '^\\d{6}$',
      description: 'GB/T 2260 code of a province, city or district: 110000 is all of Beijing',
    }),
  },
  { additionalProperties: false },
);

const Interval = Type.Object({ open: Type.String(), close: Type.String() });
const PackSchema = Type.Object({
  version: Type.Literal(PACK_VERSION),
  region: Type.String(),
  generatedAt: Type.String({ description: 'when the server wrote the pack (ISO 8601)' }),
  hours: Type.Array(
    Type.Object(
      {
        kind: Type.String({ description: 'unknown, always or weekly (see opening hours)' }),
        week: Type.Optional(Type.Record(Type.String(), Type.Array(Interval))),
        exceptions: Type.Optional(Type.Array(Type.Any())),
      },
      { additionalProperties: true },
    ),
    { description: 'distinct schedules; each station names one by its index' },
  ),
  stations: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      address: Type.String(),
      lng: Type.Number({ description: 'WGS-84' }),
      lat: Type.Number({ description: 'WGS-84' }),
      hours: Type.Integer({ description: 'index into hours' }),
      amenities: Type.Array(Type.String()),
      phone: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** Max age browsers and proxies may reuse a pack without asking; the phone revalidates with If-None-Match anyway. */
const MAX_AGE_S = 300;

/**
 * GET /stations/pack?region=110000 (public): the station pack a phone keeps for offline "nearest open station"
 * (station-pack.ts). A strong ETag over the stations and hours (not the generation time) answers an unchanged
 * pack with 304, so a phone can revalidate it on every visit for a few hundred bytes.
 */
export const stationPackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/pack',
    {
      config: { public: true, rateLimit: { max: app.deps.publicRateLimitPerMinute ?? 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['stations'],
        summary: "A region's public stations in a compact pack for offline use (public, cacheable, ETag)",
        querystring: PackQuery,
        response: {
          200: PackSchema,
          304: Type.Null({ description: 'unchanged since the If-None-Match ETag' }),
          400: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { region } = request.query;
      if (!findRegion(region)) {
        const message = { 'zh-CN': '不是现行的行政区划代码', en: 'is not a current region code' };
        throw Problem.validation([{ field: 'querystring.region', message }]);
      }
      const pack = buildPack(await loadPackSources(db, regionPrefix(region)), region, clock.now());
      const digest = createHash('sha256')
        .update(JSON.stringify([pack.version, pack.region, pack.hours, pack.stations]))
        .digest('base64url')
        .slice(0, 27);
      const etag = `"${digest}"`;
      reply
        .header('etag', etag)
        .header('cache-control', `public, max-age=${MAX_AGE_S}`)
        .header('vary', 'accept-encoding');
      const match = request.headers['if-none-match'];
      if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        return reply.code(304).send(null);
      }
      return pack;
    },
  );
};
