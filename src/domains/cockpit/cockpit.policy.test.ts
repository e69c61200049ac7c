import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../../platform/roles.ts';
import type { UnionKind } from '../unions/union.table.ts';
import { canViewUnion } from './cockpit.policy.ts';

const cases: [Role, string | null, string, UnionKind, boolean][] = [
  ['city_staff', '/1/', '/1/', 'city', true],
  ['city_staff', '/1/', '/1/2/', 'district', true],
  ['city_staff', '/1/', '/1/2/7/', 'workplace', false],
  ['district_staff', '/1/2/', '/1/2/', 'district', true],
  ['district_staff', '/1/2/', '/1/3/', 'district', false],
  ['district_staff', '/1/2/', '/1/', 'city', false],
  ['auditor', '/1/', '/1/3/', 'district', true],
  ['admin', null, '/1/', 'city', true],
  ['workplace_staff', '/1/2/7/', '/1/2/7/', 'workplace', false],
  ['workplace_staff', '/1/', '/1/', 'city', false],
  ['member', null, '/1/', 'city', false],
  ['station_operator', null, '/1/', 'city', false],
];

for (const [role, scope, path, kind, allowed] of cases) {
  test(`${role} at ${scope} → ${kind} ${path}: ${allowed}`, () => {
    assert.equal(canViewUnion({ role, unionPath: scope }, { path, kind }), allowed);
  });
}
