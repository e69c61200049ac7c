/**
 * Exports of survey results (XLSX and CSV). What leaves the system is protected against small cells: summary counts
 * under 5 respondents are hidden (with the complementary cell, see aid/small-cells.ts), and in the response rows the
 * union of a respondent is shown only for unions with at least 5 responses. Response ids are the stored ids.
 */
import ExcelJS from 'exceljs';
import { suppressSmallCells } from '../aid/small-cells.ts';
import { type Answers, allQuestions, type Question, type SurveyDefinition } from './survey-definition.ts';
import { MIN_CELL } from './survey-results.ts';

export interface ExportResponse {
  id: string;
  version: number;
  unionId: string;
  unionName: string;
  via: 'member' | 'link';
  submittedOn: string;
  answers: Answers;
}

export interface SummaryRow {
  question: string;
  option: string;
  count: number;
}

const SMALL = `<${MIN_CELL}`;
const MERGED = `（不足${MIN_CELL}份，不显示）`;

/** Hides small counts within each question's table; returns cells as text ('<5' where hidden). */
export function suppressSummary(rows: SummaryRow[]): (SummaryRow & { shown: string })[] {
  const out: (SummaryRow & { shown: string })[] = [];
  const byQuestion = new Map<string, SummaryRow[]>();
  for (const r of rows) byQuestion.set(r.question, [...(byQuestion.get(r.question) ?? []), r]);
  for (const group of byQuestion.values()) {
    const cells = suppressSmallCells(
      group.map((r) => ({ members: r.count, beneficiaries: r.count, amountFen: null, suppressed: false })),
      MIN_CELL,
    );
    group.forEach((r, i) => {
      out.push({ ...r, shown: cells[i]!.suppressed ? SMALL : String(r.count) });
    });
  }
  return out;
}

/** Renders one question's answer as cells (one per matrix row), with labels looked up once per question. */
function answerRenderer(q: Question): (a: Answers[string] | undefined) => string[] {
  const labels = new Map((q.options ?? []).map((o) => [o.id, o.label]));
  const label = (id: string) => labels.get(id) ?? id;
  if (q.type === 'matrix') {
    const columns = new Map((q.columns ?? []).map((c) => [c.id, c.label]));
    const rows = (q.rows ?? []).map((r) => r.id);
    return (a) => {
      const m = (a ?? {}) as Record<string, string>;
      return rows.map((r) => columns.get(m[r]!) ?? '');
    };
  }
  if (q.type === 'single') {
    return (a) => {
      if (!a) return [''];
      const v = a as { optionId: string; otherText?: string };
      return [v.otherText ? `${label(v.optionId)}：${v.otherText}` : label(v.optionId)];
    };
  }
  if (q.type === 'multiple') {
    return (a) => {
      if (!a) return [''];
      const v = a as { optionIds: string[]; otherText?: string };
      return [v.optionIds.map(label).join('；') + (v.otherText ? `：${v.otherText}` : '')];
    };
  }
  return (a) => [a === undefined || a === null ? '' : String(a)];
}

/** The header of the response sheet (and the CSV): fixed columns, then one per question (one per matrix row). */
export function responseHeader(def: SurveyDefinition): string[] {
  const header = ['答卷编号', '问卷版本', '所在工会', '答题渠道', '提交日期'];
  for (const q of allQuestions(def)) {
    if (q.type === 'matrix') for (const row of q.rows ?? []) header.push(`${q.id} ${q.title} - ${row.label}`);
    else header.push(`${q.id} ${q.title}`);
  }
  return header;
}

/** Renders responses as cells; `perUnion` (responses per union) decides whether the union may be shown. */
export function responseRenderer(
  def: SurveyDefinition,
  perUnion: Map<string, number>,
): (r: ExportResponse) => string[] {
  const questions = allQuestions(def).map((q) => ({ id: q.id, render: answerRenderer(q) }));
  return (r) => {
    const row = [
      r.id,
      String(r.version),
      (perUnion.get(r.unionId) ?? 0) >= MIN_CELL ? r.unionName : MERGED,
      r.via === 'member' ? '会员' : '公开链接',
      r.submittedOn,
    ];
    for (const q of questions) row.push(...q.render(r.answers[q.id]));
    return row;
  };
}

const csvCell = (v: string) =>
  /[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replaceAll('"', '""')}"` : v;

/** One CSV line (CRLF); formula-looking cells defused. The file starts with a BOM so Excel reads UTF-8. */
export const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
export const CSV_BOM = '\uFEFF';

/**
 * Streams the workbook: a summary sheet (small cells hidden), responses by union, then every response, page by
 * page, so a survey with 100,000 responses never sits in memory as one workbook.
 */
export async function writeXlsx(
  out: NodeJS.WritableStream,
  summary: (SummaryRow & { shown: string })[],
  byUnion: { name: string; responses: number; audience: number }[],
  header: string[],
  pages: AsyncIterable<string[][]>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as never,
    useSharedStrings: false,
    useStyles: false,
  });
  const s = wb.addWorksheet('汇总');
  s.columns = [{ width: 50 }, { width: 30 }, { width: 10 }];
  s.addRow(['题目', '选项', '人数']).commit();
  for (const r of summary) s.addRow([r.question, r.option, r.shown]).commit();
  s.commit();
  const u = wb.addWorksheet('按工会');
  u.columns = [{ width: 36 }, { width: 10 }, { width: 10 }];
  u.addRow(['工会', '答卷数', '应答人数']).commit();
  const cells = suppressSmallCells(
    byUnion.map((b) => ({ members: b.responses, beneficiaries: b.responses, amountFen: null, suppressed: false })),
    MIN_CELL,
  );
  byUnion.forEach((b, i) => {
    u.addRow([b.name, cells[i]!.suppressed ? SMALL : String(b.responses), String(b.audience)]).commit();
  });
  u.commit();
  const d = wb.addWorksheet('答卷');
  d.columns = header.map((_, i) => ({ width: i === 0 ? 38 : 16 }));
  d.addRow(header).commit();
  for await (const page of pages) for (const row of page) d.addRow(row).commit();
  d.commit();
  await wb.commit();
}
