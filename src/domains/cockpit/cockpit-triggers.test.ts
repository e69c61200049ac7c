import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/app.ts';

/**
 * The summary triggers of every cockpit source survive deletes and updates, not only inserts: whatever a statement
 * removes or changes, the summaries equal a full rebuild afterwards.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-cockpit-trg-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ dataDir });

const snapshot = async () =>
  (
    await sql<{
      k: string;
    }>`select measure || ' ' || bucket_path || ' ' || coalesce(period::text, '') || ' ' || dim || ' ' || value as k from (
      select measure, bucket_path, null::date as period, '' as dim, value from cockpit_stock union all
      select measure, bucket_path, period, dim, value from cockpit_flow union all
      select measure, bucket_path, make_date(year, 1, 1), 'year', value from cockpit_flow_year) x
      where value <> 0 order by 1`.execute(t.db)
  ).rows.map((r) => r.k);

/** Runs a statement in a savepoint; refusals by a foreign key or an append-only trigger are the table's rules. */
async function attempt(statement: string): Promise<'done' | 'refused'> {
  try {
    await t.db.transaction().execute(async (trx) => {
      await sql.raw(statement).execute(trx);
    });
    return 'done';
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23503' || code === 'P0001' || code === '23514') return 'refused';
    throw err;
  }
}

describe('cockpit summary triggers', () => {
  test('station health rows deleted and rescored: the summaries follow and equal a rebuild', async () => {
    const before = await snapshot();
    const n = await sql<{ n: number }>`select count(*)::int as n from station_health`.execute(t.db);
    assert.ok(n.rows[0]!.n >= 2, 'the demo has health scores');
    assert.equal(
      await attempt(`update station_health set score = least(score + 7, 100)
                      where station_id in (select station_id from station_health order by station_id limit 3)`),
      'done',
    );
    assert.equal(
      await attempt(
        'delete from station_health where station_id = (select min(station_id::text)::uuid from station_health)',
      ),
      'done',
    );
    const incremental = await snapshot();
    assert.notDeepEqual(incremental, before, 'the health figures moved');
    await sql`select cockpit_rebuild()`.execute(t.db);
    assert.deepEqual(incremental, await snapshot());
  });

  test('one row deleted from every source table (where its own rules allow): the summaries equal a rebuild', async () => {
    const sources = await sql<{ source: string }>`select source from cockpit_sources order by source`.execute(t.db);
    const outcome: Record<string, string> = {};
    for (const { source } of sources.rows) {
      outcome[source] = await attempt(
        `delete from ${source} where ctid = (select ctid from ${source} order by ctid desc limit 1)`,
      );
    }
    assert.ok(Object.values(outcome).includes('done'), JSON.stringify(outcome));
    const incremental = await snapshot();
    await sql`select cockpit_rebuild()`.execute(t.db);
    assert.deepEqual(incremental, await snapshot(), JSON.stringify(outcome));
  });
});
