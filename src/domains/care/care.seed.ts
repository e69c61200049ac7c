/**
 * Demo data of the care stories (../shared/STORIES.md): the university's 200 fitness kits, the bus fleet's summer
 * heat relief at terminal stops and depots, the construction project's summer supplies, and a volunteer shift.
 */
import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';
import { moveStock } from './stock.repository.ts';

const FITNESS = [
  ['篮球', '个'],
  ['智能呼啦圈', '个'],
  ['健腹轮', '个'],
  ['跳绳', '根'],
  ['瑜伽垫', '张'],
  ['羽毛球拍', '副'],
  ['乒乓球拍', '副'],
  ['握力器', '个'],
  ['弹力带', '条'],
  ['可调哑铃', '副'],
  ['毽子', '个'],
  ['运动水壶', '个'],
  ['运动毛巾', '条'],
  ['计步手环', '个'],
] as const;
const SUMMER = [
  ['冰镇饮料', '瓶'],
  ['降温毛巾', '条'],
  ['防疫用品包', '份'],
  ['西瓜', '个'],
  ['藿香正气水', '盒'],
  ['绿豆', '袋'],
  ['冰糖', '袋'],
] as const;

export async function seedCareDemo(db: Database, log: (line: string) => void = () => {}) {
  await db.transaction().execute(async (trx) => {
    const unions = new Map(
      (await trx.selectFrom('unions').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]),
    );
    const u = (code: string) => unions.get(code)!;
    const staff = await trx
      .selectFrom('accounts')
      .select('id')
      .where('phone', '=', '13800000005')
      .executeTakeFirstOrThrow();
    const by = staff.id;
    const items = new Map<string, string>();
    for (const [name, unit] of [...FITNESS, ...SUMMER]) {
      const id = uuidv7();
      items.set(name, id);
      await trx.insertInto('careItems').values({ id, name, unit, kind: 'item', createdBy: by }).execute();
    }
    const kit = uuidv7();
    await trx
      .insertInto('careItems')
      .values({ id: kit, name: '健身大礼包', unit: '套', kind: 'kit', createdBy: by })
      .execute();
    await trx
      .insertInto('careKitComponents')
      .values(FITNESS.map(([name]) => ({ kitId: kit, itemId: items.get(name)!, quantity: 1 })))
      .execute();

    const receive = async (
      code: string,
      source: 'purchase' | 'donation',
      funding: string,
      on: string,
      lines: [string, number][],
      batch: string | null = null,
    ) => {
      const id = uuidv7();
      const union = u(code);
      await trx
        .insertInto('careReceipts')
        .values({
          id,
          unionId: union.id,
          unionPath: union.path,
          source,
          fundingSource: funding,
          supplier: null,
          receivedOn: on,
          note: null,
          createdBy: by,
        })
        .execute();
      for (const [itemId, quantity] of lines) {
        await trx.insertInto('careReceiptLines').values({ receiptId: id, itemId, quantity, batch }).execute();
        await moveStock(trx, {
          unionId: union.id,
          unionPath: union.path,
          itemId,
          kind: 'receipt',
          quantity,
          batch,
          refType: 'receipt',
          refId: id,
          actorId: by,
        });
      }
    };

    // 1. 首都示范大学: the education foundation's donation, the first batch of 200 kits.
    await receive('BJ-HD-SFDX', 'donation', '教育基金会捐赠（教职工健身基金）', '2025-04-18', [[kit, 200]], '第一批');
    await seedKitDistribution(trx, { sfdx: u('BJ-HD-SFDX'), jg: u('BJ-HD-SFDX-JG'), ty: u('BJ-HD-SFDX-TY'), kit, by });
    await trx
      .insertInto('careStock')
      .values({ unionId: u('BJ-HD-SFDX').id, itemId: kit, unionPath: u('BJ-HD-SFDX').path, lowStockThreshold: 10 })
      .onConflict((oc) => oc.columns(['unionId', 'itemId']).doUpdateSet({ lowStockThreshold: 10 }))
      .execute();
    await seedCompetition(trx, u('BJ-HD-SFDX'), u('BJ-HD-SFDX-JG'), by);

    // 2. 客五第三车队: 战高温、保安全 at the terminal stops of routes 806, 807, 924 and the fleet's 4 depots.
    const i = (name: string) => items.get(name)!;
    await receive('BJ-CY-KW3', 'purchase', '工会经费（防暑降温专项）', '2025-07-01', [
      [i('冰镇饮料'), 1200],
      [i('降温毛巾'), 400],
      [i('防疫用品包'), 300],
    ]);
    await seedActivity(trx, u('BJ-CY-KW3'), by, {
      title: '“战高温、保安全”夏季送清凉',
      startsOn: '2025-07-07',
      endsOn: '2025-07-18',
      places: [
        { name: '806路总站', lng: 116.5869, lat: 39.9235 },
        { name: '807路总站', lng: 116.6043, lat: 39.9472 },
        { name: '924路总站', lng: 116.5537, lat: 39.8968 },
        { name: '定福庄场站', lng: 116.5652, lat: 39.9134 },
        { name: '管庄场站', lng: 116.5981, lat: 39.9162 },
        { name: '东坝场站', lng: 116.5591, lat: 39.9669 },
        { name: '金盏场站', lng: 116.6212, lat: 39.9896 },
      ],
      teams: [
        { name: '车队管理人员组', leader: '车队长 马建军', members: ['书记 韩志刚', '安全员 邓磊'] },
        { name: '班组长组', leader: '班组长 刘红梅', members: ['班组长 曹勇', '班组长 田静'] },
      ],
      notes:
        '为驾驶员、乘务员送去冰镇饮品、降温毛巾和防疫用品，提醒在806、807、924等线路上做好查验乘客健康码工作；走访车队4个场站。',
      handouts: [
        ['806路总站', i('冰镇饮料'), 180, '2025-07-07'],
        ['806路总站', i('降温毛巾'), 60, '2025-07-07'],
        ['807路总站', i('冰镇饮料'), 160, '2025-07-08'],
        ['807路总站', i('降温毛巾'), 55, '2025-07-08'],
        ['924路总站', i('冰镇饮料'), 150, '2025-07-09'],
        ['924路总站', i('防疫用品包'), 50, '2025-07-09'],
        ['定福庄场站', i('冰镇饮料'), 120, '2025-07-14'],
        ['管庄场站', i('冰镇饮料'), 110, '2025-07-15'],
        ['东坝场站', i('降温毛巾'), 70, '2025-07-16'],
        ['金盏场站', i('冰镇饮料'), 100, '2025-07-17'],
      ],
      reach: [
        ['806路总站', '2025-07-07', 86],
        ['807路总站', '2025-07-08', 74],
        ['924路总站', '2025-07-09', 69],
        ['定福庄场站', '2025-07-14', 58],
        ['管庄场站', '2025-07-15', 52],
        ['东坝场站', '2025-07-16', 61],
        ['金盏场站', '2025-07-17', 47],
      ],
    });

    // 3. 城建集团昌平项目部: summer supplies for its 200 workers.
    await receive('BJ-CP-CJXM', 'purchase', '项目部工会经费', '2025-07-03', [
      [i('西瓜'), 100],
      [i('藿香正气水'), 400],
      [i('绿豆'), 100],
      [i('冰糖'), 100],
    ]);
    await seedActivity(trx, u('BJ-CP-CJXM'), by, {
      title: '项目部夏季防暑降温慰问',
      startsOn: '2025-07-04',
      endsOn: '2025-07-04',
      places: [{ name: '昌平项目部生活区', lng: 116.2312, lat: 40.2207 }],
      teams: [{ name: '项目部工会', leader: '工会主席 王建国', members: ['安全总监 孙伟'] }],
      notes:
        '为200余名一线工人送去西瓜、藿香正气水、绿豆和冰糖；午后作业调整至15:00以后；组织健康体检，为每名工人建立健康档案。',
      handouts: [
        ['昌平项目部生活区', i('西瓜'), 60, '2025-07-04'],
        ['昌平项目部生活区', i('藿香正气水'), 200, '2025-07-04'],
        ['昌平项目部生活区', i('绿豆'), 80, '2025-07-04'],
        ['昌平项目部生活区', i('冰糖'), 80, '2025-07-04'],
      ],
      reach: [['昌平项目部生活区', '2025-07-04', 206]],
    });

    // 4. A volunteer's diary: data entry at a testing site, 10 May, 08:00–16:00 (李静 signs up in the demo).
    await seedVolunteerShift(trx, u('BJ'), by);
  });
  log('seeded care: 200 fitness kits, 2 summer-relief activities, 1 competition, 1 volunteer shift');
}

type UnionRow = { id: string; path: string };

async function seedKitDistribution(
  trx: Transaction<DB>,
  o: { sfdx: UnionRow; jg: UnionRow; ty: UnionRow; kit: string; by: string },
) {
  const reps = await trx
    .selectFrom('members')
    .select(['id', 'name'])
    .where('unionId', '=', o.sfdx.id)
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(3)
    .execute();
  const id = uuidv7();
  await trx
    .insertInto('careDistributions')
    .values({
      id,
      title: '第一批“健身大礼包”发放',
      fromUnionId: o.sfdx.id,
      fromUnionPath: o.sfdx.path,
      itemId: o.kit,
      note: '发往机关各部处、院系办公室及基层职工小家',
      createdBy: o.by,
    })
    .execute();
  const plan: {
    toUnionId: string | null;
    toMemberId: string | null;
    planned: number;
    unionPath: string | null;
    parts: [number, boolean][];
  }[] = [
    {
      toUnionId: o.jg.id,
      toMemberId: null,
      planned: 60,
      unionPath: o.jg.path,
      parts: [
        [30, true],
        [30, true],
      ],
    },
    {
      toUnionId: o.ty.id,
      toMemberId: null,
      planned: 50,
      unionPath: o.ty.path,
      parts: [
        [30, true],
        [20, false],
      ],
    },
    ...reps.map((m) => ({
      toUnionId: null,
      toMemberId: m.id,
      planned: 30,
      unionPath: null,
      parts: [[30, true]] as [number, boolean][],
    })),
  ];
  for (const [position, line] of plan.entries()) {
    const lineId = uuidv7();
    await trx
      .insertInto('careDistributionLines')
      .values({
        id: lineId,
        distributionId: id,
        position,
        toUnionId: line.toUnionId,
        toMemberId: line.toMemberId,
        planned: line.planned,
      })
      .execute();
    for (const [quantity, signed] of line.parts) {
      const hid = uuidv7();
      await moveStock(trx, {
        unionId: o.sfdx.id,
        unionPath: o.sfdx.path,
        itemId: o.kit,
        kind: line.toUnionId ? 'transfer_out' : 'handover',
        quantity: -quantity,
        refType: 'handover',
        refId: hid,
        actorId: o.by,
      });
      if (line.toUnionId)
        await moveStock(trx, {
          unionId: line.toUnionId,
          unionPath: line.unionPath!,
          itemId: o.kit,
          kind: 'transfer_in',
          quantity,
          refType: 'handover',
          refId: hid,
          actorId: o.by,
        });
      await trx
        .insertInto('careHandovers')
        .values({
          id: hid,
          distributionId: id,
          lineId,
          quantity,
          handedOverBy: '校工会 张老师',
          signedName: signed ? '签收人' : null,
          signatureSvg: null,
          signaturePng: null,
          confirmToken: signed ? null : `demo-${hid}`,
          confirmedAt: signed ? sql<Date>`now()` : null,
          confirmedBy: signed ? o.by : null,
          confirmMethod: signed ? 'signature' : null,
          createdBy: o.by,
        })
        .execute();
      await trx
        .updateTable('careDistributionLines')
        .set({
          delivered: sql<number>`delivered + ${quantity}`,
          confirmed: sql<number>`confirmed + ${signed ? quantity : 0}`,
        })
        .where('id', '=', lineId)
        .execute();
    }
  }
}

async function seedCompetition(trx: Transaction<DB>, sfdx: UnionRow, jg: UnionRow, by: string) {
  const id = uuidv7();
  const events = ['跳绳', '呼啦圈', '健腹轮'];
  await trx
    .insertInto('careCompetitions')
    .values({
      id,
      unionId: sfdx.id,
      unionPath: sfdx.path,
      title: '教职工健身技能比赛',
      startsOn: '2025-06-10',
      endsOn: '2025-06-12',
      registrationClosesOn: '2025-06-05',
      events,
      notes: '用好“健身大礼包”，以赛促练',
      createdBy: by,
    })
    .execute();
  const members = await trx
    .selectFrom('members')
    .select(['id', 'unionId'])
    .where('unionPath', 'like', `${sfdx.path}%`)
    .orderBy('name')
    .limit(9)
    .execute();
  for (const [n, m] of members.entries()) {
    const event = events[n % 3]!;
    await trx
      .insertInto('careCompetitionRegistrations')
      .values({ id: uuidv7(), competitionId: id, memberId: m.id, unionId: m.unionId, event })
      .execute();
    await trx
      .insertInto('careCompetitionResults')
      .values({
        id: uuidv7(),
        competitionId: id,
        event,
        memberId: m.id,
        unionId: m.unionId,
        rank: Math.floor(n / 3) + 1,
        points: [5, 3, 1][Math.floor(n / 3)]!,
        createdBy: by,
      })
      .execute();
  }
  await trx
    .insertInto('careSupervisionVisits')
    .values({
      id: uuidv7(),
      unionId: jg.id,
      unionPath: jg.path,
      visitedOn: '2025-06-20',
      findings: '午间有12名教职工使用跳绳、健腹轮锻炼；器材登记台账完整；建议增加集体锻炼时段。',
      score: 90,
      unannounced: true,
      createdBy: by,
    })
    .execute();
}

interface ActivitySeed {
  title: string;
  startsOn: string;
  endsOn: string;
  places: { name: string; lng: number; lat: number }[];
  teams: { name: string; leader: string; members: string[] }[];
  notes: string;
  handouts: [string, string, number, string][];
  reach: [string, string, number][];
}

async function seedActivity(trx: Transaction<DB>, union: UnionRow & { id: string }, by: string, a: ActivitySeed) {
  const id = uuidv7();
  await trx
    .insertInto('careActivities')
    .values({
      id,
      unionId: union.id,
      unionPath: union.path,
      title: a.title,
      kind: 'summer_relief',
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      places: JSON.stringify(a.places.map((p) => ({ ...p, stationCode: null }))),
      teams: JSON.stringify(a.teams),
      notes: a.notes,
      createdBy: by,
    })
    .execute();
  for (const [placeName, itemId, quantity, handedOn] of a.handouts) {
    const hid = uuidv7();
    const moved = await moveStock(trx, {
      unionId: union.id,
      unionPath: union.path,
      itemId,
      kind: 'handover',
      quantity: -quantity,
      refType: 'activity_handout',
      refId: hid,
      actorId: by,
      note: `${a.title} · ${placeName}`,
    });
    await trx
      .insertInto('careActivityHandouts')
      .values({
        id: hid,
        activityId: id,
        itemId,
        quantity,
        placeName,
        handedOn,
        movementId: moved.movementId,
        createdBy: by,
      })
      .execute();
  }
  for (const [placeName, day, people] of a.reach) {
    await trx
      .insertInto('careActivityReach')
      .values({ id: uuidv7(), activityId: id, day, placeName, people, createdBy: by })
      .execute();
  }
}

async function seedVolunteerShift(trx: Transaction<DB>, bj: UnionRow, by: string) {
  const id = uuidv7();
  await trx
    .insertInto('careVolunteerShifts')
    .values({
      id,
      unionId: bj.id,
      unionPath: bj.path,
      title: '下沉社区核酸检测志愿服务',
      community: '昌平区兴寿镇辛庄村',
      day: '2022-05-10',
      startTime: '08:00',
      endTime: '16:00',
      task: '核酸检测点信息录入',
      capacity: 6,
      signedUp: 1,
      createdBy: by,
    })
    .execute();
  const lijing = await trx
    .selectFrom('accounts')
    .select('memberId')
    .where('phone', '=', '13800000001')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('careVolunteerSignups')
    .values({
      shiftId: id,
      memberId: lijing.memberId!,
      checkedInAt: new Date('2022-05-10T08:00:00+08:00'),
      checkedInBy: by,
      checkedOutAt: new Date('2022-05-10T16:00:00+08:00'),
      checkedOutBy: by,
      minutes: 480,
    })
    .execute();
}
