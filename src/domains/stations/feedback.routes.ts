import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { hasPermission } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';
import { can } from './feedback.policy.ts';
import {
  feedbackSummary,
  findReportForUpdate,
  listReports,
  type Recorded as RecordedRow,
  ratedOnDay,
  recordOnce,
  setReportStatus,
} from './feedback.repository.ts';
import {
  COMMENT_MAX,
  canMoveReport,
  cleanText,
  nextReportStatuses,
  REPORT_TEXT_MAX,
  requestHash,
  STATUS_NOTE_MAX,
  TEXT_PROBLEMS,
} from './feedback.rules.ts';
import {
  CheckinBody,
  FeedbackSummary,
  IdempotencyHeaders,
  RatingBody,
  Recorded,
  ReportBody,
  ReportIdParams,
  ReportListQuery,
  ReportPage,
  ReportStatusBody,
  ReportStatusResult,
} from './feedback.schemas.ts';
import type { ReportStatus } from './feedback.table.ts';
import { distanceM, toWgs84 } from './geo.ts';
import { recomputeHealth } from './health-score.repository.ts';
import { findStationRef } from './station.repository.ts';
import { RefParams } from './station.schemas.ts';
import { resolveRef } from './station.service.ts';
import { errorResponses } from './station-access.ts';
import { fileReportIntoTicket } from './ticket.repository.ts';

/** Feedback posts per IP, summed over check-ins, ratings and reports (shared mobile NATs need some headroom). */
export const FEEDBACK_WRITES_PER_IP = 60;
const FEEDBACK_WINDOW_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;

const writeResponses = { 200: Recorded, 201: Recorded, ...errorResponses, 429: errorResponses[400] };

/** A station a worker may give feedback on: any station with a public page (not a planned one). */
async function publicStation(request: FastifyRequest, ref: string) {
  const station = await findStationRef(request.server.deps.db, resolveRef(ref));
  if (!station || station.status === 'planned') throw Problem.notFound();
  return station;
}

function textOrThrow(raw: string | undefined, max: number, field: string): string {
  const cleaned = cleanText(raw ?? '', max);
  if (!cleaned.ok) {
    const params = cleaned.problem === 'tooLong' ? { limit: max } : undefined;
    const message = cleaned.problem === 'tooLong' ? 'fieldTooLong' : TEXT_PROBLEMS[cleaned.problem];
    throw Problem.validation([{ field, message, params }]);
  }
  return cleaned.text;
}

/** 201 for a new record, 200 with the same id for a replay; a key reused for different content is a 409. */
function answer(reply: FastifyReply, recorded: RecordedRow) {
  if (recorded.created) return reply.code(201).send({ id: recorded.id, replayed: false });
  if (!recorded.sameRequest) {
    throw new Problem(409, 'conflict', {
      errors: [
        {
          field: 'headers.idempotency-key',
          message: {
            'zh-CN': '此 Idempotency-Key 已用于另一条不同的反馈，请为新的提交生成新的键',
            en: 'was already used for different feedback; generate a new key for a new post',
          },
        },
      ],
    });
  }
  return reply.code(200).header('idempotent-replayed', 'true').send({ id: recorded.id, replayed: true });
}

function reportView(actor: Actor, r: Awaited<ReturnType<typeof listReports>>['items'][number]) {
  const mayUpdate = actor.role === 'station_operator' || hasPermission(actor.role, 'stations.write');
  return {
    id: r.id,
    station: { code: r.stationCode, name: r.stationName, address: r.stationAddress, regionCode: r.regionCode },
    kind: r.kind,
    amenity: r.amenity,
    text: r.text,
    status: r.status,
    statusNote: r.statusNote,
    statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
    signedIn: r.signedIn,
    createdAt: r.createdAt.toISOString(),
    nextStatuses: mayUpdate ? [...nextReportStatuses(r.status)] : [],
  };
}

/**
 * Worker feedback on stations (public, no sign-in; linked to the account when signed in) and the staff view of
 * problem reports, scoped to the union subtree of the reported station.
 */
export const stationFeedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const limiter = app.createRateLimit({ max: FEEDBACK_WRITES_PER_IP, timeWindow: FEEDBACK_WINDOW_MS });
  const limitWrites = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new Problem(429, 'tooManyRequests');
    }
  };
  const writeOptions = <B extends TSchema>(summary: string, body: B) => ({
    config: { public: true },
    onRequest: limitWrites,
    schema: {
      tags: ['stations'],
      summary,
      params: RefParams,
      headers: IdempotencyHeaders,
      body,
      response: writeResponses,
    },
  });
  const key = (request: FastifyRequest) => (request.headers['idempotency-key'] as string).toLowerCase();

  app.post(
    '/stations/:ref/checkins',
    writeOptions('"I was here": a check-in, with an optional position (public)', CheckinBody),
    async (request, reply) => {
      const station = await publicStation(request, request.params.ref);
      const { lng, lat, crs = 'wgs84' } = request.body;
      if ((lng === undefined) !== (lat === undefined)) {
        const field = lng === undefined ? 'body.lng' : 'body.lat';
        throw Problem.validation([{ field, message: 'fieldRequired' }]);
      }
      let position: { lng: number; lat: number; distanceM: number } | null = null;
      if (lng !== undefined && lat !== undefined) {
        const [x, y] = toWgs84(lng, lat, crs);
        // ~10 m is plenty for usage statistics and keeps a worker's exact position out of the database
        position = {
          lng: Math.round(x * 1e4) / 1e4,
          lat: Math.round(y * 1e4) / 1e4,
          distanceM: Math.round(distanceM(x, y, station.lng, station.lat)),
        };
      }
      const recorded = await recordOnce(db, 'stationCheckins', {
        id: uuidv7(),
        stationId: station.id,
        accountId: request.actor?.accountId ?? null,
        idempotencyKey: key(request),
        requestHash: requestHash({ kind: 'checkin', stationId: station.id, payload: { lng, lat, crs } }),
        lng: position?.lng ?? null,
        lat: position?.lat ?? null,
        distanceM: position?.distanceM ?? null,
      });
      return answer(reply, recorded);
    },
  );

  app.post(
    '/stations/:ref/ratings',
    writeOptions('A 1–5 star rating with an optional comment (public)', RatingBody),
    async (request, reply) => {
      const station = await publicStation(request, request.params.ref);
      const comment = textOrThrow(request.body.comment, COMMENT_MAX, 'body.comment');
      const accountId = request.actor?.accountId ?? null;
      const now = clock.now();
      const row = {
        id: uuidv7(),
        stationId: station.id,
        accountId,
        idempotencyKey: key(request),
        requestHash: requestHash({
          kind: 'rating',
          stationId: station.id,
          payload: { stars: request.body.stars, comment },
        }),
        stars: request.body.stars,
        comment: comment || null,
        createdAt: now,
      };
      // Anonymous workers can only be held back on their phone (FeedbackPanel); a signed-in account rates a station
      // once per Beijing day, so one person cannot pile up a station's average or its award score.
      if (accountId === null) return answer(reply, await recordOnce(db, 'stationRatings', row));
      const from = new Date(`${shanghaiDay(now)}T00:00:00+08:00`);
      const to = new Date(from.getTime() + DAY_MS);
      const recorded = await db.transaction().execute(async (trx) => {
        if (await ratedOnDay(trx, { stationId: station.id, accountId, from, to, key: row.idempotencyKey })) {
          throw new Problem(409, 'conflict', {
            errors: [
              {
                field: 'params.ref',
                message: {
                  'zh-CN': '您今天已经给这个驿站打过分了，明天再来吧',
                  en: 'you have already rated this station today; you can rate it again tomorrow',
                },
              },
            ],
          });
        }
        return recordOnce(trx, 'stationRatings', row);
      });
      return answer(reply, recorded);
    },
  );

  app.post(
    '/stations/:ref/reports',
    writeOptions('A problem report: closed during hours, refused entry, amenity missing or other (public)', ReportBody),
    async (request, reply) => {
      const station = await publicStation(request, request.params.ref);
      const { kind, amenity } = request.body;
      const text = textOrThrow(request.body.text, REPORT_TEXT_MAX, 'body.text');
      const errors: FieldError[] = [];
      if (kind === 'other' && codeless(text)) errors.push({ field: 'body.text', message: TEXT_PROBLEMS.required });
      if (amenity && kind !== 'amenity_missing') errors.push({ field: 'body.amenity', message: 'fieldUnknown' });
      if (errors.length) throw Problem.validation(errors);
      // The report and its ticket (ticket.repository.ts) land together; the health score follows after commit.
      const recorded = await db.transaction().execute(async (trx) => {
        const r = await recordOnce(trx, 'stationReports', {
          id: uuidv7(),
          stationId: station.id,
          accountId: request.actor?.accountId ?? null,
          idempotencyKey: key(request),
          requestHash: requestHash({ kind: 'report', stationId: station.id, payload: { kind, amenity, text } }),
          kind,
          amenity: amenity ?? null,
          text,
        });
        if (r.created) {
          await fileReportIntoTicket(trx, {
            ...r,
            stationId: station.id,
            unionPath: station.unionPath,
            kind,
            at: clock.now(),
          });
        }
        return r;
      });
      if (recorded.created) await recomputeHealth(db, [station.id], clock.now());
      return answer(reply, recorded);
    },
  );

  app.get(
    '/stations/:ref/feedback-summary',
    {
      config: { public: true },
      schema: {
        tags: ['stations'],
        summary: "A station's rating and recent check-ins (public)",
        params: RefParams,
        response: { 200: FeedbackSummary, ...errorResponses },
      },
    },
    async (request) => {
      const station = await publicStation(request, request.params.ref);
      const since = new Date(clock.now().getTime() - 30 * DAY_MS);
      return { code: station.code, ...(await feedbackSummary(db, station.id, since)) };
    },
  );

  app.get(
    '/stations/reports',
    {
      schema: {
        tags: ['stations'],
        summary: 'Worker problem reports on the stations you look after, newest first',
        querystring: ReportListQuery,
        response: { 200: ReportPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      const { page, pageSize, ...filter } = request.query;
      const isOperator = actor.role === 'station_operator';
      const result = await listReports(db, {
        ...filter,
        scopePath: isOperator ? null : actor.unionPath,
        operatorAccountId: isOperator ? actor.accountId : undefined,
        page,
        pageSize,
      });
      return { total: result.total, page, pageSize, items: result.items.map((r) => reportView(actor, r)) };
    },
  );

  app.post(
    '/stations/reports/:id/status',
    {
      schema: {
        tags: ['stations'],
        summary: 'Acknowledge, resolve or reopen a problem report (audited)',
        params: ReportIdParams,
        body: ReportStatusBody,
        response: { 200: ReportStatusResult, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const to: ReportStatus = request.body.status;
      const note = textOrThrow(request.body.note, STATUS_NOTE_MAX, 'body.note') || null;
      return db.transaction().execute(async (trx) => {
        const report = await findReportForUpdate(trx, request.params.id);
        if (!report) throw Problem.notFound();
        const operatedByActor =
          actor.role === 'station_operator' &&
          !!(await trx
            .selectFrom('stationOperators')
            .select('stationId')
            .where('stationId', '=', report.stationId)
            .where('accountId', '=', actor.accountId)
            .executeTakeFirst());
        const resource = { unionPath: report.unionPath, operatedByActor };
        if (!can(actor, 'read', resource)) throw Problem.notFound();
        if (!can(actor, 'update', resource)) throw Problem.forbidden();
        if (!canMoveReport(report.status, to)) {
          throw new Problem(409, 'conflict', {
            errors: [
              {
                field: 'body.status',
                message: {
                  'zh-CN': `问题反馈当前为“${report.status}”，不能改为“${to}”`,
                  en: `a report that is ${report.status} cannot become ${to}`,
                },
              },
            ],
          });
        }
        const updated = await setReportStatus(trx, report.id, {
          status: to,
          note,
          by: actor.accountId,
          at: clock.now(),
        });
        await recordAudit(trx, {
          actor,
          action: 'station.report.status',
          entity: 'station_report',
          entityId: report.id,
          unionId: report.unionId,
          reason: note,
          detail: { stationCode: report.stationCode, from: report.status, to },
          requestId: request.id,
          ip: request.ip,
        });
        return {
          id: updated.id,
          status: updated.status,
          statusNote: updated.statusNote,
          statusChangedAt: (updated.statusChangedAt as Date).toISOString(),
          nextStatuses: [...nextReportStatuses(updated.status)],
        };
      });
    },
  );
};

/** True when a text says nothing (empty, or punctuation only). */
function codeless(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
