import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { diskFileStore, type FileStore } from '../aid/file-store.ts';
import { activityRoutes } from './activity.routes.ts';
import { activityReportRoutes } from './activity-report.routes.ts';
import { careMemberRoutes } from './care-member.routes.ts';
import { competitionRoutes } from './competition.routes.ts';
import { distributionRoutes } from './distribution.routes.ts';
import { stockRoutes } from './stock.routes.ts';
import { volunteerRoutes } from './volunteer.routes.ts';

export interface CareOptions {
  /** Where activity photos go; default: DATA_DIR/uploads on the local disk. */
  files?: FileStore;
}

/** Care and benefits (关爱/普惠) under /api/v1/care and /api/v1/me/care. */
export const careRoutes: FastifyPluginAsyncTypebox<CareOptions> = async (app, opts) => {
  const files = opts.files ?? diskFileStore(path.join(app.deps.config.dataDir, 'uploads'));
  await app.register(stockRoutes);
  await app.register(distributionRoutes);
  await app.register(activityRoutes(files));
  await app.register(activityReportRoutes);
  await app.register(careMemberRoutes);
  await app.register(competitionRoutes);
  await app.register(volunteerRoutes);
};
