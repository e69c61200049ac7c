import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { IsoDate, StringEnum } from '../../platform/schema.ts';
import { errorResponses } from './claim.schemas.ts';
import { isPlainDate } from './plain-date.ts';
import {
  deleteHoliday,
  forgetCalendar,
  listHolidays,
  reviewSettings,
  updateReviewSettings,
  upsertHoliday,
} from './scheme.repository.ts';

const DateParams = Type.Object({ date: IsoDate });
const Settings = Type.Object({
  samplePercent: Type.Integer({ minimum: 0, maximum: 100 }),
  secondReviewThresholdFen: Type.Integer({ minimum: 0 }),
  checkSlaDays: Type.Integer({ minimum: 1, maximum: 365 }),
  decideSlaDays: Type.Integer({ minimum: 1, maximum: 365 }),
});
const Holiday = Type.Object({ date: IsoDate, kind: StringEnum(['holiday', 'workday'] as const), name: Type.String() });
/** The working-day calendar (holidays and 调休) that city staff maintain, and the review settings (sampling, SLAs). */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['aid schemes'];

  app.get(
    '/aid/holidays',
    {
      schema: {
        tags,
        summary: 'The working-day calendar: holidays and make-up working days (调休)',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Holiday) }), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await listHolidays(db, request.query.year) };
    },
  );

  app.put(
    '/aid/holidays/:date',
    {
      schema: {
        tags,
        summary: 'Set a day as a holiday or a make-up working day (city staff)',
        params: DateParams,
        body: Type.Object(
          { kind: StringEnum(['holiday', 'workday'] as const), name: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: { 200: Holiday, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      if (!isPlainDate(request.params.date)) throw Problem.validation([{ field: 'params.date', message: 'fieldType' }]);
      await db.transaction().execute(async (trx) => {
        const before = await upsertHoliday(trx, {
          date: request.params.date,
          ...request.body,
          updatedBy: actor.accountId,
        });
        await recordAudit(trx, {
          actor,
          action: 'aid.holiday.set',
          entity: 'aidHoliday',
          entityId: request.params.date,
          detail: { before, after: request.body },
          requestId: request.id,
          ip: request.ip,
        });
      });
      forgetCalendar(db);
      return { date: request.params.date, ...request.body };
    },
  );

  app.delete(
    '/aid/holidays/:date',
    {
      schema: {
        tags,
        summary: 'Remove a calendar entry (the day follows Monday–Friday again)',
        params: DateParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      await db.transaction().execute(async (trx) => {
        const removed = await deleteHoliday(trx, request.params.date);
        if (!removed) throw Problem.notFound();
        await recordAudit(trx, {
          actor,
          action: 'aid.holiday.delete',
          entity: 'aidHoliday',
          entityId: request.params.date,
          detail: { before: removed },
          requestId: request.id,
          ip: request.ip,
        });
      });
      forgetCalendar(db);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/aid/review-settings',
    {
      schema: {
        tags,
        summary: 'Second-review sampling and SLA settings',
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.role === 'member' || actor.role === 'station_operator') throw Problem.forbidden();
      return reviewSettings(db);
    },
  );

  app.put(
    '/aid/review-settings',
    {
      schema: {
        tags,
        summary: 'Change sampling percentage, second-review threshold, SLAs (city staff)',
        body: Type.Partial(Settings, { additionalProperties: false }),
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'aid.schemes.manage');
      return db.transaction().execute(async (trx) => {
        const before = await reviewSettings(trx);
        const after = await updateReviewSettings(trx, request.body, actor.accountId);
        await recordAudit(trx, {
          actor,
          action: 'aid.reviewSettings.update',
          entity: 'aidReviewSettings',
          detail: { before, after },
          requestId: request.id,
          ip: request.ip,
        });
        return after;
      });
    },
  );
};
