import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { CSP_DIRECTIVES, registerSecurityHeaders, SECURITY_HEADERS } from './security-headers.ts';

/** Every header of a response except the ones that vary per request or per payload. */
const securityHeadersOf = (headers: Record<string, unknown>) => {
  const { date, connection, 'content-type': _t, 'content-length': _l, 'x-request-id': _id, ...rest } = headers;
  return rest;
};

async function headersFrom(register: (app: ReturnType<typeof Fastify>) => Promise<void> | void) {
  const app = Fastify({ logger: false });
  await register(app);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  const out: Record<string, Record<string, unknown>> = {};
  for (const url of ['/ok', '/boom', '/missing']) out[url] = (await app.inject({ url })).headers;
  await app.close();
  return out;
}

describe('security headers', () => {
  test('are exactly what @fastify/helmet sends with the same CSP, on answers, errors and 404s', async () => {
    const fromHelmet = await headersFrom((app) =>
      app.register(helmet, { contentSecurityPolicy: { directives: structuredClone(CSP_DIRECTIVES) } }),
    );
    const ours = await headersFrom((app) => registerSecurityHeaders(app));
    for (const url of ['/ok', '/boom', '/missing']) {
      assert.deepEqual(securityHeadersOf(ours[url]!), securityHeadersOf(fromHelmet[url]!), url);
      assert.deepEqual(securityHeadersOf(ours[url]!), SECURITY_HEADERS, url);
      assert.equal(fromHelmet[url]!['x-powered-by'], undefined);
    }
    assert.match(String(ours['/boom']!['x-request-id']), /^req-\d+$/, 'errors carry the request id');
  });

  test('the CSP keeps our directives over helmet defaults', () => {
    const csp = SECURITY_HEADERS['content-security-policy']!;
    assert.match(csp, /(^|;)default-src 'self'(;|$)/);
    assert.match(csp, /(^|;)frame-ancestors 'none'(;|$)/);
    assert.match(csp, /(^|;)img-src 'self' data: blob: https:(;|$)/);
    assert.match(csp, /(^|;)object-src 'none'(;|$)/);
    assert.doesNotMatch(csp, /frame-ancestors 'self'/);
  });

  test('each response gets its own request id header', async () => {
    const app = Fastify({ logger: false, genReqId: () => `req-${Math.random().toString(36).slice(2, 12)}` });
    registerSecurityHeaders(app);
    app.get('/ok', async () => ({ ok: true }));
    const a = await app.inject({ url: '/ok' });
    const b = await app.inject({ url: '/missing' });
    assert.match(String(a.headers['x-request-id']), /^req-/);
    assert.match(String(b.headers['x-request-id']), /^req-/);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    await app.close();
  });
});
