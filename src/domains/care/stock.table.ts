import type { Generated } from 'kysely';
import type { MovementKind } from './stock.schemas.ts';

export interface CareItemTable {
  id: string;
  name: string;
  unit: string;
  kind: 'item' | 'kit';
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareKitComponentTable {
  kitId: string;
  itemId: string;
  quantity: number;
}

export interface CareReceiptTable {
  id: string;
  unionId: string;
  unionPath: string;
  source: 'purchase' | 'donation';
  fundingSource: string;
  supplier: string | null;
  receivedOn: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareReceiptLineTable {
  id: Generated<number>;
  receiptId: string;
  itemId: string;
  quantity: number;
  batch: string | null;
}

export interface CareStockTable {
  unionId: string;
  itemId: string;
  unionPath: string;
  quantity: Generated<number>;
  lowStockThreshold: number | null;
  updatedAt: Generated<Date>;
}

export type MovementRefType = 'receipt' | 'handover' | 'return' | 'activity_handout' | 'correction';

/** The append-only stock ledger (a trigger refuses UPDATE and DELETE). */
export interface CareMovementTable {
  id: Generated<number>;
  at: Generated<Date>;
  unionId: string;
  unionPath: string;
  itemId: string;
  kind: MovementKind;
  quantity: number;
  batch: string | null;
  refType: MovementRefType | null;
  refId: string | null;
  correctsMovementId: number | null;
  actorId: string | null;
  note: string | null;
}
