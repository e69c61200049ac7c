import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database, DB } from '../../db/index.ts';
import { Problem } from '../../platform/errors.ts';
import type { Localized } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  type ConsultationRow,
  callerMember,
  consultationParts,
  findConsultation,
  followUpView,
} from './consultation.repository.ts';
import { can } from './hotline.policy.ts';

/** Any hotline route starts here: the operator's permission, then the consultation in their subtree (404 if not). */
export function operator(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new Problem(401, 'unauthorized');
  if (!can(actor, 'consultation.read')) throw Problem.forbidden();
  return actor;
}

export async function consultationFor(
  db: Database | Transaction<DB>,
  id: string,
  actor: Actor,
  opts: { forUpdate?: boolean; open?: boolean } = {},
) {
  const c = await findConsultation(db, id, opts);
  if (!c || !can(actor, 'consultation.read', c)) throw Problem.notFound();
  if (opts.open && c.endedAt) throw new Problem(409, CLOSED);
  return c;
}

export const CLOSED: Localized = { 'zh-CN': '该咨询已结束，不能再修改', en: 'This consultation is closed' };

const seconds = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

export async function consultationView(db: Database, c: ConsultationRow, now: Date) {
  const [p, member] = await Promise.all([
    consultationParts(db, c),
    c.memberId ? callerMember(db, c.memberId, now) : null,
  ]);
  return {
    id: c.id,
    channel: c.channel,
    callerPhone: c.callerPhone,
    member: member?.view ?? null,
    union: p.union,
    operator: p.operator,
    topic: c.topic,
    question: c.question,
    notes: c.notes,
    outcome: c.outcome,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    durationSeconds: seconds(c.startedAt, c.endedAt),
    firstAnswerAt: c.firstAnswerAt?.toISOString() ?? null,
    secondsToFirstAnswer: seconds(c.startedAt, c.firstAnswerAt),
    answers: p.answers.map((a) => ({ id: a.id, title: a.title, linkedAt: a.linkedAt.toISOString() })),
    prechecks: p.prechecks.map((x) => ({
      at: x.at.toISOString(),
      coverageCode: x.coverageCode,
      incidentDate: x.incidentDate,
      eligible: x.eligible,
      deadline: ((x.result as { deadline?: string | null }).deadline ?? null) as string | null,
    })),
    claims: p.claims.map((x) => ({
      id: x.id,
      claimNo: x.claimNo,
      status: x.status,
      coverage: { code: x.code, name: x.name },
      incidentDate: x.incidentDate,
      relation: x.relation,
    })),
    followUps: p.followUps.map((f) => followUpView(f, now)),
    satisfaction: p.satisfaction
      ? {
          score: p.satisfaction.score,
          comment: p.satisfaction.comment,
          source: p.satisfaction.source,
          at: p.satisfaction.at.toISOString(),
        }
      : null,
    feedbackLink:
      p.link && !p.link.usedAt && !p.satisfaction
        ? {
            token: p.link.token,
            path: `/feedback/hotline/${p.link.token}`,
            expiresAt: p.link.expiresAt.toISOString(),
          }
        : null,
  };
}
