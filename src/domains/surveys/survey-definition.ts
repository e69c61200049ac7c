/**
 * A survey definition (问卷) and the answers to it: pure types and rules, shared by the builder (definition
 * validation), the answering pages (answer validation with skip logic) and import/export (the JSON format).
 */
import type { FieldError } from '../../platform/errors.ts';

export const QUESTION_TYPES = ['single', 'multiple', 'rating', 'number', 'date', 'text', 'longtext', 'matrix'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple'];

export interface Option {
  id: string;
  label: string;
  /** "其他，请注明": picking it asks for `otherText`. */
  other?: boolean;
}
export interface Labelled {
  id: string;
  label: string;
}
export interface ShowIf {
  /** An earlier single or multiple question. */
  questionId: string;
  /** The question shows when any of these options is picked there. */
  anyOf: string[];
}
export interface Question {
  id: string;
  type: QuestionType;
  title: string;
  help?: string;
  required: boolean;
  options?: Option[];
  minPicks?: number;
  maxPicks?: number;
  scale?: { min: number; max: number; minLabel?: string; maxLabel?: string };
  range?: { min?: number; max?: number };
  maxLength?: number;
  rows?: Labelled[];
  columns?: Labelled[];
  showIf?: ShowIf;
  randomizeOptions?: boolean;
}
export interface Section {
  id: string;
  title: string;
  questions: Question[];
}
export interface SurveyDefinition {
  title: string;
  description?: string;
  sections: Section[];
  /** Shuffle questions inside each section (per member, stable); skip-logic order is kept. */
  randomizeQuestions?: boolean;
}

export type ChoiceAnswer = { optionId: string; otherText?: string };
export type MultiAnswer = { optionIds: string[]; otherText?: string };
export type MatrixAnswer = Record<string, string>;
export type AnswerValue = ChoiceAnswer | MultiAnswer | number | string | MatrixAnswer;
export type Answers = Record<string, AnswerValue>;

export const LIMITS = {
  title: 200,
  help: 500,
  label: 200,
  questions: 200,
  options: 60,
  rows: 40,
  otherText: 200,
  text: 200,
  longtext: 2000,
  maxLengthCap: 5000,
  ratingSteps: 11,
} as const;

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Msg = { 'zh-CN': string; en: string };
const M = {
  required: { 'zh-CN': '此题必答', en: 'this question must be answered' },
  badId: { 'zh-CN': '编号只能包含字母、数字、- 和 _（最多 40 个）', en: 'ids use letters, digits, - and _ (max 40)' },
  duplicateId: { 'zh-CN': '编号重复', en: 'the id is used twice' },
  empty: { 'zh-CN': '不能为空', en: 'must not be empty' },
  tooLong: { 'zh-CN': '内容过长', en: 'is too long' },
  noSections: { 'zh-CN': '至少需要一个部分', en: 'needs at least one section' },
  noQuestions: { 'zh-CN': '至少需要一道题', en: 'needs at least one question' },
  tooMany: { 'zh-CN': '数量超出上限', en: 'has too many items' },
  needOptions: { 'zh-CN': '选择题至少需要两个选项', en: 'a choice question needs at least two options' },
  oneOther: { 'zh-CN': '只能有一个“其他”选项', en: 'only one option can be "other"' },
  picks: { 'zh-CN': '最少/最多选择数设置不正确', en: 'min/max picks are not consistent' },
  scale: {
    'zh-CN': '量表须为整数，最小值小于最大值，最多 11 级',
    en: 'the scale needs integers, min < max, ≤ 11 steps',
  },
  range: { 'zh-CN': '数值范围的最小值不能大于最大值', en: 'range min must not exceed max' },
  maxLength: { 'zh-CN': '字数上限须为 1–5000', en: 'maxLength must be 1–5000' },
  matrix: { 'zh-CN': '矩阵题至少需要一行和两列', en: 'a matrix needs at least one row and two columns' },
  showIfTarget: {
    'zh-CN': '显示条件只能引用前面的单选或多选题',
    en: 'skip logic can only refer to an earlier single or multiple choice question',
  },
  showIfOption: { 'zh-CN': '显示条件引用了不存在的选项', en: 'skip logic refers to an unknown option' },
  notObject: { 'zh-CN': '答案格式不正确', en: 'the answer has the wrong format' },
  unknownOption: { 'zh-CN': '所选选项不存在', en: 'the chosen option does not exist' },
  otherNeeded: { 'zh-CN': '请填写“其他”的具体内容', en: 'please specify "other"' },
  duplicatePick: { 'zh-CN': '选项重复', en: 'an option is picked twice' },
  minPicks: { 'zh-CN': '至少选择 {n} 项', en: 'pick at least {n}' },
  maxPicks: { 'zh-CN': '最多选择 {n} 项', en: 'pick at most {n}' },
  outOfScale: { 'zh-CN': '请选择 {min}–{max} 之间的整数', en: 'choose a whole number from {min} to {max}' },
  notNumber: { 'zh-CN': '请输入数字', en: 'enter a number' },
  belowMin: { 'zh-CN': '不能小于 {n}', en: 'must be at least {n}' },
  aboveMax: { 'zh-CN': '不能大于 {n}', en: 'must be at most {n}' },
  badDate: { 'zh-CN': '请输入有效日期（年-月-日）', en: 'enter a valid date (YYYY-MM-DD)' },
  textTooLong: { 'zh-CN': '不能超过 {n} 个字', en: 'must be at most {n} characters' },
  matrixRows: { 'zh-CN': '请回答每一行', en: 'answer every row' },
  unknownRow: { 'zh-CN': '矩阵的行或列不存在', en: 'unknown matrix row or column' },
} satisfies Record<string, Msg>;

function fill(m: Msg, params: Record<string, string | number>): Msg {
  const f = (s: string) => s.replace(/\{(\w+)\}/g, (x, k: string) => (k in params ? String(params[k]) : x));
  return { 'zh-CN': f(m['zh-CN']), en: f(m.en) };
}

export function allQuestions(def: SurveyDefinition): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

/** Everything wrong with a definition, as field errors under `prefix` (e.g. `definition.sections.0.questions.2`). */
export function definitionIssues(def: SurveyDefinition, prefix = 'definition'): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: Msg) => errors.push({ field: `${prefix}.${field}`, message });
  if (!def.title?.trim()) err('title', M.empty);
  else if (def.title.length > LIMITS.title) err('title', M.tooLong);
  if (!Array.isArray(def.sections) || def.sections.length === 0) {
    err('sections', M.noSections);
    return errors;
  }
  const sectionIds = new Set<string>();
  const seen = new Map<string, Question>(); // questions so far, for showIf's "earlier"
  let count = 0;
  def.sections.forEach((s, si) => {
    const sp = `sections.${si}`;
    if (!ID.test(s.id)) err(`${sp}.id`, M.badId);
    else if (sectionIds.has(s.id)) err(`${sp}.id`, M.duplicateId);
    sectionIds.add(s.id);
    if (!s.title?.trim()) err(`${sp}.title`, M.empty);
    if (s.questions.length === 0) err(`${sp}.questions`, M.noQuestions);
    s.questions.forEach((q, qi) => {
      count++;
      const qp = `${sp}.questions.${qi}`;
      if (!ID.test(q.id)) err(`${qp}.id`, M.badId);
      else if (seen.has(q.id)) err(`${qp}.id`, M.duplicateId);
      questionIssues(q, seen, (f, m) => err(`${qp}.${f}`, m));
      if (ID.test(q.id) && !seen.has(q.id)) seen.set(q.id, q);
    });
  });
  if (count > LIMITS.questions) err('sections', M.tooMany);
  return errors;
}

function labelledIssues(items: Labelled[] | undefined, field: string, err: (f: string, m: Msg) => void) {
  const ids = new Set<string>();
  (items ?? []).forEach((o, i) => {
    if (!ID.test(o.id)) err(`${field}.${i}.id`, M.badId);
    else if (ids.has(o.id)) err(`${field}.${i}.id`, M.duplicateId);
    ids.add(o.id);
    if (!o.label?.trim()) err(`${field}.${i}.label`, M.empty);
    else if (o.label.length > LIMITS.label) err(`${field}.${i}.label`, M.tooLong);
  });
}

function questionIssues(q: Question, earlier: Map<string, Question>, err: (f: string, m: Msg) => void) {
  if (!q.title?.trim()) err('title', M.empty);
  else if (q.title.length > LIMITS.title) err('title', M.tooLong);
  if (q.help && q.help.length > LIMITS.help) err('help', M.tooLong);
  if (q.type === 'single' || q.type === 'multiple') {
    const options = q.options ?? [];
    if (options.length < 2) err('options', M.needOptions);
    if (options.length > LIMITS.options) err('options', M.tooMany);
    labelledIssues(options, 'options', err);
    if (options.filter((o) => o.other).length > 1) err('options', M.oneOther);
    if (q.type === 'multiple') {
      const min = q.minPicks ?? 0;
      const max = q.maxPicks ?? options.length;
      const ok = [min, max].every(Number.isInteger) && min >= 0 && max >= 1 && min <= max && max <= options.length;
      if (!ok) err('maxPicks', M.picks);
    }
  }
  if (q.type === 'rating') {
    const s = q.scale;
    const ok =
      !!s && Number.isInteger(s.min) && Number.isInteger(s.max) && s.min < s.max && s.max - s.min < LIMITS.ratingSteps;
    if (!ok) err('scale', M.scale);
  }
  if (q.type === 'number' && q.range) {
    const { min, max } = q.range;
    if (min !== undefined && max !== undefined && min > max) err('range', M.range);
  }
  if ((q.type === 'text' || q.type === 'longtext') && q.maxLength !== undefined) {
    if (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > LIMITS.maxLengthCap) {
      err('maxLength', M.maxLength);
    }
  }
  if (q.type === 'matrix') {
    if ((q.rows?.length ?? 0) < 1 || (q.columns?.length ?? 0) < 2) err('rows', M.matrix);
    if ((q.rows?.length ?? 0) > LIMITS.rows || (q.columns?.length ?? 0) > LIMITS.ratingSteps) err('rows', M.tooMany);
    labelledIssues(q.rows, 'rows', err);
    labelledIssues(q.columns, 'columns', err);
  }
  if (q.showIf) {
    const target = earlier.get(q.showIf.questionId);
    if (!target || !CHOICE_TYPES.includes(target.type)) err('showIf.questionId', M.showIfTarget);
    else {
      const ids = new Set((target.options ?? []).map((o) => o.id));
      if (q.showIf.anyOf.length === 0 || q.showIf.anyOf.some((id) => !ids.has(id))) err('showIf.anyOf', M.showIfOption);
    }
  }
}

function pickedIds(value: AnswerValue | undefined): string[] {
  if (value && typeof value === 'object') {
    if ('optionId' in value && typeof value.optionId === 'string') return [value.optionId];
    if ('optionIds' in value && Array.isArray(value.optionIds))
      return value.optionIds.filter((x) => typeof x === 'string');
  }
  return [];
}

/**
 * The ids of the questions a respondent sees given their answers: a question with `showIf` shows only when its
 * controlling question is itself shown and one of the listed options is picked there.
 */
export function visibleQuestionIds(def: SurveyDefinition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const q of allQuestions(def)) {
    if (q.showIf) {
      const { questionId, anyOf } = q.showIf;
      if (!visible.has(questionId)) continue;
      if (!pickedIds(answers[questionId]).some((id) => anyOf.includes(id))) continue;
    }
    visible.add(q.id);
  }
  return visible;
}

function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    if ('optionIds' in v) return isBlank((v as MultiAnswer).optionIds);
    if ('optionId' in v) return isBlank((v as ChoiceAnswer).optionId);
    return Object.keys(v).length === 0;
  }
  return false;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

type Checked = { value: AnswerValue } | { error: Msg };

function checkOther(q: Question, picked: string[], otherText: unknown): { otherText?: string } | { error: Msg } {
  const other = (q.options ?? []).find((o) => o.other && picked.includes(o.id));
  if (!other) return {};
  const text = typeof otherText === 'string' ? otherText.trim() : '';
  if (!text) return { error: M.otherNeeded };
  if (text.length > LIMITS.otherText) return { error: fill(M.textTooLong, { n: LIMITS.otherText }) };
  return { otherText: text };
}

/** Checks one non-blank answer against its question and returns it normalised (trimmed, stray fields dropped). */
export function checkAnswer(q: Question, raw: unknown, partial = false): Checked {
  const optionIds = new Set((q.options ?? []).map((o) => o.id));
  switch (q.type) {
    case 'single': {
      if (!isPlainObject(raw) || typeof raw.optionId !== 'string') return { error: M.notObject };
      if (!optionIds.has(raw.optionId)) return { error: M.unknownOption };
      const other = checkOther(q, [raw.optionId], raw.otherText);
      if ('error' in other) return other;
      return { value: { optionId: raw.optionId, ...other } };
    }
    case 'multiple': {
      if (!isPlainObject(raw) || !Array.isArray(raw.optionIds)) return { error: M.notObject };
      const ids = raw.optionIds;
      if (ids.some((id) => typeof id !== 'string')) return { error: M.notObject };
      if (ids.some((id) => !optionIds.has(id as string))) return { error: M.unknownOption };
      if (new Set(ids).size !== ids.length) return { error: M.duplicatePick };
      const min = Math.max(q.minPicks ?? 0, 1);
      const max = q.maxPicks ?? optionIds.size;
      if (ids.length < min) return { error: fill(M.minPicks, { n: min }) };
      if (ids.length > max) return { error: fill(M.maxPicks, { n: max }) };
      const other = checkOther(q, ids as string[], raw.otherText);
      if ('error' in other) return other;
      // Stored in definition order, so equal answers are equal JSON.
      const ordered = (q.options ?? []).map((o) => o.id).filter((id) => ids.includes(id));
      return { value: { optionIds: ordered, ...other } };
    }
    case 'rating': {
      const { min, max } = q.scale ?? { min: 1, max: 5 };
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
        return { error: fill(M.outOfScale, { min, max }) };
      }
      return { value: raw };
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { error: M.notNumber };
      if (q.range?.min !== undefined && raw < q.range.min) return { error: fill(M.belowMin, { n: q.range.min }) };
      if (q.range?.max !== undefined && raw > q.range.max) return { error: fill(M.aboveMax, { n: q.range.max }) };
      return { value: raw };
    }
    case 'date':
      if (typeof raw !== 'string' || !isValidDate(raw)) return { error: M.badDate };
      return { value: raw };
    case 'text':
    case 'longtext': {
      if (typeof raw !== 'string') return { error: M.notObject };
      const limit = q.maxLength ?? (q.type === 'text' ? LIMITS.text : LIMITS.longtext);
      const text = raw.trim();
      if ([...text].length > limit) return { error: fill(M.textTooLong, { n: limit }) };
      return { value: text };
    }
    case 'matrix': {
      if (!isPlainObject(raw)) return { error: M.notObject };
      const rows = new Set((q.rows ?? []).map((r) => r.id));
      const cols = new Set((q.columns ?? []).map((c) => c.id));
      const out: MatrixAnswer = {};
      for (const [row, col] of Object.entries(raw)) {
        if (col === null || col === undefined || col === '') continue;
        if (!rows.has(row) || typeof col !== 'string' || !cols.has(col)) return { error: M.unknownRow };
        out[row] = col;
      }
      if (q.required && !partial && Object.keys(out).length < rows.size) return { error: M.matrixRows };
      const ordered: MatrixAnswer = {};
      for (const r of q.rows ?? []) if (out[r.id]) ordered[r.id] = out[r.id]!;
      return { value: ordered };
    }
  }
}

export interface AnswerCheck {
  /** Only the shown questions' answers, normalised; answers to hidden or unknown questions are dropped. */
  answers: Answers;
  /** `answers.<questionId>` field errors. */
  errors: FieldError[];
}

/**
 * Validates answers against a definition. Skip logic first decides which questions are shown; answers to the
 * others are stripped, and "required" applies only to shown questions. `partial` (drafts) skips the required check.
 */
export function checkAnswers(def: SurveyDefinition, input: unknown, options: { partial?: boolean } = {}): AnswerCheck {
  const given: Record<string, unknown> = isPlainObject(input) ? input : {};
  const errors: FieldError[] = [];
  const answers: Answers = {};
  // Visibility uses only well-formed choice answers, so a malformed controller hides its dependants.
  const cleanForVisibility: Answers = {};
  for (const q of allQuestions(def)) {
    const raw = given[q.id];
    if (CHOICE_TYPES.includes(q.type) && !isBlank(raw)) {
      const c = checkAnswer(q, raw);
      if ('value' in c) cleanForVisibility[q.id] = c.value;
    }
  }
  const visible = visibleQuestionIds(def, cleanForVisibility);
  for (const q of allQuestions(def)) {
    if (!visible.has(q.id)) continue;
    const raw = given[q.id];
    const field = `answers.${q.id}`;
    if (isBlank(raw)) {
      if (q.required && !options.partial) errors.push({ field, message: M.required });
      continue;
    }
    const c = checkAnswer(q, raw, options.partial);
    if ('error' in c) errors.push({ field, message: c.error });
    else if (!isBlank(c.value)) answers[q.id] = c.value;
    else if (q.required && !options.partial) errors.push({ field, message: M.required });
  }
  return { answers, errors };
}
