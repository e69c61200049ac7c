import assert from 'node:assert/strict';
import { test } from 'node:test';
import { termShifts } from './term-shift.ts';

const many = (text: string, count: number) => ({ text, count });

test('a term said mostly in one district shows as its shift, with shares', () => {
  const out = termShifts([
    { group: 'A', texts: [many('希望增加饮水机', 8), many('休息室太小', 2)] },
    { group: 'B', texts: [many('休息室太小', 6), many('希望增加饮水机', 1), many('开放时间太短', 3)] },
  ]);
  const a = out.find((x) => x.group === 'A' && x.term === '饮水');
  assert.ok(a, JSON.stringify(out));
  assert.equal(a.count, 8);
  assert.equal(a.share, 0.8);
  assert.equal(a.otherShare, 0.1);
  assert.equal(a.shiftPp, 70);
  const b = out.find((x) => x.group === 'B' && x.term === '休息室');
  assert.ok(b);
  assert.ok(out.every((x) => x.shiftPp > 0));
  assert.ok(out[0]!.shiftPp >= out.at(-1)!.shiftPp);
});

test('small districts (fewer than 5 answers) and rare terms are left out', () => {
  const out = termShifts([
    { group: 'A', texts: [many('饮水机', 4)] },
    { group: 'B', texts: [many('休息室', 10)] },
    { group: 'C', texts: [many('饮水机', 10)] },
  ]);
  assert.ok(!out.some((x) => x.group === 'A'));
  assert.deepEqual(termShifts([{ group: 'A', texts: [many('饮水机', 10)] }]), []);
  assert.deepEqual(
    termShifts([
      { group: 'A', texts: [many('饮水机', 2), many('好', 8)] },
      { group: 'B', texts: [many('休息室', 2), many('好', 8)] },
    ]),
    [],
  );
});
