/** Shared by the care route plugins: resolving a union for the actor, conflict problems. */
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/index.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { type CareAction, can } from './care.policy.ts';

export interface UnionRef {
  id: string;
  path: string;
  name: string;
  code: string;
}

export function findUnion(db: Database, id: string): Promise<UnionRef | undefined> {
  return db.selectFrom('unions').select(['id', 'path', 'name', 'code']).where('id', '=', id).executeTakeFirst();
}

/**
 * The union named in a request body or query, when the actor may act on it: 400 for an unknown union (a bad
 * field), 403 for a union outside the actor's subtree.
 */
export async function unionForActor(
  request: FastifyRequest,
  unionId: string,
  action: CareAction,
  field: string,
): Promise<{ actor: Actor; union: UnionRef }> {
  const actor = requireCareStaff(request, action);
  const union = await findUnion(request.server.deps.db, unionId);
  if (!union) throw Problem.validation([{ field, message: 'notFound' }]);
  if (!can(actor, action, { unionPath: union.path })) throw Problem.forbidden();
  return { actor, union };
}

/** Staff only (care.read or care.manage); the SQL then filters by `scopePath(actor)`. */
export function requireCareStaff(request: FastifyRequest, action: CareAction): Actor {
  const actor = requireActor(request);
  if (actor.role === 'member' || actor.role === 'station_operator') throw Problem.forbidden();
  if (!can(actor, action, { unionPath: actor.unionPath ?? '/' })) throw Problem.forbidden();
  return actor;
}

/** The prefix of union paths the actor sees ('' = all, for an admin without a union). */
export function scopePath(actor: Actor): string {
  return actor.unionPath ?? '';
}

export function conflict(field: string, zh: string, en: string, extra?: Record<string, unknown>): Problem {
  return new Problem(409, 'conflict', {
    detail: { 'zh-CN': zh, en },
    errors: [{ field, message: { 'zh-CN': zh, en } }],
    extra,
  });
}

export function requireMember(request: FastifyRequest): Actor & { memberId: string } {
  const actor = requireActor(request);
  if (actor.role !== 'member' || !actor.memberId) throw Problem.forbidden();
  return actor as Actor & { memberId: string };
}

export interface CareMember {
  id: string;
  name: string;
  unionId: string;
  unionPath: string;
  status: string;
}

/** The signed-in member and her place in the tree: what the member pages of care offer and accept depends on it. */
export async function requireCareMember(request: FastifyRequest): Promise<CareMember> {
  const actor = requireMember(request);
  return request.server.deps.db
    .selectFrom('members')
    .select(['id', 'name', 'unionId', 'unionPath', 'status'])
    .where('id', '=', actor.memberId)
    .executeTakeFirstOrThrow();
}
