import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { SurveyDefinition } from './survey-definition.ts';

/**
 * The small-group rule of anonymous surveys on every results endpoint: a figure computed from fewer than 5 responses
 * is withheld on the results page, in cross-tabs, under answer filters, in free-text analysis and in exports.
 */

const clock = fixedClock('2026-12-01T02:00:00Z');
const t = await createTestApp({ clock });
const cp = await t.login('13800000004'); // 昌平 district staff
const lijing = await t.login('13800000001'); // member of 北京昌科电子有限公司工会 (BJ-CP-CKDZ)
const CKDZ_NAME = '北京昌科电子有限公司工会';

const union = async (code: string) =>
  t.db.selectFrom('unions').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirstOrThrow();

const DEF: SurveyDefinition = {
  title: '通勤方式小调查',
  sections: [
    {
      id: 's1',
      title: '通勤',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '您主要的通勤方式',
          required: true,
          options: [
            { id: 'o1', label: '自驾' },
            { id: 'o2', label: '公交' },
            { id: 'o3', label: '地铁' },
          ],
        },
        {
          id: 'q2',
          type: 'multiple',
          title: '您希望增加哪些服务',
          required: true,
          minPicks: 1,
          maxPicks: 2,
          options: [
            { id: 'a', label: '班车' },
            { id: 'b', label: '停车位' },
            { id: 'c', label: '充电桩' },
          ],
        },
        { id: 'q3', type: 'longtext', title: '其他建议', required: false },
      ],
    },
  ],
};

interface Answer {
  q1: { optionId: string };
  q2: { optionIds: string[] };
  q3?: string;
}
const answer = (q1: string, q2: string[], q3?: string): Answer => ({
  q1: { optionId: q1 },
  q2: { optionIds: q2 },
  ...(q3 ? { q3 } : {}),
});

async function publish(anonymous: boolean): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/surveys',
    headers: cp,
    payload: { definition: DEF },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/surveys/${id}/publish`,
    headers: cp,
    payload: {
      audienceUnionId: (await union('BJ-CP')).id,
      opensAt: '2026-11-30T16:00:00Z',
      closesAt: '2026-12-10T16:00:00Z',
      anonymous,
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  return id;
}

async function byMember(id: string, a: Answer) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/me/surveys/${id}/responses`,
    headers: lijing,
    payload: { answers: a, submissionKey: randomUUID() },
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** Answers through single-use links: they count for the audience union (昌平区总工会). */
async function byLinks(id: string, answers: Answer[]) {
  const links = await t.app.inject({
    method: 'POST',
    url: `/api/v1/surveys/${id}/links`,
    headers: cp,
    payload: { count: answers.length },
  });
  assert.equal(links.statusCode, 201, links.body);
  for (const [i, { token }] of (links.json().items as { token: string }[]).entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${token}/responses`,
      payload: { answers: answers[i], submissionKey: randomUUID() },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
}

/** Responses of members of a third union, stored as the submit transaction stores them (no account needed). */
async function byMembersOf(id: string, code: string, answers: Answer[], anonymous: boolean) {
  const u = await union(code);
  const members = await t.db
    .selectFrom('members')
    .select('id')
    .where('unionId', '=', u.id)
    .limit(answers.length)
    .execute();
  for (const [i, a] of answers.entries()) {
    await t.db
      .insertInto('surveyResponses')
      .values({
        id: randomUUID(),
        surveyId: id,
        version: 1,
        unionId: u.id,
        unionPath: u.path,
        via: 'member',
        anonymous,
        memberId: anonymous ? null : members[i]!.id,
        submittedOn: '2026-12-01',
        submittedAt: anonymous ? null : clock.now(),
        receiptHash: randomBytes(32),
        answers: JSON.stringify(a),
      })
      .execute();
  }
  await t.db
    .updateTable('surveys')
    .set({ responseCount: sql`response_count + ${answers.length}` })
    .where('id', '=', id)
    .execute();
}

const get = async (url: string) => {
  const res = await t.app.inject({ url, headers: cp });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res;
};
const json = async (url: string) => (await get(url)).json();

describe('an anonymous survey with a single response (李静)', () => {
  let id = '';
  before(async () => {
    id = await publish(true);
    await byMember(id, answer('o1', ['a'], '希望增加班车，早高峰太挤'));
  });

  test('the question cards withhold their figures (the rule the other endpoints must follow)', async () => {
    const res = await json(`/api/v1/surveys/${id}/results`);
    assert.equal(res.suppressed, true);
    assert.ok(res.questions.every((q: { suppressed: boolean }) => q.suppressed));
  });

  test('the cross-tab by the respondent’s union shows no cell and no union', async () => {
    const res = await get(`/api/v1/surveys/${id}/crosstab?byUnion=true&colQuestion=q1`);
    const ct = res.json();
    assert.equal(ct.suppressed, true);
    assert.deepEqual([ct.rows, ct.cells, ct.rowTotals, ct.columnTotals, ct.total], [[], [], [], [], null]);
    assert.ok(!res.body.includes(CKDZ_NAME), 'the respondent’s union is not named');
  });

  test('the cross-tab of two questions shows no cell', async () => {
    const ct = await json(`/api/v1/surveys/${id}/crosstab?rowQuestion=q2&colQuestion=q1`);
    assert.equal(ct.suppressed, true);
    assert.deepEqual([ct.rows, ct.cells, ct.total], [[], [], null]);
  });

  test('an answer filter withholds its counts, and the by-union table under it', async () => {
    const res = await json(`/api/v1/surveys/${id}/results?q1=o1`);
    assert.equal(res.suppressed, true);
    assert.deepEqual(
      [res.responses, res.memberResponses, res.linkResponses, res.responseRate],
      [null, null, null, null],
    );
    assert.ok(res.byUnion.length > 0);
    for (const u of res.byUnion) assert.deepEqual([u.responses, u.memberResponses], [null, null], u.name);
    // without an answer filter the counts say who took part, not what they answered: shown as before
    const all = await json(`/api/v1/surveys/${id}/results`);
    assert.equal(all.responses, 1);
  });

  test('free text: no terms, no count, and no answer behind a term', async () => {
    const text = await json(`/api/v1/surveys/${id}/text/q3`);
    assert.deepEqual(text, { suppressed: true, answered: null, terms: [], phrases: [] });
    const behind = await get(`/api/v1/surveys/${id}/text/q3/answers?term=${encodeURIComponent('班车')}`);
    assert.deepEqual(behind.json(), { suppressed: true, items: [] });
    assert.ok(!behind.body.includes('早高峰'));
  });

  test('exports leave the response out', async () => {
    const csv = await get(`/api/v1/surveys/${id}/export.csv`);
    assert.equal(csv.body.trim().split('\r\n').length, 1, 'the header only');
    assert.ok(!csv.body.includes('早高峰'));
    const xlsx = await get(`/api/v1/surveys/${id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    assert.equal(wb.getWorksheet('答卷')!.rowCount, 1, 'the header only');
  });
});

/**
 * 12 responses in three unions: 昌平区总工会 6 (links), 城建集团昌平建设项目部工会 5, 北京昌科电子有限公司工会 1 (李静).
 * q1: 自驾 4, 公交 5, 地铁 3; q3 (free text) answered 4 times.
 */
async function twelve(anonymous: boolean) {
  const id = await publish(anonymous);
  await byLinks(id, [
    answer('o1', ['a'], '增加班车'),
    answer('o1', ['b']),
    answer('o2', ['a', 'c']),
    answer('o2', ['a'], '班车太少'),
    answer('o3', ['c']),
    answer('o1', ['b', 'c']),
  ]);
  await byMembersOf(
    id,
    'BJ-CP-CJXM',
    [
      answer('o1', ['b'], '停车难'),
      answer('o2', ['a']),
      answer('o2', ['b']),
      answer('o3', ['a', 'b']),
      answer('o3', ['c']),
    ],
    anonymous,
  );
  await byMember(id, answer('o2', ['c'], '希望多装充电桩'));
  return id;
}

describe('an anonymous survey with 12 responses in three unions', () => {
  let id = '';
  before(async () => {
    id = await twelve(true);
  });

  test('by union: the union of 1 response is withheld, and with it the next smallest, so totals give nothing away', async () => {
    const ct = await json(`/api/v1/surveys/${id}/crosstab?byUnion=true&colQuestion=q1`);
    assert.equal(ct.suppressed, false);
    const row = (code: string) => ct.rows.findIndex((r: { id: string }) => r.id === code);
    const cp = row((await union('BJ-CP')).id);
    const cjxm = row((await union('BJ-CP-CJXM')).id);
    const ckdz = row((await union('BJ-CP-CKDZ')).id);
    assert.ok(cp >= 0 && cjxm >= 0 && ckdz >= 0, 'every union with responses is a row');
    assert.deepEqual(
      ct.rows.map((r: { suppressed: boolean }) => r.suppressed),
      ct.rows.map((_: unknown, i: number) => i !== cp),
    );
    assert.deepEqual(ct.cells[cp], [3, 2, 1]);
    assert.equal(ct.rowTotals[cp], 6);
    for (const i of [cjxm, ckdz]) {
      assert.deepEqual(ct.cells[i], [null, null, null]);
      assert.equal(ct.rowTotals[i], null);
    }
    assert.deepEqual(ct.columnTotals, [4, 5, 3], 'totals are the whole survey’s, as on the question cards');
    assert.equal(ct.total, 12, 'the grand total');
  });

  test('by question: options picked by fewer than 5 are withheld rows', async () => {
    const ct = await json(`/api/v1/surveys/${id}/crosstab?rowQuestion=q1&colQuestion=q2`);
    assert.deepEqual(
      ct.rows.map((r: { id: string; suppressed: boolean }) => [r.id, r.suppressed]),
      [
        ['o1', true],
        ['o2', false],
        ['o3', true],
      ],
    );
    // 公交: a in 3 answers, b in 1, c in 2
    assert.deepEqual(ct.cells, [
      [null, null, null],
      [3, 1, 2],
      [null, null, null],
    ]);
    assert.deepEqual(ct.rowTotals, [null, 6, null]);
    assert.deepEqual(ct.columnTotals, [5, 5, 5]);
    assert.equal(ct.total, 15, 'a multiple-choice column counts each picked option');
  });

  test('within a union of 5 responses every option row is withheld; together they may show totals', async () => {
    // within 城建 (5 responses) 自驾 1, 公交 2, 地铁 2: every row withheld, the 5 together make the totals
    const cjxm = (await union('BJ-CP-CJXM')).id;
    const ct = await json(`/api/v1/surveys/${id}/crosstab?rowQuestion=q1&colQuestion=q2&unionId=${cjxm}`);
    assert.equal(ct.suppressed, false);
    assert.ok(ct.rows.every((r: { suppressed: boolean }) => r.suppressed));
    assert.deepEqual(ct.columnTotals, [2, 3, 1], 'the 5 responses of the union together are enough to show');
    assert.equal(ct.total, 6);
  });

  test('an answer filter shows its count from 5 responses on, but never per union', async () => {
    const res = await json(`/api/v1/surveys/${id}/results?q1=o2`);
    assert.equal(res.suppressed, false);
    assert.equal(res.responses, 5);
    assert.ok(res.byUnion.every((u: { responses: number | null }) => u.responses === null));
    const small = await json(`/api/v1/surveys/${id}/results?q1=o3`);
    assert.equal(small.responses, null);
  });

  test('free text answered 4 times is withheld though the survey has 12 responses', async () => {
    const text = await json(`/api/v1/surveys/${id}/text/q3`);
    assert.deepEqual(text, { suppressed: true, answered: null, terms: [], phrases: [] });
    const behind = await json(`/api/v1/surveys/${id}/text/q3/answers?term=${encodeURIComponent('班车')}`);
    assert.deepEqual(behind, { suppressed: true, items: [] });
  });

  test('exports keep the responses from 5 on', async () => {
    const csv = await get(`/api/v1/surveys/${id}/export.csv`);
    assert.equal(csv.body.trim().split('\r\n').length, 13);
  });
});

describe('the same responses in a named survey', () => {
  test('cross-tabs, filters and text are not withheld: staff may see named answers', async () => {
    const id = await twelve(false);
    const ct = await json(`/api/v1/surveys/${id}/crosstab?byUnion=true&colQuestion=q1`);
    assert.ok(ct.rows.every((r: { suppressed: boolean }) => !r.suppressed));
    const mine = ct.rows.findIndex((r: { label: string }) => r.label === CKDZ_NAME);
    assert.deepEqual(ct.cells[mine], [0, 1, 0]);
    assert.deepEqual(ct.columnTotals, [4, 5, 3]);
    assert.equal(ct.total, 12);
    const res = await json(`/api/v1/surveys/${id}/results?q1=o3`);
    assert.equal(res.responses, 3);
    assert.ok(res.byUnion.some((u: { responses: number | null }) => u.responses === 2));
    const text = await json(`/api/v1/surveys/${id}/text/q3`);
    assert.equal(text.suppressed, false);
    assert.equal(text.answered, 4);
    const behind = await json(`/api/v1/surveys/${id}/text/q3/answers?term=${encodeURIComponent('班车')}`);
    assert.equal(behind.items.length, 2);
  });
});
