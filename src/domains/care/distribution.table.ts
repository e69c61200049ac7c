import type { Generated } from 'kysely';

export interface CareDistributionTable {
  id: string;
  title: string;
  fromUnionId: string;
  fromUnionPath: string;
  itemId: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareDistributionLineTable {
  id: string;
  distributionId: string;
  position: number;
  toUnionId: string | null;
  toMemberId: string | null;
  planned: number;
  delivered: Generated<number>;
  confirmed: Generated<number>;
  returned: Generated<number>;
}

export type ConfirmMethod = 'signature' | 'qr' | 'representative';

export interface CareHandoverTable {
  id: string;
  distributionId: string;
  lineId: string;
  quantity: number;
  handedOverBy: string | null;
  signedName: string | null;
  signatureSvg: string | null;
  signaturePng: string | null;
  confirmToken: string | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  confirmMethod: ConfirmMethod | null;
  createdBy: string | null;
  at: Generated<Date>;
}

export interface CareReturnTable {
  id: string;
  distributionId: string;
  lineId: string;
  quantity: number;
  reason: string;
  createdBy: string | null;
  at: Generated<Date>;
}
