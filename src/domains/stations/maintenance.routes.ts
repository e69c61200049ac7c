import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { EXIT_RULE_CODES } from './exit-rule.ts';
import { listMaintenanceRuns, type MaintenanceResult } from './maintenance.ts';
import { formatDailyTime, nextRunAt } from './maintenance-schedule.ts';
import { errorResponses } from './station-access.ts';

const Run = Type.Object({
  id: Type.String(),
  trigger: StringEnum(['schedule', 'catch-up', 'manual'] as const),
  status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const),
  startedAt: Type.String(),
  updatedAt: Type.String(),
  total: Type.Integer({ description: 'stations whose health the run recomputes' }),
  processed: Type.Integer(),
  result: Nullable(
    Type.Object({
      health: Type.Integer(),
      evaluated: Type.Integer(),
      matched: Type.Integer(),
      opened: Type.Integer(),
      openedByRule: Type.Array(Type.Object({ rule: StringEnum(EXIT_RULE_CODES), opened: Type.Integer() })),
    }),
  ),
  message: Nullable(Type.String()),
});

/** When the daily station maintenance last ran and what it did (read-only; the schedule is configuration). */
export const maintenanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.deps;
  app.get(
    '/stations/maintenance/runs',
    {
      schema: {
        tags: ['stations'],
        summary: 'The latest runs of the daily station maintenance (health recompute, then exit rules)',
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            schedule: Type.Object({
              at: Nullable(Type.String({ description: 'HH:MM Beijing time; null when switched off' })),
              nextRunAt: Nullable(Type.String()),
            }),
            items: Type.Array(Run),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requirePermission(request, 'stations.oversee');
      const at = config.stationMaintenanceAt ?? null;
      const runs = await listMaintenanceRuns(db, request.query.limit);
      return {
        schedule: {
          at: at && formatDailyTime(at),
          nextRunAt: at && nextRunAt(clock.now(), at).toISOString(),
        },
        items: runs.map((r) => ({
          id: r.id,
          trigger: (r.params as { trigger: 'schedule' | 'catch-up' | 'manual' }).trigger,
          status: r.status,
          startedAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          total: r.total,
          processed: r.processed,
          result: r.status === 'succeeded' ? (r.result as unknown as MaintenanceResult) : null,
          message: r.message,
        })),
      };
    },
  );
};
