import type { Generated } from 'kysely';

export const UNION_KINDS = ['national', 'provincial', 'city', 'district', 'workplace', 'home'] as const;
export type UnionKind = (typeof UNION_KINDS)[number];

export interface UnionTable {
  id: string;
  seq: Generated<number>;
  code: string;
  name: string;
  kind: UnionKind;
  parentId: string | null;
  path: string;
  depth: number;
  regionCode: string;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
