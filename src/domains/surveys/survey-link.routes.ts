import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { errorResponses, IdParams, LinksBody, LinksReply, TokenParams } from './survey.schemas.ts';
import { loadForStaff } from './survey-access.ts';

const tags = ['surveys'];
/** Only a link's hash is stored: the token in a printed QR code is the credential. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest();
const notPublished = { 'zh-CN': '问卷尚未发布', en: 'the survey is not published' };

/** Single-use public links and their QR codes, for workers who have no account. */
export const surveyLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.post(
    '/surveys/:id/links',
    {
      schema: {
        tags,
        summary: 'Make single-use public links (QR codes) for workers without an account',
        params: IdParams,
        body: LinksBody,
        response: { 201: LinksReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, survey } = await loadForStaff(request, request.params.id, 'manage');
      if (!survey.publishedAt || !survey.audienceUnionId) {
        throw new Problem(409, 'conflict', { errors: [{ field: 'params.id', message: notPublished }] });
      }
      const tokens = Array.from({ length: request.body.count }, () => randomBytes(18).toString('base64url'));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('surveyLinks')
          .values(
            tokens.map((t) => ({
              id: uuidv7(),
              surveyId: survey.id,
              tokenHash: hashToken(t),
              unionId: survey.audienceUnionId!,
              createdBy: actor.accountId,
            })),
          )
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'survey.links.create',
          entity: 'survey',
          entityId: survey.id,
          unionId: survey.ownerUnionId,
          detail: { count: tokens.length },
          requestId: request.id,
          ip: request.ip,
        });
      });
      const origin = `${request.protocol}://${request.host}`;
      return reply.code(201).send({
        items: tokens.map((token) => ({
          token,
          url: `${origin}/q/${token}`,
          qrUrl: `/api/v1/surveys/links/${token}/qr.svg`,
        })),
      });
    },
  );

  app.get(
    '/surveys/links/:token/qr.svg',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'QR code (SVG) of a public link, to print',
        params: TokenParams,
        response: { ...errorResponses, 200: Type.String() },
      },
    },
    async (request, reply) => {
      const link = await db
        .selectFrom('surveyLinks')
        .select('surveyId')
        .where('tokenHash', '=', hashToken(request.params.token))
        .executeTakeFirst();
      if (!link) throw Problem.notFound();
      await loadForStaff(request, link.surveyId, 'read');
      const url = `${request.protocol}://${request.host}/q/${request.params.token}`;
      const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=3600').send(svg);
    },
  );
};
