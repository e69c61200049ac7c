import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { sanitizeHtml } from '../articles/html-sanitizer.ts';
import { precheckFor } from './aid-bridge.ts';
import { DEMO_ANSWERS, DEMO_SYNONYMS } from './demo-kb.ts';
import { bumpGeneration } from './kb.repository.ts';

const ARTICLE_HTML = `
<h2>暖气管、水管突然爆了，先做这三件事</h2>
<ol>
  <li><strong>关阀门、断电</strong>，防止损失扩大；</li>
  <li><strong>拍照留证</strong>：地板、家具、家电，以及楼下邻居家、电梯等受损情况；</li>
  <li><strong>找物业或社区居委会</strong>出具事故证明，维修和赔偿的票据都要保留。</li>
</ol>
<h2>职工互助保障能帮上忙</h2>
<p>持有会员互助服务卡的在职会员，自有住房内暖气管、自来水管爆裂造成的家庭财产损失，属于
《非工伤意外伤害及家财损失综合互助保障计划》<em>水暖管爆裂</em>保障范围，按核定损失的一定比例给付互助金。</p>
<p>不清楚自己能不能申领？点下方按钮做个预检，一分钟就能知道要准备哪些材料、最晚什么时候申报；
也可以拨打 <strong>12351</strong> 职工服务热线咨询。</p>`;

/** When "last November" was, seen from `now` (Beijing): this year's once December has come, else last year's. */
export function lastNovember(now: Date): number {
  const [y, m] = shanghaiDay(now).split('-').map(Number) as [number, number];
  return m === 12 ? y : y - 1;
}

/**
 * The hotline demo: the knowledge base and synonyms, the federation's burst-pipe article aimed at all of Beijing,
 * and 李静's call of last November (burst heating pipe; told what to prepare; rated it 5).
 */
export async function seedHotlineDemo(db: Database, log: (line: string) => void = () => {}) {
  const now = new Date();
  const accounts = await db.selectFrom('accounts').select(['id', 'phone']).execute();
  const byPhone = new Map(accounts.map((a) => [a.phone, a.id]));
  const cityStaff = byPhone.get('13800000005');
  if (!cityStaff) return;
  const coverages = new Map(
    (await db.selectFrom('aidCoverages').select(['id', 'code', 'schemeId']).execute()).map((c) => [c.code, c]),
  );
  const scheme = await db.selectFrom('aidSchemes').select('id').orderBy('since').executeTakeFirst();
  const answerIds = new Map<string, string>();

  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_ANSWERS) {
      const id = uuidv7();
      answerIds.set(a.key, id);
      await trx
        .insertInto('hotlineKbAnswers')
        .values({ id, title: a.title, body: a.body, tags: a.tags, createdBy: cityStaff, updatedBy: cityStaff })
        .execute();
      const linked = a.coverages.map((code) => coverages.get(code)).filter((c) => c !== undefined);
      if (linked.length)
        await trx
          .insertInto('hotlineKbAnswerCoverages')
          .values(linked.map((c) => ({ answerId: id, coverageId: c.id })))
          .execute();
      const schemeIds = new Set([...linked.map((c) => c.schemeId), ...(a.scheme && scheme ? [scheme.id] : [])]);
      if (schemeIds.size)
        await trx
          .insertInto('hotlineKbAnswerSchemes')
          .values([...schemeIds].map((schemeId) => ({ answerId: id, schemeId })))
          .execute();
    }
    await trx
      .insertInto('hotlineSynonyms')
      .values(DEMO_SYNONYMS.map((terms) => ({ id: uuidv7(), terms, updatedBy: cityStaff })))
      .execute();
    await bumpGeneration(trx);

    const bj = await trx.selectFrom('unions').select(['id', 'path']).where('code', '=', 'BJ').executeTakeFirstOrThrow();
    const year = lastNovember(now);
    await trx
      .insertInto('articles')
      .values({
        id: uuidv7(),
        title: '暖气管、水管爆了别慌！职工互助保障帮您减少损失',
        summary: '水暖管爆裂造成的家庭财产损失可以申请互助金：先做三件事，再一分钟预检要准备的材料。',
        bodyHtml: sanitizeHtml(ARTICLE_HTML).html,
        publisher: '北京市总工会职工互助保障',
        targetUnionId: bj.id,
        targetPath: bj.path,
        coverImageId: null,
        ctaKind: coverages.has('PIPE_BURST') ? 'precheck' : null,
        ctaTarget: coverages.has('PIPE_BURST') ? 'PIPE_BURST' : null,
        ctaLabel: '看看我家能不能申领',
        status: 'published',
        publishedAt: new Date(`${year}-11-08T02:00:00Z`),
        createdBy: cityStaff,
        updatedBy: cityStaff,
        createdAt: new Date(`${year}-11-07T08:00:00Z`),
        updatedAt: new Date(`${year}-11-08T02:00:00Z`),
      })
      .execute();
  });

  await seedLiJingCall(db, cityStaff, answerIds);
  log(`seeded hotline: ${DEMO_ANSWERS.length} answers, ${DEMO_SYNONYMS.length} synonym groups, 1 article, 1 call`);
}

async function seedLiJingCall(db: Database, operatorId: string, answerIds: Map<string, string>) {
  const member = await db
    .selectFrom('members')
    .select(['id', 'unionId', 'unionPath'])
    .where('phone', '=', '13800000001')
    .executeTakeFirst();
  if (!member) return;
  const year = lastNovember(new Date());
  // 20 November, 10:05 in Beijing; the burst happened three days earlier.
  const started = new Date(`${year}-11-20T02:05:00Z`);
  const at = (seconds: number) => new Date(started.getTime() + seconds * 1000);
  const incidentDate = `${year}-11-17`;
  const precheck = await precheckFor(
    db,
    member.id,
    {
      coverageCode: 'PIPE_BURST',
      incidentDate,
      answers: {
        whatHappened: 'heatingPipeBurst',
        pipeOwner: 'memberHome',
        cause: 'ageingOrFreezing',
        neighboursDamaged: 'yes',
      },
    },
    shanghaiDay(started),
    'zh-CN',
  ).catch(() => null);
  await db.transaction().execute(async (trx) => {
    const id = uuidv7();
    await trx
      .insertInto('hotlineConsultations')
      .values({
        id,
        channel: 'phone',
        callerPhone: '13800000001',
        memberId: member.id,
        unionId: member.unionId,
        unionPath: member.unionPath,
        operatorId,
        topic: 'mutual_aid',
        question: '在外地坐月子期间家里暖气管爆裂，泡了地板、淹了楼下和电梯，能申请互助金吗？',
        notes: '已告知所需材料和申报期限（两年内），建议回京后通过单位工会申报。',
        outcome: 'answered',
        startedAt: started,
        endedAt: at(272),
        firstAnswerAt: at(48),
        createdAt: started,
        updatedAt: at(272),
      })
      .execute();
    for (const [key, seconds] of [
      ['pipe', 48],
      ['neighbour', 95],
    ] as const) {
      const answerId = answerIds.get(key);
      if (answerId)
        await trx
          .insertInto('hotlineConsultationAnswers')
          .values({ consultationId: id, answerId, linkedAt: at(seconds), linkedBy: operatorId })
          .execute();
    }
    if (precheck)
      await trx
        .insertInto('hotlinePrechecks')
        .values({
          id: uuidv7(),
          consultationId: id,
          coverageId: precheck.coverageId,
          incidentDate,
          answers: JSON.stringify({ whatHappened: 'heatingPipeBurst', pipeOwner: 'memberHome' }),
          eligible: precheck.result.eligible,
          result: JSON.stringify(precheck.result),
          at: at(130),
          byAccount: operatorId,
        })
        .execute();
    await trx
      .insertInto('hotlineFeedbackLinks')
      .values({
        token: randomBytes(16).toString('base64url'),
        consultationId: id,
        expiresAt: at(7 * 86400),
        usedAt: at(3600),
      })
      .execute();
    await trx
      .insertInto('hotlineSatisfaction')
      .values({ consultationId: id, score: 5, comment: '讲得很清楚，心里踏实了', source: 'caller', at: at(3600) })
      .execute();
  });
}
