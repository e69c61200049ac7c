import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit.ts';
import { Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { audienceByUnion, audienceSize, type SurveyRow } from './survey.repository.ts';
import {
  CrosstabQuery,
  CrosstabReply,
  errorResponses,
  IdParams,
  ResultsQuery,
  ResultsReply,
  TermAnswers,
  TermQuery,
  TextParams,
  TextQuery,
  TextReply,
} from './survey.schemas.ts';
import { loadForStaff } from './survey-access.ts';
import { crosstab } from './survey-crosstab.ts';
import { allQuestions, CHOICE_TYPES } from './survey-definition.ts';
import {
  CSV_BOM,
  csvLine,
  responseHeader,
  responseRenderer,
  type SummaryRow,
  suppressSummary,
  writeXlsx,
} from './survey-export.ts';
import {
  aggregateResults,
  countTextAnswers,
  type ResponseFilter,
  responsePages,
  textAnswers,
  textCounts,
  unionCounts,
} from './survey-results.repository.ts';
import { aggregateSpec, MIN_CELL, type QuestionResult, questionResults, responseRate } from './survey-results.ts';
import { analyseWeighted, type TermCount } from './survey-text.ts';

const tags = ['surveys'];
/** Free-text analysis; withheld in an anonymous survey answered fewer than 5 times (raw words point at people). */
type TextResult = { suppressed: boolean; answered: number | null; terms: TermCount[]; phrases: TermCount[] };
const M = {
  notChoice: { 'zh-CN': '须为单选或多选题', en: 'must be a single or multiple choice question' },
  notText: { 'zh-CN': '须为填空或问答题', en: 'must be a text question' },
  rowNeeded: { 'zh-CN': '请指定行：按工会或某道选择题', en: 'give rowQuestion or byUnion=true' },
};

/** Reads `unionId` and `<questionId>=<optionId>` filters from the query; unknown keys are refused. */
async function responseFilter(request: FastifyRequest, survey: SurveyRow, query: Record<string, unknown>) {
  const f: ResponseFilter = { surveyId: survey.id, answers: {} };
  const choice = new Map(
    allQuestions(survey.definition)
      .filter((q) => CHOICE_TYPES.includes(q.type))
      .map((q) => [q.id, q]),
  );
  for (const [key, value] of Object.entries(query)) {
    if (key === 'unionId') {
      const u = await findUnionById(request.server.deps.db, String(value));
      if (!u) throw Problem.validation([{ field: 'query.unionId', message: 'notFound' }]);
      f.unionPath = u.path;
    } else if (['rowQuestion', 'colQuestion', 'byUnion', 'limit', 'term'].includes(key)) {
    } else {
      const q = choice.get(key);
      if (!q) throw Problem.validation([{ field: `query.${key}`, message: M.notChoice }]);
      if (!q.options?.some((o) => o.id === value))
        throw Problem.validation([{ field: `query.${key}`, message: 'fieldType' }]);
      f.answers![key] = String(value);
    }
  }
  return f;
}

async function computeResults(request: FastifyRequest, survey: SurveyRow, f: ResponseFilter) {
  const { db } = request.server.deps;
  const [agg, size, audience] = await Promise.all([
    aggregateResults(db, f, aggregateSpec(survey.definition)),
    audienceSize(db, survey),
    audienceByUnion(db, survey),
  ]);
  const responded = new Map(agg.byUnion.map((b) => [b.unionId, b.n]));
  const fromMembers = new Map(agg.byUnion.map((b) => [b.unionId, b.members]));
  const names = new Map(audience.map((a) => [a.unionId, a.name]));
  const missing = [...responded.keys()].filter((id) => !names.has(id));
  if (missing.length) {
    for (const u of await db.selectFrom('unions').select(['id', 'name']).where('id', 'in', missing).execute())
      names.set(u.id, u.name);
  }
  // Under an answer filter every count is a figure of what was answered: in an anonymous survey the total follows the
  // small-group rule, and counts per union (a cross-tab cell each) are left to the cross-tab, which withholds rows.
  const byAnswer = survey.anonymous && Object.keys(f.answers ?? {}).length > 0;
  const withhold = survey.anonymous && agg.responses < MIN_CELL;
  const counted = (n: number) => (byAnswer && withhold ? null : n);
  const byUnion = [...new Set([...audience.map((a) => a.unionId), ...(byAnswer ? [] : responded.keys())])]
    .map((unionId) => ({
      unionId,
      name: names.get(unionId) ?? '',
      responses: byAnswer ? null : (responded.get(unionId) ?? 0),
      memberResponses: byAnswer ? null : (fromMembers.get(unionId) ?? 0),
      audience: audience.find((a) => a.unionId === unionId)?.audience ?? 0,
    }))
    .sort((a, b) => (b.responses ?? 0) - (a.responses ?? 0) || a.name.localeCompare(b.name, 'zh'));
  return {
    audienceSize: size,
    responses: counted(agg.responses),
    memberResponses: counted(agg.memberResponses),
    linkResponses: counted(agg.responses - agg.memberResponses),
    responseRate: byAnswer && withhold ? null : responseRate(agg.memberResponses, size),
    suppressed: withhold,
    byUnion,
    questions: questionResults(survey.definition, agg, withhold),
  };
}

async function exportAudit(request: FastifyRequest, actor: Actor, survey: SurveyRow, format: string) {
  await recordAudit(request.server.deps.db, {
    actor,
    action: 'survey.export',
    entity: 'survey',
    entityId: survey.id,
    unionId: survey.ownerUnionId,
    detail: { format, responses: survey.responseCount },
    requestId: request.id,
    ip: request.ip,
  });
}

/** Results for staff: live counts, per-question tables, cross-tabs, free text, and exports with small cells hidden. */
export const surveyResultsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const textCache = new Map<string, TextResult>();

  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags,
        summary: 'Results: response rate, per-question tables, by union; filters ?unionId=&<questionId>=<optionId>',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: ResultsReply, ...errorResponses },
      },
    },
    async (request) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      const f = await responseFilter(request, survey, request.query);
      return computeResults(request, survey, f);
    },
  );

  app.get(
    '/surveys/:id/crosstab',
    {
      schema: {
        tags,
        summary: 'Cross-tab of a choice question by union or by another choice question',
        params: IdParams,
        querystring: CrosstabQuery,
        response: { 200: CrosstabReply, ...errorResponses },
      },
    },
    async (request) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      const q = request.query;
      const f = await responseFilter(request, survey, { ...(q.unionId ? { unionId: q.unionId } : {}) });
      const choice = allQuestions(survey.definition).filter((x) => CHOICE_TYPES.includes(x.type));
      const col = choice.find((x) => x.id === q.colQuestion);
      if (!col) throw Problem.validation([{ field: 'query.colQuestion', message: M.notChoice }]);
      const columns = (col.options ?? []).map((o) => ({ id: o.id, label: o.label }));
      if (q.rowQuestion) {
        const row = choice.find((x) => x.id === q.rowQuestion);
        if (!row) throw Problem.validation([{ field: 'query.rowQuestion', message: M.notChoice }]);
        const options = (row.options ?? []).map((o) => ({ id: o.id, label: o.label }));
        return crosstab(db, survey.anonymous, f, { question: row.id }, columns, col.id, async () => options);
      }
      if (q.byUnion) {
        return crosstab(db, survey.anonymous, f, { byUnion: true }, columns, col.id, async (ids) =>
          ids.length
            ? (
                await db.selectFrom('unions').select(['id', 'name']).where('id', 'in', ids).orderBy('seq').execute()
              ).map((u) => ({ id: u.id, label: u.name }))
            : [],
        );
      }
      throw Problem.validation([{ field: 'query.rowQuestion', message: M.rowNeeded }]);
    },
  );

  const textQuestion = (survey: SurveyRow, id: string) => {
    const q = allQuestions(survey.definition).find((x) => x.id === id);
    if (!q || (q.type !== 'text' && q.type !== 'longtext'))
      throw Problem.validation([{ field: 'params.questionId', message: M.notText }]);
    return q;
  };

  app.get(
    '/surveys/:id/text/:questionId',
    {
      schema: {
        tags,
        summary: 'Free-text analysis (Chinese word segmentation): top terms and two-word phrases',
        params: TextParams,
        querystring: TextQuery,
        response: { 200: TextReply, ...errorResponses },
      },
    },
    async (request) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      const q = textQuestion(survey, request.params.questionId);
      const f = await responseFilter(request, survey, request.query.unionId ? { unionId: request.query.unionId } : {});
      const limit = request.query.limit ?? 50;
      // Segmenting every answer is the slow part: keep recent analyses until a new response arrives.
      const key = `${survey.id}|${q.id}|${f.unionPath ?? ''}|${limit}|${survey.responseCount}`;
      const cached = textCache.get(key);
      if (cached) return cached;
      const items = await textCounts(db, f, q.id);
      const answered = items.reduce((n, x) => n + x.count, 0);
      const result: TextResult =
        survey.anonymous && answered < MIN_CELL
          ? { suppressed: true, answered: null, terms: [], phrases: [] }
          : { suppressed: false, answered, ...analyseWeighted(items, limit) };
      textCache.set(key, result);
      if (textCache.size > 100) textCache.delete(textCache.keys().next().value!);
      return result;
    },
  );

  app.get(
    '/surveys/:id/text/:questionId/answers',
    {
      schema: {
        tags,
        summary: 'The answers behind a term',
        params: TextParams,
        querystring: TermQuery,
        response: { 200: TermAnswers, ...errorResponses },
      },
    },
    async (request) => {
      const { survey } = await loadForStaff(request, request.params.id, 'read');
      const q = textQuestion(survey, request.params.questionId);
      const { term, limit, unionId } = request.query;
      const f = await responseFilter(request, survey, unionId ? { unionId } : {});
      if (survey.anonymous && (await countTextAnswers(db, f, q.id)) < MIN_CELL) return { suppressed: true, items: [] };
      const rows = await textAnswers(db, f, q.id, term, limit ?? 100);
      return { suppressed: false, items: rows.map((r) => ({ responseId: r.id, text: r.text })) };
    },
  );

  const summaryOf = (results: { questions: QuestionResult[] }): SummaryRow[] =>
    results.questions.flatMap((q) => {
      const title = `${q.id} ${q.title}`;
      if (q.options) return q.options.map((o) => ({ question: title, option: o.label, count: o.count }));
      if (q.matrix) {
        return q.matrix.rows.flatMap((r) =>
          q.matrix!.columns.map((c, j) => ({
            question: `${title} - ${r.label}`,
            option: c.label,
            count: r.counts[j]!,
          })),
        );
      }
      return [{ question: title, option: '（作答人数）', count: q.answered }];
    });

  /**
   * Response rows page by page, with the union hidden where it has fewer than 5 responses; none at all for an
   * anonymous survey of fewer than 5 responses, whose figures the results page withholds too.
   */
  async function* rowPages(survey: SurveyRow, perUnion: Map<string, number>, total: number) {
    if (survey.anonymous && total < MIN_CELL) return;
    const render = responseRenderer(survey.definition, perUnion);
    for await (const page of responsePages(db, survey.id)) yield page.map(render);
  }
  const perUnionOf = (byUnion: { unionId: string; responses: number }[]) =>
    new Map(byUnion.map((b) => [b.unionId, b.responses]));
  // computed as for a named survey (no answer filter): every count is there
  const exportCounts = <T extends { responses: number | null }>(rows: T[]) =>
    rows.map((b) => ({ ...b, responses: b.responses ?? 0 }));

  app.get(
    '/surveys/:id/export.csv',
    {
      schema: {
        tags,
        summary: 'Responses as CSV (UTF-8 with BOM); unions with < 5 responses not shown',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { actor, survey } = await loadForStaff(request, request.params.id, 'read');
      const byUnion = await unionCounts(db, survey.id);
      const total = [...byUnion.values()].reduce((a, b) => a + b, 0);
      await exportAudit(request, actor, survey, 'csv');
      const header = responseHeader(survey.definition);
      async function* csv() {
        yield CSV_BOM + csvLine(header);
        for await (const page of rowPages(survey, byUnion, total)) yield page.map(csvLine).join('');
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-${survey.id}.csv"`)
        .send(Readable.from(csv()));
    },
  );

  app.get(
    '/surveys/:id/export.xlsx',
    { schema: { tags, summary: 'Summary (cells < 5 hidden), by union and responses as XLSX', params: IdParams } },
    async (request, reply) => {
      const { actor, survey } = await loadForStaff(request, request.params.id, 'read');
      const results = await computeResults(request, { ...survey, anonymous: false }, { surveyId: survey.id });
      const byUnion = exportCounts(results.byUnion);
      await exportAudit(request, actor, survey, 'xlsx');
      const out = new PassThrough();
      writeXlsx(
        out,
        suppressSummary(summaryOf(results)),
        byUnion,
        responseHeader(survey.definition),
        rowPages(survey, perUnionOf(byUnion), results.responses ?? 0),
      ).catch((err) => out.destroy(err as Error));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="survey-${survey.id}.xlsx"`)
        .send(out);
    },
  );
};
