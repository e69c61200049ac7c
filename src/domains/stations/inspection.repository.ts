import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ChecklistItem } from './inspection.table.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function listChecklists(db: Db) {
  const rows = await db
    .selectFrom('stationChecklists')
    .select(['id', 'name', 'items', 'passScore', 'isDefault'])
    .where('active', '=', true)
    .orderBy('isDefault', 'desc')
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({ ...r, items: r.items as ChecklistItem[] }));
}

/** The named checklist, or the default one when no id is given; inactive checklists are not used for new visits. */
export async function findChecklist(db: Db, id?: string) {
  let q = db
    .selectFrom('stationChecklists')
    .select(['id', 'name', 'items', 'passScore', 'isDefault'])
    .where('active', '=', true);
  q = id ? q.where('id', '=', id) : q.where('isDefault', '=', true);
  const row = await q.executeTakeFirst();
  return row ? { ...row, items: row.items as ChecklistItem[] } : undefined;
}

export async function inspectionHistory(db: Db, stationId: string, limit = 50) {
  return db
    .selectFrom('stationInspections as i')
    .innerJoin('stationChecklists as c', 'c.id', 'i.checklistId')
    .innerJoin('accounts as a', 'a.id', 'i.inspectorId')
    .select([
      'i.id',
      'i.checklistId',
      'c.name as checklistName',
      'i.inspectedOn',
      'i.inspectorId',
      'a.displayName as inspectorName',
      'i.score',
      'i.passScore',
      'i.passed',
      'i.results',
      'i.notes',
      'i.photoRefs',
      'i.createdAt',
    ])
    .where('i.stationId', '=', stationId)
    .orderBy('i.inspectedOn', 'desc')
    .orderBy('i.createdAt', 'desc')
    .limit(limit)
    .execute();
}
