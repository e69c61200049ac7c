import { BASE, keepPrevious, send, useCareList, useCareWrite } from './care-query';

/** Care stock (物资库存): items and kits, stock per holding union, and the append-only ledger of movements. */

export type ItemKind = 'item' | 'kit';

export interface CareItem {
  id: string;
  name: string;
  unit: string;
  kind: ItemKind;
  components?: { itemId: string; quantity: number; itemName: string }[];
}

export interface StockRow {
  unionId: string;
  unionName: string;
  itemId: string;
  itemName: string;
  unit: string;
  kind?: ItemKind;
  quantity: number;
  lowStockThreshold: number | null;
  low: boolean;
}

export type MovementKind = 'receipt' | 'transfer_out' | 'transfer_in' | 'handover' | 'return' | 'correction';
export const MOVEMENT_KINDS: MovementKind[] = [
  'receipt',
  'transfer_out',
  'transfer_in',
  'handover',
  'return',
  'correction',
];

export interface Movement {
  id: string;
  at: string;
  kind: MovementKind;
  itemId: string;
  itemName: string;
  quantity: number;
  unionId: string;
  unionName: string;
  batch: string | null;
  ref: string | null;
  by: string | null;
  note: string | null;
  correctsMovementId: string | null;
}

export interface ReceiptInput {
  unionId: string;
  source: 'purchase' | 'donation';
  fundingSource: string;
  supplier?: string;
  receivedOn: string;
  lines: { itemId: string; quantity: number; batch?: string }[];
}

export interface CorrectionInput {
  unionId: string;
  itemId: string;
  quantity: number;
  reason: string;
  correctsMovementId?: string;
}

export interface ItemInput {
  name: string;
  unit: string;
  kind: ItemKind;
  components?: { itemId: string; quantity: number }[];
}

export interface MovementQuery {
  unionId?: string;
  itemId?: string;
  limit?: number;
}

export const useCareItems = () =>
  useCareList<CareItem>(['care', 'items'], `${BASE}/items`, undefined, { staleTime: 60_000 });

export const useStock = (unionId?: string) =>
  useCareList<StockRow>(['care', 'stock', unionId ?? null], `${BASE}/stock`, { unionId }, keepPrevious);

export const useMovements = (query: MovementQuery) =>
  useCareList<Movement>(['care', 'movements', query], `${BASE}/movements`, { ...query }, keepPrevious);

export const useCreateItem = () => useCareWrite(send<ItemInput>(`${BASE}/items`));

export const useCreateReceipt = () => useCareWrite(send<ReceiptInput>(`${BASE}/receipts`));

/** Sets (or clears with null) the level under which a union's stock of an item shows as low. */
export const useSetThreshold = () =>
  useCareWrite(
    send<{ unionId: string; itemId: string; threshold: number | null }, unknown>(`${BASE}/stock/threshold`, 'PUT'),
  );

export const useCreateCorrection = () => useCareWrite(send<CorrectionInput>(`${BASE}/corrections`));
