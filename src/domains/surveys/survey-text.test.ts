import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseTexts, tokens } from './survey-text.ts';

test('segments Chinese, drops stop words, punctuation and single characters', () => {
  assert.deepEqual(tokens('希望增加技能培训的机会').filter(Boolean), ['增加', '技能', '培训', '机会']);
});

test('terms and phrases count answers, not repetitions; phrases need two answers', () => {
  const r = analyseTexts(['技能培训，技能培训！', '希望多一些技能培训', '工资待遇偏低', '加班多']);
  assert.deepEqual(r.terms.slice(0, 2), [
    { term: '培训', count: 2 },
    { term: '技能', count: 2 },
  ]);
  assert.deepEqual(r.phrases, [{ term: '技能培训', count: 2 }]);
});
