import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../../platform/roles.ts';
import { type AwardAction, can } from './award.policy.ts';

const actor = (role: Role, unionPath: string | null, memberId: string | null = null): Actor => ({
  accountId: 'a',
  role,
  unionId: unionPath ? 'u' : null,
  unionPath,
  memberId,
});

const BJ = '/1/';
const CY = '/1/2/';
const CP = '/1/3/';
const CP_STATION = '/1/3/';
const CAMPAIGN = BJ;

test('who may do what in a campaign', () => {
  const cases: [Actor, AwardAction, string, boolean][] = [
    [actor('member', null, 'm1'), 'vote', CAMPAIGN, true],
    [actor('member', null, null), 'vote', CAMPAIGN, false],
    [actor('city_staff', BJ), 'vote', CAMPAIGN, false],
    [actor('district_staff', CP), 'nominate', CP_STATION, true],
    [actor('district_staff', CY), 'nominate', CP_STATION, false],
    [actor('city_staff', BJ), 'nominate', CP_STATION, true],
    [actor('workplace_staff', '/1/3/9/'), 'nominate', '/1/3/9/', false],
    [actor('station_operator', null), 'nominate', CP_STATION, false],
    [actor('auditor', BJ), 'nominate', CP_STATION, false],
    [actor('city_staff', BJ), 'manage', CAMPAIGN, true],
    [actor('city_staff', BJ), 'judge', CAMPAIGN, true],
    [actor('district_staff', CP), 'manage', CAMPAIGN, false],
    [actor('district_staff', CP), 'judge', CAMPAIGN, false],
    [actor('auditor', BJ), 'judge', CAMPAIGN, false],
    [actor('admin', null), 'manage', CAMPAIGN, true],
    [actor('member', null, 'm1'), 'judge', CAMPAIGN, false],
  ];
  for (const [a, action, path, expected] of cases) {
    assert.equal(can(a, action, { unionPath: path }), expected, `${a.role} ${action} ${path}`);
  }
});
