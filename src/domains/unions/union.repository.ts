import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import type { Actor } from '../../platform/roles.ts';
import type { UnionKind } from './union.table.ts';
import { childPath } from './union-tree.ts';

export interface NewUnion {
  code: string;
  name: string;
  kind: UnionKind;
  parentId: string | null;
  regionCode: string;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** Inserts a union under its parent, computing its materialised path; callers check the parent first. */
export async function insertUnion(db: Database, union: NewUnion) {
  const parent = union.parentId ? await findUnionById(db, union.parentId) : undefined;
  const { rows } = await sql<{ seq: number }>`select nextval(pg_get_serial_sequence('unions', 'seq')) as seq`.execute(
    db,
  );
  const seq = Number(rows[0]!.seq);
  const id = uuidv7();
  await db
    .insertInto('unions')
    .values({
      id,
      seq,
      code: union.code,
      name: union.name,
      kind: union.kind,
      parentId: union.parentId,
      path: childPath(parent?.path ?? null, seq),
      depth: parent ? parent.depth + 1 : 0,
      regionCode: union.regionCode,
      contactName: union.contactName ?? null,
      contactPhone: union.contactPhone ?? null,
    })
    .execute();
  return (await findUnionById(db, id))!;
}

export async function findUnionById(db: Database, id: string) {
  return db.selectFrom('unions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnionByCode(db: Database, code: string) {
  return db.selectFrom('unions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Every union of the actor's subtree, with its own active-member count, in tree order. */
export async function listSubtree(db: Database, actor: Pick<Actor, 'unionPath'>) {
  let query = db
    .selectFrom('unions as u')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'u.parentId',
      'u.regionCode',
      'u.path',
      'u.contactName',
      'u.contactPhone',
      (eb) =>
        eb
          .selectFrom('members as m')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('m.unionId', '=', 'u.id')
          .where('m.status', '=', 'active')
          .as('memberCount'),
    ])
    .orderBy('u.path');
  if (actor.unionPath) query = query.where('u.path', 'like', `${actor.unionPath}%`);
  return query.execute();
}

export async function countActiveMembers(db: Database, unionId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unionId', '=', unionId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.n;
}
