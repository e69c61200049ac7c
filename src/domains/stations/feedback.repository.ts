import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReportKind, ReportStatus } from './feedback.table.ts';

type Db = Kysely<DB> | Transaction<DB>;
type FeedbackTable = 'stationCheckins' | 'stationRatings' | 'stationReports';

export type Recorded = { id: string; created: true } | { id: string; created: false; sameRequest: boolean };

/**
 * Inserts one feedback row exactly once per Idempotency-Key. `ON CONFLICT DO NOTHING` makes a concurrent duplicate
 * wait for the first insert and then do nothing, so after it the winner's row is visible and is returned instead;
 * `sameRequest` says whether the replay carried the same content (a key reused for something else is a client bug).
 */
export async function recordOnce<T extends FeedbackTable>(db: Db, table: T, row: Insertable<DB[T]>): Promise<Recorded> {
  const values = row as Insertable<DB['stationCheckins']>;
  const inserted = await (db as Kysely<DB>)
    .insertInto(table as 'stationCheckins')
    .values(values)
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await (db as Kysely<DB>)
    .selectFrom(table as 'stationCheckins')
    .select(['id', 'requestHash'])
    .where('idempotencyKey', '=', values.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false, sameRequest: existing.requestHash.equals(values.requestHash) };
}

/** The advisory-lock class of "one rating per account, station and day" (the two-key space; see ratedOnDay). */
const RATING_LOCK_CLASS = 5_701;

/**
 * Whether an account already rated a station between `from` and `to`, other than by the post `key` names (a replay
 * of a post recorded before is answered as a replay, not refused). Takes a transaction lock on the account and
 * station first, so that two different posts racing in are judged one after the other.
 */
export async function ratedOnDay(
  trx: Transaction<DB>,
  r: { stationId: string; accountId: string; from: Date; to: Date; key: string },
): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(${RATING_LOCK_CLASS}, hashtext(${`${r.accountId}:${r.stationId}`}))`.execute(
    trx,
  );
  const replay = await trx
    .selectFrom('stationRatings')
    .select('id')
    .where('idempotencyKey', '=', r.key)
    .executeTakeFirst();
  if (replay) return false;
  const earlier = await trx
    .selectFrom('stationRatings')
    .select('id')
    .where('stationId', '=', r.stationId)
    .where('accountId', '=', r.accountId)
    .where('createdAt', '>=', r.from)
    .where('createdAt', '<', r.to)
    .executeTakeFirst();
  return !!earlier;
}

export interface FeedbackSummary {
  ratingAverage: number | null;
  ratingCount: number;
  checkinsLast30Days: number;
}

/** The public figures of a station's page; two indexed aggregates on one station. */
export async function feedbackSummary(db: Db, stationId: string, since: Date): Promise<FeedbackSummary> {
  const [ratings, checkins] = await Promise.all([
    db
      .selectFrom('stationRatings')
      .select((eb) => [eb.fn.avg<string | null>('stars').as('average'), eb.fn.countAll<number>().as('count')])
      .where('stationId', '=', stationId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('stationCheckins')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('stationId', '=', stationId)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow(),
  ]);
  const count = Number(ratings.count);
  return {
    ratingAverage: count && ratings.average !== null ? Math.round(Number(ratings.average) * 10) / 10 : null,
    ratingCount: count,
    checkinsLast30Days: Number(checkins.count),
  };
}

export interface ReportFilter {
  /** The actor's subtree ('/1/3/'); null with no operator id means the whole tree (admin). */
  scopePath: string | null;
  /** For station operators: only the stations this account runs. */
  operatorAccountId?: string;
  status?: ReportStatus;
  kind?: ReportKind;
  stationCode?: string;
  page: number;
  pageSize: number;
}

/** Reports on the stations an actor may see, newest first; scoped in SQL by the station's union path. */
export async function listReports(db: Db, f: ReportFilter) {
  let q = db.selectFrom('stationReports as r').innerJoin('stations as s', 's.id', 'r.stationId');
  if (f.operatorAccountId) {
    const accountId = f.operatorAccountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('stationOperators as o')
          .select('o.stationId')
          .whereRef('o.stationId', '=', 's.id')
          .where('o.accountId', '=', accountId),
      ),
    );
  } else if (f.scopePath !== null) {
    q = q.where('s.unionPath', 'like', `${f.scopePath}%`);
  }
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.stationCode) q = q.where('s.code', '=', f.stationCode);
  const [items, total] = await Promise.all([
    q
      .select([
        'r.id',
        'r.kind',
        'r.amenity',
        'r.text',
        'r.status',
        'r.statusNote',
        'r.statusChangedAt',
        'r.createdAt',
        's.code as stationCode',
        's.name as stationName',
        's.address as stationAddress',
        's.regionCode',
        sql<boolean>`r.account_id IS NOT NULL`.as('signedIn'),
      ])
      .orderBy('r.createdAt', 'desc')
      .orderBy('r.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One report with what a policy needs to judge it; `FOR UPDATE OF r` locks the report for a status change. */
export async function findReportForUpdate(db: Transaction<DB>, id: string) {
  return db
    .selectFrom('stationReports as r')
    .innerJoin('stations as s', 's.id', 'r.stationId')
    .select(['r.id', 'r.status', 'r.stationId', 's.code as stationCode', 's.unionId', 's.unionPath'])
    .where('r.id', '=', id)
    .forUpdate('r')
    .executeTakeFirst();
}

export async function setReportStatus(
  db: Transaction<DB>,
  id: string,
  change: { status: ReportStatus; note: string | null; by: string; at: Date },
) {
  return db
    .updateTable('stationReports')
    .set({ status: change.status, statusNote: change.note, statusChangedBy: change.by, statusChangedAt: change.at })
    .where('id', '=', id)
    .returning(['id', 'status', 'statusNote', 'statusChangedAt'])
    .executeTakeFirstOrThrow();
}
