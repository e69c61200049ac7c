/** Volunteer shifts, sign-ups and the hours they add up to. */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { MIN_SERVICE_MINUTES } from './volunteer-hours.ts';

export function shifts(db: Database) {
  return db
    .selectFrom('careVolunteerShifts as s')
    .innerJoin('unions as u', 'u.id', 's.unionId')
    .select([
      's.id',
      's.unionId',
      'u.name as unionName',
      's.unionPath',
      's.title',
      's.community',
      's.day as date',
      's.startTime',
      's.endTime',
      's.task',
      's.capacity',
      's.signedUp',
    ]);
}

export type ShiftRow = Awaited<ReturnType<ReturnType<typeof shifts>['execute']>>[number];
export const shiftView = ({ unionPath: _p, ...s }: ShiftRow) => s;

/** Minutes and shifts served (see `countsAsServed`) per member for shifts dated in `year`, in the subtree. */
export function hoursByMember(db: Database, scope: string, year: number, unionId?: string) {
  let q = db
    .selectFrom('careVolunteerSignups as g')
    .innerJoin('careVolunteerShifts as s', 's.id', 'g.shiftId')
    .innerJoin('members as m', 'm.id', 'g.memberId')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select([
      'g.memberId',
      'm.name as memberName',
      'u.name as unionName',
      sql<number>`count(*)::int`.as('shifts'),
      sql<number>`coalesce(sum(g.minutes), 0)::int`.as('minutes'),
    ])
    .where('g.minutes', '>=', MIN_SERVICE_MINUTES)
    .where('s.day', '>=', `${year}-01-01`)
    .where('s.day', '<=', `${year}-12-31`)
    .where('m.unionPath', 'like', `${scope}%`)
    .groupBy(['g.memberId', 'm.name', 'u.name']);
  if (unionId) q = q.where('m.unionId', '=', unionId);
  return q.orderBy('minutes', 'desc').orderBy('m.name').execute();
}

export function memberShifts(db: Database, memberId: string, year: number) {
  return db
    .selectFrom('careVolunteerSignups as g')
    .innerJoin('careVolunteerShifts as s', 's.id', 'g.shiftId')
    .innerJoin('unions as u', 'u.id', 's.unionId')
    .select([
      's.id as shiftId',
      's.title',
      's.community',
      's.day as date',
      's.task',
      's.startTime',
      's.endTime',
      'g.minutes',
      'u.name as unionName',
    ])
    .where('g.memberId', '=', memberId)
    .where('s.day', '>=', `${year}-01-01`)
    .where('s.day', '<=', `${year}-12-31`)
    .orderBy('s.day')
    .execute();
}
