import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { ClaimStatus } from './claim-state.ts';
import type { CardSpan, PriorClaim } from './eligibility.ts';

type Db = Database | Transaction<DB>;

/** The member as eligibility sees them: membership dates, cards with the day each stopped counting. */
export async function memberContext(db: Db, memberId: string) {
  const member = await db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select(['m.id', 'm.name', 'm.phone', 'm.status', 'm.joinedOn', 'm.unionId', 'm.unionPath', 'u.name as unionName'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!member) return undefined;
  let leftOn: string | null = null;
  if (member.status !== 'active') {
    const left = await db
      .selectFrom('memberStatusHistory')
      .select('at')
      .where('memberId', '=', memberId)
      .where('status', '<>', 'active')
      .orderBy('at', 'desc')
      .executeTakeFirst();
    leftOn = left ? shanghaiDay(left.at) : member.joinedOn;
  }
  const cardRows = await db
    .selectFrom('aidCards as c')
    .select([
      'c.id',
      'c.validFrom',
      'c.validTo',
      'c.status',
      'c.updatedAt',
      (eb) =>
        eb
          .selectFrom('aidCardStatusHistory as h')
          .select((sub) => sub.fn.max('h.at').as('at'))
          .whereRef('h.cardId', '=', 'c.id')
          .where('h.status', '<>', 'active')
          .as('inactiveAt'),
    ])
    .where('c.memberId', '=', memberId)
    .execute();
  const cards: CardSpan[] = cardRows.map((c) => ({
    validFrom: c.validFrom,
    validTo: c.validTo,
    inactiveFrom: c.status === 'active' ? null : shanghaiDay(new Date(c.inactiveAt ?? c.updatedAt)),
  }));
  return { ...member, leftOn, cards, group: 'in_service' as const };
}

/** The member's other claims, for duplicate and limit checks. */
export async function priorClaims(db: Db, memberId: string, excludeClaimId?: string): Promise<PriorClaim[]> {
  let q = db
    .selectFrom('aidClaims as a')
    .innerJoin('aidCoverages as c', 'c.id', 'a.coverageId')
    .innerJoin('aidSchemes as s', 's.id', 'c.schemeId')
    .select([
      'a.id',
      'c.code as coverageCode',
      's.code as schemeCode',
      'a.incidentDate',
      'a.status',
      'a.approvedAmountFen as amountFen',
    ])
    .where('a.memberId', '=', memberId);
  if (excludeClaimId) q = q.where('a.id', '<>', excludeClaimId);
  return q.execute();
}

/** Letters and digits only, full-width folded, so "5号楼 2单元 602" and "5号楼2单元602" are the same place. */
export function addressKey(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

const REF_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Finds the incident by its reference, or by coverage, date and address; creates it when there is none. */
export async function resolveIncident(
  db: Db,
  input: { ref?: string; coverageId: string; incidentDate: string; address: string },
): Promise<{ id: string; ref: string } | 'refMismatch'> {
  if (input.ref) {
    const found = await db
      .selectFrom('aidIncidents')
      .selectAll()
      .where('ref', '=', input.ref.trim().toUpperCase())
      .executeTakeFirst();
    if (!found || found.coverageId !== input.coverageId || found.incidentDate !== input.incidentDate)
      return 'refMismatch';
    return found;
  }
  const key = addressKey(input.address);
  const match = await db
    .selectFrom('aidIncidents')
    .select(['id', 'ref'])
    .where('coverageId', '=', input.coverageId)
    .where('incidentDate', '=', input.incidentDate)
    .where('addressKey', '=', key)
    .executeTakeFirst();
  if (match) return match;
  const id = uuidv7();
  const suffix = Array.from(randomBytes(5), (b) => REF_ALPHABET[b % REF_ALPHABET.length]).join('');
  const ref = `SJ${input.incidentDate.replaceAll('-', '')}-${suffix}`;
  await db
    .insertInto('aidIncidents')
    .values({
      id,
      ref,
      coverageId: input.coverageId,
      incidentDate: input.incidentDate,
      address: input.address,
      addressKey: key,
    })
    .execute();
  return { id, ref };
}

export async function nextClaimNo(db: Db, year: string): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('aid_claim_no_seq') as n`.execute(db);
  return `SB${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

/** The claim with what every view and check needs: coverage, scheme, member, union and incident. */
export async function findClaim(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('aidClaims as a')
    .innerJoin('aidCoverages as c', 'c.id', 'a.coverageId')
    .innerJoin('aidSchemes as s', 's.id', 'c.schemeId')
    .innerJoin('members as m', 'm.id', 'a.memberId')
    .innerJoin('unions as u', 'u.id', 'a.unionId')
    .innerJoin('aidIncidents as i', 'i.id', 'a.incidentId')
    .selectAll('a')
    .select([
      'c.code as coverageCode',
      'c.name as coverageName',
      'c.nameEn as coverageNameEn',
      's.code as schemeCode',
      's.name as schemeName',
      'm.name as memberName',
      'm.phone as memberPhone',
      'u.name as unionName',
      'i.ref as incidentRef',
      (eb) =>
        eb
          .selectFrom('aidClaims as o')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('o.incidentId', '=', 'a.incidentId')
          .whereRef('o.id', '<>', 'a.id')
          .as('relatedClaims'),
    ])
    .where('a.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}
export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

export async function claimEvents(db: Db, claimId: string) {
  return db
    .selectFrom('aidClaimEvents')
    .select(['at', 'action', 'fromStatus', 'toStatus', 'reason', 'actorRole'])
    .where('claimId', '=', claimId)
    .orderBy('id')
    .execute();
}

export async function claimDocuments(db: Db, claimId: string) {
  return db
    .selectFrom('aidClaimDocuments')
    .select(['id', 'docType', 'fileName', 'contentType', 'sizeBytes', 'uploadedAt'])
    .where('claimId', '=', claimId)
    .where('deletedAt', 'is', null)
    .orderBy('uploadedAt')
    .execute();
}

export async function latestPayout(db: Db, claimId: string) {
  return db
    .selectFrom('aidPayouts')
    .select(['status', 'amountFen', 'failureReason', 'settledOn', 'reference'])
    .where('claimId', '=', claimId)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

export async function insertClaimEvent(
  db: Db,
  e: {
    claimId: string;
    at: Date;
    actorId: string | null;
    actorRole: string | null;
    action: string;
    fromStatus: ClaimStatus | null;
    toStatus: ClaimStatus | null;
    reason?: string | null;
    detail?: Record<string, unknown>;
  },
) {
  await db
    .insertInto('aidClaimEvents')
    .values({ ...e, reason: e.reason ?? null, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export interface QueueFilter {
  scopePath: string | null;
  statuses?: ClaimStatus[];
  secondReviewPending?: boolean;
  unpaidOnly?: boolean;
  coverageCode?: string;
  unionPath?: string;
  /** status_changed_at on or before this instant (age filter, in working days, resolved by the caller). */
  changedBefore?: Date;
  claimNo?: string;
  page: number;
  pageSize: number;
}

/**
 * A work queue page inside the actor's subtree, oldest first. Filters and the count touch only aid_claims (its queue
 * index); names are joined for the page's rows alone, so the member table's size does not weigh on every request.
 */
export async function listQueue(db: Db, f: QueueFilter) {
  let q = db.selectFrom('aidClaims as a');
  if (f.scopePath) q = q.where('a.unionPath', 'like', `${f.scopePath}%`);
  if (f.unionPath) q = q.where('a.unionPath', 'like', `${f.unionPath}%`);
  if (f.statuses?.length) q = q.where('a.status', 'in', f.statuses);
  if (f.secondReviewPending)
    q = q.where('a.secondReviewRequired', '=', true).where('a.firstApprovedBy', 'is not', null);
  if (f.unpaidOnly) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('aidPayouts as p')
            .select('p.id')
            .whereRef('p.claimId', '=', 'a.id')
            .where('p.status', '<>', 'failed'),
        ),
      ),
    );
  }
  if (f.coverageCode) {
    const code = f.coverageCode;
    q = q.where('a.coverageId', 'in', (eb) => eb.selectFrom('aidCoverages').select('id').where('code', '=', code));
  }
  if (f.changedBefore) q = q.where('a.statusChangedAt', '<=', f.changedBefore);
  if (f.claimNo) q = q.where('a.claimNo', '=', f.claimNo.toUpperCase());
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const page = q
    .select('a.id')
    .orderBy('a.statusChangedAt')
    .orderBy('a.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .as('pg');
  const items = await db
    .selectFrom(page)
    .innerJoin('aidClaims as a', 'a.id', 'pg.id')
    .innerJoin('aidCoverages as c', 'c.id', 'a.coverageId')
    .innerJoin('members as m', 'm.id', 'a.memberId')
    .innerJoin('unions as u', 'u.id', 'a.unionId')
    .select([
      'a.id',
      'a.claimNo',
      'a.status',
      'a.statusChangedAt',
      'a.incidentDate',
      'a.submittedAt',
      'a.claimedLossFen',
      'a.approvedAmountFen',
      'a.secondReviewRequired',
      'a.firstApprovedBy',
      'c.code as coverageCode',
      'c.name as coverageName',
      'c.nameEn as coverageNameEn',
      'm.name as memberName',
      'u.name as unionName',
    ])
    .orderBy('a.statusChangedAt')
    .orderBy('a.id')
    .execute();
  return { items, total };
}

/** A member's claims, newest first (her own list, and the 12351 operator's look-up, which also shows `paidAt`). */
export async function listMemberClaims(db: Db, memberId: string) {
  return db
    .selectFrom('aidClaims as a')
    .innerJoin('aidCoverages as c', 'c.id', 'a.coverageId')
    .select([
      'a.id',
      'a.claimNo',
      'a.status',
      'a.statusChangedAt',
      'a.incidentDate',
      'a.approvedAmountFen',
      'a.decisionReason',
      'a.paidAt',
      'c.code as coverageCode',
      'c.name as coverageName',
      'c.nameEn as coverageNameEn',
    ])
    .where('a.memberId', '=', memberId)
    .orderBy('a.createdAt', 'desc')
    .execute();
}

export type MemberClaimRow = Awaited<ReturnType<typeof listMemberClaims>>[number];
