import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, requirePermission } from '../../platform/auth.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { inScope } from '../../platform/permissions.ts';
import { ProblemSchema } from './account.schemas.ts';
import { validateIdNumber } from './id-number.ts';
import { can } from './member.policy.ts';
import { findMemberDetail, findMemberRef, listMembers, readSensitive, setMemberStatus } from './member.repository.ts';
import {
  IdParams,
  MemberCreateBody,
  MemberDetail,
  MemberListQuery,
  MemberPage,
  MemberStatusBody,
  RevealBody,
} from './member.schemas.ts';
import { CardOwnedByAnotherMember, saveMember } from './member.service.ts';
import { luhnValid } from './member-row.ts';
import { normalisePhone } from './phone.ts';
import { findUnionById } from './union.repository.ts';

const errorResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const ID_PROBLEMS = {
  length: { 'zh-CN': '身份证号应为 18 位', en: 'must have 18 characters' },
  format: { 'zh-CN': '身份证号格式不正确', en: 'is not in the ID number format' },
  birthDate: { 'zh-CN': '身份证号中的出生日期无效', en: 'contains an invalid birth date' },
  checkCharacter: { 'zh-CN': '身份证号校验位错误', en: 'has a wrong check character' },
} as const;

/** Members: list and detail within the actor's subtree, enrolment, leaving, and audited reveals. */
export const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock } = app.deps;

  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members in your union subtree (ID numbers masked)',
        querystring: MemberListQuery,
        response: { 200: MemberPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'members.read');
      const { unionId, page, pageSize, ...rest } = request.query;
      let unionPath: string | undefined;
      if (unionId) {
        const union = await findUnionById(db, unionId);
        if (!union || !inScope(actor, union.path)) throw Problem.notFound();
        unionPath = union.path;
      }
      const result = await listMembers(db, cipher, { scopePath: actor.unionPath, unionPath, page, pageSize, ...rest });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'One member, with membership history and cards',
        params: IdParams,
        response: { 200: MemberDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const member = await findMemberDetail(db, request.params.id);
      // Someone else's member answers 404, not 403, so ids cannot be probed.
      if (!member || !can(actor, 'read', member)) throw Problem.notFound();
      const { unionPath: _path, ...view } = member;
      return view;
    },
  );

  app.get(
    '/me/member',
    {
      schema: {
        tags: ['members'],
        summary: "The signed-in member's own record",
        response: { 200: MemberDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.memberId) throw Problem.notFound();
      const member = await findMemberDetail(db, actor.memberId);
      if (!member) throw Problem.notFound();
      const { unionPath: _path, ...view } = member;
      return view;
    },
  );

  app.post(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Enrol a member (or update the member with this ID number)',
        body: MemberCreateBody,
        response: { 201: Type.Object({ id: Type.String(), outcome: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'members.write');
      const body = request.body;
      const union = await findUnionById(db, body.unionId);
      if (!union || !inScope(actor, union.path)) throw Problem.notFound();
      const errors: FieldError[] = [];
      const phone = normalisePhone(body.phone);
      if (!phone) errors.push({ field: 'body.phone', message: 'phoneInvalid' });
      const id = validateIdNumber(body.idNumber, shanghaiDay(clock.now()));
      if (!id.ok) errors.push({ field: 'body.idNumber', message: ID_PROBLEMS[id.reason] });
      if (union.kind !== 'workplace' && union.kind !== 'home') {
        errors.push({
          field: 'body.unionId',
          message: { 'zh-CN': '会员只能加入基层工会或职工小家', en: 'members join a workplace union or a 职工小家' },
        });
      }
      if (body.card?.bankAccount && !luhnValid(body.card.bankAccount)) {
        errors.push({
          field: 'body.card.bankAccount',
          message: { 'zh-CN': '银行卡号校验位错误', en: 'has a wrong check digit' },
        });
      }
      if (body.card && body.card.validTo < body.card.validFrom) {
        errors.push({ field: 'body.card.validTo', message: 'fieldRange' });
      }
      if (errors.length) throw Problem.validation(errors);
      const result = await db.transaction().execute(async (trx) => {
        try {
          const saved = await saveMember(
            trx,
            cipher,
            {
              union: { id: union.id, path: union.path },
              name: body.name.trim(),
              phone: phone!,
              idNumber: body.idNumber,
              joinedOn: body.joinedOn ?? shanghaiDay(clock.now()),
              card: body.card ? { ...body.card, cardNo: body.card.cardNo.toUpperCase() } : null,
            },
            actor,
          );
          await recordAudit(trx, {
            actor,
            action: `member.${saved.outcome === 'inserted' ? 'create' : 'update'}`,
            entity: 'member',
            entityId: saved.memberId,
            unionId: union.id,
            requestId: request.id,
            ip: request.ip,
          });
          return saved;
        } catch (err) {
          if (err instanceof CardOwnedByAnotherMember) {
            throw new Problem(409, 'conflict', {
              errors: [
                {
                  field: 'body.card.cardNo',
                  message: { 'zh-CN': '该互助卡号已属于其他会员', en: 'this card number belongs to another member' },
                },
              ],
            });
          }
          throw err;
        }
      });
      return reply.code(201).send({ id: result.memberId, outcome: result.outcome });
    },
  );

  app.post(
    '/members/:id/status',
    {
      schema: {
        tags: ['members'],
        summary: 'Record that a member left the union (or rejoined)',
        params: IdParams,
        body: MemberStatusBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const member = await findMemberRef(db, request.params.id);
      if (!member || !can(actor, 'read', member)) throw Problem.notFound();
      if (!can(actor, 'write', member)) throw Problem.forbidden();
      await setMemberStatus(db, member.id, { ...request.body, unionId: member.unionId, actorId: actor.accountId });
      await recordAudit(db, {
        actor,
        action: `member.${request.body.status === 'left' ? 'leave' : 'rejoin'}`,
        entity: 'member',
        entityId: member.id,
        unionId: member.unionId,
        reason: request.body.reason,
        requestId: request.id,
        ip: request.ip,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/members/:id/reveal',
    {
      schema: {
        tags: ['members'],
        summary: 'Show a full ID or bank account number (privileged; audit-logged with the reason)',
        params: IdParams,
        body: RevealBody,
        response: { 200: Type.Object({ value: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const member = await findMemberRef(db, request.params.id);
      if (!member || !can(actor, 'read', member)) throw Problem.notFound();
      if (!can(actor, 'reveal', member)) throw Problem.forbidden();
      const blob = await readSensitive(db, member.id, request.body.field);
      if (!blob) throw Problem.notFound();
      const value = cipher.decrypt(blob);
      await recordAudit(db, {
        actor,
        action: 'member.reveal',
        entity: 'member',
        entityId: member.id,
        unionId: member.unionId,
        reason: request.body.reason,
        detail: { field: request.body.field },
        requestId: request.id,
        ip: request.ip,
      });
      return { value };
    },
  );
};
