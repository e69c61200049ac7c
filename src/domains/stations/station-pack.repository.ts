import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OpeningHours } from './opening-hours.ts';
import type { PackSource } from './station-pack.ts';

/** The stations on the public map (active, as the geo index holds them) whose district falls under a region prefix. */
export async function loadPackSources(db: Kysely<DB>, regionPrefix: string): Promise<PackSource[]> {
  const rows = await db
    .selectFrom('stations')
    .select(['code', 'name', 'address', 'lng', 'lat', 'openingHours', 'amenities', 'phone'])
    .where('status', '=', 'active')
    .where('regionCode', 'like', `${regionPrefix}%`)
    .execute();
  return rows.map((r) => ({ ...r, hours: r.openingHours as OpeningHours }));
}
