import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../platform/errors.ts';
import { canConfirm } from './care.policy.ts';
import { requireMember } from './care-access.ts';
import { findHandover, handoverByToken, memberHandovers } from './distribution.repository.ts';
import {
  Confirmed,
  HandoverToConfirm,
  MemberConfirmBody,
  MyHandoverList,
  TokenParams,
} from './distribution.schemas.ts';
import { confirmHandover } from './distribution.service.ts';
import { errorResponses } from './stock.schemas.ts';

const tags = ['care', 'me'];

/**
 * An unknown, used or someone else's token all look the same — nothing to confirm here — and say so in words: the
 * member stands in front of the staff with the goods, and needs to know what to do next.
 */
function linkNotValid(field: string): Problem {
  const message = {
    'zh-CN': '此确认链接无效或已使用：请向现场工作人员核实',
    en: 'This confirmation link is not valid or has already been used: please check with the staff on site',
  };
  return new Problem(404, 'notFound', { detail: message, errors: [{ field, message }] });
}

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

  app.get(
    '/me/care/handovers/by-token/:token',
    {
      schema: {
        tags,
        summary: 'What a QR confirmation link hands over, before confirming (404 when unknown, used or not mine)',
        params: TokenParams,
        response: { 200: HandoverToConfirm, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const h = await handoverByToken(db, request.params.token);
      if (!h?.toMemberId || !canConfirm(actor, { kind: 'member', memberId: h.toMemberId })) {
        throw linkNotValid('params.token');
      }
      const { toMemberId: _m, itemId: _i, at, ...shown } = h;
      return { ...shown, at: at.toISOString() };
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
      if (!h?.toMemberId || !canConfirm(actor, { kind: 'member', memberId: h.toMemberId })) {
        throw linkNotValid('body.token');
      }
      return confirmHandover(db, { actor, requestId: request.id, ip: request.ip }, h, {
        method: 'qr',
        token: request.body.token,
      });
    },
  );
};
