import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { DEMO_ANSWERS } from './demo-kb.ts';

const t = await createTestApp();
const operator = await t.login('13800000003'); // 朝阳区 district staff: hotline.answer
const manager = await t.login('13800000005'); // city staff: hotline.kb.manage

const titleOf = (key: string) => DEMO_ANSWERS.find((a) => a.key === key)!.title;

async function searchFor(q: string, headers = operator) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/hotline/kb/search?q=${encodeURIComponent(q)}`,
    headers,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    terms: string[];
    items: { id: string; title: string; matchedBy: string[]; snippet: string }[];
    recordedAsUnanswered: boolean;
  };
}

/** What callers really ask, and the answer the operator must see first (or within the top 3 where marked). */
const QUESTIONS: [string, string, 1 | 3][] = [
  ['家里暖气管爆了能报吗', 'pipe', 1],
  ['水管裂了淹了楼下怎么申请', 'neighbour', 1],
  ['水管裂了淹了楼下怎么申请', 'pipe', 3],
  ['互助卡过期了还能报吗', 'card', 1],
  ['sngbl', 'pipe', 1], // initials of 水暖管爆裂
  ['shuiguanbaolie', 'pipe', 1], // full pinyin of 水管爆裂
  ['hzk', 'card', 1], // initials of 互助卡
  ['zufang', 'rented', 1], // 租房
  ['着火了家里东西烧了', 'fire', 1],
  ['在家摔骨折住院能报销吗', 'hospital', 1],
  ['互助金多久能到账', 'payout', 1],
  ['申报进度怎么查', 'progress', 1],
  ['申请互助需要带什么材料', 'howto', 3],
  ['退休了还能享受互助保障吗', 'retired', 1],
  ['租的房子水管爆了', 'rented', 1],
  ['附近哪里有户外驿站', 'stations', 1],
  ['换单位了会员关系怎么转', 'transfer', 1],
  ['家人意外去世怎么申请', 'death', 1],
  ['暖气片漏水把楼下淹了', 'neighbour', 3],
  ['怎么入会', 'join', 1],
  ['互助服务卡挂失了', 'card', 1],
];

describe('knowledge-base search quality (demo knowledge base)', () => {
  for (const [q, key, within] of QUESTIONS) {
    test(`"${q}" → ${key}${within === 1 ? ' first' : ' in the top 3'}`, async () => {
      const r = await searchFor(q);
      const titles = r.items.map((i) => i.title);
      const at = titles.indexOf(titleOf(key));
      assert.ok(at >= 0 && at < within, `${q}: got ${JSON.stringify(titles.slice(0, 4))}`);
      assert.equal(r.recordedAsUnanswered, false);
    });
  }

  test('a synonym brings in the right answer and says so', async () => {
    const r = await searchFor('暖气片爆管了');
    assert.equal(r.items[0]?.title, titleOf('pipe'));
    assert.ok(r.items[0]!.matchedBy.includes('synonym'));
    assert.ok(r.terms.includes('水暖管'));
  });

  test('pinyin initials are reported as such', async () => {
    const r = await searchFor('sngbl');
    assert.deepEqual(r.items[0]?.matchedBy, ['initials']);
  });
});

describe('staff edit synonyms', () => {
  test('adding 跑水 ~ 水暖管爆裂 changes the result; removing it changes it back', async () => {
    const q = '家里跑水了';
    const before = await searchFor(q);
    assert.notEqual(before.items[0]?.title, titleOf('pipe'), JSON.stringify(before.items.map((i) => i.title)));

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/kb/synonyms',
      headers: manager,
      payload: { terms: ['跑水', '水暖管爆裂'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const after = await searchFor(q);
    assert.equal(after.items[0]?.title, titleOf('pipe'));

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/hotline/kb/synonyms/${created.json().id}`,
      headers: manager,
    });
    assert.equal(removed.statusCode, 204);
    assert.notEqual((await searchFor(q)).items[0]?.title, titleOf('pipe'));
  });

  test('operators may not edit synonyms; a one-word group is a field error', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/kb/synonyms',
      headers: operator,
      payload: { terms: ['a', 'b'] },
    });
    assert.equal(denied.statusCode, 403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/kb/synonyms',
      headers: manager,
      payload: { terms: ['跑水', ' 跑水 '] },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.terms');
  });
});

describe('searches that find nothing', () => {
  test('are recorded for the unanswered report', async () => {
    const r = await searchFor('宠物狗走丢了');
    assert.equal(r.items.length, 0);
    assert.equal(r.recordedAsUnanswered, true);
    const rows = await t.db
      .selectFrom('hotlineUnansweredSearches')
      .selectAll()
      .where('query', '=', '宠物狗走丢了')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('members and workplace staff cannot search the knowledge base', async () => {
    for (const phone of ['13800000001', '13800000002']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/hotline/kb/search?q=x',
        headers: await t.login(phone),
      });
      assert.equal(res.statusCode, 403);
    }
  });
});
