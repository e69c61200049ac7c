import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { surveyRoutes } from './survey.routes.ts';
import { surveyAnswerRoutes } from './survey-answer.routes.ts';
import { surveyLinkRoutes } from './survey-link.routes.ts';
import { surveyResultsRoutes } from './survey-results.routes.ts';

/** Surveys (问卷调查): staff build/publish/analyse under /surveys, members answer under /me/surveys, links under /public. */
export const surveysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(surveyRoutes);
  await app.register(surveyLinkRoutes);
  await app.register(surveyResultsRoutes);
  await app.register(surveyAnswerRoutes);
};
