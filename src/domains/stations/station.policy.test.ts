import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Actor, ROLES, type Role } from '../../platform/roles.ts';
import { can, operatorMayChangeStatus, type StationAction } from './station.policy.ts';
import { STATION_STATUSES } from './station.table.ts';
import { canTransition, isOnMap } from './station-status.ts';

const actorFor = (role: Role): Actor => {
  const path: Partial<Record<Role, string>> = {
    workplace_staff: '/1/2/5/',
    district_staff: '/1/2/',
    city_staff: '/1/',
    auditor: '/1/',
  };
  return {
    accountId: `a-${role}`,
    role,
    unionId: path[role] ?? null,
    unionPath: path[role] ?? null,
    memberId: role === 'member' ? 'm' : null,
  };
};

// [a station of the workplace, a station of the district itself, another district's station run by this operator]
const STATIONS = [
  { unionPath: '/1/2/5/', operatedByActor: false },
  { unionPath: '/1/2/', operatedByActor: false },
  { unionPath: '/1/3/', operatedByActor: true },
];

const TABLE: Record<Role, Record<StationAction, [boolean, boolean, boolean]>> = {
  member: {
    read: [false, false, false],
    update: [false, false, false],
    status: [false, false, false],
    operate: [false, false, false],
  },
  station_operator: {
    read: [false, false, true],
    update: [false, false, false],
    status: [false, false, false],
    operate: [false, false, true],
  },
  workplace_staff: {
    read: [true, false, false],
    update: [true, false, false],
    status: [true, false, false],
    operate: [true, false, false],
  },
  district_staff: {
    read: [true, true, false],
    update: [true, true, false],
    status: [true, true, false],
    operate: [true, true, false],
  },
  city_staff: {
    read: [true, true, true],
    update: [true, true, true],
    status: [true, true, true],
    operate: [true, true, true],
  },
  auditor: {
    read: [true, true, true],
    update: [false, false, false],
    status: [false, false, false],
    operate: [false, false, false],
  },
  admin: {
    read: [true, true, true],
    update: [true, true, true],
    status: [true, true, true],
    operate: [true, true, true],
  },
};

describe('station policy: every role × action × station', () => {
  for (const role of ROLES) {
    for (const action of ['read', 'update', 'status', 'operate'] as const) {
      test(`${role} ${action}`, () => {
        assert.deepEqual(
          STATIONS.map((s) => can(actorFor(role), action, s)),
          TABLE[role][action],
        );
      });
    }
  }
});

test('life cycle: exited is final; only active stations are on the map; operators may only suspend', () => {
  const allowed = STATION_STATUSES.flatMap((from) =>
    STATION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
  );
  assert.deepEqual(allowed, [
    'planned→active',
    'planned→exited',
    'active→suspended',
    'active→exited',
    'suspended→active',
    'suspended→exited',
  ]);
  assert.deepEqual(STATION_STATUSES.filter(isOnMap), ['active']);
  const operator = STATION_STATUSES.flatMap((from) =>
    STATION_STATUSES.filter((to) => operatorMayChangeStatus(from, to)).map((to) => `${from}→${to}`),
  );
  assert.deepEqual(operator, ['active→suspended']);
});
