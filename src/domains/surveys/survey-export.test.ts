import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SurveyDefinition } from './survey-definition.ts';
import { csvLine, responseHeader, responseRenderer, suppressSummary } from './survey-export.ts';

test('summary cells under 5 are hidden, with the next smallest when only one would be', () => {
  const out = suppressSummary([
    { question: 'q1', option: 'A', count: 40 },
    { question: 'q1', option: 'B', count: 3 },
    { question: 'q1', option: 'C', count: 9 },
    { question: 'q2', option: 'A', count: 2 },
    { question: 'q2', option: 'B', count: 1 },
    { question: 'q2', option: 'C', count: 30 },
  ]);
  assert.deepEqual(
    out.map((r) => r.shown),
    ['40', '<5', '<5', '<5', '<5', '30'],
  );
});

const def: SurveyDefinition = {
  title: 't',
  sections: [
    {
      id: 's',
      title: 's',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '行业',
          required: true,
          options: [
            { id: 'o1', label: '制造业' },
            { id: 'x', label: '其他', other: true },
          ],
        },
        {
          id: 'q2',
          type: 'multiple',
          title: '活动',
          required: false,
          options: [
            { id: 'a', label: '竞赛' },
            { id: 'b', label: '宣讲' },
          ],
        },
        {
          id: 'q3',
          type: 'matrix',
          title: '评价',
          required: false,
          rows: [
            { id: 'r1', label: '工资' },
            { id: 'r2', label: '培训' },
          ],
          columns: [{ id: 'c1', label: '好' }],
        },
      ],
    },
  ],
};

test('response rows: labels, other text, one cell per matrix row, small unions not named', () => {
  assert.deepEqual(responseHeader(def).slice(5), ['q1 行业', 'q2 活动', 'q3 评价 - 工资', 'q3 评价 - 培训']);
  const render = responseRenderer(
    def,
    new Map([
      ['big', 5],
      ['small', 4],
    ]),
  );
  const base = { version: 1, via: 'link' as const, submittedOn: '2026-07-01' };
  const big = render({
    ...base,
    id: 'r1',
    unionId: 'big',
    unionName: '大工会',
    answers: { q1: { optionId: 'x', otherText: '环卫' }, q2: { optionIds: ['a', 'b'] }, q3: { r2: 'c1' } },
  });
  assert.deepEqual(big, ['r1', '1', '大工会', '公开链接', '2026-07-01', '其他：环卫', '竞赛；宣讲', '', '好']);
  const small = render({
    ...base,
    id: 'r2',
    unionId: 'small',
    unionName: '小工会',
    answers: { q1: { optionId: 'o1' } },
  });
  assert.equal(small[2], '（不足5份，不显示）');
  assert.equal(small[6], '');
});

test('CSV cells are quoted when needed and formulas are defused', () => {
  assert.equal(csvLine(['a,b', '=SUM(A1)', '说"好"']), '"a,b","\'=SUM(A1)","说""好"""\r\n');
});
