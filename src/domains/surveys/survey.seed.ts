/**
 * Demo surveys (STORIES.md §6): 朝阳区总工会's one-month 《新时代产业工人队伍建设调查问卷》, closed on 19 July with a
 * few hundred anonymous responses from members and through QR links at two workplaces; and an open named survey
 * for 昌平 members so the demo member 李静 has one to answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { type Prng, prng } from '../../seed/people.ts';
import { insertSurvey } from './survey.repository.ts';
import { type Answers, checkAnswers, type SurveyDefinition } from './survey-definition.ts';

const opt = (labels: string[], otherLast = false) =>
  labels.map((label, i) => ({
    id: `o${i + 1}`,
    label,
    ...(otherLast && i === labels.length - 1 ? { other: true } : {}),
  }));
const SATISFACTION = opt(['很不满意', '不太满意', '一般', '比较满意', '很满意']);

export const WORKFORCE_SURVEY: SurveyDefinition = {
  title: '新时代产业工人队伍建设调查问卷',
  description:
    '为深入了解全区产业工人队伍现状和存在的问题，朝阳区总工会开展本次问卷调查，与全区职工面对面“直通车”。问卷匿名填写，约需 5 分钟。',
  sections: [
    {
      id: 's1',
      title: '基本情况',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '您所在的行业',
          required: true,
          options: opt(['制造业', '交通运输业', '建筑业', '信息技术服务业', '商贸服务业', '其他（请注明）'], true),
        },
        {
          id: 'q2',
          type: 'single',
          title: '您的年龄',
          required: true,
          options: opt(['30岁以下', '30–39岁', '40–49岁', '50岁及以上']),
        },
        {
          id: 'q3',
          type: 'single',
          title: '您的学历',
          required: true,
          options: opt(['初中及以下', '高中/中专/技校', '大专', '本科及以上']),
        },
        { id: 'q4', type: 'number', title: '您在本单位工作的年限（年）', required: true, range: { min: 0, max: 50 } },
        {
          id: 'q5',
          type: 'single',
          title: '您目前的职业技能等级',
          required: true,
          options: opt(['暂无', '初级工', '中级工', '高级工', '技师', '高级技师']),
        },
        { id: 'q6', type: 'date', title: '您最近一次参加技能培训的日期', help: '记不清可不填', required: false },
      ],
    },
    {
      id: 's2',
      title: '技能提升与评价激励',
      questions: [
        {
          id: 'q7',
          type: 'multiple',
          title: '您参加或了解过区总工会的哪些活动？',
          required: true,
          minPicks: 1,
          randomizeOptions: true,
          options: opt([
            '“朝阳能手”选树',
            '“工匠”选树',
            '“朝阳工匠”评选',
            '“朝阳大师”评选',
            '职工技能竞赛',
            '劳模宣讲季',
            '劳模创新工作室活动',
            '都没有',
          ]),
        },
        {
          id: 'q8',
          type: 'single',
          title: '近三年您是否参加过职工技能竞赛？',
          required: true,
          options: opt(['参加过', '没有参加过']),
        },
        {
          id: 'q9',
          type: 'rating',
          title: '您对技能竞赛组织工作的满意度',
          required: true,
          scale: { min: 1, max: 5, minLabel: '很不满意', maxLabel: '很满意' },
          showIf: { questionId: 'q8', anyOf: ['o1'] },
        },
        {
          id: 'q10',
          type: 'multiple',
          title: '您最希望获得哪些培训？（最多选 3 项）',
          required: true,
          minPicks: 1,
          maxPicks: 3,
          options: opt(['新技术新工艺', '数字化技能', '安全生产', '班组管理', '学历提升', '其他（请注明）'], true),
        },
        {
          id: 'q11',
          type: 'matrix',
          title: '您对以下方面的满意度',
          required: true,
          rows: [
            { id: 'r1', label: '工资收入' },
            { id: 'r2', label: '职业发展通道' },
            { id: 'r3', label: '技能培训机会' },
            { id: 'r4', label: '劳动保护' },
            { id: 'r5', label: '职工之家服务' },
          ],
          columns: SATISFACTION.map(({ id, label }) => ({ id, label })),
        },
        {
          id: 'q12',
          type: 'rating',
          title: '您对“产业工人”身份的认同感',
          required: true,
          scale: { min: 0, max: 10, minLabel: '完全不认同', maxLabel: '非常认同' },
        },
      ],
    },
    {
      id: 's3',
      title: '意见建议',
      questions: [
        {
          id: 'q13',
          type: 'longtext',
          title: '您在技能提升方面遇到的最大困难是什么？',
          required: false,
          maxLength: 500,
        },
        { id: 'q14', type: 'text', title: '您对区总工会做好产业工人工作有什么建议？', required: false, maxLength: 200 },
      ],
    },
  ],
};

const DIFFICULTIES = [
  '工作时间长，没有时间参加培训',
  '培训内容和实际岗位结合不紧密',
  '技能等级认定渠道少，考证费用高',
  '企业对技能培训投入不足，培训机会少',
  '倒班工作，培训时间安排不方便',
  '缺少师傅带徒，新技术学不会',
  '数字化设备更新快，自学跟不上',
  '技能提升后工资待遇没有变化',
];
const SUGGESTIONS = [
  '多组织劳模工匠进企业宣讲',
  '增加技能竞赛的项目和名额',
  '建议把技能等级和工资待遇挂钩',
  '希望创新工作室向一线职工开放',
  '多开展线上技能培训课程',
  '加大朝阳工匠的宣传力度',
  '为倒班职工安排周末培训',
  '提高技能竞赛获奖职工的奖励',
];

/** One plausible set of answers to the workforce survey (the demo and bench/surveys.ts generate with it). */
export function workforceAnswers(r: Prng): Answers {
  const pickSome = (n: number, max: number) => {
    const ids = new Set<string>();
    while (ids.size < n) ids.add(`o${r.int(1, max)}`);
    return [...ids];
  };
  const competed = r.next() < 0.35;
  const a: Record<string, unknown> = {
    q1:
      r.next() < 0.05
        ? { optionId: 'o6', otherText: r.pick(['物业服务', '环卫', '快递物流']) }
        : { optionId: `o${r.pick([1, 1, 1, 2, 2, 3, 4, 5])}` },
    q2: { optionId: `o${r.pick([1, 2, 2, 3, 3, 4])}` },
    q3: { optionId: `o${r.pick([1, 2, 2, 3, 3, 4])}` },
    q4: r.int(0, 30),
    q5: { optionId: `o${r.pick([1, 2, 3, 3, 4, 4, 5, 6])}` },
    q7: r.next() < 0.15 ? { optionIds: ['o8'] } : { optionIds: pickSome(r.int(1, 3), 7) },
    q8: { optionId: competed ? 'o1' : 'o2' },
    q9: competed ? r.pick([3, 4, 4, 5, 5]) : undefined,
    q10: r.next() < 0.06 ? { optionIds: ['o6'], otherText: '驾驶技能' } : { optionIds: pickSome(r.int(1, 3), 5) },
    q11: Object.fromEntries(['r1', 'r2', 'r3', 'r4', 'r5'].map((row) => [row, `o${r.pick([1, 2, 3, 3, 4, 4, 4, 5])}`])),
    q12: r.pick([5, 6, 7, 7, 8, 8, 8, 9, 10]),
  };
  if (r.next() < 0.7) a.q6 = `2026-0${r.int(1, 6)}-${String(r.int(1, 28)).padStart(2, '0')}`;
  if (r.next() < 0.6) a.q13 = `${r.pick(DIFFICULTIES)}${r.next() < 0.4 ? `，${r.pick(DIFFICULTIES)}` : ''}`;
  if (r.next() < 0.5) a.q14 = r.pick(SUGGESTIONS);
  const checked = checkAnswers(WORKFORCE_SURVEY, a);
  if (checked.errors.length) throw new Error(`demo survey answers invalid: ${JSON.stringify(checked.errors)}`);
  return checked.answers;
}

export const CP_SURVEY: SurveyDefinition = {
  title: '职工之家服务满意度调查',
  description: '昌平区总工会了解会员对职工之家和普惠服务的评价，实名填写，便于跟进反馈。',
  sections: [
    {
      id: 's1',
      title: '服务评价',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '您多久去一次职工之家？',
          required: true,
          options: opt(['每周', '每月', '很少', '从未去过']),
        },
        {
          id: 'q2',
          type: 'rating',
          title: '您对职工之家服务的总体满意度',
          required: true,
          scale: { min: 1, max: 5, minLabel: '很不满意', maxLabel: '很满意' },
          showIf: { questionId: 'q1', anyOf: ['o1', 'o2', 'o3'] },
        },
        {
          id: 'q3',
          type: 'multiple',
          title: '您希望增加哪些服务？',
          required: true,
          minPicks: 1,
          maxPicks: 3,
          randomizeOptions: true,
          options: opt(['健身器材', '心理咨询', '子女托管', '技能培训', '法律援助', '其他（请注明）'], true),
        },
        { id: 'q4', type: 'longtext', title: '其他意见和建议', required: false, maxLength: 500 },
      ],
    },
  ],
};

const hash = (s: string) => createHash('sha256').update(s).digest();

export async function seedSurveysDemo(db: Database, now = new Date()) {
  const unions = new Map(
    (await db.selectFrom('unions').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]),
  );
  const cy = unions.get('BJ-CY');
  const cp = unions.get('BJ-CP');
  if (!cy || !cp) return;
  const staff = await db
    .selectFrom('accounts')
    .select(['id', 'phone'])
    .where('phone', 'in', ['13800000003', '13800000004'])
    .execute();
  const by = (phone: string) => staff.find((s) => s.phone === phone)?.id ?? null;
  const r = prng(20260719);

  // 朝阳: open 2026-06-19 00:00 to 2026-07-19 24:00 Beijing time, anonymous, closed now.
  const id = uuidv7();
  await insertSurvey(db, {
    id,
    ownerUnionId: cy.id,
    ownerUnionPath: cy.path,
    definition: WORKFORCE_SURVEY,
    createdBy: by('13800000003'),
  });
  const opensAt = new Date('2026-06-18T16:00:00Z');
  const closesAt = new Date('2026-07-19T16:00:00Z');
  const span = closesAt.getTime() - opensAt.getTime();
  const members = await db
    .selectFrom('members')
    .select(['id', 'unionId', 'unionPath'])
    .where('unionPath', 'like', `${cy.path}%`)
    .where('status', '=', 'active') // the audience: member answers never outnumber it
    .orderBy('id')
    .execute();
  const respondents = members.filter(() => r.next() < 0.8);
  const workplaces = ['BJ-CY-KW3', 'BJ-CY-JMZZ'].map((c) => unions.get(c)!).filter(Boolean);
  const links = Array.from({ length: 220 }, (_, i) => ({
    union: workplaces[i % workplaces.length]!,
    at: new Date(opensAt.getTime() + r.next() * span),
  }));
  const responses = [
    ...respondents.map((m) => ({
      unionId: m.unionId,
      unionPath: m.unionPath,
      via: 'member' as const,
      at: new Date(opensAt.getTime() + r.next() * span),
    })),
    ...links.map((l) => ({ unionId: l.union.id, unionPath: l.union.path, via: 'link' as const, at: l.at })),
  ];
  await db
    .insertInto('surveyParticipations')
    .values(
      respondents.map((m, i) => ({
        surveyId: id,
        memberId: m.id,
        at: responses[i]!.at,
        keyHash: hash(`seed:p:${m.id}`),
      })),
    )
    .execute();
  await db
    .insertInto('surveyLinks')
    .values(
      links.map((l, i) => ({
        id: uuidv7(),
        surveyId: id,
        tokenHash: hash(`seed:link:${i}`),
        unionId: l.union.id,
        createdBy: by('13800000003'),
        usedAt: l.at,
        keyHash: hash(`seed:l:${i}`),
      })),
    )
    .execute();
  // Shuffled before insert, with random ids and only the day: as anonymous as the live path.
  const rows = responses
    .map((x) => ({ x, k: r.next() }))
    .sort((a, b) => a.k - b.k)
    .map(({ x }, i) => ({
      id: randomUUID(),
      surveyId: id,
      version: 1,
      unionId: x.unionId,
      unionPath: x.unionPath,
      via: x.via,
      anonymous: true,
      memberId: null,
      submittedOn: shanghaiDay(x.at),
      submittedAt: null,
      receiptHash: hash(`seed:r:${id}:${i}`),
      answers: JSON.stringify(workforceAnswers(r)),
    }));
  await db.insertInto('surveyResponses').values(rows).execute();
  await db
    .updateTable('surveys')
    .set({
      audienceUnionId: cy.id,
      audiencePath: cy.path,
      opensAt,
      closesAt,
      graceMinutes: 30,
      closedMessage: '本次问卷已于 7 月 19 日截止，感谢您的参与！调查结果将在朝阳工会微信公众号公布。',
      anonymous: true,
      publishedAt: new Date('2026-06-18T02:00:00Z'),
      responseCount: rows.length,
    })
    .where('id', '=', id)
    .execute();

  // 昌平: open from a week ago for two months, named, so 李静 (BJ-CP-CKDZ) has a survey to answer.
  const cpId = uuidv7();
  await insertSurvey(db, {
    id: cpId,
    ownerUnionId: cp.id,
    ownerUnionPath: cp.path,
    definition: CP_SURVEY,
    createdBy: by('13800000004'),
  });
  const day = 86_400_000;
  const cpOpens = new Date(Math.floor((now.getTime() - 7 * day) / day) * day - 8 * 3_600_000);
  await db
    .updateTable('surveys')
    .set({
      audienceUnionId: cp.id,
      audiencePath: cp.path,
      opensAt: cpOpens,
      closesAt: new Date(cpOpens.getTime() + 60 * day),
      anonymous: false,
      closedMessage: '问卷已截止，感谢您的关注。',
      publishedAt: cpOpens,
    })
    .where('id', '=', cpId)
    .execute();
}
