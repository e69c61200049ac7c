import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import { conflict, requireCareStaff, scopePath, unionForActor } from './care-access.ts';
import { correctionIssues, isLow, isRealDate, kitIssues } from './care-rules.ts';
import { listItems, listMovements, listReceipts, listStock, moveStock } from './stock.repository.ts';
import {
  CorrectionBody,
  Created,
  errorResponses,
  ItemBody,
  ItemList,
  MovementList,
  MovementQuery,
  ReceiptBody,
  ReceiptList,
  ReceiptQuery,
  StockList,
  StockQuery,
  ThresholdBody,
} from './stock.schemas.ts';

const tags = ['care'];

/** Items and kits, receipts into stock, balances with low-stock warnings, the ledger and its corrections. */
export const stockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/care/items',
    {
      schema: {
        tags,
        summary: 'Items and kits (with their bill of items)',
        response: { 200: ItemList, ...errorResponses },
      },
    },
    async (request) => {
      requireCareStaff(request, 'read');
      return { items: await listItems(db) };
    },
  );

  app.post(
    '/care/items',
    {
      schema: {
        tags,
        summary: 'Add an item, or a kit with its bill of items',
        body: ItemBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request, 'manage');
      const body = request.body;
      const ids = (body.components ?? []).map((c) => c.itemId);
      const known = ids.length
        ? await db.selectFrom('careItems').select(['id', 'kind']).where('id', 'in', ids).execute()
        : [];
      const issues = kitIssues(body.kind, body.components, (id) => known.find((k) => k.id === id)?.kind);
      if (issues.length) throw Problem.validation(issues);
      const name = body.name.trim();
      const taken = await db.selectFrom('careItems').select('id').where('name', '=', name).executeTakeFirst();
      if (taken) throw conflict('body.name', '已有同名物品', 'an item with this name exists');
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careItems')
          .values({ id, name, unit: body.unit.trim(), kind: body.kind, createdBy: actor.accountId })
          .execute();
        if (body.components?.length) {
          await trx
            .insertInto('careKitComponents')
            .values(body.components.map((c) => ({ kitId: id, itemId: c.itemId, quantity: c.quantity })))
            .execute();
        }
        await recordAudit(trx, {
          actor,
          action: 'care.item.create',
          entity: 'care_item',
          entityId: id,
          detail: { name, kind: body.kind, components: body.components?.length ?? 0 },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/care/receipts',
    {
      schema: {
        tags,
        summary: 'Receive goods into a union’s stock (a purchase or a donation, with its funding source)',
        body: ReceiptBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      if (!isRealDate(body.receivedOn)) {
        throw Problem.validation([
          { field: 'body.receivedOn', message: { 'zh-CN': '日期不存在', en: 'no such date' } },
        ]);
      }
      const ids = [...new Set(body.lines.map((l) => l.itemId))];
      const known = new Set(
        (await db.selectFrom('careItems').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      );
      const missing = body.lines.flatMap((l, i) =>
        known.has(l.itemId) ? [] : [{ field: `body.lines.${i}.itemId`, message: 'notFound' as const }],
      );
      if (missing.length) throw Problem.validation(missing);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careReceipts')
          .values({
            id,
            unionId: union.id,
            unionPath: union.path,
            source: body.source,
            fundingSource: body.fundingSource.trim(),
            supplier: body.supplier?.trim() || null,
            receivedOn: body.receivedOn,
            note: body.note?.trim() || null,
            createdBy: actor.accountId,
          })
          .execute();
        for (const line of body.lines) {
          const batch = line.batch?.trim() || null;
          await trx
            .insertInto('careReceiptLines')
            .values({ receiptId: id, itemId: line.itemId, quantity: line.quantity, batch })
            .execute();
          await moveStock(trx, {
            unionId: union.id,
            unionPath: union.path,
            itemId: line.itemId,
            kind: 'receipt',
            quantity: line.quantity,
            batch,
            refType: 'receipt',
            refId: id,
            actorId: actor.accountId,
          });
        }
        await recordAudit(trx, {
          actor,
          action: 'care.receipt.create',
          entity: 'care_receipt',
          entityId: id,
          unionId: union.id,
          detail: { source: body.source, fundingSource: body.fundingSource, lines: body.lines },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/care/receipts',
    {
      schema: {
        tags,
        summary: 'Receipts in the actor’s subtree, newest first',
        querystring: ReceiptQuery,
        response: { 200: ReceiptList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      return { items: await listReceipts(db, scopePath(actor), request.query.unionId) };
    },
  );

  app.get(
    '/care/stock',
    {
      schema: {
        tags,
        summary: 'Stock per holding union and item, with low-stock warnings',
        querystring: StockQuery,
        response: { 200: StockList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const rows = await listStock(db, scopePath(actor), { unionId: request.query.unionId });
      const items = rows.map((r) => ({ ...r, low: isLow(r.quantity, r.lowStockThreshold) }));
      return { items: request.query.lowOnly ? items.filter((r) => r.low) : items };
    },
  );

  app.put(
    '/care/stock/threshold',
    {
      schema: {
        tags,
        summary: 'Set (or clear) the low-stock warning level of a union’s item',
        body: ThresholdBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      const item = await db.selectFrom('careItems').select('id').where('id', '=', body.itemId).executeTakeFirst();
      if (!item) throw Problem.validation([{ field: 'body.itemId', message: 'notFound' }]);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careStock')
          .values({ unionId: union.id, itemId: item.id, unionPath: union.path, lowStockThreshold: body.threshold })
          .onConflict((oc) => oc.columns(['unionId', 'itemId']).doUpdateSet({ lowStockThreshold: body.threshold }))
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'care.stock.threshold',
          entity: 'care_stock',
          entityId: `${union.id}:${item.id}`,
          unionId: union.id,
          detail: { threshold: body.threshold },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/care/movements',
    {
      schema: {
        tags,
        summary: 'The append-only stock ledger, newest first',
        querystring: MovementQuery,
        response: { 200: MovementList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const rows = await listMovements(db, scopePath(actor), request.query);
      return {
        items: rows.map((m) => ({
          ...m,
          id: String(m.id),
          at: m.at.toISOString(),
          ref: m.refType ? `${m.refType}:${m.refId}` : null,
          correctsMovementId: m.correctsMovementId === null ? null : String(m.correctsMovementId),
        })),
      };
    },
  );

  app.post(
    '/care/corrections',
    {
      schema: {
        tags,
        summary: 'Correct a mistake: a new signed movement (never an edit), with the reason, audited',
        body: CorrectionBody,
        response: { 201: Type.Object({ id: Type.String(), balance: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      const item = await db.selectFrom('careItems').select('id').where('id', '=', body.itemId).executeTakeFirst();
      if (!item) throw Problem.validation([{ field: 'body.itemId', message: 'notFound' }]);
      const correctsId = body.correctsMovementId === undefined ? undefined : Number(body.correctsMovementId);
      const corrected =
        correctsId === undefined
          ? undefined
          : ((await db
              .selectFrom('careMovements')
              .select(['unionId', 'itemId', 'kind'])
              .where('id', '=', correctsId)
              .executeTakeFirst()) ?? null);
      const issues = correctionIssues(body, corrected);
      if (issues.length) throw Problem.validation(issues);
      const correctionId = uuidv7();
      const result = await db.transaction().execute(async (trx) => {
        const moved = await moveStock(trx, {
          unionId: union.id,
          unionPath: union.path,
          itemId: item.id,
          kind: 'correction',
          quantity: body.quantity,
          refType: 'correction',
          refId: correctionId,
          correctsMovementId: correctsId ?? null,
          actorId: actor.accountId,
          note: body.reason.trim(),
        });
        await recordAudit(trx, {
          actor,
          action: 'care.stock.correct',
          entity: 'care_movement',
          entityId: String(moved.movementId),
          unionId: union.id,
          reason: body.reason.trim(),
          detail: {
            itemId: item.id,
            quantity: body.quantity,
            correctsMovementId: correctsId ?? null,
            balance: moved.balance,
          },
          requestId: request.id,
          ip: request.ip,
        });
        return moved;
      });
      return reply.code(201).send({ id: String(result.movementId), balance: result.balance });
    },
  );
};
