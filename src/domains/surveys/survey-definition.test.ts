import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WORKFORCE_SURVEY } from './survey.seed.ts';
import {
  checkAnswers,
  definitionIssues,
  isValidDate,
  type Question,
  type SurveyDefinition,
  visibleQuestionIds,
} from './survey-definition.ts';
import { presentDefinition } from './survey-order.ts';

const q = (over: Partial<Question> & Pick<Question, 'id' | 'type'>): Question => ({
  title: '题目',
  required: true,
  ...over,
});
const def = (...questions: Question[]): SurveyDefinition => ({
  title: '问卷',
  sections: [{ id: 's1', title: '部分', questions }],
});
const opts = (...ids: string[]) => ids.map((id) => ({ id, label: `选项${id}` }));
const fields = (d: SurveyDefinition) => definitionIssues(d).map((e) => e.field);
const errs = (d: SurveyDefinition, answers: unknown, partial = false) =>
  checkAnswers(d, answers, { partial }).errors.map((e) => [
    e.field,
    typeof e.message === 'string' ? e.message : e.message.en,
  ]);

describe('definition validation', () => {
  test('the demo survey is valid', () => assert.deepEqual(definitionIssues(WORKFORCE_SURVEY), []));
  const cases: [string, SurveyDefinition, string[]][] = [
    ['empty title', { ...def(q({ id: 'q1', type: 'text' })), title: ' ' }, ['definition.title']],
    ['no sections', { title: 't', sections: [] }, ['definition.sections']],
    ['empty section', def(), ['definition.sections.0.questions']],
    ['bad id', def(q({ id: 'q 1', type: 'text' })), ['definition.sections.0.questions.0.id']],
    [
      'duplicate question id',
      def(q({ id: 'q1', type: 'text' }), q({ id: 'q1', type: 'date' })),
      ['definition.sections.0.questions.1.id'],
    ],
    [
      'one option',
      def(q({ id: 'q1', type: 'single', options: opts('a') })),
      ['definition.sections.0.questions.0.options'],
    ],
    [
      'duplicate option',
      def(q({ id: 'q1', type: 'single', options: opts('a', 'a') })),
      ['definition.sections.0.questions.0.options.1.id'],
    ],
    [
      'two others',
      def(
        q({
          id: 'q1',
          type: 'single',
          options: [
            { id: 'a', label: 'A', other: true },
            { id: 'b', label: 'B', other: true },
          ],
        }),
      ),
      ['definition.sections.0.questions.0.options'],
    ],
    [
      'min > max picks',
      def(q({ id: 'q1', type: 'multiple', options: opts('a', 'b', 'c'), minPicks: 3, maxPicks: 2 })),
      ['definition.sections.0.questions.0.maxPicks'],
    ],
    [
      'max picks > options',
      def(q({ id: 'q1', type: 'multiple', options: opts('a', 'b'), maxPicks: 3 })),
      ['definition.sections.0.questions.0.maxPicks'],
    ],
    ['rating without scale', def(q({ id: 'q1', type: 'rating' })), ['definition.sections.0.questions.0.scale']],
    [
      'rating scale reversed',
      def(q({ id: 'q1', type: 'rating', scale: { min: 5, max: 1 } })),
      ['definition.sections.0.questions.0.scale'],
    ],
    [
      'rating scale too long',
      def(q({ id: 'q1', type: 'rating', scale: { min: 0, max: 20 } })),
      ['definition.sections.0.questions.0.scale'],
    ],
    [
      'number range reversed',
      def(q({ id: 'q1', type: 'number', range: { min: 5, max: 1 } })),
      ['definition.sections.0.questions.0.range'],
    ],
    [
      'text maxLength 0',
      def(q({ id: 'q1', type: 'text', maxLength: 0 })),
      ['definition.sections.0.questions.0.maxLength'],
    ],
    [
      'matrix with one column',
      def(q({ id: 'q1', type: 'matrix', rows: opts('r'), columns: opts('c') })),
      ['definition.sections.0.questions.0.rows'],
    ],
    [
      'showIf on a later question',
      def(
        q({ id: 'q1', type: 'text', showIf: { questionId: 'q2', anyOf: ['a'] } }),
        q({ id: 'q2', type: 'single', options: opts('a', 'b') }),
      ),
      ['definition.sections.0.questions.0.showIf.questionId'],
    ],
    [
      'showIf on a text question',
      def(q({ id: 'q1', type: 'text' }), q({ id: 'q2', type: 'text', showIf: { questionId: 'q1', anyOf: ['a'] } })),
      ['definition.sections.0.questions.1.showIf.questionId'],
    ],
    [
      'showIf unknown option',
      def(
        q({ id: 'q1', type: 'single', options: opts('a', 'b') }),
        q({ id: 'q2', type: 'text', showIf: { questionId: 'q1', anyOf: ['z'] } }),
      ),
      ['definition.sections.0.questions.1.showIf.anyOf'],
    ],
  ];
  for (const [name, d, expected] of cases) test(name, () => assert.deepEqual(fields(d), expected));
});

describe('answer validation', () => {
  const single = q({ id: 's', type: 'single', options: [...opts('a', 'b'), { id: 'x', label: '其他', other: true }] });
  const multi = q({
    id: 'm',
    type: 'multiple',
    minPicks: 2,
    maxPicks: 3,
    options: [...opts('a', 'b', 'c', 'd'), { id: 'x', label: '其他', other: true }],
  });
  const rating = q({ id: 'r', type: 'rating', scale: { min: 1, max: 5 } });
  const num = q({ id: 'n', type: 'number', required: false, range: { min: 0, max: 50 } });
  const date = q({ id: 'd', type: 'date', required: false });
  const text = q({ id: 't', type: 'text', required: false, maxLength: 5 });
  const matrix = q({ id: 'x', type: 'matrix', rows: opts('r1', 'r2'), columns: opts('c1', 'c2') });
  const d = def(single, multi, rating, num, date, text, matrix);
  const ok = { s: { optionId: 'a' }, m: { optionIds: ['a', 'b'] }, r: 3, x: { r1: 'c1', r2: 'c2' } };
  const table: [string, Record<string, unknown>, [string, string][]][] = [
    ['all good', ok, []],
    [
      'required missing',
      { ...ok, s: undefined, r: null },
      [
        ['answers.s', 'this question must be answered'],
        ['answers.r', 'this question must be answered'],
      ],
    ],
    ['unknown option', { ...ok, s: { optionId: 'zz' } }, [['answers.s', 'the chosen option does not exist']]],
    ['other without text', { ...ok, s: { optionId: 'x', otherText: '  ' } }, [['answers.s', 'please specify "other"']]],
    ['other with text', { ...ok, s: { optionId: 'x', otherText: '环卫' } }, []],
    ['too few picks', { ...ok, m: { optionIds: ['a'] } }, [['answers.m', 'pick at least 2']]],
    ['too many picks', { ...ok, m: { optionIds: ['a', 'b', 'c', 'd'] } }, [['answers.m', 'pick at most 3']]],
    ['duplicate picks', { ...ok, m: { optionIds: ['a', 'a'] } }, [['answers.m', 'an option is picked twice']]],
    ['empty picks = unanswered', { ...ok, m: { optionIds: [] } }, [['answers.m', 'this question must be answered']]],
    ['wrong shape', { ...ok, m: 'a' }, [['answers.m', 'the answer has the wrong format']]],
    ['rating out of scale', { ...ok, r: 6 }, [['answers.r', 'choose a whole number from 1 to 5']]],
    ['rating not integer', { ...ok, r: 2.5 }, [['answers.r', 'choose a whole number from 1 to 5']]],
    ['number below range', { ...ok, n: -1 }, [['answers.n', 'must be at least 0']]],
    ['number above range', { ...ok, n: 51 }, [['answers.n', 'must be at most 50']]],
    ['number as text', { ...ok, n: '5' }, [['answers.n', 'enter a number']]],
    ['bad date', { ...ok, d: '2026-02-30' }, [['answers.d', 'enter a valid date (YYYY-MM-DD)']]],
    ['text too long', { ...ok, t: '一二三四五六' }, [['answers.t', 'must be at most 5 characters']]],
    ['matrix missing row', { ...ok, x: { r1: 'c1' } }, [['answers.x', 'answer every row']]],
    ['matrix unknown column', { ...ok, x: { r1: 'c1', r2: 'c9' } }, [['answers.x', 'unknown matrix row or column']]],
  ];
  for (const [name, answers, expected] of table) test(name, () => assert.deepEqual(errs(d, answers), expected));

  test('drafts (partial) skip "required" and incomplete matrices but keep format errors', () => {
    assert.deepEqual(errs(d, { x: { r1: 'c1' }, r: 9 }, true), [['answers.r', 'choose a whole number from 1 to 5']]);
  });

  test('answers are normalised: trimmed, picks in definition order, stray otherText and unknown questions dropped', () => {
    const r = checkAnswers(d, {
      ...ok,
      s: { optionId: 'a', otherText: 'x' },
      m: { optionIds: ['c', 'a'] },
      t: ' 好 ',
      zz: 1,
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.answers, { ...ok, s: { optionId: 'a' }, m: { optionIds: ['a', 'c'] }, t: '好' });
  });
});

describe('skip logic', () => {
  const d = def(
    q({ id: 'a', type: 'single', options: opts('yes', 'no') }),
    q({ id: 'b', type: 'multiple', options: opts('x', 'y'), showIf: { questionId: 'a', anyOf: ['yes'] } }),
    q({ id: 'c', type: 'text', showIf: { questionId: 'b', anyOf: ['y'] } }),
  );
  test('a chain shows only while every controller is shown and picked', () => {
    assert.deepEqual([...visibleQuestionIds(d, {})], ['a']);
    assert.deepEqual([...visibleQuestionIds(d, { a: { optionId: 'yes' } })], ['a', 'b']);
    assert.deepEqual([...visibleQuestionIds(d, { a: { optionId: 'yes' }, b: { optionIds: ['y'] } })], ['a', 'b', 'c']);
    assert.deepEqual([...visibleQuestionIds(d, { a: { optionId: 'no' }, b: { optionIds: ['y'] } })], ['a']);
  });
  test('hidden answers are stripped and hidden questions are not required', () => {
    const r = checkAnswers(d, { a: { optionId: 'no' }, b: { optionIds: ['y'] }, c: '不该有' });
    assert.deepEqual(r, { answers: { a: { optionId: 'no' } }, errors: [] });
    assert.deepEqual(errs(d, { a: { optionId: 'yes' } }), [['answers.b', 'this question must be answered']]);
  });
  test('a malformed controller answer hides its dependants', () => {
    assert.deepEqual(errs(d, { a: { optionId: 'nope' }, b: { optionIds: ['y'] } }), [
      ['answers.a', 'the chosen option does not exist'],
    ]);
  });
});

describe('presentation order', () => {
  const d: SurveyDefinition = {
    title: 't',
    randomizeQuestions: true,
    sections: [
      {
        id: 's',
        title: 's',
        questions: [
          q({
            id: 'q1',
            type: 'single',
            randomizeOptions: true,
            options: [...opts('a', 'b', 'c', 'd', 'e', 'f'), { id: 'x', label: '其他', other: true }],
          }),
          q({ id: 'q2', type: 'text', showIf: { questionId: 'q1', anyOf: ['a'] } }),
          q({ id: 'q3', type: 'text' }),
          q({ id: 'q4', type: 'text' }),
        ],
      },
    ],
  };
  test('stable per seed, different across seeds, other last, dependants after their controller', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const p = presentDefinition(d, `survey:${i}`);
      assert.deepEqual(presentDefinition(d, `survey:${i}`), p);
      const qs = p.sections[0]!.questions;
      assert.equal(qs[0]!.id === 'q1' || qs.findIndex((x) => x.id === 'q1') < qs.findIndex((x) => x.id === 'q2'), true);
      const options = qs.find((x) => x.id === 'q1')!.options!;
      assert.equal(options.at(-1)!.id, 'x');
      assert.equal(options.length, 7);
      seen.add(options.map((o) => o.id).join());
    }
    assert.ok(seen.size > 10);
  });
});

test('calendar dates', () => {
  assert.equal(isValidDate('2024-02-29'), true);
  assert.equal(isValidDate('2025-02-29'), false);
  assert.equal(isValidDate('2025-13-01'), false);
  assert.equal(isValidDate('2025-1-01'), false);
});
