import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { normaliseIdNumber, validateIdNumber } from './id-number.ts';
import type { CardStatus, MemberStatus } from './member.table.ts';
import { normalisePhone } from './phone.ts';

export interface MemberFilter {
  /** Subtree the actor may see (null = all). */
  scopePath: string | null;
  /** Narrows to a union's subtree (already checked to be inside the scope). */
  unionPath?: string;
  q?: string;
  status?: MemberStatus;
  cardStatus?: CardStatus | 'none';
  page: number;
  pageSize: number;
}

/** The newest card of each member, for list views. */
function latestCard(db: Database) {
  return db
    .selectFrom('aidCards as c')
    .select(['c.memberId', 'c.cardNo', 'c.status', 'c.validFrom', 'c.validTo'])
    .distinctOn('c.memberId')
    .orderBy('c.memberId')
    .orderBy('c.validTo', 'desc');
}

/**
 * One page of members inside the actor's subtree. `q` matches a full ID number (by its keyed hash), a phone or card
 * number prefix, or part of a name.
 */
export async function listMembers(db: Database, cipher: FieldCipher, filter: MemberFilter) {
  let query = db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .leftJoin(latestCard(db).as('c'), 'c.memberId', 'm.id');
  if (filter.scopePath) query = query.where('m.unionPath', 'like', `${filter.scopePath}%`);
  if (filter.unionPath) query = query.where('m.unionPath', 'like', `${filter.unionPath}%`);
  if (filter.status) query = query.where('m.status', '=', filter.status);
  if (filter.cardStatus === 'none') query = query.where('c.cardNo', 'is', null);
  else if (filter.cardStatus) query = query.where('c.status', '=', filter.cardStatus);
  const q = filter.q?.trim();
  if (q) {
    const id = validateIdNumber(normaliseIdNumber(q));
    const phone = normalisePhone(q);
    if (id.ok) query = query.where('m.idNumberHash', '=', cipher.hash('idNumber', id.value));
    else if (phone) query = query.where('m.phone', '=', phone);
    else if (/^[\dA-Za-z-]{3,}$/.test(q)) {
      query = query.where((eb) =>
        eb.or([eb('m.phone', 'like', `${q}%`), eb('c.cardNo', 'like', `${q.toUpperCase()}%`)]),
      );
    } else query = query.where('m.name', 'like', `%${q.replace(/[\\%_]/g, '\\$&')}%`);
  }
  const [{ total }] = (await query.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
    { total: number },
  ];
  const items = await query
    .select([
      'm.id',
      'm.name',
      'm.phone',
      'm.idNumberMasked',
      'm.gender',
      'm.unionId',
      'u.name as unionName',
      'm.status',
      'm.joinedOn',
      'c.cardNo',
      'c.status as cardStatus',
      'c.validFrom',
      'c.validTo',
    ])
    .orderBy('m.unionPath')
    .orderBy('m.name')
    .orderBy('m.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      phone: r.phone,
      idNumberMasked: r.idNumberMasked,
      gender: r.gender,
      unionId: r.unionId,
      unionName: r.unionName,
      status: r.status,
      joinedOn: r.joinedOn,
      card:
        r.cardNo && r.cardStatus && r.validFrom && r.validTo
          ? { cardNo: r.cardNo, status: r.cardStatus, validFrom: r.validFrom, validTo: r.validTo }
          : null,
    })),
  };
}

export async function findMemberRef(db: Database, id: string) {
  return db.selectFrom('members').select(['id', 'unionId', 'unionPath']).where('id', '=', id).executeTakeFirst();
}

/** Full record for a detail screen: masked values only; the encrypted blobs never leave this module. */
export async function findMemberDetail(db: Database, id: string) {
  const member = await db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select([
      'm.id',
      'm.name',
      'm.phone',
      'm.idNumberMasked',
      'm.gender',
      'm.birthDate',
      'm.status',
      'm.joinedOn',
      'm.unionPath',
      'u.id as unionId',
      'u.code as unionCode',
      'u.name as unionName',
      'u.kind as unionKind',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!member) return undefined;
  const [history, cards] = await Promise.all([
    db
      .selectFrom('memberStatusHistory as h')
      .innerJoin('unions as u', 'u.id', 'h.unionId')
      .select(['h.status', 'h.at', 'u.name as unionName', 'h.reason'])
      .where('h.memberId', '=', id)
      .orderBy('h.at')
      .orderBy('h.id')
      .execute(),
    db
      .selectFrom('aidCards')
      .select(['id', 'cardNo', 'status', 'validFrom', 'validTo', 'bankAccountMasked', 'bankName'])
      .where('memberId', '=', id)
      .orderBy('validTo', 'desc')
      .execute(),
  ]);
  return {
    id: member.id,
    name: member.name,
    phone: member.phone,
    idNumberMasked: member.idNumberMasked,
    gender: member.gender,
    birthDate: member.birthDate,
    status: member.status,
    joinedOn: member.joinedOn,
    unionPath: member.unionPath,
    union: { id: member.unionId, code: member.unionCode, name: member.unionName, kind: member.unionKind },
    statusHistory: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    cards,
  };
}

/** The encrypted value behind a reveal; the caller has checked the policy and writes the audit entry. */
export async function readSensitive(db: Database, memberId: string, field: 'idNumber' | 'bankAccount') {
  if (field === 'idNumber') {
    const row = await db.selectFrom('members').select('idNumberEnc').where('id', '=', memberId).executeTakeFirst();
    return row?.idNumberEnc ?? null;
  }
  const row = await db
    .selectFrom('aidCards')
    .select('bankAccountEnc')
    .where('memberId', '=', memberId)
    .where('bankAccountEnc', 'is not', null)
    .orderBy('validTo', 'desc')
    .executeTakeFirst();
  return row?.bankAccountEnc ?? null;
}

export async function setMemberStatus(
  db: Database,
  memberId: string,
  change: { status: MemberStatus; unionId: string; reason: string; actorId: string },
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('members')
      .set({ status: change.status, updatedAt: sql`now()` })
      .where('id', '=', memberId)
      .execute();
    await trx
      .insertInto('memberStatusHistory')
      .values({
        memberId,
        status: change.status,
        unionId: change.unionId,
        reason: change.reason,
        actorId: change.actorId,
      })
      .execute();
  });
}
