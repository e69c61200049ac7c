import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suppressSmallCells } from './small-cells.ts';

const cell = (members: number) => ({
  members,
  beneficiaries: members,
  amountFen: members * 100,
  suppressed: false,
  key: members,
});

test('cells under 5 members are hidden; a lone hidden cell takes the next smallest with it', () => {
  const out = suppressSmallCells([cell(50), cell(3), cell(7), cell(20)]);
  assert.deepEqual(
    out.map((c) => c.suppressed),
    [false, true, true, false],
  );
  assert.deepEqual(
    out.map((c) => c.amountFen),
    [5000, null, null, 2000],
  );
  const two = suppressSmallCells([cell(50), cell(3), cell(4), cell(20)]);
  assert.deepEqual(
    two.map((c) => c.suppressed),
    [false, true, true, false],
  );
  assert.deepEqual(
    suppressSmallCells([cell(5), cell(9)]).map((c) => c.suppressed),
    [false, false],
  );
  assert.deepEqual(
    suppressSmallCells([cell(2)]).map((c) => c.suppressed),
    [true],
  );
});
