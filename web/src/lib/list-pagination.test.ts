import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listPagination } from './list-pagination';

describe('listPagination', () => {
  const calls: { page?: number; pageSize: number }[] = [];
  const pager = listPagination(
    undefined,
    { page: 3, pageSize: 20 },
    (n) => `共 ${n} 条`,
    (next) => calls.push(next),
    [20, 50],
  );

  test('while loading it shows the asked page, no total, the offered sizes', () => {
    assert.equal(pager.current, 3);
    assert.equal(pager.pageSize, 20);
    assert.equal(pager.total, 0);
    assert.deepEqual(pager.pageSizeOptions, [20, 50]);
    assert.equal(pager.showTotal?.(41, [1, 20]), '共 41 条');
  });

  test('the answer decides the current page and the total', () => {
    const answered = listPagination({ page: 2, total: 41 }, { page: 3, pageSize: 20 }, String, () => {});
    assert.equal(answered.current, 2);
    assert.equal(answered.total, 41);
  });

  test('another page keeps the size; another size goes back to the first page', () => {
    pager.onChange?.(4, 20);
    pager.onChange?.(2, 50);
    assert.deepEqual(calls, [{ page: 4, pageSize: 20 }, { pageSize: 50 }]);
  });
});
