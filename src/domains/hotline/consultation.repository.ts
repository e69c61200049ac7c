import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';

type Db = Database | Transaction<DB>;

/** Members with this phone inside the subtree (null path: everywhere), active ones first. */
export async function membersByPhone(db: Db, phone: string, scopePath: string | null) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select(['m.id', 'm.name', 'm.status', 'm.idNumberMasked', 'm.unionId', 'm.unionPath', 'u.name as unionName'])
    .where('m.phone', '=', phone);
  if (scopePath !== null) q = q.where('m.unionPath', 'like', `${scopePath}%`);
  return q.orderBy(sql`m.status = 'active'`, 'desc').orderBy('m.updatedAt', 'desc').execute();
}

/** The member as the operator sees them: masked ID, the latest card and whether it covers today. */
export async function callerMember(db: Db, memberId: string, now: Date) {
  const m = await db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select(['m.id', 'm.name', 'm.status', 'm.idNumberMasked', 'm.unionId', 'm.unionPath', 'u.name as unionName'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!m) return null;
  const card = await db
    .selectFrom('aidCards')
    .select(['cardNo', 'status', 'validFrom', 'validTo'])
    .where('memberId', '=', memberId)
    .orderBy('validTo', 'desc')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  const today = shanghaiDay(now);
  return {
    unionPath: m.unionPath,
    view: {
      id: m.id,
      name: m.name,
      union: { id: m.unionId, name: m.unionName },
      memberStatus: m.status,
      idNumberMasked: m.idNumberMasked,
      card: card
        ? {
            cardNoMasked: maskIdNumber(card.cardNo),
            status: card.status,
            validFrom: card.validFrom,
            validTo: card.validTo,
            coversToday: card.status === 'active' && card.validFrom <= today && today <= card.validTo,
          }
        : null,
    },
  };
}

export async function previousConsultations(db: Db, phone: string, scopePath: string | null) {
  let q = db
    .selectFrom('hotlineConsultations')
    .select(['id', 'startedAt', 'topic', 'outcome'])
    .where('callerPhone', '=', phone);
  if (scopePath !== null) q = q.where('unionPath', 'like', `${scopePath}%`);
  const rows = await q.orderBy('startedAt', 'desc').limit(5).execute();
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() }));
}

/** The union of an operator without a caller: their own, or the root of the tree for a national admin. */
export async function operatorUnion(db: Db, unionId: string | null) {
  let q = db.selectFrom('unions').select(['id', 'path']);
  q = unionId ? q.where('id', '=', unionId) : q.where('parentId', 'is', null).orderBy('path');
  return q.executeTakeFirstOrThrow();
}

export async function findConsultation(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hotlineConsultations').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof findConsultation>>>;

export function followUpOverdue(f: { dueAt: Date; doneAt: Date | null }, now: Date) {
  return f.doneAt === null && f.dueAt.getTime() < now.getTime();
}

/** Follow-ups with what the list shows about their consultation. */
export function followUpQuery(db: Db) {
  return db
    .selectFrom('hotlineFollowUps as f')
    .innerJoin('hotlineConsultations as c', 'c.id', 'f.consultationId')
    .leftJoin('members as m', 'm.id', 'c.memberId')
    .select([
      'f.id',
      'f.consultationId',
      'f.dueAt',
      'f.note',
      'f.doneAt',
      'f.doneNote',
      'f.unionPath',
      'c.callerPhone',
      'c.topic',
      'm.name as memberName',
    ]);
}

export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['execute']>>[number];

export function followUpView(f: FollowUpRow, now: Date) {
  return {
    id: f.id,
    consultationId: f.consultationId,
    dueAt: f.dueAt.toISOString(),
    note: f.note,
    doneAt: f.doneAt?.toISOString() ?? null,
    doneNote: f.doneNote,
    overdue: followUpOverdue(f, now),
    callerPhoneMasked: maskPhone(f.callerPhone),
    memberName: f.memberName,
    topic: f.topic,
  };
}

/** Everything the consultation view shows besides the row itself. */
export async function consultationParts(db: Db, c: ConsultationRow) {
  const [union, operator, answers, prechecks, claims, followUps, satisfaction, link] = await Promise.all([
    db.selectFrom('unions').select(['id', 'name']).where('id', '=', c.unionId).executeTakeFirstOrThrow(),
    db
      .selectFrom('accounts')
      .select(['id', 'displayName as name'])
      .where('id', '=', c.operatorId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('hotlineConsultationAnswers as l')
      .innerJoin('hotlineKbAnswers as a', 'a.id', 'l.answerId')
      .select(['a.id', 'a.title', 'l.linkedAt'])
      .where('l.consultationId', '=', c.id)
      .orderBy('l.linkedAt')
      .execute(),
    db
      .selectFrom('hotlinePrechecks as p')
      .innerJoin('aidCoverages as cv', 'cv.id', 'p.coverageId')
      .select(['p.at', 'cv.code as coverageCode', 'p.incidentDate', 'p.eligible', 'p.result'])
      .where('p.consultationId', '=', c.id)
      .orderBy('p.at')
      .execute(),
    db
      .selectFrom('hotlineConsultationClaims as l')
      .innerJoin('aidClaims as a', 'a.id', 'l.claimId')
      .innerJoin('aidCoverages as cv', 'cv.id', 'a.coverageId')
      .select(['a.id', 'a.claimNo', 'a.status', 'a.incidentDate', 'cv.code', 'cv.name', 'l.relation'])
      .where('l.consultationId', '=', c.id)
      .orderBy('l.at')
      .execute(),
    followUpQuery(db).where('f.consultationId', '=', c.id).orderBy('f.dueAt').execute(),
    db.selectFrom('hotlineSatisfaction').selectAll().where('consultationId', '=', c.id).executeTakeFirst(),
    db.selectFrom('hotlineFeedbackLinks').selectAll().where('consultationId', '=', c.id).executeTakeFirst(),
  ]);
  return { union, operator, answers, prechecks, claims, followUps, satisfaction, link };
}

export async function linkedClaimCount(db: Db, consultationId: string) {
  const r = await db
    .selectFrom('hotlineConsultationClaims')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('consultationId', '=', consultationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
