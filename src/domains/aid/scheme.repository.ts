import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';
import type { CoverageRule } from './coverage-rule.ts';
import type { HolidayKind } from './holidays-cn.ts';
import { addDays } from './plain-date.ts';
import { type WorkingCalendar, workingCalendar } from './working-days.ts';

type Db = Database | Transaction<DB>;

export async function listSchemes(db: Db) {
  const schemes = await db.selectFrom('aidSchemes').selectAll().orderBy('since').execute();
  const coverages = await db.selectFrom('aidCoverages').selectAll().orderBy('sortOrder').orderBy('code').execute();
  return schemes.map((s) => ({ ...s, coverages: coverages.filter((c) => c.schemeId === s.id) }));
}

export async function findSchemeByCode(db: Db, code: string) {
  return db.selectFrom('aidSchemes').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A coverage with its scheme's code and name, by the coverage's code. */
export async function findCoverage(db: Db, by: { code: string } | { id: string }) {
  let q = db
    .selectFrom('aidCoverages as c')
    .innerJoin('aidSchemes as s', 's.id', 'c.schemeId')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.nameEn',
      'c.schemeId',
      's.code as schemeCode',
      's.name as schemeName',
      's.since',
    ]);
  q = 'code' in by ? q.where('c.code', '=', by.code) : q.where('c.id', '=', by.id);
  return q.executeTakeFirst();
}

/** The rule version in force on `date`, if any. */
export async function findVersionOn(db: Db, coverageId: string, date: string) {
  return db
    .selectFrom('aidCoverageVersions')
    .selectAll()
    .where('coverageId', '=', coverageId)
    .where('effectiveFrom', '<=', date)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', date)]))
    .orderBy('effectiveFrom', 'desc')
    .executeTakeFirst();
}

export async function findVersionById(db: Db, id: string) {
  return db.selectFrom('aidCoverageVersions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function listVersions(db: Db, coverageId: string) {
  return db
    .selectFrom('aidCoverageVersions')
    .selectAll()
    .where('coverageId', '=', coverageId)
    .orderBy('effectiveFrom')
    .execute();
}

export async function insertScheme(db: Db, s: { code: string; name: string; nameEn: string; since: string }) {
  const id = uuidv7();
  await db
    .insertInto('aidSchemes')
    .values({ id, ...s })
    .execute();
  return id;
}

export async function insertCoverage(
  db: Db,
  c: { schemeId: string; code: string; name: string; nameEn: string; sortOrder: number },
) {
  const id = uuidv7();
  await db
    .insertInto('aidCoverages')
    .values({ id, ...c })
    .execute();
  return id;
}

export class VersionOrderError extends Error {}

/**
 * Adds a rule version from `effectiveFrom`, closing the open one the day before, inside the caller's transaction.
 * The coverage row is locked so two staff publishing at once cannot leave overlapping versions; history is never
 * rewritten (a new version must start after the latest one).
 */
export async function addVersion(
  trx: Transaction<DB>,
  v: {
    coverageId: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    rule: CoverageRule;
    createdBy: string | null;
  },
) {
  await trx
    .selectFrom('aidCoverages')
    .select('id')
    .where('id', '=', v.coverageId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const latest = await trx
    .selectFrom('aidCoverageVersions')
    .selectAll()
    .where('coverageId', '=', v.coverageId)
    .orderBy('effectiveFrom', 'desc')
    .executeTakeFirst();
  if (latest && latest.effectiveFrom >= v.effectiveFrom) throw new VersionOrderError(latest.effectiveFrom);
  if (latest && (latest.effectiveTo === null || latest.effectiveTo >= v.effectiveFrom)) {
    await trx
      .updateTable('aidCoverageVersions')
      .set({ effectiveTo: addDays(v.effectiveFrom, -1) })
      .where('id', '=', latest.id)
      .execute();
  }
  const id = uuidv7();
  await trx
    .insertInto('aidCoverageVersions')
    .values({ id, ...v, rule: JSON.stringify(v.rule) })
    .execute();
  return id;
}

// ── working-day calendar ─────────────────────────────────────────────────────────────────────────────────────────

const calendars = new WeakMap<object, { at: number; calendar: WorkingCalendar }>();
const CALENDAR_TTL_MS = 60_000;

/** The calendar from the holiday table, cached for a minute per pool (and dropped when this process edits it). */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const key = db as object;
  const hit = calendars.get(key);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.calendar;
  const rows = await db.selectFrom('aidHolidays').select(['date', 'kind']).execute();
  const calendar = workingCalendar(rows);
  calendars.set(key, { at: Date.now(), calendar });
  return calendar;
}

export function forgetCalendar(db: Db) {
  calendars.delete(db as object);
}

export async function listHolidays(db: Db, year?: number) {
  let q = db.selectFrom('aidHolidays').select(['date', 'kind', 'name']).orderBy('date');
  if (year) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return q.execute();
}

export async function upsertHoliday(db: Db, h: { date: string; kind: HolidayKind; name: string; updatedBy: string }) {
  const before = await db.selectFrom('aidHolidays').selectAll().where('date', '=', h.date).executeTakeFirst();
  await db
    .insertInto('aidHolidays')
    .values(h)
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({ kind: h.kind, name: h.name, updatedBy: h.updatedBy, updatedAt: sql`now()` }),
    )
    .execute();
  return before ?? null;
}

export async function deleteHoliday(db: Db, date: string) {
  return db.deleteFrom('aidHolidays').where('date', '=', date).returningAll().executeTakeFirst();
}

// ── review settings ──────────────────────────────────────────────────────────────────────────────────────────────

export async function reviewSettings(db: Db) {
  return db
    .selectFrom('aidReviewSettings')
    .select(['samplePercent', 'secondReviewThresholdFen', 'checkSlaDays', 'decideSlaDays'])
    .executeTakeFirstOrThrow();
}

export async function updateReviewSettings(
  db: Db,
  patch: Partial<{
    samplePercent: number;
    secondReviewThresholdFen: number;
    checkSlaDays: number;
    decideSlaDays: number;
  }>,
  updatedBy: string,
) {
  await db
    .updateTable('aidReviewSettings')
    .set({ ...patch, updatedBy, updatedAt: sql`now()` })
    .execute();
  return reviewSettings(db);
}
