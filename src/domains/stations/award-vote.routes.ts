import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { can } from './award.policy.ts';
import { flagSource, insertVote, isNominated, sourceActivity } from './award.repository.ts';
import { campaignOr404 } from './award.routes.ts';
import { flagFor, inVoting } from './award.rules.ts';
import { CampaignParams, VoteBody, VoteHeaders, VoteResult } from './award.schemas.ts';
import { findStationRef } from './station.repository.ts';
import { resolveRef } from './station.service.ts';
import { errorResponses } from './station-access.ts';

/** Vote attempts per IP per ten minutes (a campus or a depot shares one address; a script does not need more). */
export const VOTES_PER_IP = 30;

/**
 * The public vote: signed-in members, one vote per campaign per Shanghai day (a UNIQUE constraint), only inside
 * the voting window, rate-limited per IP; bursts from one IP or device are flagged and left out of the count.
 */
export const awardVoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const limiter = app.createRateLimit({ max: VOTES_PER_IP, timeWindow: 10 * 60_000 });
  const limit = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new Problem(429, 'tooManyRequests');
    }
  };

  app.post(
    '/stations/awards/:campaignId/votes',
    {
      onRequest: limit,
      schema: {
        tags: ['awards'],
        summary: 'Vote for a nominated station (members; one vote per campaign per day)',
        params: CampaignParams,
        headers: VoteHeaders,
        body: VoteBody,
        response: { 201: VoteResult, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!can(actor, 'vote', { unionPath: '' })) throw Problem.forbidden();
      const campaign = await campaignOr404(request, request.params.campaignId);
      const now = clock.now();
      const day = shanghaiDay(now);
      if (!inVoting(campaign, day)) {
        throw new Problem(409, 'conflict', {
          errors: [
            {
              field: 'params.campaignId',
              message: {
                'zh-CN': `投票时间为 ${campaign.votingFrom} 至 ${campaign.votingTo}`,
                en: `voting is open from ${campaign.votingFrom} to ${campaign.votingTo}`,
              },
            },
          ],
        });
      }
      let station: Awaited<ReturnType<typeof findStationRef>>;
      try {
        station = await findStationRef(db, resolveRef(request.body.station));
      } catch {
        station = undefined;
      }
      if (!station || !(await isNominated(db, campaign.id, station.id))) {
        throw Problem.validation([
          { field: 'body.station', message: { 'zh-CN': '该站点不在候选名单中', en: 'not a nominee of this campaign' } },
        ]);
      }
      const deviceId = request.headers['x-device-id']?.trim() || null;
      const source = { campaignId: campaign.id, ip: request.ip ?? null, deviceId, day, at: now };
      const seen = await sourceActivity(db, { ...source, memberId: actor.memberId! });
      const flagReason = flagFor(seen);
      const id = await insertVote(db, {
        id: uuidv7(),
        campaignId: campaign.id,
        stationId: station.id,
        memberId: actor.memberId!,
        accountId: actor.accountId,
        voteDay: day,
        ip: source.ip,
        deviceId,
        flagReason,
        at: now,
      });
      if (!id) {
        throw new Problem(409, 'conflict', {
          errors: [
            {
              field: 'body.station',
              message: {
                'zh-CN': '今天已经投过票了，明天再来吧',
                en: 'you have already voted today; come back tomorrow',
              },
            },
          ],
        });
      }
      // Silent to the voter: a flagged vote is answered like any other, so a script learns nothing from it.
      if (flagReason) await flagSource(db, { ...source, reason: flagReason });
      return reply.code(201).send({ id, voteDay: day });
    },
  );
};
