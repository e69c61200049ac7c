import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasPermission } from '../../platform/permissions.ts';
import { ROLES, type Role } from '../../platform/roles.ts';
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

// docs/cockpit.md, "Small figures": the cockpit screen shows small district figures exactly (the monthly report,
// which leaves the screen, withholds them) because everyone who may open it can read the claims behind them and the
// exact aid statistics anyway. A role given the cockpit without that access would need the screen to withhold too.
test('every role with the cockpit can read the claims and the aid statistics behind its figures', () => {
  const cockpit = ROLES.filter((r) => hasPermission(r, 'cockpit.view'));
  assert.ok(cockpit.length > 0);
  for (const role of cockpit)
    for (const p of ['aid.claims.read', 'aid.stats'] as const) assert.ok(hasPermission(role, p), `${role} lacks ${p}`);
});
