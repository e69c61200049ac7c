import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findRegion } from '../unions/region.ts';
import type { Amenity } from './amenity.ts';
import type { ManagementMode, StationStatus, StationTable } from './station.table.ts';
import { MAX_SEQUENCE } from './station-code.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Thrown when a region and type would need a sequence number past 99999. */
export class SequenceExhausted extends Error {
  constructor(
    readonly regionCode: string,
    readonly stationType: string,
  ) {
    super(`no station code left for ${regionCode}${stationType}`);
  }
}

/**
 * Reserves `count` consecutive sequence numbers for (region, type) in one atomic statement and returns the first.
 * The counter row only ever grows, so a number is never handed out twice, even if the caller's transaction
 * rolls back (the counter update rolls back with it, and nobody else saw those numbers).
 */
export async function allocateSequences(
  db: Db,
  regionCode: string,
  stationType: string,
  count: number,
): Promise<number> {
  const { rows } = await sql<{ next: number }>`
    INSERT INTO station_code_counters (region_code, station_type, next)
    VALUES (${regionCode}, ${stationType}, ${1 + count})
    ON CONFLICT (region_code, station_type) DO UPDATE SET next = station_code_counters.next + ${count}
    RETURNING next`.execute(db);
  const next = rows[0]!.next;
  if (next - 1 > MAX_SEQUENCE) throw new SequenceExhausted(regionCode, stationType);
  return next - count;
}

export type NewStation = Omit<StationTable, 'createdAt' | 'updatedAt'>;

export async function insertStation(db: Db, station: NewStation, actorId: string | null): Promise<void> {
  await db
    .insertInto('stations')
    .values({
      ...station,
      openingHours: JSON.stringify(station.openingHours),
      lastVerified: JSON.stringify(station.lastVerified),
    })
    .execute();
  await db
    .insertInto('stationStatusHistory')
    .values({ stationId: station.id, status: station.status, reason: null, actorId })
    .execute();
}

export interface StationRef {
  id: string;
  code: string;
  name: string;
  unionId: string;
  unionPath: string;
  status: StationStatus;
  lng: number;
  lat: number;
  regionCode: string;
  openingHours: unknown;
  amenities: string[];
  lastVerified: unknown;
}

/** The fields every check needs; `forUpdate` locks the row for a read-then-write. */
export async function findStationRef(db: Db, by: { id?: string; code?: string }, forUpdate = false) {
  let q = db
    .selectFrom('stations')
    .select([
      'id',
      'code',
      'name',
      'unionId',
      'unionPath',
      'status',
      'lng',
      'lat',
      'regionCode',
      'openingHours',
      'amenities',
      'lastVerified',
    ]);
  q = by.id ? q.where('id', '=', by.id) : q.where('code', '=', by.code!);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as StationRef | undefined;
}

export async function isStationOperator(db: Db, stationId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('stationOperators')
    .select('stationId')
    .where('stationId', '=', stationId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return !!row;
}

export async function updateStationRow(db: Db, id: string, patch: Partial<NewStation>): Promise<void> {
  const values: Record<string, unknown> = { ...patch, updatedAt: sql`now()` };
  if ('openingHours' in patch) values.openingHours = JSON.stringify(patch.openingHours);
  if ('lastVerified' in patch) values.lastVerified = JSON.stringify(patch.lastVerified);
  await db.updateTable('stations').set(values).where('id', '=', id).execute();
}

export async function setStationStatus(
  db: Db,
  id: string,
  change: { status: StationStatus; reason: string; actorId: string | null },
): Promise<void> {
  await db.updateTable('stations').set({ status: change.status, updatedAt: sql`now()` }).where('id', '=', id).execute();
  await db
    .insertInto('stationStatusHistory')
    .values({ stationId: id, ...change })
    .execute();
}

export interface StationFilter {
  /** The actor's subtree (null: whole tree). */
  scopePath: string | null;
  /** Only stations these operator accounts run (for station_operator actors). */
  operatorAccountId?: string;
  unionPath?: string;
  regionCode?: string;
  status?: StationStatus;
  managementMode?: ManagementMode;
  amenities?: Amenity[];
  q?: string;
  page: number;
  pageSize: number;
}

function regionPrefix(code: string): string {
  const region = findRegion(code);
  if (region?.level === 'province') return code.slice(0, 2);
  if (region?.level === 'city') return code.slice(0, 4);
  return code;
}

export async function listStations(db: Db, f: StationFilter) {
  let base = db.selectFrom('stations as s').innerJoin('unions as u', 'u.id', 's.unionId');
  if (f.scopePath) base = base.where('s.unionPath', 'like', `${f.scopePath}%`);
  if (f.operatorAccountId) {
    const account = f.operatorAccountId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('stationOperators as o')
          .select('o.stationId')
          .whereRef('o.stationId', '=', 's.id')
          .where('o.accountId', '=', account),
      ),
    );
  }
  if (f.unionPath) base = base.where('s.unionPath', 'like', `${f.unionPath}%`);
  if (f.regionCode) base = base.where('s.regionCode', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.status) base = base.where('s.status', '=', f.status);
  if (f.managementMode) base = base.where('s.managementMode', '=', f.managementMode);
  if (f.amenities?.length) base = base.where(sql<boolean>`s.amenities @> ${sql.val(f.amenities)}::text[]`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([eb('s.name', 'ilike', like), eb('s.address', 'ilike', like), eb('s.code', 'ilike', like)]),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      's.id',
      's.code',
      's.name',
      's.address',
      's.regionCode',
      's.unionId',
      'u.name as unionName',
      's.managementMode',
      's.status',
      's.lng',
      's.lat',
      's.amenities',
      's.openingHours',
      's.updatedAt',
    ])
    .orderBy('s.unionPath')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total), items };
}

export async function findStationDetail(db: Db, id: string) {
  const station = await db
    .selectFrom('stations as s')
    .innerJoin('unions as u', 'u.id', 's.unionId')
    .selectAll('s')
    .select(['u.code as unionCode', 'u.name as unionName'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!station) return undefined;
  const [history, photos, operators] = await Promise.all([
    db
      .selectFrom('stationStatusHistory')
      .select(['status', 'at', 'reason', 'actorId'])
      .where('stationId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    listPhotos(db, id),
    db
      .selectFrom('stationOperators as o')
      .innerJoin('accounts as a', 'a.id', 'o.accountId')
      .select(['o.accountId', 'a.displayName'])
      .where('o.stationId', '=', id)
      .orderBy('a.displayName')
      .execute(),
  ]);
  return { ...station, history, photos, operators };
}

export async function listPhotos(db: Db, stationId: string) {
  return db
    .selectFrom('stationPhotos')
    .select(['id', 'fileRef', 'caption'])
    .where('stationId', '=', stationId)
    .orderBy('sortOrder')
    .orderBy('createdAt')
    .execute();
}

/** The station behind a public page or sign: everything public, nothing private (no investment, no operators). */
export async function findPublicStation(db: Db, by: { id?: string; code?: string }) {
  let q = db
    .selectFrom('stations')
    .select([
      'id',
      'code',
      'stationType',
      'name',
      'address',
      'regionCode',
      'hostOrg',
      'status',
      'lng',
      'lat',
      'openingHours',
      'amenities',
      'phone',
      'lastVerified',
    ]);
  q = by.id ? q.where('id', '=', by.id) : q.where('code', '=', by.code!);
  return q.executeTakeFirst();
}

/** Rows for the geo index: active stations, all of them or the given ids (whatever their status now). */
export async function loadIndexRows(db: Db, ids?: readonly string[]) {
  let q = db
    .selectFrom('stations')
    .select(['id', 'code', 'name', 'address', 'lng', 'lat', 'openingHours', 'amenities', 'status']);
  q = ids ? q.where('id', 'in', ids) : q.where('status', '=', 'active');
  return q.execute();
}
