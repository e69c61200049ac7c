import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../../platform/roles.ts';
import { can, type HotlineAction } from './hotline.policy.ts';

const CY = '/1/2/';
const CP = '/1/3/';
const inCp = { unionPath: `${CP}5/` };

const cases: [Role, string | null, HotlineAction, { unionPath: string } | undefined, boolean][] = [
  ['member', null, 'kb.read', undefined, false],
  ['workplace_staff', `${CP}5/`, 'kb.read', undefined, false],
  ['district_staff', CY, 'kb.read', undefined, true],
  ['district_staff', CY, 'kb.manage', undefined, false],
  ['city_staff', '/1/', 'kb.manage', undefined, true],
  ['auditor', '/1/', 'kb.read', undefined, false],
  ['district_staff', CP, 'consultation.write', inCp, true],
  ['district_staff', CY, 'consultation.read', inCp, false],
  ['district_staff', CY, 'report', undefined, true],
  ['city_staff', '/1/', 'consultation.write', inCp, true],
  ['workplace_staff', `${CP}5/`, 'consultation.read', inCp, false],
  ['station_operator', null, 'consultation.read', inCp, false],
  ['admin', null, 'consultation.write', inCp, true],
  ['admin', null, 'kb.manage', undefined, true],
];

describe('hotline policy', () => {
  for (const [role, unionPath, action, resource, expected] of cases) {
    test(`${role} ${unionPath ?? '-'} ${action} ${resource?.unionPath ?? ''} → ${expected}`, () => {
      assert.equal(can({ role, unionPath }, action, resource), expected);
    });
  }
});
