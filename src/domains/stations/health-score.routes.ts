import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { fallingStations, liveStationIds, recomputeHealth } from './health-score.repository.ts';
import { HEALTH_WEIGHTS, type HealthComponent } from './health-score.ts';
import { RefParams } from './station.schemas.ts';
import { errorResponses, loadForActor } from './station-access.ts';

const ComponentSchema = Type.Object({
  key: Type.String(),
  value: Type.Integer({ description: '0–100' }),
  weight: Type.Integer({ description: 'share of the score, in %' }),
});

const HealthResponse = Type.Object({
  code: Type.String(),
  score: Type.Integer({ description: '0–100; see docs/station-operations.md for the formula' }),
  computedAt: Type.String(),
  components: Type.Array(ComponentSchema),
});

const FallingQuery = Type.Object(
  {
    drop: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

const FallingResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      status: Type.String(),
      score: Type.Integer(),
      best: Type.Integer({ description: 'best daily score in the window' }),
      fall: Type.Integer(),
      computedAt: Type.String(),
    }),
  ),
});

/** The health score of one station, stations whose health is falling, and recomputation on demand. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/:ref/health',
    {
      schema: {
        tags: ['stations'],
        summary: "A station's health score (recomputed now) with its components",
        params: RefParams,
        response: { 200: HealthResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { station } = await loadForActor(request, request.params.ref);
      const now = clock.now();
      const health = (await recomputeHealth(db, [station.id], now)).get(station.id)!;
      return {
        code: station.code,
        score: health.score,
        computedAt: now.toISOString(),
        components: (Object.keys(HEALTH_WEIGHTS) as HealthComponent[]).map((key) => ({
          key,
          ...health.components[key],
        })),
      };
    },
  );

  app.get(
    '/stations/health/falling',
    {
      schema: {
        tags: ['stations'],
        summary: 'Stations whose health score dropped by at least `drop` points within `days` days',
        querystring: FallingQuery,
        response: { 200: FallingResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      if (actor.role === 'station_operator') return { items: [] };
      const rows = await fallingStations(db, { scopePath: actor.unionPath, ...request.query, now: clock.now() });
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: r.name,
          status: r.status,
          score: r.score,
          best: Number(r.best),
          fall: Number(r.fall),
          computedAt: r.computedAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/stations/health/recompute',
    {
      schema: {
        tags: ['stations'],
        summary: 'Recompute the health of every station in your subtree (the nightly job does the same)',
        response: { 200: Type.Object({ recomputed: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.oversee');
      const ids = await liveStationIds(db, actor.unionPath);
      await recomputeHealth(db, ids, clock.now());
      return { recomputed: ids.length };
    },
  );
};
