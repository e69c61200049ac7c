import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { awardRoutes } from './award.routes.ts';
import { awardResultRoutes } from './award-result.routes.ts';
import { awardVoteRoutes } from './award-vote.routes.ts';
import { startDemandFlusher } from './coverage.demand.ts';
import { coverageRoutes } from './coverage.routes.ts';
import { exitReviewRoutes } from './exit-review.routes.ts';
import { healthRoutes } from './health-score.routes.ts';
import { inspectionRoutes } from './inspection.routes.ts';
import { maintenanceRoutes } from './maintenance.routes.ts';
import { startStationMaintenance } from './maintenance.ts';
import type { StationPluginOptions } from './station-access.ts';
import { stationStatsRoutes } from './station-stats.routes.ts';
import { ticketRoutes } from './ticket.routes.ts';

/** How often searches counted by recordDemand reach the database. */
export const DEMAND_FLUSH_MS = 10_000;

/**
 * Operations and exit, the "most beautiful station" campaign and statistics (issue 4, items 6–8). Registered
 * inside the station plugin because deciding an exit review moves the station out of the shared geo index.
 */
export const stationOperationsRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const flusher = startDemandFlusher(app.deps.db, DEMAND_FLUSH_MS, app.log);
  app.addHook('onClose', () => flusher.stop());
  const maintenanceAt = app.deps.config.stationMaintenanceAt;
  if (maintenanceAt) {
    let maintenance: { stop(): Promise<void> } | undefined;
    app.addHook('onReady', async () => {
      maintenance = startStationMaintenance(app.deps.db, { at: maintenanceAt, clock: app.deps.clock, log: app.log });
    });
    app.addHook('onClose', async () => maintenance?.stop());
  }
  await app.register(inspectionRoutes);
  await app.register(ticketRoutes);
  await app.register(healthRoutes);
  await app.register(exitReviewRoutes, { sync });
  await app.register(awardRoutes);
  await app.register(awardResultRoutes);
  await app.register(awardVoteRoutes);
  await app.register(stationStatsRoutes);
  await app.register(coverageRoutes);
  await app.register(maintenanceRoutes);
};
