import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { buildIndex, type SearchDoc, type SearchIndex } from './kb-search.ts';

type Db = Database | Transaction<DB>;

/** Every knowledge-base or synonym write calls this in its transaction, so each instance rebuilds its index. */
export async function bumpGeneration(trx: Transaction<DB>) {
  await trx.updateTable('hotlineKbState').set({ generation: sql`generation + 1` }).execute();
}

export async function answerCoverages(db: Db, answerIds: string[]) {
  if (answerIds.length === 0) return [];
  return db
    .selectFrom('hotlineKbAnswerCoverages as l')
    .innerJoin('aidCoverages as c', 'c.id', 'l.coverageId')
    .innerJoin('aidSchemes as s', 's.id', 'c.schemeId')
    .select([
      'l.answerId',
      'c.id',
      'c.code',
      'c.name',
      'c.nameEn',
      's.id as schemeId',
      's.code as schemeCode',
      's.name as schemeName',
      's.nameEn as schemeNameEn',
    ])
    .where('l.answerId', 'in', answerIds)
    .orderBy('c.sortOrder')
    .execute();
}

export async function answerSchemes(db: Db, answerId: string) {
  return db
    .selectFrom('hotlineKbAnswerSchemes as l')
    .innerJoin('aidSchemes as s', 's.id', 'l.schemeId')
    .select(['s.id', 's.code', 's.name', 's.nameEn'])
    .where('l.answerId', '=', answerId)
    .execute();
}

export async function findAnswer(db: Db, id: string) {
  return db
    .selectFrom('hotlineKbAnswers as a')
    .leftJoin('accounts as u', 'u.id', 'a.updatedBy')
    .selectAll('a')
    .select('u.displayName as updatedByName')
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function listAnswers(
  db: Db,
  f: { tag?: string; coverageId?: string; status: 'active' | 'archived' | 'all'; page: number; pageSize: number },
) {
  let q = db.selectFrom('hotlineKbAnswers as a');
  if (f.status !== 'all') q = q.where('a.status', '=', f.status);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(a.tags)`);
  if (f.coverageId) {
    const coverageId = f.coverageId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('hotlineKbAnswerCoverages as l')
          .select('l.answerId')
          .whereRef('l.answerId', '=', 'a.id')
          .where('l.coverageId', '=', coverageId),
      ),
    );
  }
  const [{ total }] = (await q.select((eb) => eb.fn.countAll<string>().as('total')).execute()) as [{ total: string }];
  const items = await q
    .select(['a.id', 'a.title', 'a.tags', 'a.status', 'a.updatedAt'])
    .orderBy('a.updatedAt', 'desc')
    .orderBy('a.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}

/** Replaces an answer's scheme and coverage links (ids already checked to exist). */
export async function setLinks(
  trx: Transaction<DB>,
  answerId: string,
  links: { schemeIds?: string[]; coverageIds?: string[] },
) {
  if (links.coverageIds) {
    await trx.deleteFrom('hotlineKbAnswerCoverages').where('answerId', '=', answerId).execute();
    const ids = [...new Set(links.coverageIds)];
    if (ids.length)
      await trx
        .insertInto('hotlineKbAnswerCoverages')
        .values(ids.map((coverageId) => ({ answerId, coverageId })))
        .execute();
  }
  if (links.schemeIds) {
    await trx.deleteFrom('hotlineKbAnswerSchemes').where('answerId', '=', answerId).execute();
    const ids = [...new Set(links.schemeIds)];
    if (ids.length)
      await trx
        .insertInto('hotlineKbAnswerSchemes')
        .values(ids.map((schemeId) => ({ answerId, schemeId })))
        .execute();
  }
}

/** The ids among `ids` that name no coverage (or scheme). */
export async function unknownIds(db: Db, table: 'aidCoverages' | 'aidSchemes', ids: string[]) {
  if (ids.length === 0) return [];
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

export async function listSynonyms(db: Db) {
  return db.selectFrom('hotlineSynonyms').selectAll().orderBy('updatedAt').orderBy('id').execute();
}

// ── the search index, cached per database and rebuilt when the generation moves ─────────────────────────────────

interface Cached {
  generation: string;
  index: Promise<SearchIndex>;
  titles: Map<
    string,
    { title: string; body: string; tags: string[]; coverages: { id: string; code: string; name: string }[] }
  >;
}
const cache = new WeakMap<object, Cached>();

async function build(db: Db, generation: string): Promise<Cached> {
  const titles: Cached['titles'] = new Map();
  const index = (async () => {
    const [answers, synonyms] = await Promise.all([
      db
        .selectFrom('hotlineKbAnswers')
        .select(['id', 'title', 'body', 'tags'])
        .where('status', '=', 'active')
        .execute(),
      listSynonyms(db),
    ]);
    const links = await answerCoverages(
      db,
      answers.map((a) => a.id),
    );
    const docs: SearchDoc[] = answers.map((a) => {
      const coverages = links.filter((l) => l.answerId === a.id).map((l) => ({ id: l.id, code: l.code, name: l.name }));
      titles.set(a.id, { title: a.title, body: a.body, tags: a.tags, coverages });
      return { id: a.id, title: a.title, body: a.body, tags: a.tags, coverageNames: coverages.map((c) => c.name) };
    });
    return buildIndex(
      docs,
      synonyms.map((s) => s.terms),
    );
  })();
  return { generation, index, titles };
}

/** The current index: one cheap read of the generation, a rebuild only when someone changed the knowledge base. */
export async function currentIndex(db: Database) {
  const { generation } = await db.selectFrom('hotlineKbState').select('generation').executeTakeFirstOrThrow();
  let hit = cache.get(db);
  if (!hit || hit.generation !== String(generation)) {
    hit = await build(db, String(generation));
    cache.set(db, hit);
    hit.index.catch(() => cache.delete(db));
  }
  return { index: await hit.index, docs: hit.titles };
}

export async function recordUnanswered(
  db: Db,
  s: {
    at: Date;
    query: string;
    normalized: string;
    accountId: string;
    unionPath: string;
    consultationId: string | null;
  },
) {
  await db.insertInto('hotlineUnansweredSearches').values(s).execute();
}
