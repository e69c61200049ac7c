import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findRegion } from '../unions/region.ts';
import { type Area, type Bbox, DEMAND_CELL, type DemandCell, intersectBbox, padBbox } from './coverage.ts';
import { regionOutline } from './geo.ts';

type Db = Kysely<DB> | Transaction<DB>;
const DAY_MS = 86_400_000;

export interface ResolvedArea extends Area {
  /** 'outline': the region's own outline; 'district-extent': see regionArea. */
  source: 'outline' | 'district-extent' | 'view';
  name: string;
}

/**
 * The area of a region for coverage statistics. Provinces, prefectures (and the municipalities' 市辖区 city codes)
 * have outlines in region-bounds.json. Districts have none: a district's area is approximated by the outline of
 * its city (or province) clipped to the extent of the district's own stations, padded by 2 km. That reads
 * "coverage around where the district has stations" and overstates coverage of a district's empty fringe;
 * docs/station-operations.md says so. Null when the region is unknown or a district has no station to go by.
 */
export async function regionArea(db: Db, regionCode: string): Promise<ResolvedArea | null> {
  const region = findRegion(regionCode);
  if (!region) return null;
  const own =
    regionOutline(regionCode) ??
    (region.level === 'city' && region.name === '市辖区' ? regionOutline(region.provinceCode) : undefined);
  if (own) return { source: 'outline', name: region.fullName, bbox: own.bbox, contains: own.contains };
  const parent = (region.cityCode ? regionOutline(region.cityCode) : undefined) ?? regionOutline(region.provinceCode);
  if (!parent) return null;
  const extent = await db
    .selectFrom('stations')
    .select((eb) => [
      eb.fn.min<number>('lng').as('x0'),
      eb.fn.min<number>('lat').as('y0'),
      eb.fn.max<number>('lng').as('x1'),
      eb.fn.max<number>('lat').as('y1'),
    ])
    .where('regionCode', '=', regionCode)
    .executeTakeFirstOrThrow();
  if (extent.x0 === null) return null;
  const bbox = intersectBbox(padBbox([extent.x0, extent.y0, extent.x1, extent.y1], 2000), parent.bbox);
  if (!bbox) return null;
  const [x0, y0, x1, y1] = bbox;
  return {
    source: 'district-extent',
    name: region.fullName,
    bbox,
    contains: (lng, lat) => lng >= x0 && lng <= x1 && lat >= y0 && lat <= y1 && parent.contains(lng, lat),
  };
}

/** Active stations in a box (WGS-84), as [lng, lat]. */
export async function activeStationPoints(db: Db, bbox: Bbox): Promise<[number, number][]> {
  const rows = await db
    .selectFrom('stations')
    .select(['lng', 'lat'])
    .where('status', '=', 'active')
    .where('lng', '>=', bbox[0])
    .where('lat', '>=', bbox[1])
    .where('lng', '<=', bbox[2])
    .where('lat', '<=', bbox[3])
    .execute();
  return rows.map((r) => [r.lng, r.lat]);
}

/** Searches (from the demand grid) and positioned check-ins in a box over the last `days`, per demand cell. */
export async function demandCells(db: Db, bbox: Bbox, now: Date, days: number): Promise<DemandCell[]> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const sinceMonth = `${since.toISOString().slice(0, 7)}-01`;
  const [x0, y0] = [Math.floor(bbox[0] / DEMAND_CELL.lng), Math.floor(bbox[1] / DEMAND_CELL.lat)];
  const [x1, y1] = [Math.floor(bbox[2] / DEMAND_CELL.lng), Math.floor(bbox[3] / DEMAND_CELL.lat)];
  const { rows } = await sql<{ x: number; y: number; searches: number; checkins: number }>`
    SELECT x, y, sum(searches)::int AS searches, sum(checkins)::int AS checkins FROM (
      SELECT cell_x AS x, cell_y AS y, searches, 0 AS checkins
        FROM station_demand_cells
       WHERE month >= ${sinceMonth}::date AND cell_x BETWEEN ${x0} AND ${x1} AND cell_y BETWEEN ${y0} AND ${y1}
      UNION ALL
      SELECT floor(lng / ${DEMAND_CELL.lng})::int, floor(lat / ${DEMAND_CELL.lat})::int, 0, 1
        FROM station_checkins
       WHERE created_at >= ${since} AND lng IS NOT NULL
         AND lng BETWEEN ${bbox[0]} AND ${bbox[2]} AND lat BETWEEN ${bbox[1]} AND ${bbox[3]}
    ) d GROUP BY x, y`.execute(db);
  return rows;
}
