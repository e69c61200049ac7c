/** Turns the SQL aggregates into the results document: labels from the definition, shares, matrix tables. */
import type { QuestionType, SurveyDefinition } from './survey-definition.ts';
import { allQuestions } from './survey-definition.ts';
import type { AggregateSpec, Aggregates } from './survey-results.repository.ts';

/** Below this many respondents a figure could point at a person: withheld for anonymous surveys and in exports. */
export const MIN_CELL = 5;

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Member responses over the audience size. Link responses (workers without an account) are outside the audience and
 * reported separately; a member who answered and has since left still counts, hence the cap at 1.
 */
export function responseRate(memberResponses: number, audienceSize: number): number | null {
  return audienceSize ? Math.min(1, round(memberResponses / audienceSize)) : null;
}

export interface QuestionResult {
  id: string;
  type: QuestionType;
  title: string;
  answered: number;
  suppressed: boolean;
  options?: { id: string; label: string; count: number; share: number }[];
  stats?: { mean: number | null; min: number | null; max: number | null; median: number | null };
  matrix?: {
    columns: { id: string; label: string }[];
    rows: { id: string; label: string; counts: number[]; answered: number }[];
  };
}

export function questionResults(def: SurveyDefinition, agg: Aggregates, withhold: boolean): QuestionResult[] {
  const answered = new Map(agg.answered.map((a) => [a.q, Number(a.n)]));
  return allQuestions(def).map((q): QuestionResult => {
    const n = answered.get(q.id) ?? 0;
    const base = { id: q.id, type: q.type, title: q.title, answered: withhold ? 0 : n, suppressed: withhold };
    if (withhold) return base;
    if (q.type === 'single' || q.type === 'multiple') {
      const counts = new Map(agg.choices.filter((c) => c.q === q.id).map((c) => [c.opt, Number(c.n)]));
      return {
        ...base,
        options: (q.options ?? []).map((o) => {
          const count = counts.get(o.id) ?? 0;
          return { id: o.id, label: o.label, count, share: n ? round(count / n) : 0 };
        }),
      };
    }
    if (q.type === 'rating' || q.type === 'number') {
      const s = agg.stats.find((x) => x.q === q.id);
      const stats = {
        mean: s?.mean == null ? null : round(Number(s.mean), 3),
        min: s?.min ?? null,
        max: s?.max ?? null,
        median: s?.median ?? null,
      };
      if (q.type === 'number') return { ...base, stats };
      const { min, max } = q.scale ?? { min: 1, max: 5 };
      const counts = new Map(agg.values.filter((v) => v.q === q.id).map((v) => [Number(v.v), Number(v.n)]));
      const options = [];
      for (let v = min; v <= max; v++) {
        const count = counts.get(v) ?? 0;
        options.push({ id: String(v), label: String(v), count, share: n ? round(count / n) : 0 });
      }
      return { ...base, stats, options };
    }
    if (q.type === 'matrix') {
      const cells = agg.matrix.filter((m) => m.q === q.id);
      const columns = (q.columns ?? []).map((c) => ({ id: c.id, label: c.label }));
      return {
        ...base,
        matrix: {
          columns,
          rows: (q.rows ?? []).map((r) => {
            const counts = columns.map((c) => Number(cells.find((x) => x.row === r.id && x.col === c.id)?.n ?? 0));
            return { id: r.id, label: r.label, counts, answered: counts.reduce((a, b) => a + b, 0) };
          }),
        },
      };
    }
    return base;
  });
}

/** Which aggregates the SQL computes for a definition's questions. */
export function aggregateSpec(def: SurveyDefinition): AggregateSpec {
  const qs = allQuestions(def);
  const of = (type: string) => qs.filter((q) => q.type === type);
  return {
    single: of('single').map((q) => q.id),
    multiple: of('multiple').map((q) => ({ id: q.id, options: (q.options ?? []).map((o) => o.id) })),
    rating: of('rating').map((q) => q.id),
    numeric: of('number').map((q) => q.id),
    matrix: of('matrix').map((q) => ({ id: q.id, rows: (q.rows ?? []).map((r) => r.id) })),
    all: qs.map((q) => q.id),
  };
}
