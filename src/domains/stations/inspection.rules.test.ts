import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistIssues, scoreInspection } from './inspection.rules.ts';

const ITEMS = [
  { key: 'sign_visible', label: '标识', weight: 15 },
  { key: 'open_as_posted', label: '按时开放', weight: 25 },
  { key: 'water_available', label: '饮用水', weight: 15 },
  { key: 'clean', label: '整洁', weight: 15 },
  { key: 'welcome_statement', label: '欢迎语', weight: 10 },
  { key: 'amenities_as_listed', label: '设施一致', weight: 20 },
];
const all = (ok: boolean) => ITEMS.map((i) => ({ key: i.key, ok }));

test('the score is the weighted share of items found ok', () => {
  const cases: [string[], number][] = [
    [[], 0],
    [ITEMS.map((i) => i.key), 100],
    [['open_as_posted'], 25],
    [['sign_visible', 'clean', 'welcome_statement'], 40],
    [['open_as_posted', 'water_available', 'clean', 'amenities_as_listed'], 75],
  ];
  for (const [okKeys, expected] of cases) {
    const scored = scoreInspection(
      ITEMS,
      ITEMS.map((i) => ({ key: i.key, ok: okKeys.includes(i.key) })),
    );
    assert.ok(scored.ok);
    assert.equal(scored.score, expected, okKeys.join(','));
  }
});

test('scores round to whole points', () => {
  const items = [
    { key: 'a', label: 'a', weight: 1 },
    { key: 'b', label: 'b', weight: 2 },
  ];
  const s = scoreInspection(items, [
    { key: 'a', ok: true },
    { key: 'b', ok: false },
  ]);
  assert.ok(s.ok);
  assert.equal(s.score, 33);
});

test('every item must be answered once; unknown keys are refused; results follow the checklist order', () => {
  const missing = scoreInspection(ITEMS, all(true).slice(1));
  assert.ok(!missing.ok);
  assert.deepEqual(
    missing.issues.map((i) => i.field),
    ['body.results.sign_visible'],
  );
  const twice = scoreInspection(ITEMS, [...all(true), { key: 'clean', ok: false }]);
  assert.ok(!twice.ok);
  assert.equal(twice.issues[0]!.field, 'body.results.6.key');
  const unknown = scoreInspection(ITEMS, [...all(true), { key: 'wifi', ok: true }]);
  assert.ok(!unknown.ok);
  const reversed = scoreInspection(
    ITEMS,
    [...all(true)].reverse().map((a, i) => (i === 0 ? { ...a, note: '  n ' } : a)),
  );
  assert.ok(reversed.ok);
  assert.deepEqual(
    reversed.results.map((r) => r.key),
    ITEMS.map((i) => i.key),
  );
  assert.equal(reversed.results.at(-1)!.note, 'n');
});

test('checklist configuration is checked item by item', () => {
  assert.deepEqual(checklistIssues(ITEMS, 60), []);
  const fields = (items: typeof ITEMS, pass = 60) => checklistIssues(items, pass).map((i) => i.field);
  assert.deepEqual(fields([]), ['body.items']);
  assert.deepEqual(fields([{ key: 'Bad Key', label: 'x', weight: 1 }]), ['body.items.0.key']);
  assert.deepEqual(
    fields([
      { key: 'a', label: 'x', weight: 1 },
      { key: 'a', label: 'y', weight: 1 },
    ]),
    ['body.items.1.key'],
  );
  assert.deepEqual(fields([{ key: 'a', label: 'x', weight: 0 }]), ['body.items.0.weight']);
  assert.deepEqual(fields([{ key: 'a', label: ' ', weight: 5 }]), ['body.items.0.label']);
  assert.deepEqual(fields(ITEMS, 101), ['body.passScore']);
});
