/**
 * Submitting a response: one transaction that claims the respondent's single participation (member) or the link's
 * single use, counts the response against the window and quota with one atomic UPDATE, and stores the answers.
 * Retries with the same submissionKey return the first response; nothing stored joins a member to an anonymous answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import type { Answers } from './survey-definition.ts';
import { type SurveyWindow, surveyStatus } from './survey-window.ts';

export const SURVEY_MESSAGES = {
  closed: { 'zh-CN': '问卷已结束', en: 'The survey is closed' },
  closedDetail: {
    'zh-CN': '本次问卷调查已结束，感谢您的关注。',
    en: 'This survey has closed. Thank you for your interest.',
  },
  notOpen: { 'zh-CN': '问卷尚未开始', en: 'The survey has not opened yet' },
  notOpenDetail: { 'zh-CN': '问卷将于 {opensAt}（北京时间）开始', en: 'The survey opens at {opensAt} (Beijing time)' },
  alreadyAnswered: { 'zh-CN': '您已提交过本问卷，每人只能提交一次', en: 'You have already answered this survey' },
  linkUsed: { 'zh-CN': '此链接已被使用', en: 'This link has already been used' },
  versionChanged: {
    'zh-CN': '问卷内容已更新，请刷新后重新提交',
    en: 'The survey has been updated; reload it and submit again',
  },
} as const;

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
  hour12: false,
});

/** The 409 for a survey that does not take answers now: before opening, or closed (with the survey's own message). */
export function notAcceptingProblem(s: SurveyWindow & { closedMessage: string | null }, now: Date): Problem {
  if (surveyStatus(s, now) === 'scheduled' && s.opensAt) {
    return new Problem(409, SURVEY_MESSAGES.notOpen, {
      detail: SURVEY_MESSAGES.notOpenDetail,
      params: { opensAt: shanghaiTime.format(s.opensAt) },
      extra: { code: 'survey_not_open', opensAt: s.opensAt.toISOString() },
    });
  }
  const message = s.closedMessage?.trim();
  return new Problem(409, SURVEY_MESSAGES.closed, {
    detail: message ? { 'zh-CN': message, en: message } : SURVEY_MESSAGES.closedDetail,
    extra: { code: 'survey_closed' },
  });
}

const keyHash = (purpose: 'participation' | 'receipt', key: string) =>
  createHash('sha256').update(`${purpose}:${key.toLowerCase()}`).digest();

export type Respondent =
  | { kind: 'member'; memberId: string; unionId: string; unionPath: string }
  | { kind: 'link'; linkId: string; unionId: string; unionPath: string };

export interface SubmitInput {
  survey: SurveyWindow & { id: string; currentVersion: number; anonymous: boolean; closedMessage: string | null };
  respondent: Respondent;
  /** Already checked against the current version (see checkAnswers). */
  answers: Answers;
  submissionKey: string;
  now: Date;
}

/** Returns the response id and whether this call created it (false: a retry of an earlier submission). */
export async function submitResponse(
  db: Database,
  input: SubmitInput,
): Promise<{ responseId: string; created: boolean }> {
  const { survey, respondent, now } = input;
  const h1 = keyHash('participation', input.submissionKey);
  const receipt = keyHash('receipt', input.submissionKey);
  return db.transaction().execute(async (trx) => {
    const earlier = async (storedKey: Buffer | null, refusal: Problem) => {
      if (!storedKey?.equals(h1)) throw refusal;
      const r = await trx
        .selectFrom('surveyResponses')
        .select('id')
        .where('receiptHash', '=', receipt)
        .executeTakeFirst();
      if (!r) throw refusal;
      return { responseId: r.id, created: false };
    };

    if (respondent.kind === 'member') {
      const claimed = await trx
        .insertInto('surveyParticipations')
        .values({ surveyId: survey.id, memberId: respondent.memberId, at: now, keyHash: h1 })
        .onConflict((oc) => oc.columns(['surveyId', 'memberId']).doNothing())
        .returning('memberId')
        .executeTakeFirst();
      if (!claimed) {
        const p = await trx
          .selectFrom('surveyParticipations')
          .select('keyHash')
          .where('surveyId', '=', survey.id)
          .where('memberId', '=', respondent.memberId)
          .executeTakeFirst();
        return earlier(
          p?.keyHash ?? null,
          new Problem(409, SURVEY_MESSAGES.alreadyAnswered, { extra: { code: 'already_answered' } }),
        );
      }
    } else {
      const claimed = await trx
        .updateTable('surveyLinks')
        .set({ usedAt: now, keyHash: h1, draft: null, draftSavedAt: null })
        .where('id', '=', respondent.linkId)
        .where('usedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) {
        const l = await trx
          .selectFrom('surveyLinks')
          .select('keyHash')
          .where('id', '=', respondent.linkId)
          .executeTakeFirst();
        return earlier(
          l?.keyHash ?? null,
          new Problem(409, SURVEY_MESSAGES.linkUsed, { extra: { code: 'link_used' } }),
        );
      }
    }

    // The window, the early close and the quota in one atomic statement: the row lock it takes orders concurrent
    // submissions, so the response that fills the quota closes the survey and any later one is refused.
    const counted = await trx
      .updateTable('surveys')
      .set({
        responseCount: sql`response_count + 1`,
        closedAt: sql`case when quota is not null and response_count + 1 >= quota then ${now}::timestamptz else closed_at end`,
        closedReason: sql`case when quota is not null and response_count + 1 >= quota then 'quota' else closed_reason end`,
      })
      .where('id', '=', survey.id)
      .where('publishedAt', 'is not', null)
      .where('opensAt', '<=', now)
      .where(sql<boolean>`${now}::timestamptz < closes_at + make_interval(mins => grace_minutes)`)
      .where((eb) => eb.or([eb('closedAt', 'is', null), eb('closedAt', '>', now)]))
      .where((eb) => eb.or([eb('quota', 'is', null), eb('responseCount', '<', eb.ref('quota'))]))
      .returning(['currentVersion'])
      .executeTakeFirst();
    if (!counted) {
      const fresh = await trx.selectFrom('surveys').selectAll().where('id', '=', survey.id).executeTakeFirstOrThrow();
      throw notAcceptingProblem(fresh, now);
    }
    if (counted.currentVersion !== survey.currentVersion) {
      throw new Problem(409, SURVEY_MESSAGES.versionChanged, { extra: { code: 'version_changed' } });
    }

    const anonymous = survey.anonymous;
    // Anonymous: a random v4 id (a v7 id would carry the submission time) and only the Beijing day.
    const responseId = anonymous ? randomUUID() : uuidv7();
    await trx
      .insertInto('surveyResponses')
      .values({
        id: responseId,
        surveyId: survey.id,
        version: survey.currentVersion,
        unionId: respondent.unionId,
        unionPath: respondent.unionPath,
        via: respondent.kind,
        anonymous,
        memberId: !anonymous && respondent.kind === 'member' ? respondent.memberId : null,
        submittedOn: shanghaiDay(now),
        submittedAt: anonymous ? null : now,
        receiptHash: receipt,
        answers: JSON.stringify(input.answers),
      })
      .execute();
    if (respondent.kind === 'member') {
      await trx
        .deleteFrom('surveyDrafts')
        .where('surveyId', '=', survey.id)
        .where('memberId', '=', respondent.memberId)
        .execute();
    }
    return { responseId, created: true };
  });
}

/** A retry of an earlier submission with the same key (also after the survey closed): its response id, or null. */
export async function findEarlierSubmission(
  db: Database,
  surveyId: string,
  respondent: Respondent,
  submissionKey: string,
): Promise<string | null> {
  const stored =
    respondent.kind === 'member'
      ? await db
          .selectFrom('surveyParticipations')
          .select('keyHash')
          .where('surveyId', '=', surveyId)
          .where('memberId', '=', respondent.memberId)
          .executeTakeFirst()
      : await db.selectFrom('surveyLinks').select('keyHash').where('id', '=', respondent.linkId).executeTakeFirst();
  if (!stored?.keyHash?.equals(keyHash('participation', submissionKey))) return null;
  const r = await db
    .selectFrom('surveyResponses')
    .select('id')
    .where('receiptHash', '=', keyHash('receipt', submissionKey))
    .executeTakeFirst();
  return r?.id ?? null;
}
