import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from './account.schemas.ts';
import { IdParams } from './member.schemas.ts';
import { normalisePhone } from './phone.ts';
import { findRegion, regionContains } from './region.ts';
import { can } from './union.policy.ts';
import { countActiveMembers, findUnionByCode, findUnionById, insertUnion, listSubtree } from './union.repository.ts';
import { UNION_KINDS, type UnionKind } from './union.table.ts';
import { canContain, isUnionCode } from './union-tree.ts';

const UnionView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(UNION_KINDS),
  parentId: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  memberCount: Type.Integer(),
});

const UnionCreateBody = Type.Object(
  {
    parentId: Type.String({ format: 'uuid' }),
    code: Type.String({ minLength: 2, maxLength: 32 }),
    name: Type.String({ minLength: 2, maxLength: 80 }),
    kind: StringEnum(UNION_KINDS),
    regionCode: Type.String({ minLength: 6, maxLength: 6 }),
    contactName: Type.Optional(Type.String({ maxLength: 40 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

const errorResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

type UnionRow = {
  id: string;
  code: string;
  name: string;
  kind: UnionKind;
  parentId: string | null;
  regionCode: string;
  contactName: string | null;
  contactPhone: string | null;
};

/** The API shape of a union: the internal path stays inside, the region gets its name. */
function view(u: UnionRow, memberCount = 0) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    regionCode: u.regionCode,
    regionName: findRegion(u.regionCode)?.fullName ?? u.regionCode,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    memberCount,
  };
}

/** The union tree as the signed-in staff member may see it, and adding unions below their own. */
export const unionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/unions',
    {
      schema: {
        tags: ['unions'],
        summary: 'Your union subtree as a flat list in tree order',
        response: { 200: Type.Object({ items: Type.Array(UnionView) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'unions.read');
      const rows = await listSubtree(db, actor);
      return { items: rows.map((u) => view(u, u.memberCount ?? 0)) };
    },
  );

  app.get(
    '/unions/:id',
    {
      schema: {
        tags: ['unions'],
        summary: 'One union',
        params: IdParams,
        response: { 200: UnionView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'unions.read');
      const union = await findUnionById(db, request.params.id);
      if (!union || !can(actor, 'read', union)) throw Problem.notFound();
      return view(union, await countActiveMembers(db, union.id));
    },
  );

  app.post(
    '/unions',
    {
      schema: {
        tags: ['unions'],
        summary: 'Add a union below one in your subtree',
        body: UnionCreateBody,
        response: { 201: UnionView, ...errorResponses, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'unions.write');
      const body = request.body;
      const parent = await findUnionById(db, body.parentId);
      if (!parent || !can(actor, 'read', parent)) throw Problem.notFound();
      if (!can(actor, 'create-child', parent)) throw Problem.forbidden();
      const errors: FieldError[] = [];
      const code = body.code.trim().toUpperCase();
      if (!isUnionCode(code)) errors.push({ field: 'body.code', message: 'fieldType' });
      if (!canContain(parent.kind, body.kind)) {
        errors.push({
          field: 'body.kind',
          message: { 'zh-CN': '下级工会的层级必须低于上级工会', en: 'must be a lower level than the parent union' },
        });
      }
      if (!findRegion(body.regionCode)) {
        errors.push({
          field: 'body.regionCode',
          message: { 'zh-CN': '行政区划代码不存在', en: 'is not a GB/T 2260 region code' },
        });
      } else if (!regionContains(parent.regionCode, body.regionCode) && parent.regionCode !== body.regionCode) {
        errors.push({
          field: 'body.regionCode',
          message: { 'zh-CN': '行政区划不在上级工会的区划内', en: "is outside the parent union's region" },
        });
      }
      const contactPhone = body.contactPhone ? normalisePhone(body.contactPhone) : null;
      if (body.contactPhone && !contactPhone) errors.push({ field: 'body.contactPhone', message: 'phoneInvalid' });
      if (errors.length) throw Problem.validation(errors);
      if (await findUnionByCode(db, code)) {
        throw new Problem(409, 'conflict', {
          errors: [{ field: 'body.code', message: { 'zh-CN': '工会编码已被使用', en: 'is already used' } }],
        });
      }
      const union = await insertUnion(db, { ...body, code, name: body.name.trim(), contactPhone });
      await recordAudit(db, {
        actor,
        action: 'union.create',
        entity: 'union',
        entityId: union.id,
        unionId: parent.id,
        requestId: request.id,
        ip: request.ip,
      });
      return reply.code(201).send(view(union));
    },
  );
};
