import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';

type Db = Database | Transaction<DB>;

const COLUMNS = [
  'a.id',
  'a.title',
  'a.summary',
  'a.bodyHtml',
  'a.publisher',
  'a.targetUnionId',
  'a.targetPath',
  'a.coverImageId',
  'a.ctaKind',
  'a.ctaTarget',
  'a.ctaLabel',
  'a.status',
  'a.publishedAt',
  'a.readCount',
  'a.createdAt',
  'a.updatedAt',
  'u.name as targetUnionName',
] as const;

function base(db: Db) {
  return db.selectFrom('articles as a').innerJoin('unions as u', 'u.id', 'a.targetUnionId').select(COLUMNS);
}

export async function findArticle(db: Db, id: string) {
  return base(db).where('a.id', '=', id).executeTakeFirst();
}
export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

/** Staff: articles targeted inside the subtree (null: all), newest change first. */
export async function listForStaff(
  db: Db,
  f: { scopePath: string | null; status?: string; page: number; pageSize: number },
) {
  let q = base(db);
  if (f.scopePath !== null) q = q.where('a.targetPath', 'like', `${f.scopePath}%`);
  if (f.status) q = q.where('a.status', '=', f.status as 'draft');
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('a.updatedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}

/** Published articles aimed at this union path or one of its ancestors (null: every published article). */
export function visibleTo(db: Db, readerPath: string | null) {
  let q = base(db).where('a.status', '=', 'published');
  if (readerPath !== null) q = q.where(sql<boolean>`${readerPath} like a.target_path || '%'`);
  return q;
}

export async function listForReader(
  db: Db,
  f: { readerPath: string | null; memberId: string | null; page: number; pageSize: number },
) {
  const q = visibleTo(db, f.readerPath);
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const memberId = f.memberId;
  const items = await q
    .select((eb) =>
      memberId
        ? eb
            .exists(
              eb
                .selectFrom('articleReads as r')
                .select('r.articleId')
                .whereRef('r.articleId', '=', 'a.id')
                .where('r.memberId', '=', memberId),
            )
            .as('read')
        : sql<boolean | null>`null`.as('read'),
    )
    .orderBy('a.publishedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}

/**
 * Counts a member's read once: the insert into article_reads either happens (and the counter moves in the same
 * statement) or meets the primary key and changes nothing, however many requests race.
 */
export async function countRead(db: Db, articleId: string, memberId: string): Promise<number> {
  const { rows } = await sql<{ readCount: number }>`
    with ins as (
      insert into article_reads (article_id, member_id) values (${articleId}, ${memberId})
      on conflict do nothing returning 1
    )
    update articles set read_count = read_count + 1
    where id = ${articleId} and exists (select 1 from ins)
    returning read_count`.execute(db);
  if (rows[0]) return rows[0].readCount;
  const a = await db.selectFrom('articles').select('readCount').where('id', '=', articleId).executeTakeFirstOrThrow();
  return a.readCount;
}

export async function readerPathOf(db: Db, memberId: string) {
  const m = await db.selectFrom('members').select('unionPath').where('id', '=', memberId).executeTakeFirst();
  return m?.unionPath ?? null;
}

export async function existingImages(db: Db, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.selectFrom('articleImages').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
