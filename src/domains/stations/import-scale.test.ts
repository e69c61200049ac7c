import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestDb, testKey } from '../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { systemClock } from '../../platform/clock.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { distanceM, fromWgs84, toWgs84 } from './geo.ts';
import { generateStationsFile, seeded } from './station-generator.ts';
import { importStations } from './station-import.service.ts';

const N = 100_000;

/** Indices of the k smallest values, ascending: a linear scan, the plainest possible brute force. */
function smallest(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (best.length === k && values[i]! >= values[best[k - 1]!]!) continue;
    let j = best.length < k ? best.length : k - 1;
    while (j > 0 && values[best[j - 1]!]! > values[i]!) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best;
}

test(`imports ${N.toLocaleString('en')} generated stations (GB18030, GCJ-02); nearest answers match brute force in every CRS`, async () => {
  const started = Date.now();
  const { db } = await createTestDb({ demo: true });
  const { file, stations } = generateStationsFile(N, { seed: 4, crs: 'gcj02', encoding: 'gb18030' });
  const union = await db.selectFrom('unions').select(['id', 'path']).where('code', '=', 'BJ').executeTakeFirstOrThrow();
  const generated = Date.now();
  const report = await importStations(db, file, {
    fileName: 'generated.csv',
    crs: 'gcj02',
    dryRun: false,
    skipInvalid: false,
    union,
    scopePath: null,
    actor: null,
  });
  const imported = Date.now();
  assert.deepEqual(report.errors.slice(0, 3), []);
  assert.deepEqual([report.inserted, report.updated, report.applied], [N, 0, true]);

  // Stored WGS-84 is the generator's truth to within the GCJ-02 round trip.
  const rows = await db
    .selectFrom('stations')
    .select(['code', 'externalId', 'lng', 'lat'])
    .where('status', '=', 'active')
    .execute();
  const byExternal = new Map(rows.map((r) => [r.externalId, r]));
  for (const s of stations.filter((_, i) => i % 997 === 0)) {
    const row = byExternal.get(s.externalId)!;
    assert.ok(distanceM(row.lng, row.lat, s.lng, s.lat) < 0.5, s.externalId);
  }

  const app = await buildApp({
    db,
    cipher: createFieldCipher(testKey()),
    clock: systemClock,
    config: { dataDir: '/nonexistent', logLevel: 'silent', trustProxy: false },
    logger: false,
  });
  after(() => app.close());
  await app.ready();

  const xs = Float64Array.from(rows, (r) => r.lng);
  const ys = Float64Array.from(rows, (r) => r.lat);
  const r = seeded(99);
  for (let p = 0; p < 200; p++) {
    // Half the points near stations (cities), half anywhere over China's extent.
    const anchor = stations[r.int(0, stations.length - 1)]!;
    const [lng, lat] =
      p % 2
        ? [anchor.lng + (r.next() - 0.5) * 0.2, anchor.lat + (r.next() - 0.5) * 0.2]
        : [75 + r.next() * 55, 20 + r.next() * 32];
    const dist = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) dist[i] = distanceM(lng, lat, xs[i]!, ys[i]!);
    const order = smallest(dist, 6);
    for (const crs of ['wgs84', 'gcj02', 'bd09'] as const) {
      const [qx, qy] = fromWgs84(lng, lat, crs);
      const res = await app.inject({ url: `/api/v1/stations/nearby?lng=${qx}&lat=${qy}&crs=${crs}&limit=5` });
      assert.equal(res.statusCode, 200);
      const items = res.json().items as { code: string; distanceM: number }[];
      // The query point as the service saw it (after the CRS round trip) differs from ours by centimetres.
      const [bx, by] = toWgs84(qx, qy, crs);
      assert.ok(distanceM(lng, lat, bx, by) < 0.5);
      assert.equal(items.length, 5);
      items.forEach((item, k) => {
        assert.ok(Math.abs(item.distanceM - dist[order[k]!]!) < 1, `${crs} point ${p} rank ${k}`);
        // Codes must match too, except between stations whose distances tie to within a metre.
        const d = dist[order[k]!]!;
        const tied = Math.abs(d - dist[order[k + 1]!]!) < 1 || (k > 0 && Math.abs(d - dist[order[k - 1]!]!) < 1);
        if (!tied) assert.equal(item.code, rows[order[k]!]!.code, `${crs} point ${p} rank ${k}`);
      });
    }
  }
  const checked = Date.now();
  console.log(
    `# scale: generate ${generated - started} ms, import ${imported - generated} ms (${Math.round((N / (imported - generated)) * 1000)} rows/s), 600 nearby checks ${checked - imported} ms`,
  );
});
