import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createTestDb, testKey } from '../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { MAP_ACCESS_LOG_SAMPLE } from './station-public.routes.ts';

const clock = fixedClock('2025-06-04T04:00:00Z');

describe('the map routes log sparingly, with request ids', () => {
  test('no per-request lines; an access line for every non-2xx answer and one in a hundred others', async () => {
    const { db } = await createTestDb({ demo: true });
    const lines: { msg: string; reqId?: string; req?: { url: string }; res?: { statusCode: number } }[] = [];
    const app = await buildApp({
      db,
      cipher: createFieldCipher(testKey()),
      clock,
      config: { dataDir: '/nonexistent', logLevel: 'info', trustProxy: false },
      logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    });
    after(() => app.close());
    await app.ready();
    lines.length = 0;
    const n = 2 * MAP_ACCESS_LOG_SAMPLE + 10;
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ url: `/api/v1/stations/nearby?lng=116.4${i}&lat=39.9&limit=3` });
      assert.equal(res.statusCode, 200);
    }
    const bad = await app.inject({ url: '/api/v1/stations/nearby?lng=116.4&lat=39.9&amenities=sauna' });
    const route = await app.inject({ url: '/api/v1/stations/along-route?path=116.3,40.0' });
    const health = await app.inject({ url: '/healthz' });
    const mapLines = lines.filter((l) => l.req?.url?.startsWith('/api/v1/stations/'));
    assert.equal(mapLines.length, 2 + 2, JSON.stringify(mapLines)); // two sampled, the 400 and the along-route 400
    assert.ok(mapLines.every((l) => l.msg === 'request completed' && typeof l.reqId === 'string'));
    assert.deepEqual(
      mapLines.slice(2).map((l) => [l.reqId, l.res!.statusCode]),
      [
        [bad.headers['x-request-id'], 400],
        [route.headers['x-request-id'], 400],
      ],
    );
    assert.ok(!lines.some((l) => l.msg === 'incoming request' && l.req?.url?.startsWith('/api/v1/stations/')));
    // Other routes keep their usual request logging.
    const healthLines = lines.filter((l) => l.reqId === health.headers['x-request-id']);
    assert.deepEqual(
      healthLines.map((l) => l.msg),
      ['incoming request', 'request completed'],
    );
  });
});
