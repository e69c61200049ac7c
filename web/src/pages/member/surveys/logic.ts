import type { Answers, AnswerValue, Question, SurveyDefinition } from '../../../api/surveys';

/**
 * The answering rules on the phone, the same the server applies (src/domains/surveys/survey-definition.ts): which
 * questions show (skip logic), which answers are valid, and what a submission carries. Pure, no React.
 */

export type Problem =
  | { code: 'required' }
  | { code: 'otherText' }
  | { code: 'minPicks'; count: number }
  | { code: 'maxPicks'; count: number }
  | { code: 'range'; min?: number; max?: number }
  | { code: 'integer' }
  | { code: 'date' }
  | { code: 'maxLength'; count: number }
  | { code: 'matrixRows' }
  | { code: 'invalid' };

export function allQuestions(def: SurveyDefinition): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

/** The option ids an answer picked (single or multiple), else none. */
export function pickedOptions(value: AnswerValue | undefined): string[] {
  if (!value || typeof value !== 'object') return [];
  if ('optionId' in value && typeof value.optionId === 'string') return [value.optionId];
  if ('optionIds' in value && Array.isArray(value.optionIds)) return value.optionIds as string[];
  return [];
}

/**
 * The ids of the questions to show: a question with showIf shows when the earlier question it depends on is itself
 * shown and one of the listed options is picked there in a valid answer (a hidden question's answer, or one the
 * server would refuse, never opens another question — as the server decides).
 */
export function visibleQuestionIds(def: SurveyDefinition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  const byId = new Map(allQuestions(def).map((q) => [q.id, q]));
  for (const q of allQuestions(def)) {
    if (!q.showIf) {
      visible.add(q.id);
      continue;
    }
    const { questionId, anyOf } = q.showIf;
    const controller = byId.get(questionId);
    const value = answers[questionId];
    if (!controller || !visible.has(questionId) || checkAnswer(controller, value) !== null) continue;
    if (pickedOptions(value).some((id) => anyOf.includes(id))) visible.add(q.id);
  }
  return visible;
}

/** True when the member has given something for the question (an empty text or an empty pick is no answer). */
export function isAnswered(q: Question, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  switch (q.type) {
    case 'single':
      return typeof value === 'object' && 'optionId' in value && Boolean(value.optionId);
    case 'multiple':
      return pickedOptions(value).length > 0;
    case 'rating':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
    case 'text':
    case 'longtext':
      return typeof value === 'string' && value.trim() !== '';
    case 'matrix':
      return typeof value === 'object' && Object.values(value).some((v) => typeof v === 'string' && v !== '');
  }
}

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function otherMissing(q: Question, value: AnswerValue): boolean {
  const other = q.options?.find((o) => o.other);
  if (!other || !pickedOptions(value).includes(other.id)) return false;
  const text = typeof value === 'object' && 'otherText' in value ? value.otherText : undefined;
  return !text || String(text).trim() === '';
}

/** What is wrong with one answer, or null. Hidden questions are never checked. */
export function checkAnswer(q: Question, value: AnswerValue | undefined): Problem | null {
  if (!isAnswered(q, value)) return q.required ? { code: 'required' } : null;
  const v = value as AnswerValue;
  switch (q.type) {
    case 'single': {
      const id = pickedOptions(v)[0];
      if (!q.options?.some((o) => o.id === id)) return { code: 'invalid' };
      return otherMissing(q, v) ? { code: 'otherText' } : null;
    }
    case 'multiple': {
      const ids = pickedOptions(v);
      if (ids.some((id) => !q.options?.some((o) => o.id === id))) return { code: 'invalid' };
      if (q.minPicks !== undefined && ids.length < q.minPicks) return { code: 'minPicks', count: q.minPicks };
      if (q.maxPicks !== undefined && ids.length > q.maxPicks) return { code: 'maxPicks', count: q.maxPicks };
      return otherMissing(q, v) ? { code: 'otherText' } : null;
    }
    case 'rating': {
      const n = v as number;
      const { min, max } = q.scale ?? { min: 1, max: 5 };
      if (!Number.isInteger(n) || n < min || n > max) return { code: 'range', min, max };
      return null;
    }
    case 'number': {
      const n = v as number;
      if (q.range?.min !== undefined && n < q.range.min) return { code: 'range', ...q.range };
      if (q.range?.max !== undefined && n > q.range.max) return { code: 'range', ...q.range };
      return null;
    }
    case 'date':
      return validDate(v as string) ? null : { code: 'date' };
    case 'text':
    case 'longtext': {
      const limit = q.maxLength ?? (q.type === 'text' ? 200 : 2000);
      return [...(v as string).trim()].length > limit ? { code: 'maxLength', count: limit } : null;
    }
    case 'matrix': {
      const cells = v as Record<string, string>;
      const rows = q.rows ?? [];
      if (Object.values(cells).some((c) => c && !q.columns?.some((col) => col.id === c))) return { code: 'invalid' };
      if (q.required && rows.some((r) => !cells[r.id])) return { code: 'matrixRows' };
      return null;
    }
  }
}

/** Problems of every shown question (questionId → problem). */
export function checkAll(def: SurveyDefinition, answers: Answers, only?: readonly Question[]): Map<string, Problem> {
  const visible = visibleQuestionIds(def, answers);
  const problems = new Map<string, Problem>();
  for (const q of only ?? allQuestions(def)) {
    if (!visible.has(q.id)) continue;
    const p = checkAnswer(q, answers[q.id]);
    if (p) problems.set(q.id, p);
  }
  return problems;
}

/** The answers a submission or a draft carries: shown questions only, empty answers dropped, texts trimmed. */
export function pruneAnswers(def: SurveyDefinition, answers: Answers): Answers {
  const visible = visibleQuestionIds(def, answers);
  const out: Answers = {};
  for (const q of allQuestions(def)) {
    const value = answers[q.id];
    if (!visible.has(q.id) || !isAnswered(q, value)) continue;
    if (typeof value === 'string') out[q.id] = value.trim();
    else if (typeof value === 'object' && ('optionId' in value || 'optionIds' in value)) {
      const other = q.options?.find((o) => o.other);
      const keepOther = other && pickedOptions(value).includes(other.id) && value.otherText?.trim();
      const { otherText: _drop, ...rest } = value as { otherText?: string };
      out[q.id] = (keepOther ? { ...rest, otherText: value.otherText?.trim() } : rest) as AnswerValue;
    } else if (q.type === 'matrix' && typeof value === 'object') {
      out[q.id] = Object.fromEntries(Object.entries(value).filter(([, c]) => typeof c === 'string' && c !== ''));
    } else out[q.id] = value as AnswerValue;
  }
  return out;
}

/** Answered / shown, for the progress bar. */
export function progress(def: SurveyDefinition, answers: Answers): { answered: number; total: number } {
  const visible = visibleQuestionIds(def, answers);
  let answered = 0;
  for (const q of allQuestions(def)) if (visible.has(q.id) && isAnswered(q, answers[q.id])) answered += 1;
  return { answered, total: visible.size };
}
