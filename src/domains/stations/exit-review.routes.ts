import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { listReviews, loadExitRules, saveExitRule } from './exit-review.repository.ts';
import { decideExitReview, runExitReview } from './exit-review.service.ts';
import { EXIT_RULE_CODES, type ExitReason, ruleParamIssues } from './exit-rule.ts';
import { cleanText, STATUS_NOTE_MAX, TEXT_PROBLEMS } from './feedback.rules.ts';
import { errorResponses, type StationPluginOptions, writeContext } from './station-access.ts';

const Reason = Type.Object({
  rule: StringEnum(EXIT_RULE_CODES),
  count: Type.Optional(Type.Integer()),
  withinDays: Type.Optional(Type.Integer()),
  days: Type.Optional(Type.Integer()),
  since: Type.String(),
});

const Rule = Type.Object({
  code: StringEnum(EXIT_RULE_CODES),
  enabled: Type.Boolean(),
  params: Type.Record(Type.String(), Type.Integer()),
  updatedAt: Type.String(),
});

const RunReport = Type.Object({
  dryRun: Type.Boolean(),
  evaluated: Type.Integer(),
  opened: Type.Integer(),
  matched: Type.Array(
    Type.Object({
      stationId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      reasons: Type.Array(Reason),
      outcome: StringEnum(['opened', 'alreadyOpen', 'wouldOpen'] as const),
    }),
  ),
});

const Review = Type.Object({
  id: Type.String(),
  station: Type.Object({ code: Type.String(), name: Type.String(), status: Type.String() }),
  reasons: Type.Array(Reason),
  openedAt: Type.String(),
  decision: Nullable(StringEnum(['keep', 'exit'] as const)),
  decisionReason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});

function reasonText(raw: string, field: string): string {
  const cleaned = cleanText(raw, STATUS_NOTE_MAX);
  if (!cleaned.ok) {
    const message = cleaned.problem === 'tooLong' ? 'fieldTooLong' : TEXT_PROBLEMS[cleaned.problem];
    throw Problem.validation([{ field, message, params: { limit: STATUS_NOTE_MAX } }]);
  }
  if (!cleaned.text) throw Problem.validation([{ field, message: 'fieldRequired' }]);
  return cleaned.text;
}

/** Exit rules (configuration), the rule run that opens exit reviews, and the keep/exit decision by staff. */
export const exitReviewRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/exit-rules',
    {
      schema: {
        tags: ['stations'],
        summary: 'The exit rules in force',
        response: { 200: Type.Object({ items: Type.Array(Rule) }), ...errorResponses },
      },
    },
    async (request) => {
      requirePermission(request, 'stations.read');
      const rules = await loadExitRules(db);
      return {
        items: rules.map((r) => ({
          code: r.code,
          enabled: r.enabled,
          params: r.params as unknown as Record<string, number>,
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  );

  app.put(
    '/stations/exit-rules/:code',
    {
      schema: {
        tags: ['stations'],
        summary: 'Change an exit rule (city federation); audited',
        params: Type.Object({ code: StringEnum(EXIT_RULE_CODES) }),
        body: Type.Object(
          { enabled: Type.Boolean(), params: Type.Record(Type.String(), Type.Number()) },
          { additionalProperties: false },
        ),
        response: { 200: Rule, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.oversee');
      if (actor.role !== 'city_staff' && actor.role !== 'admin') throw Problem.forbidden();
      const { code } = request.params;
      const issues = ruleParamIssues(code, request.body.params);
      if (issues.length) throw Problem.validation(issues);
      return db.transaction().execute(async (trx) => {
        const saved = await saveExitRule(trx, code, { ...request.body, by: actor.accountId } as {
          enabled: boolean;
          params: Record<string, number>;
          by: string;
        });
        if (!saved) throw Problem.notFound();
        await recordAudit(trx, {
          actor,
          action: 'station.exit_rule.update',
          entity: 'station_exit_rule',
          entityId: null,
          detail: { code, enabled: request.body.enabled, params: request.body.params },
          requestId: request.id,
          ip: request.ip,
        });
        return {
          code: saved.code,
          enabled: saved.enabled,
          params: saved.params as Record<string, number>,
          updatedAt: saved.updatedAt.toISOString(),
        };
      });
    },
  );

  app.post(
    '/stations/exit-reviews/run',
    {
      schema: {
        tags: ['stations'],
        summary: 'Evaluate the exit rules over the active stations of your subtree; opens reviews unless dryRun',
        querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: RunReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.oversee');
      return runExitReview(db, {
        scopePath: actor.unionPath,
        dryRun: request.query.dryRun,
        now: clock.now(),
        actor,
        requestId: request.id,
        ip: request.ip,
      });
    },
  );

  app.get(
    '/stations/exit-reviews',
    {
      schema: {
        tags: ['stations'],
        summary: 'Exit reviews in your subtree, undecided first',
        querystring: Type.Object(
          {
            state: Type.Optional(StringEnum(['open', 'decided'] as const)),
            page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(Review),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      if (actor.role === 'station_operator') throw Problem.forbidden();
      const { page, pageSize, state } = request.query;
      const result = await listReviews(db, { scopePath: actor.unionPath, state, page, pageSize });
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map((r) => ({
          id: r.id,
          station: { code: r.stationCode, name: r.stationName, status: r.stationStatus },
          reasons: r.reasons as ExitReason[],
          openedAt: r.openedAt.toISOString(),
          decision: r.decision,
          decisionReason: r.decisionReason,
          decidedAt: r.decidedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/stations/exit-reviews/:id/decision',
    {
      schema: {
        tags: ['stations'],
        summary: 'Decide an exit review: keep the station, or exit it (leaves the map at once); audited',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { decision: StringEnum(['keep', 'exit'] as const), reason: Type.String({ maxLength: STATUS_NOTE_MAX * 2 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            decision: StringEnum(['keep', 'exit'] as const),
            decisionReason: Type.String(),
            decidedAt: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.oversee');
      const reason = reasonText(request.body.reason, 'body.reason');
      const decided = await decideExitReview(
        db,
        request.params.id,
        { decision: request.body.decision, reason },
        { ...writeContext(request, actor, sync), actor, now: clock.now() },
      );
      return {
        id: decided.id,
        decision: decided.decision!,
        decisionReason: decided.decisionReason!,
        decidedAt: decided.decidedAt!.toISOString(),
      };
    },
  );
};
