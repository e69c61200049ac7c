import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { pickLang } from '../../platform/i18n.ts';
import { errorResponses, PrecheckBody, PrecheckResult } from './claim.schemas.ts';
import { targetMember } from './claim-access.ts';
import { precheck } from './claim-start.service.ts';

/**
 * "Am I covered?": the member on the phone page, or hotline/union staff for a member in their subtree, answer the
 * coverage's questions and get the verdict, the documents to prepare, the deadline and the likely amount — from the
 * same rules the review applies.
 */
export const precheckRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.post(
    '/aid/precheck',
    {
      schema: {
        tags: ['aid claims'],
        summary: 'Am I covered? Eligibility, reasons, documents to prepare, filing deadline, estimated benefit',
        body: PrecheckBody,
        response: { 200: PrecheckResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const member = await targetMember(db, actor, request.body.memberId, 'read');
      const lang = pickLang(request.headers['accept-language']);
      return (await precheck(db, member, request.body, shanghaiDay(clock.now()), lang)).result;
    },
  );
};
