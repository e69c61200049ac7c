import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { can, canConfirm } from './care.policy.ts';
import { requireCareStaff, scopePath, unionForActor } from './care-access.ts';
import { sheetXlsx, XLSX_TYPE } from './care-xlsx.ts';
import {
  distributionHandovers,
  distributionLines,
  findDistribution,
  findHandover,
  listDistributions,
  recipientOf,
} from './distribution.repository.ts';
import {
  Confirmed,
  DistributionBody,
  DistributionDetail,
  DistributionList,
  DistributionQuery,
  HandoverBody,
  HandoverCreated,
  Reconciliation,
  ReturnBody,
  StaffConfirmBody,
} from './distribution.schemas.ts';
import { confirmHandover, handOver, recordReturn } from './distribution.service.ts';
import { reconcile, reconcileLine } from './reconciliation.ts';
import { findItem } from './stock.repository.ts';
import { Created, errorResponses, IdParams } from './stock.schemas.ts';

const tags = ['care'];

/** The distribution behind `:id` for a staff actor: 404 unless it is in their subtree, 403 if they may only read. */
async function loadDistribution(request: FastifyRequest, id: string, action: 'read' | 'manage') {
  const actor = requireCareStaff(request, 'read');
  const dist = await findDistribution(request.server.deps.db, id);
  if (!dist || !can(actor, 'read', { unionPath: dist.fromUnionPath })) throw Problem.notFound();
  if (!can(actor, action, { unionPath: dist.fromUnionPath })) throw Problem.forbidden();
  return { actor, dist };
}

async function reconciliationOf(request: FastifyRequest, id: string) {
  const { dist } = await loadDistribution(request, id, 'read');
  const lines = await distributionLines(request.server.deps.db, dist.id);
  const { totals, balanced } = reconcile(lines);
  return {
    dist,
    body: {
      distributionId: dist.id,
      title: dist.title,
      items: lines.map((l) => ({ lineId: l.id, recipient: recipientOf(l), ...reconcileLine(l) })),
      totals,
      balanced,
    },
  };
}

/** Distributions: plan, hand over in parts, confirm, return, reconcile. */
export const distributionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const ctx = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id, ip: request.ip });

  app.post(
    '/care/distributions',
    {
      schema: {
        tags,
        summary: 'Plan a distribution from a union to unions below it or to its members',
        body: DistributionBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.fromUnionId, 'manage', 'body.fromUnionId');
      const item = await findItem(db, body.itemId);
      const issues: FieldError[] = item ? [] : [{ field: 'body.itemId', message: 'notFound' }];
      const unionIds = body.lines.flatMap((l) => (l.toUnionId ? [l.toUnionId] : []));
      const memberIds = body.lines.flatMap((l) => (l.toMemberId ? [l.toMemberId] : []));
      const unions = unionIds.length
        ? await db.selectFrom('unions').select(['id', 'path']).where('id', 'in', unionIds).execute()
        : [];
      const members = memberIds.length
        ? await db.selectFrom('members').select(['id', 'unionPath', 'status']).where('id', 'in', memberIds).execute()
        : [];
      const seen = new Set<string>();
      body.lines.forEach((l, i) => {
        const field = `body.lines.${i}`;
        const target = l.toUnionId ?? l.toMemberId;
        if (!l.toUnionId === !l.toMemberId) {
          issues.push({
            field,
            message: { 'zh-CN': '须且只能填写一个发放对象', en: 'give exactly one of toUnionId, toMemberId' },
          });
          return;
        }
        if (seen.has(target!))
          issues.push({ field, message: { 'zh-CN': '发放对象重复', en: 'recipient listed twice' } });
        seen.add(target!);
        if (l.toUnionId) {
          const u = unions.find((x) => x.id === l.toUnionId);
          if (!u) issues.push({ field: `${field}.toUnionId`, message: 'notFound' });
          else if (u.path === union.path || !u.path.startsWith(union.path)) {
            issues.push({
              field: `${field}.toUnionId`,
              message: { 'zh-CN': '只能发往下级工会', en: 'must be a union below the giver' },
            });
          }
        } else {
          const m = members.find((x) => x.id === l.toMemberId);
          if (!m?.unionPath.startsWith(union.path)) issues.push({ field: `${field}.toMemberId`, message: 'notFound' });
          else if (m.status !== 'active') {
            issues.push({
              field: `${field}.toMemberId`,
              message: { 'zh-CN': '该会员不在册', en: 'not an active member' },
            });
          }
        }
      });
      if (issues.length) throw Problem.validation(issues);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careDistributions')
          .values({
            id,
            title: body.title.trim(),
            fromUnionId: union.id,
            fromUnionPath: union.path,
            itemId: item!.id,
            note: body.note?.trim() || null,
            createdBy: actor.accountId,
          })
          .execute();
        await trx
          .insertInto('careDistributionLines')
          .values(
            body.lines.map((l, position) => ({
              id: uuidv7(),
              distributionId: id,
              position,
              toUnionId: l.toUnionId ?? null,
              toMemberId: l.toMemberId ?? null,
              planned: l.planned,
            })),
          )
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'care.distribution.create',
          entity: 'care_distribution',
          entityId: id,
          unionId: union.id,
          detail: {
            title: body.title,
            itemId: item!.id,
            lines: body.lines.length,
            planned: body.lines.reduce((s, l) => s + l.planned, 0),
          },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/care/distributions',
    {
      schema: {
        tags,
        summary: 'Distributions in the actor’s subtree with their totals',
        querystring: DistributionQuery,
        response: { 200: DistributionList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const rows = await listDistributions(db, scopePath(actor), request.query.unionId);
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );

  app.get(
    '/care/distributions/:id',
    {
      schema: {
        tags,
        summary: 'A distribution: lines per recipient and its hand-overs',
        params: IdParams,
        response: { 200: DistributionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { dist } = await loadDistribution(request, request.params.id, 'read');
      const [lines, handovers] = await Promise.all([
        distributionLines(db, dist.id),
        distributionHandovers(db, dist.id),
      ]);
      const sum = (k: 'planned' | 'delivered' | 'confirmed' | 'returned') => lines.reduce((s, l) => s + l[k], 0);
      return {
        id: dist.id,
        title: dist.title,
        fromUnionId: dist.fromUnionId,
        fromUnionName: dist.fromUnionName,
        itemId: dist.itemId,
        itemName: dist.itemName,
        unit: dist.unit,
        note: dist.note,
        createdAt: dist.createdAt.toISOString(),
        planned: sum('planned'),
        delivered: sum('delivered'),
        confirmed: sum('confirmed'),
        returned: sum('returned'),
        lines: lines.map((l) => ({
          id: l.id,
          recipient: recipientOf(l),
          planned: l.planned,
          delivered: l.delivered,
          confirmed: l.confirmed,
          returned: l.returned,
        })),
        handovers: handovers.map((h) => ({
          id: h.id,
          lineId: h.lineId,
          quantity: h.quantity,
          at: h.at.toISOString(),
          handedOverBy: h.handedOverBy,
          signedName: h.signedName,
          hasSignature: !!(h.signatureSvg || h.signaturePng),
          confirmedAt: h.confirmedAt?.toISOString() ?? null,
          confirmMethod: h.confirmMethod,
          confirmToken: h.confirmToken,
        })),
      };
    },
  );

  app.post(
    '/care/distributions/:id/handovers',
    {
      schema: {
        tags,
        summary: 'Hand over part of a line; with signedName it is confirmed at once, else a single-use QR token',
        params: IdParams,
        body: HandoverBody,
        response: { 201: HandoverCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { dist } = await loadDistribution(request, request.params.id, 'manage');
      if (request.body.signatureSvg && request.body.signaturePng) {
        throw Problem.validation([
          { field: 'body.signaturePng', message: { 'zh-CN': '签名只能提供一种格式', en: 'give one signature format' } },
        ]);
      }
      return reply.code(201).send(await handOver(db, ctx(request), dist, request.body));
    },
  );

  app.post(
    '/care/handovers/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm receipt as the representative of the receiving union, with a signature',
        params: IdParams,
        body: StaffConfirmBody,
        response: { 200: Confirmed, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'manage');
      const h = await findHandover(db, { id: request.params.id });
      const visible = h && [h.fromUnionPath, h.toUnionPath].some((p) => p && can(actor, 'read', { unionPath: p }));
      if (!h || !visible) throw Problem.notFound();
      if (!h.toUnionId || !canConfirm(actor, { kind: 'union', unionPath: h.toUnionPath! })) throw Problem.forbidden();
      const { token, ...signature } = request.body;
      return confirmHandover(db, ctx(request), h, { method: 'representative', token, ...signature });
    },
  );

  app.post(
    '/care/distributions/:id/returns',
    {
      schema: {
        tags,
        summary: 'Record goods returned by a recipient (back into the giver’s stock)',
        params: IdParams,
        body: ReturnBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { dist } = await loadDistribution(request, request.params.id, 'manage');
      return reply
        .code(201)
        .send(await recordReturn(db, ctx(request), dist, { ...request.body, reason: request.body.reason.trim() }));
    },
  );

  app.get(
    '/care/distributions/:id/reconciliation',
    {
      schema: {
        tags,
        summary: 'Planned vs delivered vs confirmed vs returned per recipient',
        params: IdParams,
        response: { 200: Reconciliation, ...errorResponses },
      },
    },
    async (request) => (await reconciliationOf(request, request.params.id)).body,
  );

  app.get(
    '/care/distributions/:id/reconciliation.xlsx',
    { schema: { tags, summary: 'The reconciliation as an XLSX workbook (an audited export)', params: IdParams } },
    async (request, reply) => {
      const { dist, body } = await reconciliationOf(request, request.params.id);
      const en = pickLang(request.headers['accept-language']) === 'en';
      const headers = en
        ? ['Recipient', 'Code', 'Planned', 'Delivered', 'Confirmed', 'Returned', 'Outstanding', 'Unconfirmed']
        : ['发放对象', '编码', '计划', '已发放', '已确认', '已退回', '待发放', '待确认'];
      const row = (name: string, code: string | null, r: typeof body.totals) => [
        name,
        code,
        r.planned,
        r.delivered,
        r.confirmed,
        r.returned,
        r.outstanding,
        r.unconfirmed,
      ];
      const rows = [
        ...body.items.map((r) => row(r.recipient.name, r.recipient.code, r)),
        row(en ? 'Total' : '合计', null, body.totals),
      ];
      const buf = await sheetXlsx(en ? 'Reconciliation' : '发放对账', headers, rows);
      await recordAudit(db, {
        actor: request.actor,
        action: 'care.reconciliation.export',
        entity: 'care_distribution',
        entityId: dist.id,
        unionId: dist.fromUnionId,
        requestId: request.id,
        ip: request.ip,
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="reconciliation.xlsx"')
        .send(buf);
    },
  );

  app.get(
    '/care/handovers/incoming',
    {
      schema: {
        tags,
        summary: 'Unconfirmed hand-overs to unions in the actor’s subtree (for their representative to confirm)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                distributionId: Type.String(),
                distributionTitle: Type.String(),
                fromUnionName: Type.String(),
                toUnionName: Type.String(),
                itemName: Type.String(),
                quantity: Type.Integer(),
                at: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'manage');
      const rows = await db
        .selectFrom('careHandovers as h')
        .innerJoin('careDistributionLines as l', 'l.id', 'h.lineId')
        .innerJoin('careDistributions as d', 'd.id', 'h.distributionId')
        .innerJoin('unions as fu', 'fu.id', 'd.fromUnionId')
        .innerJoin('unions as tu', 'tu.id', 'l.toUnionId')
        .innerJoin('careItems as i', 'i.id', 'd.itemId')
        .select([
          'h.id',
          'd.id as distributionId',
          'd.title as distributionTitle',
          'fu.name as fromUnionName',
          'tu.name as toUnionName',
          'i.name as itemName',
          'h.quantity',
          'h.at',
        ])
        .where('h.confirmedAt', 'is', null)
        .where('tu.path', 'like', `${scopePath(actor)}%`)
        .orderBy('h.at')
        .limit(500)
        .execute();
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
};
