import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  due,
  enqueue,
  OUTBOX_CAP,
  OUTBOX_MAX_AGE_MS,
  type OutboxPost,
  prune,
  type SendOutcome,
  settle,
} from './feedback-outbox.ts';

const NOW = Date.parse('2025-06-04T04:00:00Z');
const post = (key: string, extra: Partial<OutboxPost> = {}): OutboxPost => ({
  key,
  code: '110105H00001F',
  kind: 'reports',
  body: { kind: 'closed_during_hours' },
  queuedAt: NOW,
  attempts: 0,
  notBefore: 0,
  ...extra,
});

describe('enqueue', () => {
  test('appends; the same key replaces its older copy rather than doubling it', () => {
    const list = enqueue(enqueue([], post('a')), post('b'));
    assert.deepEqual(
      list.map((p) => p.key),
      ['a', 'b'],
    );
    const again = enqueue(list, post('a', { body: { kind: 'other', text: 'x' } }));
    assert.deepEqual(
      again.map((p) => p.key),
      ['b', 'a'],
    );
    assert.deepEqual(again[1]!.body, { kind: 'other', text: 'x' });
  });

  test(`keeps the newest ${OUTBOX_CAP}`, () => {
    let list: OutboxPost[] = [];
    for (let i = 0; i < OUTBOX_CAP + 5; i++) list = enqueue(list, post(`k${i}`));
    assert.equal(list.length, OUTBOX_CAP);
    assert.equal(list[0]!.key, 'k5');
    assert.equal(list.at(-1)!.key, `k${OUTBOX_CAP + 4}`);
  });
});

describe('due and prune', () => {
  test('a post waiting out its back-off is not due; an expired one is neither due nor kept', () => {
    const list = [
      post('ready'),
      post('later', { notBefore: NOW + 1000 }),
      post('old', { queuedAt: NOW - OUTBOX_MAX_AGE_MS - 1 }),
    ];
    assert.deepEqual(
      due(list, NOW).map((p) => p.key),
      ['ready'],
    );
    assert.deepEqual(
      due(list, NOW + 1000).map((p) => p.key),
      ['ready', 'later'],
    );
    assert.deepEqual(
      prune(list, NOW).map((p) => p.key),
      ['ready', 'later'],
    );
  });
});

describe('settle', () => {
  const list = [post('a'), post('b')];
  const cases: { outcome: SendOutcome; removed: boolean; stop: boolean }[] = [
    { outcome: { kind: 'delivered' }, removed: true, stop: false },
    { outcome: { kind: 'network' }, removed: false, stop: true },
    { outcome: { kind: 'http', status: 400 }, removed: true, stop: false },
    { outcome: { kind: 'http', status: 404 }, removed: true, stop: false },
    { outcome: { kind: 'http', status: 409 }, removed: true, stop: false },
    { outcome: { kind: 'http', status: 408 }, removed: false, stop: true },
    { outcome: { kind: 'http', status: 429, retryAfterS: 60 }, removed: false, stop: true },
    { outcome: { kind: 'http', status: 500 }, removed: false, stop: true },
    { outcome: { kind: 'http', status: 503 }, removed: false, stop: true },
  ];
  for (const c of cases) {
    const name = c.outcome.kind === 'http' ? `HTTP ${c.outcome.status}` : c.outcome.kind;
    test(`${name}: ${c.removed ? 'leaves the outbox' : 'stays'}${c.stop ? ', flush stops' : ''}`, () => {
      const s = settle(list, 'a', c.outcome, NOW);
      assert.equal(s.removed, c.removed);
      assert.equal(s.stop, c.stop);
      assert.deepEqual(
        s.list.map((p) => p.key),
        c.removed ? ['b'] : ['a', 'b'],
      );
    });
  }

  test('server errors back off exponentially up to 30 minutes; Retry-After is honoured', () => {
    let l: OutboxPost[] = [post('a')];
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      l = settle(l, 'a', { kind: 'http', status: 503 }, NOW).list;
      waits.push(l[0]!.notBefore - NOW);
    }
    assert.deepEqual(waits.slice(0, 4), [5_000, 10_000, 20_000, 40_000]);
    assert.equal(waits.at(-1), 30 * 60_000);
    assert.equal(l[0]!.attempts, 12);
    const limited = settle([post('a')], 'a', { kind: 'http', status: 429, retryAfterS: 120 }, NOW).list;
    assert.equal(limited[0]!.notBefore, NOW + 120_000);
  });

  test('no network changes nothing: the post keeps its attempts and can go at once when back online', () => {
    const s = settle(list, 'a', { kind: 'network' }, NOW);
    assert.deepEqual(s.list, list);
  });

  test('an unknown key (settled by another tab) is a no-op', () => {
    const s = settle(list, 'zz', { kind: 'delivered' }, NOW);
    assert.deepEqual(s, { list, stop: false, removed: false });
  });
});
