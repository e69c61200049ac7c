import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './errors.ts';
import { hasPermission, type Permission } from './permissions.ts';
import type { Actor } from './roles.ts';

export const SESSION_COOKIE = 'uc_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Anyone may call the route: no session needed (its handler may still use one when given). */
    public?: boolean;
  }
}

/** A new bearer token (256 random bits) and the hash that is all the database keeps of it. */
export function newSessionToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

export type ResolveActor = (tokenHash: Buffer) => Promise<Actor | null>;

/** Puts the signed-in actor (or null) on every request; routes then ask `requireActor`/`requirePermission`. */
export function registerAuthentication(app: FastifyInstance, resolveActor: ResolveActor) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = tokenOf(request);
    if (!token || token.length > 200) return;
    request.actor = await resolveActor(hashSessionToken(token));
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new Problem(401, 'unauthorized');
  return request.actor;
}

export function requirePermission(request: FastifyRequest, permission: Permission): Actor {
  const actor = requireActor(request);
  if (!hasPermission(actor.role, permission)) throw Problem.forbidden();
  return actor;
}

/**
 * The API's door: a route not marked `config: { public: true }` answers 401 to a request without a valid session
 * before its input is read or validated — a visitor learns nothing of the route's fields from a 400. The routes
 * still ask `requireActor`/`requirePermission` themselves (for the permission, and as a second lock).
 */
export function requireSessionUnlessPublic(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (!request.actor && !request.routeOptions.config.public) throw new Problem(401, 'unauthorized');
  });
}
