import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../platform/errors.ts';
import { canConfirm } from './care.policy.ts';
import { requireMember } from './care-access.ts';
import { findHandover, memberHandovers } from './distribution.repository.ts';
import { Confirmed, MemberConfirmBody, MyHandoverList } from './distribution.schemas.ts';
import { confirmHandover } from './distribution.service.ts';
import { errorResponses } from './stock.schemas.ts';

const tags = ['care', 'me'];

/** The member app: my hand-overs, and confirming one by scanning its QR code. */
export const careMemberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/me/care/handovers',
    {
      schema: {
        tags,
        summary: 'What was handed to me, pending and confirmed',
        response: { 200: MyHandoverList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const rows = await memberHandovers(db, actor.memberId);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), confirmedAt: r.confirmedAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/me/care/handovers/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm receipt with the single-use token from the QR code',
        body: MemberConfirmBody,
        response: { 200: Confirmed, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const h = await findHandover(db, { token: request.body.token });
      // An unknown, used or someone else's token all look the same: nothing to confirm here.
      if (!h?.toMemberId || !canConfirm(actor, { kind: 'member', memberId: h.toMemberId })) throw Problem.notFound();
      return confirmHandover(db, { actor, requestId: request.id, ip: request.ip }, h, {
        method: 'qr',
        token: request.body.token,
      });
    },
  );
};
