import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Criterion, type FlagReason, IP_BURST_MINUTES, type Nominee } from './award.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

const CAMPAIGN_FIELDS = [
  'id',
  'name',
  'year',
  'unionId',
  'unionPath',
  'nominationFrom',
  'nominationTo',
  'votingFrom',
  'votingTo',
  'criteria',
  'publicWeight',
  'publishedAt',
] as const;

export async function findCampaign(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('awardCampaigns').select(CAMPAIGN_FIELDS).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { ...row, criteria: row.criteria as Criterion[] } : undefined;
}
export type Campaign = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function listCampaigns(db: Db) {
  const rows = await db
    .selectFrom('awardCampaigns')
    .select(CAMPAIGN_FIELDS)
    .orderBy('year', 'desc')
    .orderBy('votingFrom', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, criteria: r.criteria as Criterion[] }));
}

export async function listNominations(db: Db, campaignId: string) {
  return db
    .selectFrom('awardNominations as n')
    .innerJoin('stations as s', 's.id', 'n.stationId')
    .select(['s.id as stationId', 's.code', 's.name', 's.address', 's.regionCode', 'n.statement', 'n.nominatedAt'])
    .where('n.campaignId', '=', campaignId)
    .orderBy('s.code')
    .execute();
}

export async function isNominated(db: Db, campaignId: string, stationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('awardNominations')
    .select('stationId')
    .where('campaignId', '=', campaignId)
    .where('stationId', '=', stationId)
    .executeTakeFirst();
  return !!row;
}

/** Other members' votes in this campaign from the same IP in the burst window and the same device today. */
export async function sourceActivity(
  db: Db,
  v: { campaignId: string; memberId: string; ip: string | null; deviceId: string | null; day: string; at: Date },
) {
  const since = new Date(v.at.getTime() - IP_BURST_MINUTES * 60_000);
  const [ip, device] = await Promise.all([
    v.ip
      ? db
          .selectFrom('awardVotes')
          .select(sql<number>`count(DISTINCT member_id)`.as('n'))
          .where('campaignId', '=', v.campaignId)
          .where('ip', '=', v.ip)
          .where('createdAt', '>=', since)
          .where('memberId', '!=', v.memberId)
          .executeTakeFirstOrThrow()
      : { n: 0 },
    v.deviceId
      ? db
          .selectFrom('awardVotes')
          .select(sql<number>`count(DISTINCT member_id)`.as('n'))
          .where('campaignId', '=', v.campaignId)
          .where('deviceId', '=', v.deviceId)
          .where('voteDay', '=', v.day)
          .where('memberId', '!=', v.memberId)
          .executeTakeFirstOrThrow()
      : { n: 0 },
  ]);
  return { ipMembers: Number(ip.n), deviceMembers: Number(device.n) };
}

/**
 * Records a vote, once per member, campaign and Shanghai day: the UNIQUE constraint decides between concurrent
 * votes (ON CONFLICT DO NOTHING), so twenty taps at once still make one vote. Returns null when already voted.
 */
export async function insertVote(
  db: Db,
  vote: {
    id: string;
    campaignId: string;
    stationId: string;
    memberId: string;
    accountId: string;
    voteDay: string;
    ip: string | null;
    deviceId: string | null;
    flagReason: FlagReason | null;
    at: Date;
  },
): Promise<string | null> {
  const { flagReason, at, ...rest } = vote;
  const row = await db
    .insertInto('awardVotes')
    .values({ ...rest, flagged: flagReason !== null, flagReason, createdAt: at })
    .onConflict((oc) => oc.columns(['campaignId', 'memberId', 'voteDay']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** When a source turns out to be a burst, the votes it already cast in the window are flagged too. */
export async function flagSource(
  db: Db,
  s: { campaignId: string; ip: string | null; deviceId: string | null; day: string; at: Date; reason: FlagReason },
) {
  if (s.reason === 'ip_burst' && s.ip) {
    await db
      .updateTable('awardVotes')
      .set({ flagged: true, flagReason: s.reason })
      .where('campaignId', '=', s.campaignId)
      .where('ip', '=', s.ip)
      .where('createdAt', '>=', new Date(s.at.getTime() - IP_BURST_MINUTES * 60_000))
      .where('flagged', '=', false)
      .execute();
  } else if (s.reason === 'device_shared' && s.deviceId) {
    await db
      .updateTable('awardVotes')
      .set({ flagged: true, flagReason: s.reason })
      .where('campaignId', '=', s.campaignId)
      .where('deviceId', '=', s.deviceId)
      .where('voteDay', '=', s.day)
      .where('flagged', '=', false)
      .execute();
  }
}

/** Every nominee with its valid votes, flagged votes, jury scores and star ratings, for rankNominees. */
export async function nomineeFacts(db: Db, campaign: Pick<Campaign, 'id' | 'criteria'>) {
  const [nominees, votes, jury, ratings] = await Promise.all([
    listNominations(db, campaign.id),
    db
      .selectFrom('awardVotes')
      .select((eb) => [
        'stationId',
        sql<number>`count(*) FILTER (WHERE NOT flagged)`.as('valid'),
        sql<number>`count(*) FILTER (WHERE flagged)`.as('flagged'),
        eb.fn.countAll<number>().as('all'),
      ])
      .where('campaignId', '=', campaign.id)
      .groupBy('stationId')
      .execute(),
    db.selectFrom('awardJuryScores').select(['stationId', 'scores']).where('campaignId', '=', campaign.id).execute(),
    db
      .selectFrom('stationRatings')
      .select((eb) => ['stationId', eb.fn.sum<number>('stars').as('sum'), eb.fn.countAll<number>().as('count')])
      .where('stationId', 'in', (eb) =>
        eb.selectFrom('awardNominations').select('stationId').where('campaignId', '=', campaign.id),
      )
      .groupBy('stationId')
      .execute(),
  ]);
  const voteBy = new Map(votes.map((v) => [v.stationId, v]));
  const ratingBy = new Map(ratings.map((r) => [r.stationId, r]));
  const juryKeys = campaign.criteria.filter((c) => c.source === 'jury').map((c) => c.key);
  return nominees.map((n) => {
    const scores: Record<string, number[]> = Object.fromEntries(juryKeys.map((k) => [k, []]));
    for (const j of jury) {
      if (j.stationId !== n.stationId) continue;
      for (const k of juryKeys) {
        const v = (j.scores as Record<string, number>)[k];
        if (typeof v === 'number') scores[k]!.push(v);
      }
    }
    const r = ratingBy.get(n.stationId);
    const nominee: Nominee & { flaggedVotes: number; jurors: number; name: string; address: string } = {
      stationId: n.stationId,
      code: n.code,
      name: n.name,
      address: n.address,
      votes: Number(voteBy.get(n.stationId)?.valid ?? 0),
      flaggedVotes: Number(voteBy.get(n.stationId)?.flagged ?? 0),
      jury: scores,
      jurors: jury.filter((j) => j.stationId === n.stationId).length,
      ratings: { sum: Number(r?.sum ?? 0), count: Number(r?.count ?? 0) },
    };
    return nominee;
  });
}

/** Where the winners are (WGS-84), their status and their photos, for the public winners page. */
export async function winnerPlaces(db: Db, stationIds: readonly string[]) {
  if (stationIds.length === 0) return new Map<string, never>();
  const [stations, photos] = await Promise.all([
    db.selectFrom('stations').select(['id', 'lng', 'lat', 'status']).where('id', 'in', stationIds).execute(),
    db
      .selectFrom('stationPhotos')
      .select(['stationId', 'id', 'fileRef', 'caption'])
      .where('stationId', 'in', stationIds)
      .orderBy('sortOrder')
      .orderBy('createdAt')
      .execute(),
  ]);
  return new Map(
    stations.map((s) => [
      s.id,
      {
        lng: s.lng,
        lat: s.lat,
        status: s.status,
        photos: photos
          .filter((p) => p.stationId === s.id)
          .map(({ id, fileRef, caption }) => ({ id, fileRef, caption })),
      },
    ]),
  );
}
