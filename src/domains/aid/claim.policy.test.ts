import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Actor, ROLES, type Role } from '../../platform/roles.ts';
import { type ClaimPolicyAction, can } from './claim.policy.ts';

// The tree: city '/1/', district A '/1/2/', its workplace '/1/2/5/', district B '/1/3/'.
const PATHS: Partial<Record<Role, string>> = {
  workplace_staff: '/1/2/5/',
  district_staff: '/1/2/',
  city_staff: '/1/',
  auditor: '/1/',
};
const actorFor = (role: Role): Actor => ({
  accountId: `acc-${role}`,
  role,
  unionId: PATHS[role] ? `u${PATHS[role]}` : null,
  unionPath: PATHS[role] ?? null,
  memberId: role === 'member' ? 'm-own' : null,
});

const OWN = { memberId: 'm-own', unionPath: '/1/2/5/' };
const NEIGHBOUR_SAME_WORKPLACE = { memberId: 'm-2', unionPath: '/1/2/5/' };
const OTHER_DISTRICT = { memberId: 'm-3', unionPath: '/1/3/9/' };

type Row = [boolean, boolean, boolean];
const TABLE: Record<Role, Record<ClaimPolicyAction, Row>> = {
  member: {
    read: [true, false, false],
    file: [true, false, false],
    check: [false, false, false],
    decide: [false, false, false],
    pay: [false, false, false],
  },
  station_operator: {
    read: [false, false, false],
    file: [false, false, false],
    check: [false, false, false],
    decide: [false, false, false],
    pay: [false, false, false],
  },
  workplace_staff: {
    read: [true, true, false],
    file: [true, true, false],
    check: [true, true, false],
    decide: [false, false, false],
    pay: [false, false, false],
  },
  district_staff: {
    read: [true, true, false],
    file: [false, false, false],
    check: [false, false, false],
    decide: [false, false, false],
    pay: [false, false, false],
  },
  city_staff: {
    read: [true, true, true],
    file: [false, false, false],
    check: [false, false, false],
    decide: [true, true, true],
    pay: [true, true, true],
  },
  auditor: {
    read: [true, true, true],
    file: [false, false, false],
    check: [false, false, false],
    decide: [false, false, false],
    pay: [false, false, false],
  },
  admin: {
    read: [true, true, true],
    file: [true, true, true],
    check: [true, true, true],
    decide: [true, true, true],
    pay: [true, true, true],
  },
};

describe('claim policy: role × action × [own, same workplace, other district]', () => {
  for (const role of ROLES) {
    for (const action of ['read', 'file', 'check', 'decide', 'pay'] as const) {
      test(`${role} ${action}`, () => {
        const actor = actorFor(role);
        assert.deepEqual(
          [OWN, NEIGHBOUR_SAME_WORKPLACE, OTHER_DISTRICT].map((c) => can(actor, action, c)),
          TABLE[role][action],
        );
      });
    }
  }
});
