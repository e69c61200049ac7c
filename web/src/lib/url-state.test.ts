import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextSearch, pagingFrom } from './url-state';

describe('nextSearch: page state in the URL', () => {
  test('sets, replaces and removes keys; empty, null and undefined all remove', () => {
    const next = nextSearch('?q=old&status=active&region=110105', {
      q: '驿站',
      status: undefined,
      region: '',
      mode: null,
      pageSize: 50,
    });
    assert.equal(next.get('q'), '驿站');
    assert.equal(next.get('pageSize'), '50');
    assert.deepEqual([...next.keys()].sort(), ['pageSize', 'q']);
  });

  test('a change of filters goes back to the first page', () => {
    assert.equal(nextSearch('?q=a&page=4', { status: 'active' }).get('page'), null);
  });

  test('changing the page, or opening a row with keepPage, keeps the page', () => {
    assert.equal(nextSearch('?q=a&page=4', { page: 5 }).get('page'), '5');
    const opened = nextSearch('?q=a&page=4', { station: '110105H00009Z' }, { keepPage: true });
    assert.equal(opened.get('page'), '4');
    assert.equal(opened.get('q'), 'a');
    assert.equal(opened.get('station'), '110105H00009Z');
  });

  test('two quick changes both survive when each starts from the address as it is then', () => {
    // what the hook does: the second change reads the URL the first one wrote
    const afterSearch = nextSearch('', { q: '74f5b9' });
    const afterOpen = nextSearch(`?${afterSearch}`, { station: 'X' }, { keepPage: true });
    assert.equal(afterOpen.toString(), 'q=74f5b9&station=X');
  });
});

describe('pagingFrom: the list page the URL asks for', () => {
  const at = (q: string, sizes?: number[]) => pagingFrom(new URLSearchParams(q), sizes);
  test('a valid page and an offered size are kept', () => {
    assert.deepEqual(at('page=3&pageSize=50'), { page: 3, pageSize: 50 });
  });
  test('missing, junk, zero or negative pages are page 1; a size not offered is 20', () => {
    assert.deepEqual(at(''), { page: 1, pageSize: 20 });
    assert.deepEqual(at('page=abc&pageSize=7'), { page: 1, pageSize: 20 });
    assert.deepEqual(at('page=0&pageSize=1000'), { page: 1, pageSize: 20 });
    assert.deepEqual(at('page=-4'), { page: 1, pageSize: 20 });
  });
  test('a page that is not a whole number, or beyond what the API takes, is page 1', () => {
    assert.deepEqual(at('page=2.5'), { page: 1, pageSize: 20 });
    assert.deepEqual(at('page=1e999'), { page: 1, pageSize: 20 });
    assert.deepEqual(at('page=99999999999'), { page: 1, pageSize: 20 });
  });
  test('a list with its own sizes refuses the others', () => {
    assert.deepEqual(at('pageSize=10', [20, 50, 100]), { page: 1, pageSize: 20 });
    assert.deepEqual(at('pageSize=100', [20, 50, 100]), { page: 1, pageSize: 100 });
  });
});
