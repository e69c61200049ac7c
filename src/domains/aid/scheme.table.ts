import type { ColumnType, Generated } from 'kysely';
import type { CoverageRule } from './coverage-rule.ts';
import type { HolidayKind } from './holidays-cn.ts';

export interface AidHolidayTable {
  date: string;
  kind: HolidayKind;
  name: string;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}

export interface AidSchemeTable {
  id: string;
  code: string;
  name: string;
  nameEn: Generated<string>;
  since: string;
  createdAt: Generated<Date>;
}

export interface AidCoverageTable {
  id: string;
  schemeId: string;
  code: string;
  name: string;
  nameEn: Generated<string>;
  sortOrder: Generated<number>;
  createdAt: Generated<Date>;
}

export interface AidCoverageVersionTable {
  id: string;
  coverageId: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  rule: ColumnType<CoverageRule, string, string>;
  createdAt: Generated<Date>;
  createdBy: string | null;
}

export interface AidReviewSettingsTable {
  id: Generated<boolean>;
  samplePercent: number;
  secondReviewThresholdFen: number;
  checkSlaDays: number;
  decideSlaDays: number;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}
