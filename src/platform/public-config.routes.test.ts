import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../test/app.ts';
import { PublicConfigError, publicConfigFromEnv } from './public-config.routes.ts';

describe('public config from the environment', () => {
  test('no MAP_TILE_URL means no tiles', () => {
    assert.deepEqual(publicConfigFromEnv({}), { mapTileUrl: '', mapAttribution: '', mapTileCrs: 'wgs84' });
  });

  test('an https or same-origin template with {z}/{x}/{y} is accepted', () => {
    for (const url of ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', '/tiles/{z}/{x}/{y}.png']) {
      const config = publicConfigFromEnv({ MAP_TILE_URL: ` ${url} `, MAP_ATTRIBUTION: '© OSM', MAP_TILE_CRS: 'GCJ02' });
      assert.deepEqual(config, { mapTileUrl: url, mapAttribution: '© OSM', mapTileCrs: 'gcj02' });
    }
  });

  test('anything else fails at start with a message naming the variable', () => {
    for (const url of [
      'http://tile.example.com/{z}/{x}/{y}.png',
      'https://tile.example.com/tiles.png',
      'javascript:alert(1)//{z}{x}{y}',
      '//evil.example/{z}/{x}/{y}',
    ]) {
      assert.throws(
        () => publicConfigFromEnv({ MAP_TILE_URL: url }),
        (e: Error) => {
          return e instanceof PublicConfigError && e.message.includes('MAP_TILE_URL');
        },
      );
    }
    assert.throws(() => publicConfigFromEnv({ MAP_TILE_CRS: 'bd09' }), /MAP_TILE_CRS/);
  });
});

test('GET /api/v1/config/public answers without sign-in', async () => {
  const saved = process.env.MAP_TILE_URL;
  delete process.env.MAP_TILE_URL;
  try {
    const t = await createTestApp({ demo: false });
    const res = await t.app.inject({ url: '/api/v1/config/public' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { mapTileUrl: '', mapAttribution: '', mapTileCrs: 'wgs84' });
    assert.match(String(res.headers['cache-control']), /max-age/);
  } finally {
    if (saved !== undefined) process.env.MAP_TILE_URL = saved;
  }
});
