import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/auth.ts';
import { type FieldError, localize, Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { findSurvey, isInAudience, publishedForUnionPath, type SurveyRow } from './survey.repository.ts';
import {
  AnsweringView,
  DraftBody,
  DraftReply,
  errorResponses,
  IdParams,
  MySurveyList,
  SubmitBody,
  SubmitReply,
  TokenParams,
} from './survey.schemas.ts';
import {
  findEarlierSubmission,
  notAcceptingProblem,
  type Respondent,
  submitResponse,
} from './survey-answer.service.ts';
import { type Answers, allQuestions, checkAnswers, type SurveyDefinition } from './survey-definition.ts';
import { hashToken } from './survey-link.routes.ts';
import { presentDefinition } from './survey-order.ts';
import { surveyStatus } from './survey-window.ts';

const tags = ['surveys'];

async function requireMember(request: FastifyRequest) {
  const actor = requireActor(request);
  if (!actor.memberId) throw Problem.forbidden();
  const member = await request.server.deps.db
    .selectFrom('members')
    .select(['id', 'unionId', 'unionPath', 'status'])
    .where('id', '=', actor.memberId)
    .executeTakeFirst();
  if (!member) throw Problem.forbidden();
  return member;
}

/** A published survey whose audience includes the signed-in member; 404 otherwise. */
async function surveyForMember(request: FastifyRequest, id: string) {
  const member = await requireMember(request);
  const survey = await findSurvey(request.server.deps.db, id);
  if (!survey?.publishedAt || !(await isInAudience(request.server.deps.db, survey, member.id)))
    throw Problem.notFound();
  const respondent: Respondent = {
    kind: 'member',
    memberId: member.id,
    unionId: member.unionId,
    unionPath: member.unionPath,
  };
  return { member, survey, respondent };
}

/** A published survey behind a public link token; 404 for unknown tokens. */
async function surveyForLink(request: FastifyRequest, token: string) {
  const { db } = request.server.deps;
  const link = await db
    .selectFrom('surveyLinks as l')
    .innerJoin('unions as u', 'u.id', 'l.unionId')
    .select(['l.id', 'l.surveyId', 'l.unionId', 'u.path as unionPath', 'l.usedAt', 'l.draft'])
    .where('l.tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  const survey = link ? await findSurvey(db, link.surveyId) : undefined;
  if (!link || !survey?.publishedAt) throw Problem.notFound();
  const respondent: Respondent = { kind: 'link', linkId: link.id, unionId: link.unionId, unionPath: link.unionPath };
  return { link, survey, respondent };
}

function view(request: FastifyRequest, s: SurveyRow, seed: string, draft: Answers | null, submitted: boolean) {
  return {
    survey: {
      id: s.id,
      version: s.currentVersion,
      status: surveyStatus(s, request.server.deps.clock.now()),
      definition: presentDefinition(s.definition, seed),
      opensAt: s.opensAt!.toISOString(),
      closesAt: s.closesAt!.toISOString(),
      anonymous: s.anonymous,
      closedMessage: s.closedMessage,
    },
    ...(draft && !submitted ? { draft } : {}),
    submitted,
  };
}

/** Keeps a draft's answers to questions of the definition (shown or not, valid or not yet), so nothing typed is lost. */
function draftAnswers(def: SurveyDefinition, answers: Record<string, unknown>): Answers {
  const ids = new Set(allQuestions(def).map((q) => q.id));
  return Object.fromEntries(
    Object.entries(answers).filter(([k, v]) => ids.has(k) && v !== null && v !== undefined),
  ) as Answers;
}

async function submit(
  request: FastifyRequest,
  survey: SurveyRow,
  respondent: Respondent,
  body: { answers: unknown; submissionKey: string },
) {
  const { db, clock } = request.server.deps;
  const now = clock.now();
  if (surveyStatus(survey, now) !== 'open') {
    const earlier = await findEarlierSubmission(db, survey.id, respondent, body.submissionKey);
    if (earlier) return { responseId: earlier, created: false };
    throw notAcceptingProblem(survey, now);
  }
  const checked = checkAnswers(survey.definition, body.answers);
  if (checked.errors.length) {
    const earlier = await findEarlierSubmission(db, survey.id, respondent, body.submissionKey);
    if (earlier) return { responseId: earlier, created: false };
    throw Problem.validation(checked.errors);
  }
  return submitResponse(db, { survey, respondent, answers: checked.answers, submissionKey: body.submissionKey, now });
}

/** Members answer the surveys published to them; workers without an account answer through single-use links. */
export const surveyAnswerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const rateLimit = { max: app.deps.publicRateLimitPerMinute ?? 600, timeWindow: '1 minute' };

  app.get(
    '/me/surveys',
    { schema: { tags, summary: 'Surveys published to me', response: { 200: MySurveyList, ...errorResponses } } },
    async (request) => {
      const member = await requireMember(request);
      const now = clock.now();
      const [surveys, done, drafts] = await Promise.all([
        publishedForUnionPath(db, member.unionPath),
        db.selectFrom('surveyParticipations').select('surveyId').where('memberId', '=', member.id).execute(),
        db.selectFrom('surveyDrafts').select('surveyId').where('memberId', '=', member.id).execute(),
      ]);
      const answered = new Set(done.map((d) => d.surveyId));
      const drafted = new Set(drafts.map((d) => d.surveyId));
      const items = [];
      for (const s of surveys) {
        if (!(await isInAudience(db, s, member.id))) continue;
        items.push({
          id: s.id,
          title: s.title,
          closesAt: s.closesAt!.toISOString(),
          status: surveyStatus(s, now),
          answered: answered.has(s.id),
          hasDraft: drafted.has(s.id) && !answered.has(s.id),
          anonymous: s.anonymous,
        });
      }
      return { items };
    },
  );

  app.get(
    '/me/surveys/:id',
    {
      schema: {
        tags,
        summary: 'A survey to answer (options in my stable order), my draft',
        params: IdParams,
        response: { 200: AnsweringView, ...errorResponses },
      },
    },
    async (request) => {
      const { member, survey } = await surveyForMember(request, request.params.id);
      const [draft, done] = await Promise.all([
        db
          .selectFrom('surveyDrafts')
          .select('answers')
          .where('surveyId', '=', survey.id)
          .where('memberId', '=', member.id)
          .executeTakeFirst(),
        db
          .selectFrom('surveyParticipations')
          .select('at')
          .where('surveyId', '=', survey.id)
          .where('memberId', '=', member.id)
          .executeTakeFirst(),
      ]);
      return view(request, survey, `${survey.id}:${member.id}`, draft?.answers ?? null, !!done);
    },
  );

  app.put(
    '/me/surveys/:id/draft',
    {
      schema: {
        tags,
        summary: 'Save my answers so far',
        params: IdParams,
        body: DraftBody,
        response: { 200: DraftReply, ...errorResponses },
      },
    },
    async (request) => {
      const { member, survey } = await surveyForMember(request, request.params.id);
      const now = clock.now();
      if (surveyStatus(survey, now) !== 'open') throw notAcceptingProblem(survey, now);
      const answers = draftAnswers(survey.definition, request.body.answers);
      await db
        .insertInto('surveyDrafts')
        .values({
          surveyId: survey.id,
          memberId: member.id,
          version: survey.currentVersion,
          answers: JSON.stringify(answers),
          savedAt: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['surveyId', 'memberId'])
            .doUpdateSet({ answers: JSON.stringify(answers), version: survey.currentVersion, savedAt: now }),
        )
        .execute();
      return {
        savedAt: now.toISOString(),
        errors: checkAnswers(survey.definition, answers, { partial: true }).errors.map(localized(request)),
      };
    },
  );

  app.post(
    '/me/surveys/:id/responses',
    {
      schema: {
        tags,
        summary: 'Submit once (retries with the same submissionKey return the same response)',
        params: IdParams,
        body: SubmitBody,
        response: { 200: SubmitReply, 201: SubmitReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { survey, respondent } = await surveyForMember(request, request.params.id);
      const r = await submit(request, survey, respondent, request.body);
      return reply.code(r.created ? 201 : 200).send({ responseId: r.responseId });
    },
  );

  app.get(
    '/public/surveys/:token',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'A survey behind a single-use link (no account)',
        params: TokenParams,
        response: { 200: AnsweringView, ...errorResponses },
      },
    },
    async (request) => {
      const { link, survey } = await surveyForLink(request, request.params.token);
      return view(request, survey, `${survey.id}:${link.id}`, link.draft, !!link.usedAt);
    },
  );

  app.put(
    '/public/surveys/:token/draft',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Save answers so far on a public link',
        params: TokenParams,
        body: DraftBody,
        response: { 200: DraftReply, ...errorResponses },
      },
    },
    async (request) => {
      const { link, survey } = await surveyForLink(request, request.params.token);
      const now = clock.now();
      if (surveyStatus(survey, now) !== 'open') throw notAcceptingProblem(survey, now);
      const answers = draftAnswers(survey.definition, request.body.answers);
      const saved = await db
        .updateTable('surveyLinks')
        .set({ draft: JSON.stringify(answers), draftSavedAt: now })
        .where('id', '=', link.id)
        .where('usedAt', 'is', null)
        .executeTakeFirst();
      if (saved.numUpdatedRows === 0n)
        throw new Problem(409, { 'zh-CN': '此链接已被使用', en: 'This link has already been used' });
      return {
        savedAt: now.toISOString(),
        errors: checkAnswers(survey.definition, answers, { partial: true }).errors.map(localized(request)),
      };
    },
  );

  app.post(
    '/public/surveys/:token/responses',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Submit on a public link (single use; retries are idempotent)',
        params: TokenParams,
        body: SubmitBody,
        response: { 200: SubmitReply, 201: SubmitReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { survey, respondent } = await surveyForLink(request, request.params.token);
      const r = await submit(request, survey, respondent, request.body);
      return reply.code(r.created ? 201 : 200).send({ responseId: r.responseId });
    },
  );
};

function localized(request: FastifyRequest) {
  const lang = pickLang(request.headers['accept-language']);
  return (e: FieldError) => ({ field: e.field, message: localize(e.message, lang, e.params) });
}
