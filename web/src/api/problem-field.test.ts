import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namesField } from './problem-field';

test('a server error field names the form field wherever the server says it was sent', () => {
  assert.ok(namesField('reason', 'reason'));
  assert.ok(namesField('body.reason', 'reason'), 'the form of every field-level 400/409 today');
  assert.ok(namesField('querystring.page', 'page'));
  assert.ok(namesField('params.id', 'id'));
  assert.ok(namesField('/reason', 'reason'));
  assert.ok(namesField('body.body', 'body'), 'a field called body');
});

test('nested and look-alike fields do not match a top-level name', () => {
  assert.equal(namesField('body.lines.0.reason', 'reason'), false);
  assert.equal(namesField('body.treason', 'reason'), false);
  assert.equal(namesField('body.reasonCode', 'reason'), false);
  assert.equal(namesField('body', 'reason'), false);
});
