import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { recomputeHealth } from './health-score.repository.ts';
import { findChecklist, inspectionHistory, listChecklists } from './inspection.repository.ts';
import { checklistIssues, scoreInspection } from './inspection.rules.ts';
import {
  ChecklistBody,
  ChecklistList,
  InspectionBody,
  InspectionCreated,
  InspectionHistory,
} from './inspection.schemas.ts';
import type { ItemResult } from './inspection.table.ts';
import { can } from './station.policy.ts';
import { RefParams } from './station.schemas.ts';
import { errorResponses, loadForActor } from './station-access.ts';

/** Checklists (configuration) and scored inspections of stations by staff of the station's union subtree. */
export const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/stations/checklists',
    {
      schema: {
        tags: ['stations'],
        summary: 'Inspection checklists in use (the default first)',
        response: { 200: ChecklistList, ...errorResponses },
      },
    },
    async (request) => {
      requirePermission(request, 'stations.read');
      return { items: await listChecklists(db) };
    },
  );

  app.post(
    '/stations/checklists',
    {
      schema: {
        tags: ['stations'],
        summary: 'Add a checklist (district and city staff); optionally make it the default',
        body: ChecklistBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stations.oversee');
      const body = request.body;
      const items = body.items.map((i) => ({ key: i.key.trim(), label: i.label.trim(), weight: i.weight }));
      const issues = checklistIssues(items, body.passScore);
      if (issues.length) throw Problem.validation(issues);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        if (body.isDefault) {
          await trx.updateTable('stationChecklists').set({ isDefault: false }).where('isDefault', '=', true).execute();
        }
        await trx
          .insertInto('stationChecklists')
          .values({
            id,
            name: body.name.trim(),
            items: JSON.stringify(items),
            passScore: body.passScore,
            isDefault: !!body.isDefault,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'station.checklist.create',
          entity: 'station_checklist',
          entityId: id,
          detail: { name: body.name, items: items.length, passScore: body.passScore, isDefault: !!body.isDefault },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/stations/:ref/inspections',
    {
      schema: {
        tags: ['stations'],
        summary: 'Record an inspection: every checklist item ok or not, notes and photos; scored 0–100',
        params: RefParams,
        body: InspectionBody,
        response: { 201: InspectionCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      if (!can(actor, 'update', resource)) throw Problem.forbidden();
      if (station.status === 'exited') {
        throw new Problem(409, 'conflict', {
          errors: [{ field: 'params.ref', message: { 'zh-CN': '站点已退出', en: 'the station has exited' } }],
        });
      }
      const body = request.body;
      const now = clock.now();
      const today = shanghaiDay(now);
      const inspectedOn = body.inspectedOn ?? today;
      if (inspectedOn > today || Number.isNaN(Date.parse(inspectedOn))) {
        throw Problem.validation([
          { field: 'body.inspectedOn', message: { 'zh-CN': '检查日期不能晚于今天', en: 'cannot be in the future' } },
        ]);
      }
      const checklist = await findChecklist(db, body.checklistId);
      if (!checklist) throw Problem.validation([{ field: 'body.checklistId', message: 'notFound' }]);
      const scored = scoreInspection(checklist.items, body.results as ItemResult[]);
      if (!scored.ok) throw Problem.validation(scored.issues);
      const passed = scored.score >= checklist.passScore;
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('stationInspections')
          .values({
            id,
            stationId: station.id,
            unionPath: station.unionPath,
            checklistId: checklist.id,
            inspectedOn,
            inspectorId: actor.accountId,
            results: JSON.stringify(scored.results),
            score: scored.score,
            passScore: checklist.passScore,
            passed,
            notes: body.notes?.trim() || null,
            photoRefs: body.photoRefs ?? [],
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'station.inspection.create',
          entity: 'station_inspection',
          entityId: id,
          unionId: station.unionId,
          detail: { stationCode: station.code, score: scored.score, passed, inspectedOn },
          requestId: request.id,
          ip: request.ip,
        });
      });
      const health = await recomputeHealth(db, [station.id], now);
      return reply.code(201).send({
        id,
        score: scored.score,
        passScore: checklist.passScore,
        passed,
        healthScore: health.get(station.id)!.score,
      });
    },
  );

  app.get(
    '/stations/:ref/inspections',
    {
      schema: {
        tags: ['stations'],
        summary: "A station's inspections, newest first",
        params: RefParams,
        response: { 200: InspectionHistory, ...errorResponses },
      },
    },
    async (request) => {
      const { station } = await loadForActor(request, request.params.ref);
      const rows = await inspectionHistory(db, station.id);
      return {
        code: station.code,
        items: rows.map((r) => ({
          id: r.id,
          checklistId: r.checklistId,
          checklistName: r.checklistName,
          inspectedOn: r.inspectedOn,
          inspector: { id: r.inspectorId, name: r.inspectorName },
          score: r.score,
          passScore: r.passScore,
          passed: r.passed,
          results: r.results as ItemResult[],
          notes: r.notes,
          photoRefs: r.photoRefs,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};
