import type { Question, QuestionType, Section, SurveyDefinition } from '../../../api/surveys';

/** Pure helpers of the survey builder: fresh ids, new questions per type, moves, and reading an imported JSON file. */

const CHOICE: readonly QuestionType[] = ['single', 'multiple'];
export const isChoice = (q: Pick<Question, 'type'>) => CHOICE.includes(q.type);

/** The next free id with this prefix (`q7` after `q6`), unique across the whole definition. */
export function nextId(def: SurveyDefinition, prefix: 's' | 'q' | 'o' | 'r' | 'c', within?: { id: string }[]): string {
  const ids =
    within?.map((x) => x.id) ??
    (prefix === 's' ? def.sections.map((s) => s.id) : def.sections.flatMap((s) => s.questions.map((q) => q.id)));
  let max = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}

/** A question of the given type with sensible starting settings (labels in the builder's language). */
export function newQuestion(
  id: string,
  type: QuestionType,
  labels: { title: string; option: (n: number) => string; row: (n: number) => string; columns: string[] },
): Question {
  const base: Question = { id, type, title: labels.title, required: true };
  switch (type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        options: [1, 2, 3].map((n) => ({ id: `o${n}`, label: labels.option(n) })),
        ...(type === 'multiple' ? { minPicks: 1 } : {}),
      };
    case 'rating':
      return { ...base, scale: { min: 1, max: 5 } };
    case 'number':
      return { ...base, range: { min: 0 } };
    case 'text':
      return { ...base, required: false, maxLength: 200 };
    case 'longtext':
      return { ...base, required: false, maxLength: 1000 };
    case 'matrix':
      return {
        ...base,
        rows: [1, 2].map((n) => ({ id: `r${n}`, label: labels.row(n) })),
        columns: labels.columns.map((label, i) => ({ id: `c${i + 1}`, label })),
      };
    default:
      return base;
  }
}

/**
 * Changes a question's type, keeping what still applies (title, help, required, skip logic, options between
 * single and multiple) and dropping the settings of the old type.
 */
export function changeType(q: Question, type: QuestionType, fresh: Question): Question {
  const keep = { id: q.id, title: q.title, help: q.help, required: q.required, showIf: q.showIf };
  if (isChoice(q) && CHOICE.includes(type)) {
    const { minPicks: _a, maxPicks: _b, ...rest } = q;
    return { ...rest, type, ...(type === 'multiple' ? { minPicks: 1 } : {}) };
  }
  return { ...fresh, ...keep, type };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** Questions before `questionId` (in order) that skip logic may depend on: earlier single/multiple ones. */
export function showIfCandidates(def: SurveyDefinition, questionId: string): Question[] {
  const out: Question[] = [];
  for (const q of def.sections.flatMap((s) => s.questions)) {
    if (q.id === questionId) break;
    if (isChoice(q)) out.push(q);
  }
  return out;
}

/**
 * Drops skip logic that no longer points at an earlier choice question or at its options (after a delete, a move
 * or a type change), so the builder never saves a rule the server would reject.
 */
export function repairShowIf(def: SurveyDefinition): SurveyDefinition {
  const seen = new Map<string, Question>();
  const sections: Section[] = def.sections.map((s) => ({
    ...s,
    questions: s.questions.map((q) => {
      let next = q;
      if (q.showIf) {
        const target = seen.get(q.showIf.questionId);
        const ids = new Set(target && isChoice(target) ? (target.options ?? []).map((o) => o.id) : []);
        const anyOf = q.showIf.anyOf.filter((id) => ids.has(id));
        if (!target || anyOf.length === 0) {
          const { showIf: _drop, ...rest } = q;
          next = rest;
        } else if (anyOf.length !== q.showIf.anyOf.length) next = { ...q, showIf: { ...q.showIf, anyOf } };
      }
      seen.set(q.id, next);
      return next;
    }),
  }));
  return { ...def, sections };
}

/** Reads an exported definition (the file itself, or `{ definition }` as the API's definition.json may wrap it). */
export function parseDefinitionJson(text: string): SurveyDefinition | null {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const candidate =
    data && typeof data === 'object' && 'definition' in data ? (data as { definition: unknown }).definition : data;
  if (!candidate || typeof candidate !== 'object') return null;
  const def = candidate as SurveyDefinition;
  if (typeof def.title !== 'string' || !Array.isArray(def.sections)) return null;
  const ok = def.sections.every(
    (s) =>
      s &&
      typeof s.id === 'string' &&
      Array.isArray(s.questions) &&
      s.questions.every((q) => q && typeof q.id === 'string' && typeof q.type === 'string'),
  );
  return ok ? def : null;
}

/** A definition as JSON text for download, pretty so it can be read and diffed. */
export function definitionJson(def: SurveyDefinition): string {
  return `${JSON.stringify(def, null, 2)}\n`;
}

/**
 * Where a server error such as `definition.sections.0.questions.2.options.1.label` points: the question's id (or the
 * section's, or the survey) and the rest of the path.
 */
export function locateError(
  def: SurveyDefinition,
  field: string,
): { sectionId?: string; questionId?: string; detail: string } {
  const m = /^definition\.sections\.(\d+)(?:\.questions\.(\d+))?(?:\.(.*))?$/.exec(field);
  if (!m) return { detail: field.replace(/^definition\.?/, '') };
  const section = def.sections[Number(m[1])];
  const question = m[2] !== undefined ? section?.questions[Number(m[2])] : undefined;
  return { sectionId: section?.id, questionId: question?.id, detail: m[3] ?? '' };
}
