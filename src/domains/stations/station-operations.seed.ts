import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/schema.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { DEFAULT_CRITERIA } from './award.rules.ts';
import { recomputeHealth } from './health-score.repository.ts';
import { scoreInspection } from './inspection.rules.ts';
import type { ChecklistItem } from './inspection.table.ts';
import { fileReportIntoTicket } from './ticket.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
const DAY_MS = 86_400_000;

/** Station name → inspections as [days ago, keys found NOT ok]. 潘家园 fails twice: the exit-review demo. */
const INSPECTIONS: [string, string, [number, string[]][]][] = [
  [
    '望京SOHO户外劳动者服务站',
    '13800000003',
    [
      [12, []],
      [95, ['welcome_statement']],
    ],
  ],
  ['三里屯太古里驿站', '13800000003', [[20, ['clean']]]],
  [
    '潘家园环卫工人休息站',
    '13800000003',
    [
      [15, ['open_as_posted', 'water_available', 'welcome_statement']],
      [70, ['open_as_posted', 'clean', 'amenities_as_listed']],
    ],
  ],
  ['回龙观地铁站驿站', '13800000004', [[8, []]]],
  ['天通苑北户外劳动者服务站', '13800000004', [[30, ['sign_visible']]]],
  ['中关村大街户外劳动者服务站', '13800000005', [[25, []]]],
];

/** Nominees of the 2026 campaign with the district staff who put them forward. */
const NOMINEES: [string, string, string][] = [
  ['望京SOHO户外劳动者服务站', '13800000003', '24小时开放，配备微波炉、充电柜，骑手称为“第二个家”。'],
  ['国贸CBD户外劳动者服务站', '13800000003', '楼宇工会联合物业共建，午间为快递小哥提供热饭服务。'],
  ['回龙观地铁站驿站', '13800000004', '地铁口旁，夏季免费供应绿豆汤和防暑药品。'],
  ['沙河高教园快递驿站', '13800000004', '高校周边快递员集中，设有电动车充电桩和打气筒。'],
  ['中关村大街户外劳动者服务站', '13800000005', '科技园区示范站，设有图书角和职工心理咨询。'],
  ['颐和园北宫门驿站', '13800000005', '景区环卫工人休息点，冬季供暖、夏季空调。'],
];

/**
 * Demo operations data (called at the end of seedDemo's transaction, after the stations): inspections under the
 * default checklist (one station failing twice, so an exit-review run finds it), a few check-ins, ratings and a
 * problem report with its ticket, the 2026 "most beautiful station" campaign with nominations, jury scores and
 * votes (a burst from one address among them, flagged), and every station's health.
 */
export async function seedStationOperations(trx: Db, now = new Date()): Promise<void> {
  const accounts = new Map(
    (await trx.selectFrom('accounts').select(['id', 'phone']).execute()).map((a) => [a.phone, a.id]),
  );
  const stations = new Map(
    (await trx.selectFrom('stations').select(['id', 'name', 'unionPath', 'lng', 'lat']).execute()).map((s) => [
      s.name,
      s,
    ]),
  );
  const checklist = await trx
    .selectFrom('stationChecklists')
    .select(['id', 'items', 'passScore'])
    .where('isDefault', '=', true)
    .executeTakeFirstOrThrow();
  const items = checklist.items as ChecklistItem[];
  for (const [name, phone, visits] of INSPECTIONS) {
    const s = stations.get(name)!;
    for (const [daysAgo, failing] of visits) {
      const scored = scoreInspection(
        items,
        items.map((i) => ({ key: i.key, ok: !failing.includes(i.key) })),
      );
      if (!scored.ok) throw new Error('seedStationOperations: bad demo inspection');
      await trx
        .insertInto('stationInspections')
        .values({
          id: uuidv7(),
          stationId: s.id,
          unionPath: s.unionPath,
          checklistId: checklist.id,
          inspectedOn: shanghaiDay(new Date(now.getTime() - daysAgo * DAY_MS)),
          inspectorId: accounts.get(phone)!,
          results: JSON.stringify(scored.results),
          score: scored.score,
          passScore: checklist.passScore,
          passed: scored.score >= checklist.passScore,
          notes: failing.length ? `整改项：${failing.length} 项` : '运行良好',
          photoRefs: [`demo/inspections/${s.id}-${daysAgo}.jpg`],
        })
        .execute();
    }
  }

  // Usage and ratings on a handful of stations, positions about 10 m from the door.
  let k = 0;
  // (stations that the feedback tests do not count on)
  for (const name of ['亚运村户外劳动者服务站', '朝阳门外工会驿站', '沙河高教园快递驿站', '五道口地铁站驿站']) {
    const s = stations.get(name)!;
    for (let i = 0; i < 12; i++) {
      await trx
        .insertInto('stationCheckins')
        .values({
          id: uuidv7(),
          stationId: s.id,
          accountId: null,
          idempotencyKey: randomUUID(),
          requestHash: Buffer.alloc(32, k++ % 256),
          lng: Math.round((s.lng + 0.0001) * 1e4) / 1e4,
          lat: Math.round(s.lat * 1e4) / 1e4,
          distanceM: 9,
          createdAt: new Date(now.getTime() - ((i * 7) % 80) * DAY_MS),
        })
        .execute();
    }
    for (const stars of [5, 5, 4]) {
      await trx
        .insertInto('stationRatings')
        .values({
          id: uuidv7(),
          stationId: s.id,
          accountId: null,
          idempotencyKey: randomUUID(),
          requestHash: Buffer.alloc(32, k++ % 256),
          stars,
          comment: null,
        })
        .execute();
    }
  }
  // A worker reports 潘家园 closed during its hours: a ticket for 朝阳区总工会.
  const panjiayuan = stations.get('潘家园环卫工人休息站')!;
  const reportId = uuidv7();
  const reportedAt = new Date(now.getTime() - 2 * DAY_MS);
  await trx
    .insertInto('stationReports')
    .values({
      id: reportId,
      stationId: panjiayuan.id,
      accountId: null,
      idempotencyKey: randomUUID(),
      requestHash: Buffer.alloc(32, 7),
      kind: 'closed_during_hours',
      amenity: null,
      text: '下午三点来的时候门锁着，门上写着开放到晚上八点。',
      createdAt: reportedAt,
    })
    .execute();
  await fileReportIntoTicket(trx as Transaction<DB>, {
    id: reportId,
    stationId: panjiayuan.id,
    unionPath: panjiayuan.unionPath,
    kind: 'closed_during_hours',
    at: reportedAt,
  });

  await seedCampaign(trx, accounts, stations);
  await recomputeHealth(
    trx,
    [...stations.values()].map((s) => s.id),
    now,
  );
}

async function seedCampaign(
  trx: Db,
  accounts: Map<string, string>,
  stations: Map<string, { id: string; unionPath: string }>,
) {
  const city = await trx.selectFrom('unions').select(['id', 'path']).where('code', '=', 'BJ').executeTakeFirstOrThrow();
  const campaignId = uuidv7();
  await trx
    .insertInto('awardCampaigns')
    .values({
      id: campaignId,
      name: '2026年北京市“最美户外劳动者服务站点”推树活动',
      year: 2026,
      unionId: city.id,
      unionPath: city.path,
      nominationFrom: '2026-05-01',
      nominationTo: '2026-05-31',
      votingFrom: '2026-06-01',
      votingTo: '2026-06-30',
      criteria: JSON.stringify(DEFAULT_CRITERIA),
      publicWeight: 40,
      publishedAt: new Date('2026-07-10T02:00:00Z'),
      createdBy: accounts.get('13800000005')!,
    })
    .execute();
  const nominees = NOMINEES.map(([name, phone, statement], i) => ({ s: stations.get(name)!, phone, statement, i }));
  for (const { s, phone, statement } of nominees) {
    await trx
      .insertInto('awardNominations')
      .values({ campaignId, stationId: s.id, unionPath: s.unionPath, statement, nominatedBy: accounts.get(phone)! })
      .execute();
    for (const juror of ['13800000005']) {
      const base = 70 + ((s.id.charCodeAt(30) * 7) % 25);
      await trx
        .insertInto('awardJuryScores')
        .values({
          campaignId,
          stationId: s.id,
          jurorId: accounts.get(juror)!,
          scores: JSON.stringify({ facilities: base, service: Math.min(100, base + 5), highlights: base - 5 }),
        })
        .execute();
    }
  }
  // Members vote on June days; the first nominee also gets a burst from one address, flagged and not counted.
  const members = await trx.selectFrom('members').select('id').orderBy('id').limit(120).execute();
  const votes = members.map((m, i) => {
    const nominee = nominees[[0, 1, 2, 2, 3, 4, 4, 4, 5, 1][i % 10]!]!;
    const burst = i >= 100;
    return {
      id: uuidv7(),
      campaignId,
      stationId: burst ? nominees[0]!.s.id : nominee.s.id,
      memberId: m.id,
      accountId: null,
      voteDay: `2026-06-${String(1 + (i % 28)).padStart(2, '0')}`,
      ip: burst ? '203.0.113.66' : `198.51.100.${i % 200}`,
      deviceId: null,
      flagged: burst,
      flagReason: burst ? 'ip_burst' : null,
      createdAt: new Date(`2026-06-${String(1 + (i % 28)).padStart(2, '0')}T04:00:00Z`),
    };
  });
  await trx.insertInto('awardVotes').values(votes).execute();
}
