/** Shared by the survey route plugins: loading a survey for staff, and its detail view. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { can, type SurveyAction } from './survey.policy.ts';
import { audienceSize, countLinks, findSurvey, listVersions, type SurveyRow } from './survey.repository.ts';
import { surveyStatus } from './survey-window.ts';

/** The survey behind `:id` if the actor may `action` it; 404 when it is outside the actor's subtree. */
export async function loadForStaff(request: FastifyRequest, id: string, action: SurveyAction, forUpdate = false) {
  const actor = requireActor(request);
  const survey = await findSurvey(request.server.deps.db, id, { forUpdate });
  if (!survey || !can(actor, 'read', survey)) throw Problem.notFound();
  if (!can(actor, action, survey)) throw Problem.forbidden();
  return { actor, survey };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function publicationOf(s: SurveyRow) {
  if (!s.publishedAt || !s.audienceUnionId || !s.opensAt || !s.closesAt) return null;
  return {
    audienceUnionId: s.audienceUnionId,
    audienceUnionName: s.audienceUnionName ?? '',
    audienceFilter: s.audienceFilter ?? {},
    opensAt: s.opensAt.toISOString(),
    closesAt: s.closesAt.toISOString(),
    graceMinutes: s.graceMinutes,
    closedMessage: s.closedMessage,
    anonymous: s.anonymous,
    quota: s.quota,
    publishedAt: s.publishedAt.toISOString(),
    closedAt: iso(s.closedAt),
    closedReason: s.closedReason,
  };
}

export async function surveyDetail(request: FastifyRequest, s: SurveyRow) {
  const { db, clock } = request.server.deps;
  const [audience, links, versions] = await Promise.all([
    audienceSize(db, s),
    countLinks(db, s.id),
    listVersions(db, s.id),
  ]);
  return {
    id: s.id,
    status: surveyStatus(s, clock.now()),
    version: s.currentVersion,
    ownerUnionId: s.ownerUnionId,
    ownerUnionName: s.ownerUnionName,
    definition: s.definition,
    publication: publicationOf(s),
    counts: { responses: s.responseCount, audience, links },
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      responses: Number(v.responses ?? 0),
    })),
  };
}
