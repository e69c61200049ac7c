import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { permissionsOf } from '../../platform/permissions.ts';
import { type Actor, ROLES, type Role } from '../../platform/roles.ts';
import { can as canMember, type MemberAction } from './member.policy.ts';
import { can as canUnion, type UnionAction } from './union.policy.ts';

// The tree: city '/1/', district A '/1/2/', its workplace '/1/2/5/', district B '/1/3/'.
const actorFor = (role: Role): Actor => {
  const staffPath: Partial<Record<Role, string>> = {
    workplace_staff: '/1/2/5/',
    district_staff: '/1/2/',
    city_staff: '/1/',
    auditor: '/1/',
  };
  return {
    accountId: `acc-${role}`,
    role,
    unionId: staffPath[role] ? `union${staffPath[role]}` : null,
    unionPath: staffPath[role] ?? null,
    memberId: role === 'member' ? 'm-own' : null,
  };
};

const OWN_MEMBER = { id: 'm-own', unionPath: '/1/2/5/' };
const OTHER_IN_WORKPLACE = { id: 'm-other', unionPath: '/1/2/5/' };
const OTHER_DISTRICT = { id: 'm-far', unionPath: '/1/3/9/' };

/** Expected answers: [own record, another member of the same workplace, a member of another district]. */
const MEMBER_TABLE: Record<Role, Record<MemberAction, [boolean, boolean, boolean]>> = {
  member: { read: [true, false, false], write: [false, false, false], reveal: [false, false, false] },
  station_operator: { read: [false, false, false], write: [false, false, false], reveal: [false, false, false] },
  workplace_staff: { read: [true, true, false], write: [true, true, false], reveal: [false, false, false] },
  district_staff: { read: [true, true, false], write: [true, true, false], reveal: [false, false, false] },
  city_staff: { read: [true, true, true], write: [true, true, true], reveal: [true, true, true] },
  auditor: { read: [true, true, true], write: [false, false, false], reveal: [false, false, false] },
  admin: { read: [true, true, true], write: [true, true, true], reveal: [true, true, true] },
};

describe('member policy: every role × action × place in the tree', () => {
  for (const role of ROLES) {
    for (const action of ['read', 'write', 'reveal'] as const) {
      test(`${role} ${action}`, () => {
        const actor = actorFor(role);
        const got = [OWN_MEMBER, OTHER_IN_WORKPLACE, OTHER_DISTRICT].map((m) => canMember(actor, action, m));
        assert.deepEqual(got, MEMBER_TABLE[role][action]);
      });
    }
  }
});

const OWN_DISTRICT = { id: 'union/1/2/', path: '/1/2/' };
const WORKPLACE_BELOW = { id: 'union/1/2/5/', path: '/1/2/5/' };
const OTHER_DISTRICT_UNION = { id: 'union/1/3/', path: '/1/3/' };

/** [own district union, a workplace below it, another district]. */
const UNION_TABLE: Record<Role, Record<UnionAction, [boolean, boolean, boolean]>> = {
  member: { read: [false, false, false], 'create-child': [false, false, false], update: [false, false, false] },
  station_operator: {
    read: [false, false, false],
    'create-child': [false, false, false],
    update: [false, false, false],
  },
  workplace_staff: { read: [false, true, false], 'create-child': [false, false, false], update: [false, false, false] },
  district_staff: { read: [true, true, false], 'create-child': [true, true, false], update: [false, true, false] },
  city_staff: { read: [true, true, true], 'create-child': [true, true, true], update: [true, true, true] },
  auditor: { read: [true, true, true], 'create-child': [false, false, false], update: [false, false, false] },
  admin: { read: [true, true, true], 'create-child': [true, true, true], update: [true, true, true] },
};

describe('union policy: every role × action × place in the tree', () => {
  for (const role of ROLES) {
    for (const action of ['read', 'create-child', 'update'] as const) {
      test(`${role} ${action}`, () => {
        const actor = actorFor(role);
        const got = [OWN_DISTRICT, WORKPLACE_BELOW, OTHER_DISTRICT_UNION].map((u) => canUnion(actor, action, u));
        assert.deepEqual(got, UNION_TABLE[role][action]);
      });
    }
  }
});

test('members and station operators hold no staff permission; only city staff and admins may reveal', () => {
  assert.deepEqual(permissionsOf('member'), []);
  // An operator reads only the stations it is linked to (stations/station.policy.ts), nothing of unions or members.
  assert.deepEqual(permissionsOf('station_operator'), ['stations.read']);
  const revealers = ROLES.filter((r) => permissionsOf(r).includes('members.reveal'));
  assert.deepEqual(revealers, ['city_staff', 'admin']);
  assert.ok(!permissionsOf('auditor').some((p) => p.endsWith('.write') || p === 'members.import'));
});
