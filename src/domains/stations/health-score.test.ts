import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  fallenBy,
  freshnessComponent,
  HEALTH_WEIGHTS,
  type HealthFacts,
  healthScore,
  inspectionComponent,
  ratingsComponent,
  reportsComponent,
  usageComponent,
} from './health-score.ts';

const now = new Date('2026-06-30T04:00:00Z');
const ago = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const dayAgo = (d: number) => ago(d).slice(0, 10);

const healthy: HealthFacts = {
  now,
  inspections: [{ on: dayAgo(10), score: 100, passed: true }],
  lastVerified: { hours: ago(5), amenities: ago(5), location: ago(5) },
  reports: [],
  ratings: { sum: 50, count: 10 },
  checkins90: 200,
};

test('the weights add up to 100', () => {
  assert.equal(
    Object.values(HEALTH_WEIGHTS).reduce((a, b) => a + b, 0),
    100,
  );
});

test('inspection component: latest weighs 70 %, a failed latest caps it, stale costs 20, none is 40', () => {
  const c = (inspections: HealthFacts['inspections']) => inspectionComponent({ now, inspections });
  assert.equal(c([]), 40);
  assert.equal(c([{ on: dayAgo(1), score: 90, passed: true }]), 90);
  assert.equal(
    c([
      { on: dayAgo(1), score: 100, passed: true },
      { on: dayAgo(100), score: 50, passed: false },
    ]),
    85,
  );
  assert.equal(
    c([
      { on: dayAgo(1), score: 40, passed: false },
      { on: dayAgo(100), score: 100, passed: true },
    ]),
    40,
  );
  assert.equal(c([{ on: dayAgo(200), score: 90, passed: true }]), 70);
  assert.equal(c([{ on: dayAgo(200), score: 10, passed: false }]), 0);
});

test('freshness: 100 within 90 days, linear to 0 at 365, never verified is 0', () => {
  const f = (lastVerified: HealthFacts['lastVerified']) => freshnessComponent({ now, lastVerified });
  assert.equal(f({ hours: ago(90), amenities: ago(1), location: ago(0) }), 100);
  assert.equal(f({}), 0);
  assert.equal(f({ hours: ago(365), amenities: ago(400), location: ago(1000) }), 0);
  assert.ok(Math.abs(f({ hours: ago(227.5), amenities: ago(227.5), location: ago(227.5) }) - 50) < 1e-9);
  assert.ok(Math.abs(f({ hours: ago(1) }) - 100 / 3) < 1e-9);
});

test('reports: verified closed / refused weigh heavily, unverified lightly', () => {
  const r = (reports: HealthFacts['reports']) => reportsComponent({ reports });
  assert.equal(r([]), 100);
  assert.equal(r([{ kind: 'closed_during_hours', verified: true }]), 70);
  assert.equal(r([{ kind: 'refused_entry', verified: true }]), 70);
  assert.equal(r([{ kind: 'amenity_missing', verified: true }]), 90);
  assert.equal(r([{ kind: 'closed_during_hours', verified: false }]), 92);
  assert.equal(r([{ kind: 'other', verified: false }]), 97);
  assert.equal(r(Array.from({ length: 4 }, () => ({ kind: 'closed_during_hours' as const, verified: true }))), 0);
});

test('ratings shrink towards 3.5; usage is logarithmic and saturates at one check-in a day', () => {
  assert.equal(ratingsComponent({ ratings: { sum: 0, count: 0 } }), 62.5);
  assert.equal(ratingsComponent({ ratings: { sum: 5, count: 1 } }), 68.75);
  assert.ok(ratingsComponent({ ratings: { sum: 5000, count: 1000 } }) > 99);
  assert.ok(ratingsComponent({ ratings: { sum: 1000, count: 1000 } }) < 1);
  assert.equal(usageComponent({ checkins90: 0 }), 0);
  assert.equal(usageComponent({ checkins90: 90 }), 100);
  assert.equal(usageComponent({ checkins90: 5000 }), 100);
  assert.ok(usageComponent({ checkins90: 9 }) > 50 && usageComponent({ checkins90: 9 }) < 52);
});

test('a healthy station scores high; the same station with verified closures and no life scores low', () => {
  const good = healthScore(healthy);
  assert.ok(good.score >= 95, String(good.score));
  assert.deepEqual(Object.keys(good.components), ['inspection', 'freshness', 'reports', 'ratings', 'usage']);
  const bad = healthScore({
    ...healthy,
    inspections: [
      { on: dayAgo(3), score: 30, passed: false },
      { on: dayAgo(60), score: 40, passed: false },
    ],
    lastVerified: {},
    reports: [
      { kind: 'closed_during_hours', verified: true },
      { kind: 'closed_during_hours', verified: true },
      { kind: 'refused_entry', verified: true },
    ],
    ratings: { sum: 3, count: 3 },
    checkins90: 0,
  });
  assert.ok(bad.score <= 20, String(bad.score));
});

test('the score is always a whole number in 0–100 and never rises when a verified closure is added', () => {
  const facts = fc.record({
    insp: fc.array(fc.record({ d: fc.integer({ min: 0, max: 364 }), score: fc.integer({ min: 0, max: 100 }) }), {
      maxLength: 3,
    }),
    ver: fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 3, maxLength: 3 }),
    reports: fc.array(
      fc.record({
        kind: fc.constantFrom('closed_during_hours', 'refused_entry', 'amenity_missing', 'other' as const),
        verified: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    count: fc.integer({ min: 0, max: 50 }),
    mean: fc.double({ min: 1, max: 5, noNaN: true }),
    checkins: fc.integer({ min: 0, max: 1000 }),
  });
  fc.assert(
    fc.property(facts, (x) => {
      const f: HealthFacts = {
        now,
        inspections: x.insp
          .sort((a, b) => a.d - b.d)
          .map((i) => ({ on: dayAgo(i.d), score: i.score, passed: i.score >= 60 })),
        lastVerified: { hours: ago(x.ver[0]!), amenities: ago(x.ver[1]!), location: ago(x.ver[2]!) },
        reports: x.reports,
        ratings: { sum: x.mean * x.count, count: x.count },
        checkins90: x.checkins,
      };
      const h = healthScore(f);
      assert.ok(Number.isInteger(h.score) && h.score >= 0 && h.score <= 100);
      const worse = healthScore({ ...f, reports: [...f.reports, { kind: 'closed_during_hours', verified: true }] });
      assert.ok(worse.score <= h.score);
    }),
  );
});

test('fallenBy: best earlier score minus today, never negative', () => {
  assert.equal(fallenBy([], 50), 0);
  assert.equal(fallenBy([80, 70, 60], 50), 30);
  assert.equal(fallenBy([40], 50), 0);
});
