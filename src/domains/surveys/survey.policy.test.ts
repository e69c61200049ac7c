import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../../platform/roles.ts';
import { can, type SurveyAction } from './survey.policy.ts';

const CY = '/1/2/';
const CP = '/1/3/';
const cases: [Role, string | null, SurveyAction, string, boolean][] = [
  ['district_staff', CY, 'manage', `${CY}`, true],
  ['district_staff', CY, 'read', `${CY}`, true],
  ['district_staff', CP, 'read', `${CY}`, false],
  ['district_staff', CP, 'manage', `${CY}`, false],
  ['city_staff', '/1/', 'read', `${CY}`, true],
  ['workplace_staff', `${CY}9/`, 'read', `${CY}`, false],
  ['workplace_staff', `${CY}9/`, 'manage', `${CY}9/`, true],
  ['auditor', '/1/', 'read', `${CY}`, true],
  ['auditor', '/1/', 'manage', `${CY}`, false],
  ['member', null, 'read', `${CY}`, false],
  ['station_operator', null, 'read', `${CY}`, false],
  ['admin', null, 'manage', `${CP}`, true],
];

for (const [role, unionPath, action, ownerUnionPath, expected] of cases) {
  test(`${role} at ${unionPath} ${action} survey of ${ownerUnionPath} → ${expected}`, () => {
    assert.equal(can({ role, unionPath }, action, { ownerUnionPath }), expected);
  });
}
