import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { prng } from '../../seed/people.ts';
import type { SurveyDefinition } from './survey-definition.ts';
import { responsePages } from './survey-results.repository.ts';

const clock = fixedClock('2026-12-01T02:00:00Z');
const t = await createTestApp({ clock });
const cy = await t.login('13800000003'); // 朝阳 district staff
const cp = await t.login('13800000004'); // 昌平 district staff
const lijing = await t.login('13800000001'); // member of BJ-CP-CKDZ
const unionId = async (code: string) =>
  (await t.db.selectFrom('unions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

const DEF: SurveyDefinition = {
  title: '测试问卷',
  sections: [
    {
      id: 's1',
      title: '第一部分',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '工种',
          required: true,
          randomizeOptions: true,
          options: [
            { id: 'o1', label: '技术工人' },
            { id: 'o2', label: '司机' },
            { id: 'o3', label: '管理' },
            { id: 'o4', label: '其他', other: true },
          ],
        },
        {
          id: 'q2',
          type: 'multiple',
          title: '参加过的活动',
          required: true,
          minPicks: 1,
          maxPicks: 2,
          options: [
            { id: 'a', label: '技能竞赛' },
            { id: 'b', label: '劳模宣讲' },
            { id: 'c', label: '创新工作室' },
          ],
        },
        {
          id: 'q3',
          type: 'rating',
          title: '满意度',
          required: true,
          scale: { min: 1, max: 5 },
          showIf: { questionId: 'q1', anyOf: ['o1'] },
        },
        { id: 'q4', type: 'number', title: '工龄', required: false, range: { min: 0, max: 50 } },
        { id: 'q5', type: 'date', title: '日期', required: false },
        { id: 'q6', type: 'longtext', title: '建议', required: false },
        {
          id: 'q7',
          type: 'matrix',
          title: '评价',
          required: false,
          rows: [
            { id: 'r1', label: '工资' },
            { id: 'r2', label: '培训' },
          ],
          columns: [
            { id: 'c1', label: '差' },
            { id: 'c2', label: '中' },
            { id: 'c3', label: '好' },
          ],
        },
      ],
    },
  ],
};

async function createAndPublish(headers: { authorization: string }, union: string, publish: Record<string, unknown>) {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/surveys', headers, payload: { definition: DEF } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/surveys/${id}/publish`,
    headers,
    payload: {
      audienceUnionId: await unionId(union),
      opensAt: '2026-11-30T16:00:00Z',
      closesAt: '2026-12-10T16:00:00Z',
      anonymous: false,
      ...publish,
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  return id;
}

const submit = (id: string, answers: unknown, key = randomUUID(), headers = lijing) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/me/surveys/${id}/responses`,
    headers,
    payload: { answers, submissionKey: key },
  });
interface RawAnswers {
  q1: { optionId: string };
  q2: { optionIds: string[] };
  q3?: number;
  q4?: number;
  q6: string;
  q7?: Record<string, string>;
}
const GOOD = { q1: { optionId: 'o2' }, q2: { optionIds: ['a'] } };

describe('building and scope', () => {
  test('every survey route is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/surveys/{id}/results',
      '/api/v1/me/surveys/{id}/responses',
      '/api/v1/public/surveys/{token}',
    ]) {
      assert.ok(doc.paths[path], path);
    }
  });

  test('an invalid definition is refused field by field, in English when asked', async () => {
    const bad = structuredClone(DEF);
    bad.sections[0]!.questions[2]!.showIf = { questionId: 'q6', anyOf: ['x'] };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: { ...cy, 'accept-language': 'en' },
      payload: { definition: bad },
    });
    assert.equal(res.statusCode, 400);
    const err = res
      .json()
      .errors.find((e: { field: string }) => e.field === 'body.definition.sections.0.questions.2.showIf.questionId');
    assert.match(err.message, /earlier single or multiple/);
    assert.equal(
      await t.db.selectFrom('surveys').select('id').where('title', '=', '测试问卷').executeTakeFirst(),
      undefined,
    );
  });

  test('朝阳 staff cannot see or publish 昌平 surveys; import/export round-trips the definition', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    assert.equal((await t.app.inject({ url: `/api/v1/surveys/${id}`, headers: cy })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/surveys/${id}/results`, headers: cy })).statusCode, 404);
    const list = (await t.app.inject({ url: '/api/v1/surveys', headers: cy })).json().items as { id: string }[];
    assert.ok(!list.some((s) => s.id === id));
    assert.ok(
      (await t.app.inject({ url: '/api/v1/surveys', headers: cp }))
        .json()
        .items.some((s: { id: string }) => s.id === id),
    );
    const exported = await t.app.inject({ url: `/api/v1/surveys/${id}/definition.json`, headers: cp });
    assert.deepEqual(exported.json(), DEF);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveys/import',
      headers: cy,
      payload: { definition: exported.json() },
    });
    assert.equal(imported.statusCode, 201);
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${imported.json().id}/publish`,
      headers: cy,
      payload: {
        audienceUnionId: await unionId('BJ-CP'),
        opensAt: '2026-11-30T16:00:00Z',
        closesAt: '2026-12-10T16:00:00Z',
        anonymous: true,
      },
    });
    assert.equal(other.statusCode, 400, 'cannot publish outside the own subtree');
  });

  test('editing a published survey makes a new version; answers keep theirs', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const first = await submit(id, GOOD);
    assert.equal(first.statusCode, 201, first.body);
    const edited = structuredClone(DEF);
    edited.title = '测试问卷（修订）';
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${id}/definition`,
      headers: cp,
      payload: { definition: edited },
    });
    assert.deepEqual(put.json(), { version: 2 });
    const r = await t.db
      .selectFrom('surveyResponses')
      .select('version')
      .where('id', '=', first.json().responseId)
      .executeTakeFirstOrThrow();
    assert.equal(r.version, 1);
    const detail = (await t.app.inject({ url: `/api/v1/surveys/${id}`, headers: cp })).json();
    assert.deepEqual(
      detail.versions.map((v: { version: number; responses: number }) => [v.version, v.responses]),
      [
        [1, 1],
        [2, 0],
      ],
    );
  });
});

describe('answering', () => {
  test('before opening and after closing (past the grace period) answers are refused with the closed message', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {
      opensAt: '2026-12-05T00:00:00Z',
      closesAt: '2026-12-06T00:00:00Z',
      graceMinutes: 30,
      closedMessage: '问卷已截止，谢谢！',
    });
    const early = await submit(id, GOOD);
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'survey_not_open');
    clock.set('2026-12-06T00:31:00Z');
    const late = await submit(id, GOOD);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().detail, '问卷已截止，谢谢！');
    clock.set('2026-12-06T00:20:00Z'); // within the grace period
    assert.equal((await submit(id, GOOD)).statusCode, 201);
    clock.set('2026-12-01T02:00:00Z');
    assert.equal(
      await t.db
        .selectFrom('surveyResponses')
        .select('id')
        .where('surveyId', '=', id)
        .execute()
        .then((r) => r.length),
      1,
    );
  });

  test('a member answers once: 20 concurrent submissions give one response; a retry with the same key gives the same id', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const results = await Promise.all(keys.map((k) => submit(id, GOOD, k)));
    const ok = results.filter((r) => r.statusCode === 201);
    assert.equal(ok.length, 1);
    assert.ok(results.every((r) => r.statusCode === 201 || r.statusCode === 409));
    const winner = keys[results.indexOf(ok[0]!)]!;
    const retry = await submit(id, GOOD, winner);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().responseId, ok[0]!.json().responseId);
    const n = await t.db.selectFrom('surveyResponses').select('id').where('surveyId', '=', id).execute();
    assert.equal(n.length, 1);
    const s = await t.db.selectFrom('surveys').select('responseCount').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(s.responseCount, 1);
  });

  test('skip logic: answers to hidden questions are dropped, required only when shown; errors name the question', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/surveys/${id}/responses`,
      headers: { ...lijing, 'accept-language': 'en' },
      payload: { answers: { q1: { optionId: 'o1' }, q2: { optionIds: ['a', 'b', 'c'] } }, submissionKey: randomUUID() },
    });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      missing.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [
        ['answers.q2', 'pick at most 2'],
        ['answers.q3', 'this question must be answered'],
      ],
    );
    const res = await submit(id, { ...GOOD, q3: 5, q99: 'x' });
    assert.equal(res.statusCode, 201);
    const stored = await t.db
      .selectFrom('surveyResponses')
      .select('answers')
      .where('id', '=', res.json().responseId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored.answers, GOOD);
  });

  test('drafts are saved and returned with a stable option order, and removed on submit', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/surveys/${id}/draft`,
      headers: lijing,
      payload: { answers: { q1: { optionId: 'o1' }, q4: 99 } },
    });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(
      put.json().errors.map((e: { field: string }) => e.field),
      ['answers.q4'],
    );
    const a = (await t.app.inject({ url: `/api/v1/me/surveys/${id}`, headers: lijing })).json();
    const b = (await t.app.inject({ url: `/api/v1/me/surveys/${id}`, headers: lijing })).json();
    assert.deepEqual(a.draft, { q1: { optionId: 'o1' }, q4: 99 });
    const order = (x: typeof a) =>
      x.survey.definition.sections[0].questions[0].options.map((o: { id: string }) => o.id);
    assert.deepEqual(order(a), order(b));
    assert.equal(order(a).at(-1), 'o4', '"other" stays last');
    const mine = (await t.app.inject({ url: '/api/v1/me/surveys', headers: lijing }))
      .json()
      .items.find((s: { id: string }) => s.id === id);
    assert.equal(mine.hasDraft, true);
    assert.equal((await submit(id, GOOD)).statusCode, 201);
    assert.equal(
      (await t.db.selectFrom('surveyDrafts').select('surveyId').where('surveyId', '=', id).execute()).length,
      0,
    );
  });

  test('a public link: view without an account, draft, submit once, idempotent retry', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const [link] = (
      await t.app.inject({ method: 'POST', url: `/api/v1/surveys/${id}/links`, headers: cp, payload: { count: 1 } })
    ).json().items as { token: string }[];
    const url = `/api/v1/public/surveys/${link!.token}`;
    assert.equal((await t.app.inject({ url: '/api/v1/public/surveys/unknown-token-0123456789' })).statusCode, 404);
    const draft = await t.app.inject({
      method: 'PUT',
      url: `${url}/draft`,
      payload: { answers: { q1: { optionId: 'o2' } } },
    });
    assert.equal(draft.statusCode, 200);
    const view = (await t.app.inject({ url })).json();
    assert.deepEqual(view.draft, { q1: { optionId: 'o2' } });
    assert.equal(view.submitted, false);
    const key = randomUUID();
    const first = await t.app.inject({
      method: 'POST',
      url: `${url}/responses`,
      payload: { answers: GOOD, submissionKey: key },
    });
    assert.equal(first.statusCode, 201);
    const retry = await t.app.inject({
      method: 'POST',
      url: `${url}/responses`,
      payload: { answers: GOOD, submissionKey: key },
    });
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().responseId, first.json().responseId);
    assert.equal((await t.app.inject({ url })).json().submitted, true);
    const row = await t.db
      .selectFrom('surveyResponses')
      .select(['via', 'unionId'])
      .where('id', '=', first.json().responseId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { via: 'link', unionId: await unionId('BJ-CP') });
  });

  test('a quota closes the survey exactly when reached, also under concurrent link submissions', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', { quota: 3 });
    const links = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${id}/links`,
      headers: cp,
      payload: { count: 8 },
    });
    assert.equal(links.statusCode, 201);
    const tokens = links.json().items.map((l: { token: string }) => l.token) as string[];
    assert.match(links.json().items[0].url, /\/q\/[\w-]{20,}$/);
    const svg = await t.app.inject({ url: `/api/v1/surveys/links/${tokens[0]}/qr.svg`, headers: cp });
    assert.match(svg.body, /^<svg/);
    const results = await Promise.all(
      tokens.map((tk) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/public/surveys/${tk}/responses`,
          payload: { answers: GOOD, submissionKey: randomUUID() },
        }),
      ),
    );
    assert.equal(results.filter((r) => r.statusCode === 201).length, 3);
    assert.ok(
      results
        .filter((r) => r.statusCode !== 201)
        .every((r) => r.statusCode === 409 && r.json().code === 'survey_closed'),
    );
    const s = await t.db
      .selectFrom('surveys')
      .select(['responseCount', 'closedReason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(s, { responseCount: 3, closedReason: 'quota' });
    const used = results.findIndex((r) => r.statusCode === 201);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${tokens[used]}/responses`,
      payload: { answers: GOOD, submissionKey: randomUUID() },
    });
    assert.equal(again.statusCode, 409, 'a link is single-use');
  });
});

describe('audience', () => {
  test('age-band and union-kind filters decide who may answer and the audience size', async () => {
    const cpPath = (
      await t.db.selectFrom('unions').select('path').where('code', '=', 'BJ-CP').executeTakeFirstOrThrow()
    ).path;
    const members = await t.db
      .selectFrom('members')
      .select('birthDate')
      .where('unionPath', 'like', `${cpPath}%`)
      .where('status', '=', 'active')
      .execute();
    const opening = '2026-12-01'; // opensAt 2026-11-30T16:00Z is 00:00 on 1 December in Beijing
    const age = (b: string) => {
      const [y, m, d] = b.split('-').map(Number) as [number, number, number];
      const [oy, om, od] = opening.split('-').map(Number) as [number, number, number];
      return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
    };
    const young = await createAndPublish(cp, 'BJ-CP', { audienceFilter: { ageBands: ['under30'] } });
    const thirties = await createAndPublish(cp, 'BJ-CP', { audienceFilter: { ageBands: ['30to39', '40to49'] } });
    const homes = await createAndPublish(cp, 'BJ-CP', { audienceFilter: { unionKinds: ['home'] } });
    const size = async (id: string) =>
      (await t.app.inject({ url: `/api/v1/surveys/${id}`, headers: cp })).json().counts.audience;
    assert.equal(await size(young), members.filter((m) => age(m.birthDate) < 30).length);
    assert.equal(await size(thirties), members.filter((m) => age(m.birthDate) >= 30 && age(m.birthDate) < 50).length);
    assert.equal(await size(homes), 0, "BJ-CP has no workers' homes");
    // 李静 was born in 1990: 36 at the opening.
    assert.equal((await t.app.inject({ url: `/api/v1/me/surveys/${young}`, headers: lijing })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/me/surveys/${homes}`, headers: lijing })).statusCode, 404);
    assert.equal((await submit(young, GOOD)).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/me/surveys/${thirties}`, headers: lijing })).statusCode, 200);
  });
});

describe('anonymity', () => {
  test('no column, key, id or timestamp joins a member to an anonymous answer', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', { anonymous: true });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/surveys/${id}/draft`,
      headers: lijing,
      payload: { answers: GOOD },
    });
    const res = await submit(id, GOOD);
    assert.equal(res.statusCode, 201);
    // Schema level: the participation and response tables share survey_id and member_id only, and member_id on
    // responses is forced NULL for anonymous rows by a CHECK (named surveys may link); no FK from responses to
    // participations; no shared sequence or default that orders both.
    const cols = async (table: string) =>
      (
        await sql<{ columnName: string; columnDefault: string | null }>`
        select column_name, column_default from information_schema.columns where table_name = ${table}`.execute(t.db)
      ).rows;
    const p = await cols('survey_participations');
    const r = await cols('survey_responses');
    const shared = p.map((c) => c.columnName).filter((c) => r.some((x) => x.columnName === c));
    assert.deepEqual(shared.sort(), ['member_id', 'survey_id']);
    assert.ok(
      [...p, ...r].every((c) => !c.columnDefault?.includes('nextval')),
      'no sequence',
    );
    assert.ok(
      r.every((c) => c.columnDefault === null),
      'no default (e.g. now()) on responses',
    );
    const fks = await sql<{ ref: string }>`
      select confrelid::regclass::text as ref from pg_constraint
       where conrelid = 'survey_responses'::regclass and contype = 'f'`.execute(t.db);
    assert.ok(!fks.rows.some((f) => f.ref === 'survey_participations'));
    const checks = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = 'survey_responses'::regclass and contype = 'c'`.execute(t.db);
    assert.ok(
      checks.rows.some((c) => /NOT anonymous\)? OR \(\(member_id IS NULL\) AND \(submitted_at IS NULL\)\)/.test(c.def)),
    );
    // Data level.
    const row = await t.db
      .selectFrom('surveyResponses')
      .selectAll()
      .where('id', '=', res.json().responseId)
      .executeTakeFirstOrThrow();
    assert.equal(row.memberId, null);
    assert.equal(row.submittedAt, null);
    assert.equal(row.id[14], '4', 'a random (v4) id carries no time');
    const part = await t.db
      .selectFrom('surveyParticipations')
      .selectAll()
      .where('surveyId', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!part.keyHash.equals(row.receiptHash));
    assert.equal(
      (await t.db.selectFrom('surveyDrafts').select('memberId').where('surveyId', '=', id).execute()).length,
      0,
    );
    // Still one response per member.
    assert.equal((await submit(id, GOOD)).statusCode, 409);
  });
});

describe('results', () => {
  test('results, filters, cross-tabs and exports equal an independent computation over the raw responses', async () => {
    const id = await createAndPublish(cp, 'BJ-CP', {});
    const links = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${id}/links`,
      headers: cp,
      payload: { count: 40 },
    });
    const r = prng(7);
    const texts = [
      '技能培训机会太少',
      '希望增加技能培训',
      '工资待遇偏低',
      '培训时间安排不方便',
      '技能培训和岗位结合不紧',
    ];
    for (const { token } of links.json().items as { token: string }[]) {
      const q1 = r.pick(['o1', 'o2', 'o3']);
      const answers: Record<string, unknown> = {
        q1: { optionId: q1 },
        q2: { optionIds: r.next() < 0.5 ? ['a'] : ['b', 'c'] },
        ...(q1 === 'o1' ? { q3: r.int(1, 5) } : {}),
        ...(r.next() < 0.8 ? { q4: r.int(0, 30) } : {}),
        q6: r.pick(texts),
        q7: { r1: r.pick(['c1', 'c2', 'c3']), r2: r.pick(['c1', 'c3']) },
      };
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${token}/responses`,
        payload: { answers, submissionKey: randomUUID() },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    // One member of the audience answers too: link answers count as responses but not towards the response rate.
    const mine = await submit(id, { ...GOOD, q6: texts[0] });
    assert.equal(mine.statusCode, 201, mine.body);
    const rows = await t.db
      .selectFrom('surveyResponses')
      .select(['id', 'answers', 'via', 'unionId'])
      .where('surveyId', '=', id)
      .execute();
    const raw = rows.map((x) => x.answers as unknown as RawAnswers);
    const res = (await t.app.inject({ url: `/api/v1/surveys/${id}/results`, headers: cp })).json();
    assert.equal(res.responses, 41);
    const audience = await t.db
      .selectFrom('members')
      .select('id')
      .where(
        'unionPath',
        'like',
        `${(await t.db.selectFrom('unions').select('path').where('code', '=', 'BJ-CP').executeTakeFirstOrThrow()).path}%`,
      )
      .where('status', '=', 'active')
      .execute();
    assert.equal(res.audienceSize, audience.length);
    const memberRows = rows.filter((x) => x.via === 'member');
    assert.equal(res.memberResponses, memberRows.length);
    assert.equal(res.linkResponses, rows.filter((x) => x.via === 'link').length);
    assert.equal(res.responseRate, Math.round((memberRows.length / audience.length) * 10000) / 10000);
    const ckdz = await unionId('BJ-CP-CKDZ');
    assert.equal(
      res.byUnion.find((u: { unionId: string }) => u.unionId === ckdz).memberResponses,
      memberRows.filter((x) => x.unionId === ckdz).length,
    );
    const listed = (await t.app.inject({ url: '/api/v1/surveys', headers: cp }))
      .json()
      .items.find((x: { id: string }) => x.id === id);
    assert.deepEqual(
      [listed.audienceSize, listed.memberResponses, listed.responseRate],
      [res.audienceSize, res.memberResponses, res.responseRate],
    );
    const q = (qid: string) => res.questions.find((x: { id: string }) => x.id === qid);
    for (const o of ['o1', 'o2', 'o3']) {
      assert.equal(
        q('q1').options.find((x: { id: string }) => x.id === o).count,
        raw.filter((a) => a.q1?.optionId === o).length,
      );
    }
    for (const o of ['a', 'b', 'c']) {
      assert.equal(
        q('q2').options.find((x: { id: string }) => x.id === o).count,
        raw.filter((a) => a.q2?.optionIds.includes(o)).length,
      );
    }
    const ages = raw
      .filter((a) => a.q4 !== undefined)
      .map((a) => a.q4 as number)
      .sort((x, y) => x - y);
    const mid = ages.length / 2;
    const median = ages.length % 2 ? ages[Math.floor(mid)] : (ages[mid - 1]! + ages[mid]!) / 2;
    assert.equal(q('q4').answered, ages.length);
    assert.equal(q('q4').stats.median, median);
    assert.ok(Math.abs(q('q4').stats.mean - ages.reduce((x, y) => x + y, 0) / ages.length) < 0.001);
    assert.equal(q('q3').answered, raw.filter((a) => a.q1.optionId === 'o1').length);
    assert.deepEqual(
      q('q7').matrix.rows.find((x: { id: string }) => x.id === 'r2').counts,
      ['c1', 'c2', 'c3'].map((c) => raw.filter((a) => a.q7?.r2 === c).length),
    );
    const filtered = (await t.app.inject({ url: `/api/v1/surveys/${id}/results?q2=a`, headers: cp })).json();
    assert.equal(filtered.responses, raw.filter((a) => a.q2.optionIds.includes('a')).length);
    const ct = (
      await t.app.inject({ url: `/api/v1/surveys/${id}/crosstab?rowQuestion=q1&colQuestion=q2`, headers: cp })
    ).json();
    assert.equal(ct.cells[0][1], raw.filter((a) => a.q1.optionId === 'o1' && a.q2.optionIds.includes('b')).length);
    const byUnion = (
      await t.app.inject({ url: `/api/v1/surveys/${id}/crosstab?byUnion=true&colQuestion=q1`, headers: cp })
    ).json();
    assert.equal(
      byUnion.rowTotals.reduce((x: number, y: number) => x + y, 0),
      41,
    );
    const text = (await t.app.inject({ url: `/api/v1/surveys/${id}/text/q6`, headers: cp })).json();
    const training = text.terms.find((x: { term: string }) => x.term === '培训');
    assert.equal(training.count, raw.filter((a) => a.q6.includes('培训')).length);
    const behind = (
      await t.app.inject({
        url: `/api/v1/surveys/${id}/text/q6/answers?term=${encodeURIComponent('技能培训')}`,
        headers: cp,
      })
    ).json();
    assert.equal(behind.items.length, raw.filter((a) => a.q6.includes('技能培训')).length);
    const csv = await t.app.inject({ url: `/api/v1/surveys/${id}/export.csv`, headers: cp });
    assert.ok(csv.body.startsWith('\uFEFF答卷编号'));
    assert.equal(csv.body.trim().split('\r\n').length, 42);
    const xlsx = await t.app.inject({ url: `/api/v1/surveys/${id}/export.xlsx`, headers: cp });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const summary = wb.getWorksheet('汇总')!;
    const cells: string[] = [];
    summary.eachRow((row) => cells.push(String(row.getCell(3).value)));
    const small = cells.slice(1).filter((c) => c === '<5').length;
    assert.ok(small > 0, 'small cells are hidden');
    assert.ok(cells.slice(1).every((c) => c === '<5' || Number(c) >= 5));
    const answerIds: string[] = [];
    wb.getWorksheet('答卷')!.eachRow((row, n) => {
      if (n > 1) answerIds.push(String(row.getCell(1).value));
    });
    assert.deepEqual(answerIds, rows.map((x) => x.id).sort(), 'every response once, by its stored id, in id order');
  });

  test('export pages hold every response once, in id order, across page boundaries', async () => {
    const s = await t.db
      .selectFrom('surveys')
      .select('id')
      .where('title', '=', '新时代产业工人队伍建设调查问卷')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    const sizes: number[] = [];
    for await (const page of responsePages(t.db, s.id, 50)) {
      sizes.push(page.length);
      ids.push(...page.map((r) => r.id));
    }
    const stored = await t.db.selectFrom('surveyResponses').select('id').where('surveyId', '=', s.id).execute();
    assert.deepEqual(ids, stored.map((r) => r.id).sort());
    assert.ok(sizes.length > 2 && sizes.slice(0, -1).every((n) => n === 50));
  });

  test('the demo has the 朝阳 workforce survey with a few hundred anonymous responses, invisible to 昌平', async () => {
    const list = (await t.app.inject({ url: '/api/v1/surveys', headers: cy })).json().items;
    const s = list.find((x: { title: string }) => x.title === '新时代产业工人队伍建设调查问卷');
    assert.ok(s.responses >= 200);
    assert.equal(s.status, 'closed');
    const res = (await t.app.inject({ url: `/api/v1/surveys/${s.id}/results`, headers: cy })).json();
    assert.equal(res.responses, s.responses);
    // Most answers came through QR links (no account): the member part alone is set against the audience.
    assert.equal(res.memberResponses + res.linkResponses, res.responses);
    assert.ok(res.linkResponses > 0 && res.memberResponses > 0);
    assert.ok(res.memberResponses <= res.audienceSize, `${res.memberResponses} > ${res.audienceSize}`);
    assert.ok(res.responseRate <= 1);
    assert.equal(s.audienceSize, res.audienceSize);
    assert.equal(s.responseRate, res.responseRate);
    assert.ok(res.byUnion.length >= 2);
    assert.equal((await t.app.inject({ url: `/api/v1/surveys/${s.id}`, headers: cp })).statusCode, 404);
    const mine = (await t.app.inject({ url: '/api/v1/me/surveys', headers: lijing })).json().items;
    assert.ok(
      mine.some((x: { title: string; status: string }) => x.title === '职工之家服务满意度调查' && x.status === 'open'),
    );
    assert.ok(!mine.some((x: { id: string }) => x.id === s.id), '李静 (昌平) is not in the 朝阳 audience');
  });
});
