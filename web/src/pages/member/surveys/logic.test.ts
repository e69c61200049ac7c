import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Answers, AnswerValue, Question, SurveyDefinition } from '../../../api/surveys';
import { draftKey, loadLatestDraft, startingAnswers, storeDraft } from './drafts';
import { checkAll, checkAnswer, isAnswered, progress, pruneAnswers, visibleQuestionIds } from './logic';

// Run: node --import tsx --test web/src/pages/member/surveys/logic.test.ts

const def: SurveyDefinition = {
  title: '驿站使用情况',
  sections: [
    {
      id: 's1',
      title: '使用',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '用过驿站吗',
          required: true,
          options: [
            { id: 'o1', label: '用过' },
            { id: 'o2', label: '没用过' },
            { id: 'o3', label: '其他', other: true },
          ],
        },
        {
          id: 'q2',
          type: 'rating',
          title: '满意度',
          required: true,
          scale: { min: 1, max: 5 },
          showIf: { questionId: 'q1', anyOf: ['o1'] },
        },
        {
          id: 'q3',
          type: 'multiple',
          title: '用过哪些设施',
          required: true,
          minPicks: 1,
          maxPicks: 2,
          showIf: { questionId: 'q1', anyOf: ['o1'] },
          options: [
            { id: 'a', label: '饮水' },
            { id: 'b', label: '充电' },
            { id: 'c', label: '微波炉' },
          ],
        },
        // depends on a question that is itself conditional
        {
          id: 'q4',
          type: 'text',
          title: '充电哪里不好',
          required: false,
          maxLength: 5,
          showIf: { questionId: 'q3', anyOf: ['b'] },
        },
      ],
    },
    {
      id: 's2',
      title: '其他',
      questions: [
        { id: 'q5', type: 'number', title: '每周去几次', required: false, range: { min: 0, max: 50 } },
        { id: 'q6', type: 'date', title: '最近一次', required: false },
        {
          id: 'q7',
          type: 'matrix',
          title: '评价',
          required: true,
          rows: [
            { id: 'r1', label: '环境' },
            { id: 'r2', label: '服务' },
          ],
          columns: [
            { id: 'c1', label: '好' },
            { id: 'c2', label: '差' },
          ],
        },
      ],
    },
  ],
};

const q = (id: string) => def.sections.flatMap((s) => s.questions).find((x) => x.id === id) as Question;

describe('skip logic', () => {
  test('a conditional question shows only when its controlling option is picked', () => {
    assert.deepEqual([...visibleQuestionIds(def, {})], ['q1', 'q5', 'q6', 'q7']);
    assert.deepEqual([...visibleQuestionIds(def, { q1: { optionId: 'o2' } })], ['q1', 'q5', 'q6', 'q7']);
    assert.deepEqual([...visibleQuestionIds(def, { q1: { optionId: 'o1' } })], ['q1', 'q2', 'q3', 'q5', 'q6', 'q7']);
  });

  test('a chain closes when an earlier link is hidden, even with the later answer still given', () => {
    const answers: Answers = { q1: { optionId: 'o1' }, q3: { optionIds: ['b'] } };
    assert.ok(visibleQuestionIds(def, answers).has('q4'));
    assert.ok(!visibleQuestionIds(def, { ...answers, q1: { optionId: 'o2' } }).has('q4'));
  });

  test('hidden answers are never submitted; empty ones neither', () => {
    const answers: Answers = { q1: { optionId: 'o2' }, q2: 4, q3: { optionIds: ['b'] }, q4: '太慢', q5: 3, q6: '' };
    assert.deepEqual(pruneAnswers(def, answers), { q1: { optionId: 'o2' }, q5: 3 });
  });

  test('required applies to shown questions only', () => {
    assert.deepEqual([...checkAll(def, { q1: { optionId: 'o2' } }).keys()], ['q7']);
    assert.deepEqual([...checkAll(def, { q1: { optionId: 'o1' } }).keys()], ['q2', 'q3', 'q7']);
  });
});

describe('answer checks', () => {
  const cases: [string, AnswerValue | undefined, string | null][] = [
    ['q1', undefined, 'required'],
    ['q1', { optionId: 'o9' }, 'invalid'],
    ['q1', { optionId: 'o3' }, 'otherText'],
    ['q1', { optionId: 'o3', otherText: '  ' }, 'otherText'],
    ['q1', { optionId: 'o3', otherText: '路过' }, null],
    ['q2', 0, 'range'],
    ['q2', 6, 'range'],
    ['q2', 2.5, 'range'],
    ['q2', 5, null],
    ['q3', { optionIds: [] }, 'required'],
    ['q3', { optionIds: ['a', 'b', 'c'] }, 'maxPicks'],
    ['q3', { optionIds: ['a', 'b'] }, null],
    ['q4', '123456', 'maxLength'],
    ['q4', '  12345  ', null],
    ['q4', undefined, null],
    ['q5', -1, 'range'],
    ['q5', 51, 'range'],
    ['q5', 7.5, null],
    ['q6', '2026-02-30', 'date'],
    ['q6', '2026/02/03', 'date'],
    ['q6', '2026-02-28', null],
    ['q7', { r1: 'c1' }, 'matrixRows'],
    ['q7', { r1: 'c1', r2: 'c9' }, 'invalid'],
    ['q7', { r1: 'c1', r2: 'c2' }, null],
  ];
  for (const [id, value, code] of cases) {
    test(`${id} ${JSON.stringify(value)} → ${code ?? 'ok'}`, () => {
      assert.equal(checkAnswer(q(id), value)?.code ?? null, code);
    });
  }

  test('the "other" text is kept only with "other" picked, trimmed', () => {
    assert.deepEqual(pruneAnswers(def, { q1: { optionId: 'o3', otherText: ' 路过 ' } }).q1, {
      optionId: 'o3',
      otherText: '路过',
    });
    assert.deepEqual(pruneAnswers(def, { q1: { optionId: 'o1', otherText: '路过' } }).q1, { optionId: 'o1' });
  });

  test('a matrix with only empty cells is no answer', () => {
    assert.equal(isAnswered(q('q7'), { r1: '' }), false);
  });

  test('progress counts shown questions', () => {
    assert.deepEqual(progress(def, {}), { answered: 0, total: 4 });
    assert.deepEqual(progress(def, { q1: { optionId: 'o1' }, q2: 3 }), { answered: 2, total: 6 });
  });
});

describe('drafts on the phone', () => {
  const local = { answers: { q5: 1 }, submissionKey: 'k', changedAt: 200, serverSavedAt: 100 };
  test('unsent changes on the phone win over the server draft', () => {
    assert.deepEqual(startingAnswers(local, { q5: 9 }), { q5: 1 });
    assert.deepEqual(startingAnswers({ ...local, serverSavedAt: null }, { q5: 9 }), { q5: 1 });
  });
  test('once the server has them, the server draft (maybe from another device) wins', () => {
    assert.deepEqual(startingAnswers({ ...local, serverSavedAt: 300 }, { q5: 9 }), { q5: 9 });
    assert.deepEqual(startingAnswers({ ...local, serverSavedAt: 300 }, {}), { q5: 1 });
    assert.deepEqual(startingAnswers(null, undefined), {});
  });
});

describe('the phone decides as the server does', () => {
  test('same failing questions, and the same answers sent, over many answer sets', async () => {
    const server = await import('../../../../../src/domains/surveys/survey-definition.ts');
    // a fixed pseudo-random walk over valid and invalid answers (valid ones more likely, so both outcomes occur)
    let seed = 12351;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ok = (x: AnswerValue | undefined, weight = 4) => Array.from({ length: weight }, () => x);
    const values: Record<string, (AnswerValue | undefined)[]> = {
      q1: [
        undefined,
        ...ok({ optionId: 'o1' }),
        { optionId: 'o2' },
        { optionId: 'o3' },
        { optionId: 'o3', otherText: '路过' },
      ],
      q2: [undefined, 0, ...ok(3), 5, 6],
      q3: [undefined, ...ok({ optionIds: ['a'] }), { optionIds: ['b', 'c'] }, { optionIds: ['a', 'b', 'c'] }],
      q4: [undefined, '好', '123456'],
      q5: [undefined, -1, ...ok(7), 51],
      q6: [undefined, '2026-02-30', ...ok('2026-02-28')],
      q7: [undefined, { r1: 'c1' }, ...ok({ r1: 'c1', r2: 'c2' }, 8)],
    };
    let clean = 0;
    let failing = 0;
    for (let i = 0; i < 600; i++) {
      const answers: Answers = {};
      for (const [id, options] of Object.entries(values)) {
        const v = options[Math.floor(rand() * options.length)];
        if (v !== undefined) answers[id] = v;
      }
      const checked = server.checkAnswers(def as never, answers);
      const serverBad = checked.errors.map((e) => e.field.replace('answers.', '')).sort();
      const phoneBad = [...checkAll(def, answers).keys()].sort();
      assert.deepEqual(phoneBad, serverBad, JSON.stringify(answers));
      if (serverBad.length === 0) {
        clean++;
        assert.deepEqual(pruneAnswers(def, answers), checked.answers, JSON.stringify(answers));
      } else failing++;
    }
    assert.ok(clean >= 20 && failing >= 20, `both outcomes are exercised (${clean} clean, ${failing} failing)`);
  });
});

describe('drafts across versions', () => {
  const store = new Map<string, string>();
  (globalThis as { localStorage?: Storage }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
    clear: () => store.clear(),
    key: () => null,
    length: 0,
  };

  test('a draft typed under version 2 carries over to version 3, as not yet on the server', () => {
    storeDraft(draftKey('s.m', 2), { answers: { q5: 2 }, submissionKey: 'k2', changedAt: 5, serverSavedAt: 9 });
    assert.deepEqual(loadLatestDraft('s.m', 3), {
      answers: { q5: 2 },
      submissionKey: 'k2',
      changedAt: 5,
      serverSavedAt: null,
    });
    storeDraft(draftKey('s.m', 3), { answers: { q5: 3 }, submissionKey: 'k3', changedAt: 6, serverSavedAt: null });
    assert.equal(loadLatestDraft('s.m', 3)?.submissionKey, 'k3');
    assert.equal(loadLatestDraft('other', 3), null);
  });
});
