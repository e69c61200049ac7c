import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import type { FileStore } from '../aid/file-store.ts';
import {
  activityHandouts,
  activityPhotos,
  activityReach,
  activityTeams,
  findActivity,
  listActivities,
  toSummary,
} from './activity.repository.ts';
import {
  ActivityBody,
  ActivityDetail,
  ActivityList,
  ActivityPatch,
  ActivityQuery,
  HandoutBody,
  PhotoParams,
  ReachBody,
} from './activity.schemas.ts';
import type { ActivityPlace } from './activity.table.ts';
import { can } from './care.policy.ts';
import { requireCareStaff, scopePath, unionForActor } from './care-access.ts';
import { dateRangeIssues, isRealDate, type PlaceInput, placeIssues } from './care-rules.ts';
import { findItem, moveStock } from './stock.repository.ts';
import { Created, errorResponses, IdParams } from './stock.schemas.ts';

const tags = ['care activities'];
const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Places with station codes checked against the registry; a station's coordinates fill in missing ones. */
async function resolvePlaces(db: Database, places: PlaceInput[]): Promise<ActivityPlace[]> {
  const issues: FieldError[] = placeIssues(places);
  const codes = places.flatMap((p) => (p.stationCode ? [p.stationCode.trim()] : []));
  const stations = codes.length
    ? await db.selectFrom('stations').select(['code', 'lng', 'lat', 'status']).where('code', 'in', codes).execute()
    : [];
  const resolved = places.map((p, i) => {
    const code = p.stationCode?.trim() || null;
    const station = code ? stations.find((s) => s.code === code) : undefined;
    if (code && !station)
      issues.push({
        field: `body.places.${i}.stationCode`,
        message: { 'zh-CN': '站点编码不存在', en: 'no station with this code' },
      });
    return {
      name: p.name.trim(),
      stationCode: code,
      lng: p.lng ?? station?.lng ?? null,
      lat: p.lat ?? station?.lat ?? null,
    };
  });
  if (issues.length) throw Problem.validation(issues);
  return resolved;
}

async function loadActivity(request: FastifyRequest, id: string, action: 'read' | 'manage') {
  const actor = requireCareStaff(request, 'read');
  const activity = await findActivity(request.server.deps.db, id);
  if (!activity || !can(actor, 'read', { unionPath: activity.unionPath })) throw Problem.notFound();
  if (!can(actor, action, { unionPath: activity.unionPath })) throw Problem.forbidden();
  return { actor, activity };
}

function placeNamed(activity: { places: unknown }, name: string): boolean {
  return (activity.places as ActivityPlace[]).some((p) => p.name === name.trim());
}

const notAPlace: FieldError['message'] = { 'zh-CN': '不是本活动的地点', en: 'is not one of the activity’s places' };

/** Care activities (送清凉 …): places, teams, handouts drawn from stock, people reached, photos. */
export function activityRoutes(files: FileStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db, clock } = app.deps;

    app.post(
      '/care/activities',
      {
        schema: {
          tags,
          summary: 'Create an activity',
          body: ActivityBody,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
        const issues = dateRangeIssues(
          { field: 'body.startsOn', day: body.startsOn },
          { field: 'body.endsOn', day: body.endsOn },
        );
        if (issues.length) throw Problem.validation(issues);
        const places = await resolvePlaces(db, body.places);
        const id = uuidv7();
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('careActivities')
            .values({
              id,
              unionId: union.id,
              unionPath: union.path,
              title: body.title.trim(),
              kind: body.kind,
              startsOn: body.startsOn,
              endsOn: body.endsOn,
              places: JSON.stringify(places),
              teams: JSON.stringify(activityTeams(body.teams)),
              notes: body.notes?.trim() || null,
              createdBy: actor.accountId,
            })
            .execute();
          await recordAudit(trx, {
            actor,
            action: 'care.activity.create',
            entity: 'care_activity',
            entityId: id,
            unionId: union.id,
            detail: { title: body.title },
            requestId: request.id,
            ip: request.ip,
          });
        });
        return reply.code(201).send({ id });
      },
    );

    app.get(
      '/care/activities',
      {
        schema: {
          tags,
          summary: 'Activities overlapping a period (calendar and map)',
          querystring: ActivityQuery,
          response: { 200: ActivityList, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireCareStaff(request, 'read');
        return { items: (await listActivities(db, scopePath(actor), request.query)).map(toSummary) };
      },
    );

    app.get(
      '/care/activities/:id',
      {
        schema: {
          tags,
          summary: 'An activity with handouts, reach and photos',
          params: IdParams,
          response: { 200: ActivityDetail, ...errorResponses },
        },
      },
      async (request) => {
        const { activity } = await loadActivity(request, request.params.id, 'read');
        const [handouts, reach, photos] = await Promise.all([
          activityHandouts(db, [activity.id]),
          activityReach(db, [activity.id]),
          activityPhotos(db, activity.id),
        ]);
        return {
          ...toSummary(activity),
          teams: activityTeams(activity.teams),
          notes: activity.notes,
          handouts,
          reach,
          photos: photos.map((p) => ({
            id: p.id,
            caption: p.caption,
            contentType: p.contentType,
            url: `/api/v1/care/activities/${activity.id}/photos/${p.id}`,
          })),
        };
      },
    );

    app.patch(
      '/care/activities/:id',
      {
        schema: {
          tags,
          summary: 'Change an activity (places already used by handouts must stay)',
          params: IdParams,
          body: ActivityPatch,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { actor, activity } = await loadActivity(request, request.params.id, 'manage');
        const body = request.body;
        const startsOn = body.startsOn ?? activity.startsOn;
        const endsOn = body.endsOn ?? activity.endsOn;
        const issues = dateRangeIssues(
          { field: 'body.startsOn', day: startsOn },
          { field: 'body.endsOn', day: endsOn },
        );
        if (issues.length) throw Problem.validation(issues);
        const places = body.places ? await resolvePlaces(db, body.places) : undefined;
        if (places) {
          const used = [...new Set((await activityHandouts(db, [activity.id])).map((h) => h.placeName))];
          const dropped = used.filter((n) => !places.some((p) => p.name === n));
          if (dropped.length) {
            throw Problem.validation([
              {
                field: 'body.places',
                message: {
                  'zh-CN': `已有发放记录的地点不能删除：${dropped.join('、')}`,
                  en: `places with handouts must stay: ${dropped.join(', ')}`,
                },
              },
            ]);
          }
        }
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('careActivities')
            .set({
              ...(body.title ? { title: body.title.trim() } : {}),
              ...(body.kind ? { kind: body.kind } : {}),
              startsOn,
              endsOn,
              ...(places ? { places: JSON.stringify(places) } : {}),
              ...(body.teams ? { teams: JSON.stringify(activityTeams(body.teams)) } : {}),
              ...(body.notes !== undefined ? { notes: body.notes.trim() || null } : {}),
              updatedAt: clock.now(),
            })
            .where('id', '=', activity.id)
            .execute();
          await recordAudit(trx, {
            actor,
            action: 'care.activity.update',
            entity: 'care_activity',
            entityId: activity.id,
            unionId: activity.unionId,
            detail: { fields: Object.keys(body) },
            requestId: request.id,
            ip: request.ip,
          });
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/care/activities/:id/handouts',
      {
        schema: {
          tags,
          summary: 'Hand out goods at a place (drawn from the union’s stock)',
          params: IdParams,
          body: HandoutBody,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { actor, activity } = await loadActivity(request, request.params.id, 'manage');
        const body = request.body;
        const issues: FieldError[] = [];
        if (!(await findItem(db, body.itemId))) issues.push({ field: 'body.itemId', message: 'notFound' });
        if (!placeNamed(activity, body.placeName)) issues.push({ field: 'body.placeName', message: notAPlace });
        const handedOn = body.handedOn ?? shanghaiDay(clock.now());
        if (!isRealDate(handedOn))
          issues.push({ field: 'body.handedOn', message: { 'zh-CN': '日期不存在', en: 'no such date' } });
        if (issues.length) throw Problem.validation(issues);
        const id = uuidv7();
        await db.transaction().execute(async (trx) => {
          const moved = await moveStock(trx, {
            unionId: activity.unionId,
            unionPath: activity.unionPath,
            itemId: body.itemId,
            kind: 'handover',
            quantity: -body.quantity,
            refType: 'activity_handout',
            refId: id,
            actorId: actor.accountId,
            note: `${activity.title} · ${body.placeName.trim()}`.slice(0, 500),
          });
          await trx
            .insertInto('careActivityHandouts')
            .values({
              id,
              activityId: activity.id,
              itemId: body.itemId,
              quantity: body.quantity,
              placeName: body.placeName.trim(),
              handedOn,
              movementId: moved.movementId,
              createdBy: actor.accountId,
            })
            .execute();
          await recordAudit(trx, {
            actor,
            action: 'care.activity.handout',
            entity: 'care_activity',
            entityId: activity.id,
            unionId: activity.unionId,
            detail: { handoutId: id, itemId: body.itemId, quantity: body.quantity, placeName: body.placeName },
            requestId: request.id,
            ip: request.ip,
          });
        });
        return reply.code(201).send({ id });
      },
    );

    app.post(
      '/care/activities/:id/reach',
      {
        schema: {
          tags,
          summary: 'Record how many people were reached at a place on a day',
          params: IdParams,
          body: ReachBody,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { actor, activity } = await loadActivity(request, request.params.id, 'manage');
        const body = request.body;
        const issues: FieldError[] = [];
        if (!placeNamed(activity, body.placeName)) issues.push({ field: 'body.placeName', message: notAPlace });
        if (!isRealDate(body.date))
          issues.push({ field: 'body.date', message: { 'zh-CN': '日期不存在', en: 'no such date' } });
        if (issues.length) throw Problem.validation(issues);
        const id = uuidv7();
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('careActivityReach')
            .values({
              id,
              activityId: activity.id,
              day: body.date,
              placeName: body.placeName.trim(),
              people: body.people,
              createdBy: actor.accountId,
            })
            .execute();
          await recordAudit(trx, {
            actor,
            action: 'care.activity.reach',
            entity: 'care_activity',
            entityId: activity.id,
            unionId: activity.unionId,
            detail: { ...body },
            requestId: request.id,
            ip: request.ip,
          });
        });
        return reply.code(201).send({ id });
      },
    );

    app.post(
      '/care/activities/:id/photos',
      {
        schema: {
          tags,
          summary: 'Upload a photo (multipart: `file` JPEG/PNG/WebP ≤ 10 MB, optional `caption`)',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: Created, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const { actor, activity } = await loadActivity(request, request.params.id, 'manage');
        if (!request.isMultipart()) throw new Problem(415, 'unsupportedMediaType');
        let buffer: Buffer | undefined;
        const fields: Record<string, string> = {};
        for await (const part of request.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } })) {
          if (part.type === 'file') {
            buffer = await part.toBuffer();
            if (part.file.truncated) throw new Problem(413, 'payloadTooLarge');
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
        if (!buffer?.length) throw Problem.validation([{ field: 'file', message: 'fieldRequired' }]);
        const caption = fields.caption?.trim().slice(0, 200) || null;
        const sniffed = await fileTypeFromBuffer(buffer);
        const ext = sniffed ? PHOTO_TYPES[sniffed.mime] : undefined;
        if (!sniffed || !ext) {
          throw new Problem(415, 'unsupportedMediaType', {
            errors: [
              {
                field: 'file',
                message: { 'zh-CN': '请上传 JPEG、PNG 或 WebP 照片', en: 'upload a JPEG, PNG or WebP photo' },
              },
            ],
          });
        }
        const id = uuidv7();
        const key = `care/activities/${activity.id}/${id}.${ext}`;
        await files.put(key, buffer);
        try {
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('careActivityPhotos')
              .values({
                id,
                activityId: activity.id,
                fileKey: key,
                contentType: sniffed.mime,
                sizeBytes: buffer.length,
                caption,
                createdBy: actor.accountId,
              })
              .execute();
            await recordAudit(trx, {
              actor,
              action: 'care.activity.photo',
              entity: 'care_activity',
              entityId: activity.id,
              unionId: activity.unionId,
              detail: { photoId: id, sizeBytes: buffer.length },
              requestId: request.id,
              ip: request.ip,
            });
          });
        } catch (err) {
          await files.delete(key);
          throw err;
        }
        return reply.code(201).send({ id });
      },
    );

    app.get(
      '/care/activities/:id/photos/:photoId',
      { schema: { tags, summary: 'A photo of the activity', params: PhotoParams } },
      async (request, reply) => {
        const { activity } = await loadActivity(request, request.params.id, 'read');
        const photo = (await activityPhotos(db, activity.id)).find((p) => p.id === request.params.photoId);
        const stream = photo ? await files.get(photo.fileKey) : null;
        if (!photo || !stream) throw Problem.notFound();
        return reply.type(photo.contentType).header('cache-control', 'private, max-age=3600').send(stream);
      },
    );
  };
}
