import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../../platform/roles.ts';
import { type ArticleAction, can } from './article.policy.ts';

const BJ = '/1/';
const CY = '/1/2/';
const CP = '/1/3/';
const CKDZ = '/1/3/5/';
const published = (targetPath: string) => ({ targetPath, status: 'published' });
const draft = (targetPath: string) => ({ targetPath, status: 'draft' });

const cases: [Role, string | null, ArticleAction, { targetPath: string; status: string }, string | null, boolean][] = [
  ['city_staff', BJ, 'manage', draft(CP), null, true],
  ['district_staff', CY, 'manage', draft(CP), null, false],
  ['district_staff', CP, 'manage', draft(CKDZ), null, true],
  ['workplace_staff', CKDZ, 'manage', draft(CP), null, false],
  ['auditor', BJ, 'manage', draft(CP), null, false],
  ['member', null, 'manage', draft(CKDZ), CKDZ, false],
  ['member', null, 'read', published(BJ), CKDZ, true],
  ['member', null, 'read', published(CP), CKDZ, true],
  ['member', null, 'read', published(CY), CKDZ, false],
  ['member', null, 'read', draft(BJ), CKDZ, false],
  ['member', null, 'read', { targetPath: BJ, status: 'unpublished' }, CKDZ, false],
  ['district_staff', CY, 'read', published(CP), CY, false],
  ['district_staff', CY, 'read', published(BJ), CY, true],
  ['admin', null, 'read', published(CP), null, true],
];

describe('article policy', () => {
  for (const [role, unionPath, action, article, readerPath, expected] of cases) {
    test(`${role} ${action} ${article.status} ${article.targetPath} (reader ${readerPath}) → ${expected}`, () => {
      assert.equal(can({ role, unionPath }, action, article, readerPath), expected);
    });
  }
});
