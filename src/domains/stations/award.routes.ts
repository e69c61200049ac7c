import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { can } from './award.policy.ts';
import { type Campaign as CampaignRow, findCampaign, listCampaigns, listNominations } from './award.repository.ts';
import { campaignIssues, DEFAULT_CRITERIA, DEFAULT_PUBLIC_WEIGHT, inNomination, phaseOn } from './award.rules.ts';
import { Campaign, CampaignBody, CampaignParams, Nomination, NominationBody } from './award.schemas.ts';
import { findStationRef } from './station.repository.ts';
import { resolveRef } from './station.service.ts';
import { errorResponses } from './station-access.ts';

export function conflict(field: string, zh: string, en: string): Problem {
  return new Problem(409, 'conflict', { errors: [{ field, message: { 'zh-CN': zh, en } }] });
}

export function campaignView(c: CampaignRow, today: string) {
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    nominationFrom: c.nominationFrom,
    nominationTo: c.nominationTo,
    votingFrom: c.votingFrom,
    votingTo: c.votingTo,
    criteria: c.criteria,
    publicWeight: c.publicWeight,
    juryWeight: 100 - c.publicWeight,
    phase: phaseOn(c, today),
    published: c.publishedAt !== null,
  };
}

export async function campaignOr404(request: FastifyRequest, id: string) {
  const campaign = await findCampaign(request.server.deps.db, id);
  if (!campaign) throw Problem.notFound();
  return campaign;
}

export async function stationOr400(request: FastifyRequest, ref: string, field: string) {
  let by: { id: string } | { code: string };
  try {
    by = resolveRef(ref);
  } catch {
    throw Problem.validation([{ field, message: 'notFound' }]);
  }
  const station = await findStationRef(request.server.deps.db, by);
  if (!station) throw Problem.validation([{ field, message: 'notFound' }]);
  return station;
}

/** "Most beautiful station" campaigns: set-up, nominations, jury, results and the public winners page. */
export const awardRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  app.get(
    '/stations/awards',
    {
      config: { public: true },
      schema: {
        tags: ['awards'],
        summary: 'Campaigns, newest first (public)',
        response: { 200: Type.Object({ items: Type.Array(Campaign) }) },
      },
    },
    async () => ({ items: (await listCampaigns(db)).map((c) => campaignView(c, today())) }),
  );

  app.post(
    '/stations/awards',
    {
      schema: {
        tags: ['awards'],
        summary: 'Create a campaign with its windows, criteria and weights (city federation)',
        body: CampaignBody,
        response: { 201: Campaign, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stations.awards');
      // A campaign belongs to a federation: an account without a union (the system admin) may not run one.
      if (!actor.unionId || !actor.unionPath) throw Problem.forbidden();
      const body = request.body;
      const criteria = body.criteria ?? [...DEFAULT_CRITERIA];
      const publicWeight = body.publicWeight ?? DEFAULT_PUBLIC_WEIGHT;
      const issues = campaignIssues({ ...body, criteria, publicWeight });
      if (issues.length) throw Problem.validation(issues);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('awardCampaigns')
          .values({
            id,
            name: body.name.trim(),
            year: body.year,
            unionId: actor.unionId!,
            unionPath: actor.unionPath!,
            nominationFrom: body.nominationFrom,
            nominationTo: body.nominationTo,
            votingFrom: body.votingFrom,
            votingTo: body.votingTo,
            criteria: JSON.stringify(criteria),
            publicWeight,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          ...audit(request, 'award.campaign.create', id, { name: body.name }),
          unionId: actor.unionId,
        });
      });
      return reply.code(201).send(campaignView((await findCampaign(db, id))!, today()));
    },
  );

  app.get(
    '/stations/awards/:campaignId',
    {
      config: { public: true },
      schema: {
        tags: ['awards'],
        summary: 'One campaign (public)',
        params: CampaignParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => campaignView(await campaignOr404(request, request.params.campaignId), today()),
  );

  app.get(
    '/stations/awards/:campaignId/nominations',
    {
      config: { public: true },
      schema: {
        tags: ['awards'],
        summary: 'The nominated stations (public; vote counts stay hidden until the results are published)',
        params: CampaignParams,
        response: { 200: Type.Object({ items: Type.Array(Nomination) }), ...errorResponses },
      },
    },
    async (request) => {
      const campaign = await campaignOr404(request, request.params.campaignId);
      const rows = await listNominations(db, campaign.id);
      return {
        items: rows.map(({ code, name, address, regionCode, statement }) => ({
          code,
          name,
          address,
          regionCode,
          statement,
        })),
      };
    },
  );

  app.post(
    '/stations/awards/:campaignId/nominations',
    {
      schema: {
        tags: ['awards'],
        summary: 'Nominate an active station of your subtree during the nomination window (district federations)',
        params: CampaignParams,
        body: NominationBody,
        response: { 201: Nomination, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const campaign = await campaignOr404(request, request.params.campaignId);
      const station = await stationOr400(request, request.body.station, 'body.station');
      if (!can(actor, 'nominate', { unionPath: station.unionPath })) throw Problem.forbidden();
      if (!inNomination(campaign, today())) {
        throw conflict('params.campaignId', '不在推荐时间内', 'the nomination window is not open');
      }
      if (station.status !== 'active') {
        throw Problem.validation([
          {
            field: 'body.station',
            message: { 'zh-CN': '只能推荐运行中的站点', en: 'only active stations can be nominated' },
          },
        ]);
      }
      const statement = request.body.statement?.trim() || null;
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('awardNominations')
          .values({
            campaignId: campaign.id,
            stationId: station.id,
            unionPath: station.unionPath,
            statement,
            nominatedBy: actor.accountId,
          })
          .onConflict((oc) => oc.columns(['campaignId', 'stationId']).doNothing())
          .returning('stationId')
          .executeTakeFirst();
        if (!inserted) throw conflict('body.station', '该站点已被推荐', 'this station is already nominated');
        await recordAudit(trx, {
          ...audit(request, 'award.nomination.create', campaign.id, { stationCode: station.code }),
          unionId: station.unionId,
        });
      });
      const full = (await listNominations(db, campaign.id)).find((n) => n.stationId === station.id)!;
      return reply
        .code(201)
        .send({ code: full.code, name: full.name, address: full.address, regionCode: full.regionCode, statement });
    },
  );
};
