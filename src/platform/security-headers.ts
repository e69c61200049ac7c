/**
 * The security headers of every response, computed once at start-up.
 *
 * They are exactly what @fastify/helmet sent with our CSP (security-headers.test.ts checks them against helmet
 * itself), but helmet rebuilds its whole middleware, re-parsing the CSP, on every request, and adds two async
 * hooks to every route: that cost the hot public routes (/stations/nearby) more than their own work. The set is
 * static (no CSP nonces), so one frozen object and one synchronous hook do the same job for every route, 404s and
 * errors included.
 */
import type { FastifyInstance } from 'fastify';

/** The CSP directives, in @fastify/helmet's option format, so the test can feed helmet the very same policy. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"], // antd and swagger-ui inject styles at run time
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'], // map tiles come from a configurable https server
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Helmet's default directives, which it merges under ours (`useDefaults`), in the order it writes them. */
const CSP_DEFAULTS: Record<string, readonly string[]> = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  fontSrc: ["'self'", 'https:', 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", 'https:', "'unsafe-inline'"],
  upgradeInsecureRequests: [],
};

function contentSecurityPolicy(directives: Record<string, readonly string[]>): string {
  const merged: Record<string, readonly string[]> = { ...CSP_DEFAULTS, ...directives };
  return Object.entries(merged)
    .map(([name, values]) => [kebab(name), ...values].join(' '))
    .join(';');
}

/** Header name (lower case) → value, sent on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': contentSecurityPolicy(CSP_DIRECTIVES),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Sets the security headers and the request id on every reply, in onRequest (as helmet did) so that errors and
 * 404s carry them too; a route or a later hook may still override one (swagger-ui sets its own CSP on /docs).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of ENTRIES) reply.header(name, value);
    reply.header('x-request-id', request.id);
    done();
  });
}
