/** Care activities and what they handed out and reached; totals for the calendar, the map and the reports. */
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { ActivityPlace, ActivityTeam } from './activity.table.ts';

const summaryColumns = [
  'a.id',
  'a.title',
  'a.kind',
  'a.unionId',
  'u.name as unionName',
  'a.startsOn',
  'a.endsOn',
  'a.places',
  'a.unionPath',
] as const;

function summaries(db: Database) {
  return db
    .selectFrom('careActivities as a')
    .innerJoin('unions as u', 'u.id', 'a.unionId')
    .select(summaryColumns)
    .select((eb) => [
      sql<number>`coalesce((select sum(people) from care_activity_reach r where r.activity_id = ${eb.ref('a.id')}), 0)::int`.as(
        'peopleReached',
      ),
      sql<number>`coalesce((select sum(quantity) from care_activity_handouts h where h.activity_id = ${eb.ref('a.id')}), 0)::int`.as(
        'itemsHandedOut',
      ),
    ]);
}

export function findActivity(db: Database, id: string) {
  return summaries(db).select(['a.teams', 'a.notes']).where('a.id', '=', id).executeTakeFirst();
}

/** Activities overlapping [from, to] in the subtree, by start date (the calendar and the map). */
export function listActivities(db: Database, scope: string, q: { from?: string; to?: string; unionId?: string }) {
  let query = summaries(db).where('a.unionPath', 'like', `${scope}%`);
  if (q.from) query = query.where('a.endsOn', '>=', q.from);
  if (q.to) query = query.where('a.startsOn', '<=', q.to);
  if (q.unionId) query = query.where('a.unionId', '=', q.unionId);
  return query.orderBy('a.startsOn').orderBy('a.id').limit(1000).execute();
}

export function toSummary(r: Awaited<ReturnType<typeof listActivities>>[number]) {
  const places = (r.places as ActivityPlace[]).map((p) => ({
    name: p.name,
    stationCode: p.stationCode ?? null,
    lng: p.lng ?? null,
    lat: p.lat ?? null,
  }));
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    unionId: r.unionId,
    unionName: r.unionName,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    places,
    peopleReached: r.peopleReached,
    itemsHandedOut: r.itemsHandedOut,
  };
}

export function activityTeams(teams: unknown): ActivityTeam[] {
  return (teams as ActivityTeam[]).map((t) => ({ name: t.name, leader: t.leader, members: t.members ?? [] }));
}

export function activityHandouts(db: Database, activityIds: string[]) {
  if (!activityIds.length) return Promise.resolve([]);
  return db
    .selectFrom('careActivityHandouts as h')
    .innerJoin('careItems as i', 'i.id', 'h.itemId')
    .select([
      'h.id',
      'h.activityId',
      'h.itemId',
      'i.name as itemName',
      'i.unit',
      'h.quantity',
      'h.placeName',
      'h.handedOn',
    ])
    .where('h.activityId', 'in', activityIds)
    .orderBy('h.handedOn')
    .orderBy('h.createdAt')
    .execute();
}

export function activityReach(db: Database, activityIds: string[]) {
  if (!activityIds.length) return Promise.resolve([]);
  return db
    .selectFrom('careActivityReach')
    .select(['id', 'activityId', 'day as date', 'placeName', 'people'])
    .where('activityId', 'in', activityIds)
    .orderBy('day')
    .execute();
}

export function activityPhotos(db: Database, activityId: string) {
  return db
    .selectFrom('careActivityPhotos')
    .select(['id', 'caption', 'contentType', 'fileKey'])
    .where('activityId', '=', activityId)
    .orderBy('createdAt')
    .execute();
}

/** Σ quantity per item, biggest first. */
export function byItem(handouts: { itemId: string; itemName: string; unit: string; quantity: number }[]) {
  const m = new Map<string, { itemId: string; itemName: string; unit: string; quantity: number }>();
  for (const h of handouts) {
    const row = m.get(h.itemId) ?? { itemId: h.itemId, itemName: h.itemName, unit: h.unit, quantity: 0 };
    row.quantity += h.quantity;
    m.set(h.itemId, row);
  }
  return [...m.values()].sort((a, b) => b.quantity - a.quantity || a.itemName.localeCompare(b.itemName, 'zh-CN'));
}
