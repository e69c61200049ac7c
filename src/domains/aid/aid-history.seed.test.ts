import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { demoHistoryRows, HISTORY_BENEFICIARIES, HISTORY_TOTAL_FEN, splitExactly } from './aid-history.seed.ts';

describe('the demo mutual-aid history', () => {
  test('splitExactly keeps the total and the proportions', () => {
    assert.deepEqual(splitExactly(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(splitExactly(100, [3, 1]), [75, 25]);
    const parts = splitExactly(11_508, [0.4, 1, 1.12, 1.24]);
    assert.equal(
      parts.reduce((a, b) => a + b, 0),
      11_508,
    );
  });

  test('its rows add up exactly to the reported totals, whole yuan, all before UnionCare', () => {
    const rows = demoHistoryRows();
    assert.equal(
      rows.reduce((s, r) => s + r.beneficiaries, 0),
      HISTORY_BENEFICIARIES,
    );
    assert.equal(
      rows.reduce((s, r) => s + r.amountFen, 0),
      HISTORY_TOTAL_FEN,
    );
    assert.ok(rows.every((r) => r.amountFen % 100 === 0 && r.beneficiaries > 0 && r.paidOn <= '2020-12-31'));
    assert.ok(rows.every((r) => r.paidOn >= '2009-08-01'));
  });

  test('the seeded demo reports 11,508 beneficiaries and 20,235,100 yuan since 2009-08, and the city sees them', async () => {
    const t = await createTestApp();
    const city = await t.login('13800000005');
    const res = await t.app.inject({ url: '/api/v1/aid/stats?source=history', headers: city });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().total, { beneficiaries: 11_508, amountFen: 2_023_510_000, suppressed: false });
    // 朝阳's staff see their district's share only
    const chaoyang = await t.login('13800000003');
    const own = (await t.app.inject({ url: '/api/v1/aid/stats?source=history', headers: chaoyang })).json();
    const expected = demoHistoryRows().filter((r) => r.district === 'BJ-CY');
    assert.equal(
      own.total.beneficiaries,
      expected.reduce((s, r) => s + r.beneficiaries, 0),
    );
  });
});
