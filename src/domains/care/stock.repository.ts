/** Items, receipts, balances and the stock ledger. `moveStock` is the one way a balance changes. */
import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { conflict } from './care-access.ts';
import type { MovementKind } from './stock.schemas.ts';
import type { MovementRefType } from './stock.table.ts';

export interface MovementInput {
  unionId: string;
  unionPath: string;
  itemId: string;
  kind: MovementKind;
  /** Signed: + into the union's stock, − out of it. */
  quantity: number;
  batch?: string | null;
  refType: MovementRefType;
  refId: string;
  correctsMovementId?: number | null;
  actorId: string | null;
  note?: string | null;
}

/**
 * Changes a balance and appends the ledger row in the caller's transaction. Outgoing moves lock the balance row
 * (FOR UPDATE) so concurrent hand-overs queue on it; the CHECK (quantity >= 0) backs this up in the database.
 */
export async function moveStock(
  trx: Transaction<DB>,
  m: MovementInput,
): Promise<{ movementId: number; balance: number }> {
  let balance: number;
  if (m.quantity > 0) {
    const row = await trx
      .insertInto('careStock')
      .values({ unionId: m.unionId, itemId: m.itemId, unionPath: m.unionPath, quantity: m.quantity })
      .onConflict((oc) =>
        oc.columns(['unionId', 'itemId']).doUpdateSet({
          quantity: sql<number>`care_stock.quantity + excluded.quantity`,
          updatedAt: sql<Date>`now()`,
        }),
      )
      .returning('quantity')
      .executeTakeFirstOrThrow();
    balance = row.quantity;
  } else {
    const held = await trx
      .selectFrom('careStock')
      .select('quantity')
      .where('unionId', '=', m.unionId)
      .where('itemId', '=', m.itemId)
      .forUpdate()
      .executeTakeFirst();
    const available = held?.quantity ?? 0;
    if (available + m.quantity < 0) {
      throw conflict(
        'body.quantity',
        `库存不足：现有 ${available}，需要 ${-m.quantity}`,
        `not enough stock: ${available} held, ${-m.quantity} needed`,
        { available },
      );
    }
    const row = await trx
      .updateTable('careStock')
      .set({ quantity: sql<number>`quantity + ${m.quantity}`, updatedAt: sql<Date>`now()` })
      .where('unionId', '=', m.unionId)
      .where('itemId', '=', m.itemId)
      .returning('quantity')
      .executeTakeFirstOrThrow();
    balance = row.quantity;
  }
  const movement = await trx
    .insertInto('careMovements')
    .values({
      unionId: m.unionId,
      unionPath: m.unionPath,
      itemId: m.itemId,
      kind: m.kind,
      quantity: m.quantity,
      batch: m.batch ?? null,
      refType: m.refType,
      refId: m.refId,
      correctsMovementId: m.correctsMovementId ?? null,
      actorId: m.actorId,
      note: m.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { movementId: movement.id, balance };
}

export async function listItems(db: Database) {
  const items = await db.selectFrom('careItems').select(['id', 'name', 'unit', 'kind']).orderBy('name').execute();
  const components = await db
    .selectFrom('careKitComponents as c')
    .innerJoin('careItems as i', 'i.id', 'c.itemId')
    .select(['c.kitId', 'c.itemId', 'i.name as itemName', 'c.quantity'])
    .orderBy('i.name')
    .execute();
  return items.map((item) =>
    item.kind === 'kit'
      ? {
          ...item,
          components: components
            .filter((c) => c.kitId === item.id)
            .map((c) => ({ itemId: c.itemId, itemName: c.itemName, quantity: c.quantity })),
        }
      : item,
  );
}

export function findItem(db: Database | Transaction<DB>, id: string) {
  return db.selectFrom('careItems').select(['id', 'name', 'unit', 'kind']).where('id', '=', id).executeTakeFirst();
}

export function listStock(db: Database, scope: string, filter: { unionId?: string }) {
  let q = db
    .selectFrom('careStock as s')
    .innerJoin('unions as u', 'u.id', 's.unionId')
    .innerJoin('careItems as i', 'i.id', 's.itemId')
    .select([
      's.unionId',
      'u.name as unionName',
      's.itemId',
      'i.name as itemName',
      'i.unit',
      's.quantity',
      's.lowStockThreshold',
    ])
    .where('s.unionPath', 'like', `${scope}%`);
  if (filter.unionId) q = q.where('s.unionId', '=', filter.unionId);
  return q.orderBy('u.path').orderBy('i.name').execute();
}

export function listMovements(
  db: Database,
  scope: string,
  filter: { unionId?: string; itemId?: string; limit: number },
) {
  let q = db
    .selectFrom('careMovements as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .innerJoin('careItems as i', 'i.id', 'm.itemId')
    .leftJoin('accounts as a', 'a.id', 'm.actorId')
    .select([
      'm.id',
      'm.at',
      'm.kind',
      'm.unionId',
      'u.name as unionName',
      'm.itemId',
      'i.name as itemName',
      'm.quantity',
      'm.batch',
      'm.refType',
      'm.refId',
      'm.correctsMovementId',
      'a.displayName as by',
      'm.note',
    ])
    .where('m.unionPath', 'like', `${scope}%`);
  if (filter.unionId) q = q.where('m.unionId', '=', filter.unionId);
  if (filter.itemId) q = q.where('m.itemId', '=', filter.itemId);
  return q.orderBy('m.id', 'desc').limit(filter.limit).execute();
}

export function listReceipts(db: Database, scope: string, unionId?: string) {
  let q = db
    .selectFrom('careReceipts as r')
    .innerJoin('unions as u', 'u.id', 'r.unionId')
    .select(['r.id', 'r.unionId', 'u.name as unionName', 'r.source', 'r.fundingSource', 'r.supplier', 'r.receivedOn'])
    .select((eb) =>
      sql<{ itemId: string; itemName: string; quantity: number; batch: string | null }[]>`coalesce((
        select json_agg(json_build_object('itemId', l.item_id, 'itemName', i.name, 'quantity', l.quantity,
               'batch', l.batch) order by l.id)
        from care_receipt_lines l join care_items i on i.id = l.item_id where l.receipt_id = ${eb.ref('r.id')}
      ), '[]'::json)`.as('lines'),
    )
    .where('r.unionPath', 'like', `${scope}%`);
  if (unionId) q = q.where('r.unionId', '=', unionId);
  return q.orderBy('r.receivedOn', 'desc').orderBy('r.createdAt', 'desc').limit(500).execute();
}
