import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { correctionIssues, dateRangeIssues, isLow, isRealDate, kitIssues, placeIssues } from './care-rules.ts';
import { pointsTable } from './points-table.ts';
import { mayHandOver, mayReturn, outstanding, reconcile } from './reconciliation.ts';
import {
  checkinIssue,
  checkoutIssue,
  clockMinutes,
  countsAsServed,
  hoursOf,
  shanghaiInstant,
  shanghaiMinute,
  shiftMinutes,
} from './volunteer-hours.ts';

describe('reconciliation', () => {
  const line = { planned: 10, delivered: 6, confirmed: 4, returned: 1 };
  test('outstanding is planned less what the recipient holds', () => {
    assert.equal(outstanding(line), 5);
    assert.equal(mayHandOver(line, 5), true);
    assert.equal(mayHandOver(line, 6), false);
    assert.equal(mayHandOver(line, 0), false);
  });
  test('returns are bounded by what is held', () => {
    assert.equal(mayReturn(line, 5), true);
    assert.equal(mayReturn(line, 6), false);
    assert.equal(mayReturn(line, 0), false);
  });
  test('balanced only when all delivered and confirmed', () => {
    const done = { planned: 5, delivered: 5, confirmed: 5, returned: 0 };
    assert.equal(reconcile([done, done]).balanced, true);
    assert.deepEqual(reconcile([done, done]).totals, {
      planned: 10,
      delivered: 10,
      confirmed: 10,
      returned: 0,
      outstanding: 0,
      unconfirmed: 0,
    });
    assert.equal(reconcile([done, { ...done, confirmed: 4 }]).balanced, false);
    assert.equal(reconcile([done, line]).totals.outstanding, 5);
    assert.equal(reconcile([]).balanced, false);
  });
});

describe('care rules', () => {
  const kinds: Record<string, 'item' | 'kit'> = { a: 'item', b: 'item', k: 'kit' };
  const kindOf = (id: string) => kinds[id];
  test('kits need distinct plain items; items have no components', () => {
    assert.deepEqual(
      kitIssues(
        'kit',
        [
          { itemId: 'a', quantity: 1 },
          { itemId: 'b', quantity: 2 },
        ],
        kindOf,
      ),
      [],
    );
    assert.equal(kitIssues('kit', [], kindOf)[0]!.field, 'body.components');
    assert.equal(kitIssues('kit', undefined, kindOf).length, 1);
    assert.equal(kitIssues('item', [{ itemId: 'a', quantity: 1 }], kindOf).length, 1);
    assert.deepEqual(kitIssues('item', undefined, kindOf), []);
    const bad = kitIssues(
      'kit',
      [
        { itemId: 'a', quantity: 1 },
        { itemId: 'a', quantity: 1 },
        { itemId: 'k', quantity: 1 },
        { itemId: 'x', quantity: 1 },
      ],
      kindOf,
    );
    assert.deepEqual(
      bad.map((i) => i.field),
      ['body.components.1.itemId', 'body.components.2.itemId', 'body.components.3.itemId'],
    );
  });
  test('low stock is at or below a threshold', () => {
    assert.equal(isLow(10, 10), true);
    assert.equal(isLow(11, 10), false);
    assert.equal(isLow(0, null), false);
  });
  test('corrections fix the same union and item', () => {
    const c = { unionId: 'u', itemId: 'i' };
    assert.deepEqual(correctionIssues(c, undefined), []);
    assert.equal(correctionIssues(c, null).length, 1);
    assert.deepEqual(correctionIssues(c, { unionId: 'u', itemId: 'i', kind: 'receipt' }), []);
    assert.equal(correctionIssues(c, { unionId: 'v', itemId: 'i', kind: 'receipt' }).length, 1);
  });
  test('places: distinct names, coordinates in pairs', () => {
    assert.deepEqual(placeIssues([{ name: '806路总站', lng: 116.5, lat: 39.9 }, { name: '东坝场站' }]), []);
    assert.deepEqual(
      placeIssues([{ name: 'a' }, { name: 'a ' }, { name: 'b', lng: 116 }]).map((i) => i.field),
      ['body.places.1.name', 'body.places.2.lat'],
    );
  });
  test('dates', () => {
    assert.equal(isRealDate('2024-02-29'), true);
    assert.equal(isRealDate('2025-02-29'), false);
    assert.equal(dateRangeIssues({ field: 'f', day: '2025-07-02' }, { field: 't', day: '2025-07-01' })[0]!.field, 't');
    assert.deepEqual(dateRangeIssues({ field: 'f', day: '2025-07-01' }, { field: 't', day: '2025-07-01' }), []);
  });
});

describe('volunteer hours', () => {
  test('minutes between check-in and out; hours with one decimal', () => {
    assert.equal(shiftMinutes(shanghaiInstant('2022-05-10', '08:00'), shanghaiInstant('2022-05-10', '16:00')), 480);
    assert.equal(shiftMinutes(new Date(1000), new Date(0)), 0);
    assert.equal(hoursOf(480), 8);
    assert.equal(hoursOf(125), 2.1);
    assert.equal(hoursOf(0), 0);
    assert.equal(clockMinutes('16:30'), 990);
    assert.equal(shanghaiInstant('2022-05-10', '08:00').toISOString(), '2022-05-10T00:00:00.000Z');
    assert.equal(shanghaiMinute(new Date('2022-05-10T16:05:00Z')), '2022-05-11 00:05');
  });

  // 1 Dec 08:00–16:00 in Beijing; `bj` reads a Beijing wall-clock time.
  const shift = { date: '2031-12-01', startTime: '08:00', endTime: '16:00' };
  const bj = (day: string, hhmm: string) => shanghaiInstant(day, hhmm);
  const later = bj('2031-12-05', '09:00');

  test('check-in: from 30 minutes before the start to the end, never ahead of the clock', () => {
    // QA: pressed on 29 Nov for a 1 Dec shift
    const qa = checkinIssue(shift, bj('2031-11-29', '10:00'), bj('2031-11-29', '10:00'));
    assert.match(qa?.['zh-CN'] ?? '', /2031-12-01 08:00 开始.*30 分钟（2031-12-01 07:30）/);
    assert.match(qa?.en ?? '', /check-in opens 30 minutes before, at 2031-12-01 07:30/);
    assert.notEqual(checkinIssue(shift, bj('2031-12-01', '07:29'), later), null);
    assert.equal(checkinIssue(shift, bj('2031-12-01', '07:30'), later), null);
    assert.equal(checkinIssue(shift, bj('2031-12-01', '15:59'), later), null);
    assert.match(checkinIssue(shift, bj('2031-12-01', '16:00'), later)?.en ?? '', /ended at 2031-12-01 16:00/);
    // "now" on the day, and a time a few minutes ahead of the server (the device's clock) passes; further ahead not
    const now = bj('2031-12-01', '08:00');
    assert.equal(checkinIssue(shift, now, now), null);
    assert.equal(checkinIssue(shift, bj('2031-12-01', '08:05'), now), null);
    assert.match(checkinIssue(shift, bj('2031-12-01', '08:06'), now)?.['zh-CN'] ?? '', /不能晚于当前时间/);
  });

  test('check-out: from the start, 6 minutes or more after the check-in, until 2 hours after the end', () => {
    const early = bj('2031-12-01', '07:40');
    assert.match(checkoutIssue(shift, early, bj('2031-12-01', '07:55'), later)?.en ?? '', /cannot be before it/);
    assert.equal(checkoutIssue(shift, early, bj('2031-12-01', '08:00'), later), null);
    const inAt = bj('2031-12-01', '09:00');
    assert.match(checkoutIssue(shift, inAt, bj('2031-12-01', '08:30'), later)?.en ?? '', /before the check-in/);
    assert.match(checkoutIssue(shift, inAt, inAt, later)?.['zh-CN'] ?? '', /不足 6 分钟/);
    assert.notEqual(checkoutIssue(shift, inAt, bj('2031-12-01', '09:05'), later), null);
    assert.equal(checkoutIssue(shift, inAt, bj('2031-12-01', '09:06'), later), null);
    assert.equal(checkoutIssue(shift, inAt, bj('2031-12-01', '18:00'), later), null);
    assert.match(
      checkoutIssue(shift, inAt, bj('2031-12-01', '18:01'), later)?.en ?? '',
      /closes .* at 2031-12-01 18:00/,
    );
    assert.match(
      checkoutIssue(shift, inAt, bj('2031-12-01', '12:00'), bj('2031-12-01', '11:00'))?.en ?? '',
      /in the future/,
    );
  });

  test('a shift counts once it reaches 6 minutes', () => {
    assert.equal(countsAsServed(null), false);
    assert.equal(countsAsServed(0), false);
    assert.equal(countsAsServed(5), false);
    assert.equal(countsAsServed(6), true);
    assert.equal(hoursOf(6), 0.1);
  });
});

describe('points table', () => {
  test('sums per union, ties share a position', () => {
    const rows = pointsTable([
      { unionId: 'a', unionName: '甲', points: 5 },
      { unionId: 'b', unionName: '乙', points: 3 },
      { unionId: 'a', unionName: '甲', points: 1 },
      { unionId: 'c', unionName: '丙', points: 6 },
      { unionId: 'd', unionName: '丁', points: 2 },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.unionId, r.points, r.position]),
      [
        ['c', 6, 1], // 丙 (bǐng) before 甲 (jiǎ): ties in pinyin order
        ['a', 6, 1],
        ['b', 3, 3],
        ['d', 2, 4],
      ],
    );
    assert.equal(rows[1]!.results, 2);
  });
});
