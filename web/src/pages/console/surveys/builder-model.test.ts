import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SurveyDefinition } from '../../../api/surveys';
import {
  changeType,
  definitionJson,
  locateError,
  move,
  newQuestion,
  nextId,
  parseDefinitionJson,
  repairShowIf,
  showIfCandidates,
} from './builder-model';

// Run: node --import tsx --test web/src/pages/console/surveys/builder-model.test.ts

const labels = {
  title: '新题目',
  option: (n: number) => `选项 ${n}`,
  row: (n: number) => `小题 ${n}`,
  columns: ['好', '差'],
};

const def: SurveyDefinition = {
  title: '问卷',
  sections: [
    { id: 's1', title: '一', questions: [newQuestion('q1', 'single', labels), newQuestion('q2', 'text', labels)] },
    {
      id: 's2',
      title: '二',
      questions: [{ ...newQuestion('q7', 'rating', labels), showIf: { questionId: 'q1', anyOf: ['o1', 'o3'] } }],
    },
  ],
};

describe('builder model', () => {
  test('new ids follow the highest number in use', () => {
    assert.equal(nextId(def, 'q'), 'q8');
    assert.equal(nextId(def, 's'), 's3');
    assert.equal(nextId(def, 'o', [{ id: 'o1' }, { id: 'x' }, { id: 'o4' }]), 'o5');
  });

  test('each type starts with settings the server accepts', () => {
    assert.equal(newQuestion('q', 'single', labels).options?.length, 3);
    assert.equal(newQuestion('q', 'multiple', labels).minPicks, 1);
    assert.deepEqual(newQuestion('q', 'rating', labels).scale, { min: 1, max: 5 });
    assert.deepEqual(
      newQuestion('q', 'matrix', labels).columns?.map((c) => c.id),
      ['c1', 'c2'],
    );
  });

  test('changing between single and multiple keeps the options; other changes keep title and skip logic only', () => {
    const single = {
      ...newQuestion('q5', 'single', labels),
      title: '您的行业',
      showIf: { questionId: 'q1', anyOf: ['o1'] },
    };
    const multiple = changeType(single, 'multiple', newQuestion('q5', 'multiple', labels));
    assert.deepEqual(multiple.options, single.options);
    assert.equal(multiple.minPicks, 1);
    const back = changeType(multiple, 'single', newQuestion('q5', 'single', labels));
    assert.equal(back.minPicks, undefined);
    const rating = changeType(single, 'rating', newQuestion('q5', 'rating', labels));
    assert.equal(rating.title, '您的行业');
    assert.deepEqual(rating.showIf, single.showIf);
    assert.equal(rating.options, undefined);
  });

  test('skip logic may only point at earlier choice questions', () => {
    assert.deepEqual(
      showIfCandidates(def, 'q7').map((q) => q.id),
      ['q1'],
    );
    assert.deepEqual(showIfCandidates(def, 'q1'), []);
  });

  test('repair drops rules whose question or options are gone, keeps the rest', () => {
    assert.deepEqual(repairShowIf(def), def);
    const noQ1 = { ...def, sections: [{ ...def.sections[0]!, questions: [] }, def.sections[1]!] };
    assert.equal(repairShowIf(noQ1).sections[1]?.questions[0]?.showIf, undefined);
    const fewer = structuredClone(def);
    fewer.sections[0]!.questions[0]!.options = fewer.sections[0]!.questions[0]!.options!.slice(0, 2);
    assert.deepEqual(repairShowIf(fewer).sections[1]?.questions[0]?.showIf, { questionId: 'q1', anyOf: ['o1'] });
    const moved = { ...def, sections: [def.sections[1]!, def.sections[0]!] };
    assert.equal(repairShowIf(moved).sections[0]?.questions[0]?.showIf, undefined, 'q1 is no longer earlier');
    const empty = structuredClone(def);
    empty.sections[1]!.questions[0]!.showIf = { questionId: 'q1', anyOf: [] };
    assert.equal(repairShowIf(empty).sections[1]?.questions[0]?.showIf, undefined);
  });

  test('exported JSON reads back the same; wrapped, BOM-prefixed and broken files too', () => {
    assert.deepEqual(parseDefinitionJson(definitionJson(def)), def);
    assert.deepEqual(parseDefinitionJson(`\uFEFF${JSON.stringify({ definition: def })}`), def);
    assert.equal(parseDefinitionJson('{"title":"x"}'), null);
    assert.equal(parseDefinitionJson('{"title":"x","sections":[{"id":"s1","questions":[{"id":"q1"}]}]}'), null);
    assert.equal(parseDefinitionJson('not json'), null);
  });

  test('server errors point at their question', () => {
    assert.deepEqual(locateError(def, 'definition.sections.1.questions.0.scale'), {
      sectionId: 's2',
      questionId: 'q7',
      detail: 'scale',
    });
    assert.deepEqual(locateError(def, 'definition.title'), { detail: 'title' });
    assert.deepEqual(locateError(def, 'definition.sections.0.title'), {
      sectionId: 's1',
      questionId: undefined,
      detail: 'title',
    });
  });

  test('move keeps items and ignores moves past either end', () => {
    assert.deepEqual(move(['a', 'b', 'c'], 0, 2), ['b', 'c', 'a']);
    assert.deepEqual(move(['a', 'b'], 0, -1), ['a', 'b']);
  });
});
