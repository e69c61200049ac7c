import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndex, normalize, pinyinKeys, pinyinQuery, queryTerms, search, snippet, textTerms } from './kb-search.ts';

const docs = [
  {
    id: 'a',
    title: '水暖管爆裂怎么申请',
    body: '暖气管、自来水管爆裂造成的损失可以申请。',
    tags: ['水暖管爆裂'],
    coverageNames: [],
  },
  { id: 'b', title: '火灾家财损失', body: '失火可以申请。', tags: ['火灾'], coverageNames: [] },
  { id: 'c', title: '怎么加入工会', body: '向单位工会申请入会。', tags: ['入会'], coverageNames: [] },
];

describe('kb-search', () => {
  test('normalize folds full-width and case', () => {
    assert.equal(normalize('  ＳＮＧＢＬ　水管 '), 'sngbl 水管');
  });

  test('terms: words and bigrams, never across function words', () => {
    assert.deepEqual(textTerms('互助金怎么申请').sort(), ['b:互助', 'b:助金', 'b:申请', 'w:互助', 'w:申请']);
    assert.ok(!textTerms('互助金怎么申请').includes('b:金怎'));
    assert.deepEqual(textTerms('的了吗'), []);
    assert.deepEqual(textTerms('APP 下载'), ['a:app', 'w:下载', 'b:下载']);
  });

  test('pinyin keys and pinyin queries', () => {
    assert.deepEqual(pinyinKeys('水暖管爆裂'), { full: 'shuinuanguanbaolie', initials: 'sngbl' });
    assert.equal(pinyinQuery('Hu Zhu Ka'), 'huzhuka');
    assert.equal(pinyinQuery('水管'), null);
    assert.equal(pinyinQuery('a'), null);
  });

  test('ranking: the answer about the thing asked comes first', () => {
    const index = buildIndex(docs, []);
    assert.equal(search(index, '水管爆了').hits[0]?.id, 'a');
    assert.equal(search(index, '着火了').hits.length, 0, 'no synonym yet: 着火 is not 失火');
    assert.equal(search(index, 'sngbl').hits[0]?.id, 'a');
    assert.equal(search(index, 'shuinuan').hits[0]?.id, 'a');
  });

  test('a synonym group is one concept: it finds the other words and is reported', () => {
    const index = buildIndex(docs, [['着火', '失火', '火灾']]);
    const r = search(index, '着火了');
    assert.equal(r.hits[0]?.id, 'b');
    assert.deepEqual(r.hits[0]?.matchedBy, ['synonym']);
    assert.ok(r.terms.includes('失火'));
    assert.deepEqual(queryTerms(index, '失火').at(-1), { term: 'g:0', weight: 1, kind: 'synonym', literal: ['失火'] });
    // The same word in question and answer is a literal match, not a synonym.
    assert.deepEqual(search(index, '火灾').hits[0]?.matchedBy, ['text']);
  });

  test('snippet around the first matched word', () => {
    assert.equal(snippet('短文', null), '短文');
    const long = `${'前'.repeat(50)}关键${'后'.repeat(50)}`;
    const s = snippet(long, '关键', 20);
    assert.ok(s.includes('关键') && s.startsWith('…') && s.endsWith('…'));
  });
});
