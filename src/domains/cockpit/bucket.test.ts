import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf } from './bucket.ts';

const unions = new Map([
  ['/1/', 'city'],
  ['/1/2/', 'district'],
  ['/1/2/7/', 'workplace'],
  ['/1/9/', 'workplace'],
  ['/5/', 'national'],
  ['/5/6/', 'provincial'],
]);

test('rows roll up to their district, else to the nearest federation above', () => {
  assert.equal(bucketOf('/1/2/7/', unions), '/1/2/');
  assert.equal(bucketOf('/1/2/7/8/', unions), '/1/2/');
  assert.equal(bucketOf('/1/2/', unions), '/1/2/');
  assert.equal(bucketOf('/1/9/', unions), '/1/', 'a city-run workplace union');
  assert.equal(bucketOf('/1/', unions), '/1/');
  assert.equal(bucketOf('/5/6/44/', unions), '/5/6/', 'the deepest federation');
  assert.equal(bucketOf('/77/', unions), '/77/');
});
