import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../test/app.ts';
import { SECURITY_HEADERS } from './platform/security-headers.ts';

const t = await createTestApp({ demo: false });

describe('platform', () => {
  test('/healthz and /readyz answer', async () => {
    assert.deepEqual((await t.app.inject({ url: '/healthz' })).json(), { status: 'ok' });
    assert.deepEqual((await t.app.inject({ url: '/readyz' })).json(), { status: 'ok' });
  });

  test('OpenAPI 3.1 describes the API, and /docs serves the interactive docs', async () => {
    const spec = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    assert.equal(spec.openapi, '3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/members', '/api/v1/members/{id}', '/api/v1/unions']) {
      assert.ok(spec.paths[path], `${path} documented`);
    }
    // Error answers are documented as what they are on the wire: problem+json.
    const loginErrors = spec.paths['/api/v1/auth/login'].post.responses;
    assert.ok(loginErrors['401'].content['application/problem+json'], JSON.stringify(loginErrors['401']));
    assert.equal(loginErrors['401'].content['application/json'], undefined);
    assert.ok(spec.paths['/api/v1/auth/login'].post.responses['200'].content['application/json']);
    const docs = await t.app.inject({ url: '/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  test('unknown API paths are problem+json 404s in Chinese by default, English on request', async () => {
    const zh = await t.app.inject({ url: '/api/v1/nope' });
    assert.equal(zh.statusCode, 404);
    assert.equal(zh.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(zh.json().title, '未找到');
    const en = await t.app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'en' } });
    assert.equal(en.json().title, 'Not found');
    assert.equal(en.json().status, 404);
  });

  test('security headers, request ids and no CORS by default', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.ok(res.headers['strict-transport-security']);
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-12351-abc' } });
    assert.equal(given.headers['x-request-id'], 'trace-12351-abc');
  });

  test('every route sends the same security headers: answers, the public station routes, 4xx problems, 404s', async () => {
    const names = Object.keys(SECURITY_HEADERS);
    assert.ok(names.length >= 12);
    const cases = [
      ['/healthz', 200],
      ['/api/v1/openapi.json', 200],
      ['/api/v1/stations/nearby?lng=116.4&lat=39.9&limit=5', 200],
      ['/api/v1/stations/along-route?path=116.3,39.9;116.5,39.9', 200],
      ['/api/v1/stations/amenities', 200],
      ['/api/v1/stations/nearby?lng=500&lat=39.9', 400],
      ['/api/v1/members', 401],
      ['/api/v1/nope', 404],
    ] as const;
    for (const [url, status] of cases) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, status, url);
      const sent = Object.fromEntries(names.map((n) => [n, res.headers[n]]));
      assert.deepEqual(sent, SECURITY_HEADERS, url);
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, url);
      assert.equal(res.headers['x-powered-by'], undefined, url);
    }
  });

  test('bodies over 1 MB and malformed JSON are 4xx problems, never 500', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ phone: '1', password: 'x'.repeat(1_100_000) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.headers['content-type'], 'application/problem+json; charset=utf-8');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": ',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().status, 400);
  });

  test('a URL that is not valid UTF-8 is a 400 problem, not Fastify’s own JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/unions/%ED%A0%80%C3%28' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().status, 400);
  });

  test('numbers that coerce to Infinity (?page=1e999, "Infinity" in a body) are field errors, not 500s', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: '13800000007', password: 'x' },
    });
    assert.equal(signIn.statusCode, 401); // no demo data here: any token-free route will do below
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/stations/nearby?lng=116.4&lat=1e999' });
    assert.equal(query.statusCode, 400, query.body);
    assert.deepEqual(
      query.json().errors.map((e: { field: string }) => e.field),
      ['querystring.lat'],
    );
  });
});
