import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES } from '../../platform/roles.ts';
import {
  approvalStep,
  availableActions,
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  type ClaimAction,
  type ClaimStatus,
  needsSecondReview,
  transition,
} from './claim-state.ts';

/** The whole table: [from, action] → to, with the roles allowed. Anything not listed is refused. */
const EXPECTED: [ClaimStatus, ClaimAction, ClaimStatus, string[]][] = [
  ['draft', 'submit', 'submitted', ['member', 'workplace_staff', 'admin']],
  ['returned', 'resubmit', 'submitted', ['member', 'workplace_staff', 'admin']],
  ['submitted', 'check', 'workplace_checked', ['workplace_staff', 'admin']],
  ['submitted', 'return', 'returned', ['workplace_staff', 'admin', 'city_staff']],
  ['workplace_checked', 'approve', 'approved', ['city_staff', 'admin']],
  ['workplace_checked', 'reject', 'rejected', ['city_staff', 'admin']],
  ['workplace_checked', 'return', 'returned', ['city_staff', 'admin']],
  ['approved', 'pay', 'paid', ['city_staff', 'admin']],
];

describe('claim state machine: every status × action × role', () => {
  for (const from of CLAIM_STATUSES) {
    for (const action of CLAIM_ACTIONS) {
      const row = EXPECTED.find(([f, a]) => f === from && a === action);
      test(`${from} —${action}→ ${row ? row[2] : '✗'}`, () => {
        for (const role of ROLES) {
          const r = transition(from, action, role, 'a reason');
          if (!row) assert.deepEqual(r, { ok: false, error: 'invalidTransition' }, role);
          else if (row[3].includes(role)) assert.equal(r.ok && r.transition.to, row[2], role);
          else assert.deepEqual(r, { ok: false, error: 'roleNotAllowed' }, role);
        }
      });
    }
  }

  test('return and reject need a reason the member can read', () => {
    assert.deepEqual(transition('submitted', 'return', 'workplace_staff', '  '), {
      ok: false,
      error: 'reasonRequired',
    });
    assert.deepEqual(transition('workplace_checked', 'reject', 'city_staff'), { ok: false, error: 'reasonRequired' });
    assert.equal(transition('submitted', 'check', 'workplace_staff').ok, true);
  });

  test('paid and rejected are final; a member can only submit and resubmit', () => {
    for (const role of ROLES) {
      assert.deepEqual(availableActions('paid', role), []);
      assert.deepEqual(availableActions('rejected', role), []);
    }
    assert.deepEqual(availableActions('draft', 'member'), ['submit']);
    assert.deepEqual(availableActions('workplace_checked', 'member'), []);
    assert.deepEqual(availableActions('workplace_checked', 'city_staff'), ['approve', 'reject', 'return']);
  });
});

describe('second review', () => {
  const cases: [boolean, string | null, string, string][] = [
    [false, null, 'r1', 'final'],
    [true, null, 'r1', 'firstOfTwo'],
    [true, 'r1', 'r1', 'sameReviewer'],
    [true, 'r1', 'r2', 'final'],
  ];
  for (const [required, first, reviewer, step] of cases) {
    test(`required=${required} first=${first} reviewer=${reviewer} → ${step}`, () =>
      assert.equal(approvalStep({ secondReviewRequired: required, firstApprovedBy: first }, reviewer), step));
  }
  test('over the threshold always, otherwise the sampled share', () => {
    const s = { samplePercent: 10, thresholdFen: 1_000_000 };
    assert.equal(needsSecondReview(1_000_001, s, 0.99), 'overThreshold');
    assert.equal(needsSecondReview(1_000_000, s, 0.099), 'sampled');
    assert.equal(needsSecondReview(800_000, s, 0.1), null);
    assert.equal(needsSecondReview(800_000, { samplePercent: 0, thresholdFen: 1_000_000 }, 0), null);
    assert.equal(needsSecondReview(800_000, { samplePercent: 100, thresholdFen: 1_000_000 }, 0.9999), 'sampled');
  });
});
