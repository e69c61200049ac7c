import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../../platform/roles.ts';
import { can, type ReportAction } from './feedback.policy.ts';

const CHAOYANG = '/1/3/';
const CHAOYANG_STATION = '/1/3/9/';
const CHANGPING_STATION = '/1/2/5/';

function actor(role: Role, unionPath: string | null): Actor {
  return { accountId: 'a', role, unionId: unionPath ? 'u' : null, unionPath, memberId: null };
}

// [who, action, station union path, operated by the actor, expected]
const CASES: [Actor, ReportAction, string, boolean, boolean][] = [
  [actor('district_staff', CHAOYANG), 'read', CHAOYANG_STATION, false, true],
  [actor('district_staff', CHAOYANG), 'update', CHAOYANG_STATION, false, true],
  [actor('district_staff', CHAOYANG), 'read', CHANGPING_STATION, false, false],
  [actor('district_staff', CHAOYANG), 'update', CHANGPING_STATION, false, false],
  [actor('workplace_staff', CHAOYANG_STATION), 'update', CHAOYANG_STATION, false, true],
  [actor('workplace_staff', '/1/3/8/'), 'read', CHAOYANG_STATION, false, false],
  [actor('city_staff', '/1/'), 'update', CHANGPING_STATION, false, true],
  [actor('auditor', '/1/'), 'read', CHANGPING_STATION, false, true],
  [actor('auditor', '/1/'), 'update', CHANGPING_STATION, false, false],
  [actor('admin', null), 'update', CHANGPING_STATION, false, true],
  [actor('member', null), 'read', CHAOYANG_STATION, false, false],
  [actor('member', null), 'update', CHAOYANG_STATION, false, false],
  [actor('station_operator', null), 'read', CHAOYANG_STATION, true, true],
  [actor('station_operator', null), 'update', CHAOYANG_STATION, true, true],
  [actor('station_operator', null), 'read', CHAOYANG_STATION, false, false],
  [actor('station_operator', null), 'update', CHANGPING_STATION, false, false],
];

for (const [who, action, unionPath, operatedByActor, expected] of CASES) {
  test(`${who.role}@${who.unionPath} ${action} a report on ${unionPath}${operatedByActor ? ' (own station)' : ''} → ${expected}`, () => {
    assert.equal(can(who, action, { unionPath, operatedByActor }), expected);
  });
}
