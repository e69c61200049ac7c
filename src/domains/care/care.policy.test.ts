import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Actor, ROLES, type Role } from '../../platform/roles.ts';
import { type CareAction, can, canConfirm } from './care.policy.ts';

const PATHS: Partial<Record<Role, string>> = {
  workplace_staff: '/1/4/9/',
  district_staff: '/1/4/',
  city_staff: '/1/',
  auditor: '/1/',
};
const actorFor = (role: Role): Actor => ({
  accountId: `a-${role}`,
  role,
  unionId: PATHS[role] ?? null,
  unionPath: PATHS[role] ?? null,
  memberId: role === 'member' ? 'm1' : null,
});

// [the workplace union's stock, its district's own stock, another district's stock]
const RESOURCES = [{ unionPath: '/1/4/9/' }, { unionPath: '/1/4/' }, { unionPath: '/1/5/' }];

const TABLE: Record<Role, Record<CareAction, [boolean, boolean, boolean]>> = {
  member: { read: [false, false, false], manage: [false, false, false] },
  station_operator: { read: [false, false, false], manage: [false, false, false] },
  workplace_staff: { read: [true, false, false], manage: [true, false, false] },
  district_staff: { read: [true, true, false], manage: [true, true, false] },
  city_staff: { read: [true, true, true], manage: [true, true, true] },
  auditor: { read: [true, true, true], manage: [false, false, false] },
  admin: { read: [true, true, true], manage: [true, true, true] },
};

describe('care policy', () => {
  for (const role of ROLES) {
    for (const action of ['read', 'manage'] as const) {
      test(`${role} ${action}`, () => {
        const got = RESOURCES.map((r) => can(actorFor(role), action, r));
        assert.deepEqual(got, TABLE[role][action]);
      });
    }
  }

  test('a member confirms only hand-overs to themselves', () => {
    assert.equal(canConfirm(actorFor('member'), { kind: 'member', memberId: 'm1' }), true);
    assert.equal(canConfirm(actorFor('member'), { kind: 'member', memberId: 'm2' }), false);
    assert.equal(canConfirm(actorFor('city_staff'), { kind: 'member', memberId: 'm1' }), false);
  });

  test('a union recipient is confirmed by staff of the receiving union, not by the giver below it', () => {
    const home = { kind: 'union' as const, unionPath: '/1/4/9/12/' };
    assert.equal(canConfirm(actorFor('workplace_staff'), home), true);
    assert.equal(canConfirm({ ...actorFor('workplace_staff'), unionPath: '/1/4/10/' }, home), false);
    assert.equal(canConfirm(actorFor('auditor'), home), false);
    assert.equal(canConfirm(actorFor('member'), home), false);
  });
});
