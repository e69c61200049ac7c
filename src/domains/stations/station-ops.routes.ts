import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { can, operatorMayChangeStatus } from './station.policy.ts';
import { PhotoBody, RefParams, StatusBody } from './station.schemas.ts';
import { changeStationStatus } from './station.service.ts';
import { errorResponses, loadForActor, type StationPluginOptions, writeContext } from './station-access.ts';

/** Life-cycle changes, photos (file references) and operator links of one station. */
export const stationOpsRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const { db } = app.deps;

  app.post(
    '/stations/:ref/status',
    {
      schema: {
        tags: ['stations'],
        summary: 'Change the status (planned → active ⇄ suspended → exited) with a reason',
        params: RefParams,
        body: StatusBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      const staff = can(actor, 'status', resource);
      if (!staff && !can(actor, 'operate', resource)) throw Problem.forbidden();
      await changeStationStatus(
        db,
        station.id,
        { status: request.body.status, reason: request.body.reason.trim() },
        writeContext(request, actor, sync),
        staff ? undefined : operatorMayChangeStatus,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/stations/:ref/photos',
    {
      schema: {
        tags: ['stations'],
        summary: 'Attach a photo by file reference (the upload itself goes through the file service)',
        params: RefParams,
        body: PhotoBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      if (!can(actor, 'update', resource) && !can(actor, 'operate', resource)) throw Problem.forbidden();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('stationPhotos')
          .values({
            id,
            stationId: station.id,
            fileRef: request.body.fileRef,
            caption: request.body.caption ?? null,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'station.photo.add',
          entity: 'station',
          entityId: station.id,
          unionId: station.unionId,
          detail: { photoId: id },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.delete(
    '/stations/:ref/photos/:photoId',
    {
      schema: {
        tags: ['stations'],
        summary: 'Remove a photo from a station',
        params: Type.Object({ ref: RefParams.properties.ref, photoId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      if (!can(actor, 'update', resource) && !can(actor, 'operate', resource)) throw Problem.forbidden();
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('stationPhotos')
          .where('id', '=', request.params.photoId)
          .where('stationId', '=', station.id)
          .executeTakeFirst();
        if (gone.numDeletedRows === 0n) throw Problem.notFound();
        await recordAudit(trx, {
          actor,
          action: 'station.photo.remove',
          entity: 'station',
          entityId: station.id,
          unionId: station.unionId,
          detail: { photoId: request.params.photoId },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );

  const OperatorParams = Type.Object({ ref: RefParams.properties.ref, accountId: Type.String({ format: 'uuid' }) });

  app.put(
    '/stations/:ref/operators/:accountId',
    {
      schema: {
        tags: ['stations'],
        summary: 'Let a station_operator account run this station',
        params: OperatorParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      if (!can(actor, 'update', resource)) throw Problem.forbidden();
      const account = await db
        .selectFrom('accounts')
        .select(['id', 'role'])
        .where('id', '=', request.params.accountId)
        .executeTakeFirst();
      if (account?.role !== 'station_operator') {
        throw Problem.validation([
          {
            field: 'params.accountId',
            message: { 'zh-CN': '该账号不是站点运营账号', en: 'this is not a station_operator account' },
          },
        ]);
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('stationOperators')
          .values({ stationId: station.id, accountId: account.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'station.operator.add',
          entity: 'station',
          entityId: station.id,
          unionId: station.unionId,
          detail: { accountId: account.id },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/stations/:ref/operators/:accountId',
    {
      schema: {
        tags: ['stations'],
        summary: 'Unlink an operator account from this station',
        params: OperatorParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      if (!can(actor, 'update', resource)) throw Problem.forbidden();
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('stationOperators')
          .where('stationId', '=', station.id)
          .where('accountId', '=', request.params.accountId)
          .executeTakeFirst();
        if (gone.numDeletedRows === 0n) throw Problem.notFound();
        await recordAudit(trx, {
          actor,
          action: 'station.operator.remove',
          entity: 'station',
          entityId: station.id,
          unionId: station.unionId,
          detail: { accountId: request.params.accountId },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );
};
