import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBand, surveyStatus } from './survey-window.ts';

const w = {
  publishedAt: new Date('2026-06-18T02:00:00Z'),
  opensAt: new Date('2026-06-18T16:00:00Z'),
  closesAt: new Date('2026-07-19T16:00:00Z'),
  graceMinutes: 30,
  closedAt: null as Date | null,
};

test('status over time, with the grace period and an early close', () => {
  const at = (iso: string, over = {}) => surveyStatus({ ...w, ...over }, new Date(iso));
  assert.equal(at('2026-06-18T15:59:59Z'), 'scheduled');
  assert.equal(at('2026-06-18T16:00:00Z'), 'open');
  assert.equal(at('2026-07-19T16:29:59Z'), 'open');
  assert.equal(at('2026-07-19T16:30:00Z'), 'closed');
  assert.equal(at('2026-07-01T00:00:00Z', { closedAt: new Date('2026-06-30T00:00:00Z') }), 'closed');
  assert.equal(at('2026-07-01T00:00:00Z', { publishedAt: null }), 'draft');
});

test('age bands on the opening day', () => {
  assert.equal(ageBand('1996-06-19', '2026-06-19'), '30to39');
  assert.equal(ageBand('1996-06-20', '2026-06-19'), 'under30');
  assert.equal(ageBand('1976-06-19', '2026-06-19'), '50plus');
  assert.equal(ageBand('1980-01-01', '2026-06-19'), '40to49');
});
