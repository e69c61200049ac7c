import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { can } from './award.policy.ts';
import { nomineeFacts, winnerPlaces } from './award.repository.ts';
import { campaignOr404, campaignView, conflict, stationOr400 } from './award.routes.ts';
import { juryScoreIssues, phaseOn, rankNominees, winnersOf } from './award.rules.ts';
import { CampaignParams, JuryBody, Results, Winners } from './award.schemas.ts';
import { navigationLinks, round6 } from './geo.ts';
import { errorResponses } from './station-access.ts';

/** Jury scores, the staff ranking, publishing, and the public winners page of a campaign. */
export const awardResultRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const today = () => shanghaiDay(clock.now());
  const audit = (request: FastifyRequest, action: string, entityId: string, detail: Record<string, unknown>) => ({
    actor: requireActor(request),
    action,
    entity: 'award_campaign',
    entityId,
    detail,
    requestId: request.id,
    ip: request.ip,
  });

  app.put(
    '/stations/awards/:campaignId/jury/:station',
    {
      schema: {
        tags: ['awards'],
        summary: 'Your jury scores (0–100 per jury criterion) for a nominee; replaces your earlier scores',
        params: Type.Object({
          campaignId: Type.String({ format: 'uuid' }),
          station: Type.String({ minLength: 1, maxLength: 40 }),
        }),
        body: JuryBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const campaign = await campaignOr404(request, request.params.campaignId);
      if (!can(actor, 'judge', campaign)) throw Problem.forbidden();
      if (campaign.publishedAt) throw conflict('params.campaignId', '结果已公布', 'the results are published');
      const station = await stationOr400(request, request.params.station, 'params.station');
      const issues = juryScoreIssues(campaign.criteria, request.body.scores);
      if (issues.length) throw Problem.validation(issues);
      await db.transaction().execute(async (trx) => {
        const nominated = await trx
          .selectFrom('awardNominations')
          .select('stationId')
          .where('campaignId', '=', campaign.id)
          .where('stationId', '=', station.id)
          .executeTakeFirst();
        if (!nominated)
          throw Problem.validation([
            { field: 'params.station', message: { 'zh-CN': '该站点未被推荐', en: 'not nominated' } },
          ]);
        await trx
          .insertInto('awardJuryScores')
          .values({
            campaignId: campaign.id,
            stationId: station.id,
            jurorId: actor.accountId,
            scores: JSON.stringify(request.body.scores),
          })
          .onConflict((oc) =>
            oc
              .columns(['campaignId', 'stationId', 'jurorId'])
              .doUpdateSet((eb) => ({ scores: eb.ref('excluded.scores'), updatedAt: clock.now() })),
          )
          .execute();
        await recordAudit(
          trx,
          audit(request, 'award.jury.score', campaign.id, { stationCode: station.code, scores: request.body.scores }),
        );
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/stations/awards/:campaignId/results',
    {
      schema: {
        tags: ['awards'],
        summary: 'The full ranking with valid and flagged votes and jury counts (campaign staff)',
        params: CampaignParams,
        response: { 200: Results, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const campaign = await campaignOr404(request, request.params.campaignId);
      if (!can(actor, 'judge', campaign)) throw Problem.forbidden();
      const facts = await nomineeFacts(db, campaign);
      const ranked = rankNominees(facts, campaign.criteria, campaign.publicWeight);
      return {
        campaign: campaignView(campaign, today()),
        items: ranked.map((r) => {
          const f = facts.find((x) => x.stationId === r.stationId)!;
          return {
            ...pick(r),
            name: f.name,
            address: f.address,
            votes: r.votes,
            flaggedVotes: f.flaggedVotes,
            jurors: f.jurors,
          };
        }),
      };
    },
  );

  app.post(
    '/stations/awards/:campaignId/publish',
    {
      schema: {
        tags: ['awards'],
        summary: 'Publish the winners once voting has closed; audited',
        params: CampaignParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const campaign = await campaignOr404(request, request.params.campaignId);
      if (!can(actor, 'manage', campaign)) throw Problem.forbidden();
      if (phaseOn(campaign, today()) !== 'closed')
        throw conflict('params.campaignId', '投票尚未结束', 'voting has not closed yet');
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('awardCampaigns')
          .set({ publishedAt: clock.now() })
          .where('id', '=', campaign.id)
          .where('publishedAt', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw conflict('params.campaignId', '结果已公布', 'the results are already published');
        await recordAudit(trx, audit(request, 'award.campaign.publish', campaign.id, {}));
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/stations/awards/:campaignId/winners',
    {
      config: { public: true },
      schema: {
        tags: ['awards'],
        summary: 'The winners (four and five stars) once published, with photos and navigation links (public)',
        params: CampaignParams,
        response: { 200: Winners, ...errorResponses },
      },
    },
    async (request) => {
      const campaign = await campaignOr404(request, request.params.campaignId);
      if (!campaign.publishedAt)
        throw conflict('params.campaignId', '评选结果尚未公布', 'the results are not published yet');
      const facts = await nomineeFacts(db, campaign);
      const winners = winnersOf(rankNominees(facts, campaign.criteria, campaign.publicWeight));
      const places = await winnerPlaces(
        db,
        winners.map((w) => w.stationId),
      );
      return {
        campaign: campaignView(campaign, today()),
        items: winners.map((r) => {
          const f = facts.find((x) => x.stationId === r.stationId)!;
          const place = places.get(r.stationId)!;
          return {
            ...pick(r),
            name: f.name,
            address: f.address,
            votes: r.votes,
            status: place.status,
            lng: round6(place.lng),
            lat: round6(place.lat),
            photos: place.photos,
            navigation: navigationLinks(f.name, place.lng, place.lat),
          };
        }),
      };
    },
  );
};

function pick(r: ReturnType<typeof rankNominees>[number]) {
  return {
    code: r.code,
    rank: r.rank,
    stars: r.stars,
    total: r.total,
    voteScore: r.voteScore,
    criteriaScore: r.criteriaScore,
    criteria: r.criteria,
  };
}
