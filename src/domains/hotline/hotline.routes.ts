import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { consultationRoutes } from './consultation.routes.ts';
import { consultationAidRoutes } from './consultation-aid.routes.ts';
import { consultationListRoutes } from './consultation-list.routes.ts';
import { followUpRoutes } from './follow-up.routes.ts';
import { kbRoutes } from './kb.routes.ts';
import { reportRoutes } from './report.routes.ts';
import { synonymRoutes } from './synonym.routes.ts';

/** The 12351 hotline under /api/v1/hotline: knowledge base, consultations, follow-ups, satisfaction, reports. */
export const hotlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(kbRoutes);
  await app.register(synonymRoutes);
  await app.register(consultationListRoutes);
  await app.register(consultationRoutes);
  await app.register(consultationAidRoutes);
  await app.register(followUpRoutes);
  await app.register(reportRoutes);
};
