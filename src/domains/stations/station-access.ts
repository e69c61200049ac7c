/** Shared by the station route plugins: loading a station for the signed-in actor, error schemas, contexts. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';
import type { StationIndexSync } from './geo-index.service.ts';
import { can } from './station.policy.ts';
import { findStationRef, isStationOperator } from './station.repository.ts';
import { resolveRef, type WriteContext } from './station.service.ts';

export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export interface StationPluginOptions {
  sync: StationIndexSync;
}

export function writeContext(request: FastifyRequest, actor: Actor, sync: StationIndexSync): WriteContext {
  return { actor, requestId: request.id, ip: request.ip, sync };
}

/** Loads the station behind `:ref` and what the actor may do with it; 404 when the actor may not even see it. */
export async function loadForActor(request: FastifyRequest, ref: string) {
  const actor = requireActor(request);
  const station = await findStationRef(request.server.deps.db, resolveRef(ref));
  if (!station) throw Problem.notFound();
  const operatedByActor =
    actor.role === 'station_operator' && (await isStationOperator(request.server.deps.db, station.id, actor.accountId));
  const resource = { unionPath: station.unionPath, operatedByActor };
  if (!can(actor, 'read', resource)) throw Problem.notFound();
  return { actor, station, resource };
}

export function unknownAmenities(field: string, names: string[]): Problem {
  return Problem.validation([
    {
      field,
      message: {
        'zh-CN': `未知的设施：${names.join('、')}`,
        en: `unknown amenities: ${names.join(', ')}`,
      },
    },
  ]);
}
