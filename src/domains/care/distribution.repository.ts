/** Queries over distributions, their lines (recipients) and hand-overs. */
import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';

export function findDistribution(db: Database | Transaction<DB>, id: string) {
  return db
    .selectFrom('careDistributions as d')
    .innerJoin('unions as u', 'u.id', 'd.fromUnionId')
    .innerJoin('careItems as i', 'i.id', 'd.itemId')
    .select([
      'd.id',
      'd.title',
      'd.fromUnionId',
      'd.fromUnionPath',
      'u.name as fromUnionName',
      'd.itemId',
      'i.name as itemName',
      'i.unit',
      'd.note',
      'd.createdAt',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export type DistributionRow = NonNullable<Awaited<ReturnType<typeof findDistribution>>>;

export function listDistributions(db: Database, scope: string, unionId?: string) {
  let q = db
    .selectFrom('careDistributions as d')
    .innerJoin('unions as u', 'u.id', 'd.fromUnionId')
    .innerJoin('careItems as i', 'i.id', 'd.itemId')
    .innerJoin('careDistributionLines as l', 'l.distributionId', 'd.id')
    .select([
      'd.id',
      'd.title',
      'd.fromUnionId',
      'u.name as fromUnionName',
      'd.itemId',
      'i.name as itemName',
      'i.unit',
      'd.createdAt',
      sql<number>`sum(l.planned)::int`.as('planned'),
      sql<number>`sum(l.delivered)::int`.as('delivered'),
      sql<number>`sum(l.confirmed)::int`.as('confirmed'),
      sql<number>`sum(l.returned)::int`.as('returned'),
    ])
    .where('d.fromUnionPath', 'like', `${scope}%`)
    .groupBy(['d.id', 'u.name', 'i.name', 'i.unit']);
  if (unionId) q = q.where('d.fromUnionId', '=', unionId);
  return q.orderBy('d.createdAt', 'desc').limit(500).execute();
}

/** Lines with their recipient's name; union recipients also carry their path (for the confirm policy). */
export function distributionLines(db: Database | Transaction<DB>, distributionId: string) {
  return db
    .selectFrom('careDistributionLines as l')
    .leftJoin('unions as u', 'u.id', 'l.toUnionId')
    .leftJoin('members as m', 'm.id', 'l.toMemberId')
    .select([
      'l.id',
      'l.toUnionId',
      'l.toMemberId',
      'u.name as unionName',
      'u.code as unionCode',
      'm.name as memberName',
      'l.planned',
      'l.delivered',
      'l.confirmed',
      'l.returned',
    ])
    .where('l.distributionId', '=', distributionId)
    .orderBy('l.position')
    .execute();
}

export type LineRow = Awaited<ReturnType<typeof distributionLines>>[number];

export function recipientOf(l: LineRow) {
  return l.toUnionId
    ? { kind: 'union' as const, id: l.toUnionId, name: l.unionName ?? '', code: l.unionCode }
    : { kind: 'member' as const, id: l.toMemberId!, name: l.memberName ?? '', code: null };
}

export function distributionHandovers(db: Database, distributionId: string) {
  return db
    .selectFrom('careHandovers')
    .select([
      'id',
      'lineId',
      'quantity',
      'at',
      'handedOverBy',
      'signedName',
      'signatureSvg',
      'signaturePng',
      'confirmedAt',
      'confirmMethod',
      'confirmToken',
    ])
    .where('distributionId', '=', distributionId)
    .orderBy('at')
    .execute();
}

/** The line, locked for the rest of the transaction: hand-overs and returns of one line queue on it. */
export function lockLine(trx: Transaction<DB>, distributionId: string, lineId: string) {
  return trx
    .selectFrom('careDistributionLines as l')
    .leftJoin('unions as u', 'u.id', 'l.toUnionId')
    .select([
      'l.id',
      'l.toUnionId',
      'l.toMemberId',
      'u.path as toUnionPath',
      'l.planned',
      'l.delivered',
      'l.confirmed',
      'l.returned',
    ])
    .where('l.id', '=', lineId)
    .where('l.distributionId', '=', distributionId)
    .forUpdate('l')
    .executeTakeFirst();
}

/** A hand-over with what the confirm policy needs to know about its recipient. */
export function findHandover(db: Database | Transaction<DB>, where: { id: string } | { token: string }) {
  let q = db
    .selectFrom('careHandovers as h')
    .innerJoin('careDistributionLines as l', 'l.id', 'h.lineId')
    .innerJoin('careDistributions as d', 'd.id', 'h.distributionId')
    .leftJoin('unions as u', 'u.id', 'l.toUnionId')
    .select([
      'h.id',
      'h.lineId',
      'h.quantity',
      'h.confirmedAt',
      'h.confirmToken',
      'l.toUnionId',
      'l.toMemberId',
      'u.path as toUnionPath',
      'd.fromUnionPath',
      'd.id as distributionId',
    ]);
  q = 'id' in where ? q.where('h.id', '=', where.id) : q.where('h.confirmToken', '=', where.token);
  return q.executeTakeFirst();
}

/** Hand-overs with their line, distribution, the union handing over and the goods. */
function handoversWithGoods(db: Database) {
  return db
    .selectFrom('careHandovers as h')
    .innerJoin('careDistributionLines as l', 'l.id', 'h.lineId')
    .innerJoin('careDistributions as d', 'd.id', 'h.distributionId')
    .innerJoin('unions as u', 'u.id', 'd.fromUnionId')
    .innerJoin('careItems as i', 'i.id', 'd.itemId');
}

export function memberHandovers(db: Database, memberId: string) {
  return handoversWithGoods(db)
    .select([
      'h.id',
      'd.title as distributionTitle',
      'u.name as fromUnionName',
      'i.name as itemName',
      'i.unit',
      'h.quantity',
      'h.at',
      'h.confirmedAt',
    ])
    .where('l.toMemberId', '=', memberId)
    .orderBy('h.at', 'desc')
    .limit(200)
    .execute();
}

/**
 * The unconfirmed hand-over a QR token stands for, with what the member is asked to sign for: the goods (and, for a
 * kit, what one kit holds), the quantity and the union handing over. A used token is cleared, so it finds nothing.
 */
export async function handoverByToken(db: Database, token: string) {
  const h = await handoversWithGoods(db)
    .select([
      'h.id',
      'l.toMemberId',
      'd.title as distributionTitle',
      'u.name as fromUnionName',
      'd.itemId',
      'i.name as itemName',
      'i.unit',
      'i.kind',
      'h.quantity',
      'h.at',
    ])
    .where('h.confirmToken', '=', token)
    .where('h.confirmedAt', 'is', null)
    .executeTakeFirst();
  if (!h) return undefined;
  const components = await db
    .selectFrom('careKitComponents as c')
    .innerJoin('careItems as i', 'i.id', 'c.itemId')
    .select(['i.name as itemName', 'i.unit', 'c.quantity'])
    .where('c.kitId', '=', h.itemId)
    .orderBy('i.name')
    .execute();
  return { ...h, components };
}
