/**
 * The order in which one respondent sees a survey: options (and questions, where asked) shuffled with a seed from
 * the survey and the respondent, so every reload shows the same order while different people see different ones.
 */
import type { Question, SurveyDefinition } from './survey-definition.ts';

/** FNV-1a over a string: the seed of a member's stable shuffle. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The definition as one respondent sees it: options (and questions, where asked) shuffled with a seed derived from
 * `seedText` (survey id + member), so reloading shows the same order. "Other" stays last; a question that depends
 * on another in the same section is moved after it.
 */
export function presentDefinition(def: SurveyDefinition, seedText: string): SurveyDefinition {
  const rand = mulberry32(hashSeed(seedText));
  return {
    ...def,
    sections: def.sections.map((s) => {
      let questions = s.questions.map((q) => {
        if (!q.randomizeOptions || !q.options) return q;
        const others = q.options.filter((o) => o.other);
        return {
          ...q,
          options: [
            ...shuffle(
              q.options.filter((o) => !o.other),
              rand,
            ),
            ...others,
          ],
        };
      });
      if (def.randomizeQuestions) questions = keepDependantsAfter(shuffle(questions, rand));
      return { ...s, questions };
    }),
  };
}

function keepDependantsAfter(questions: Question[]): Question[] {
  const out = [...questions];
  for (let guard = 0; guard < out.length * out.length; guard++) {
    const i = out.findIndex((q) => {
      const c = q.showIf ? out.findIndex((x) => x.id === q.showIf!.questionId) : -1;
      return c > out.indexOf(q);
    });
    if (i < 0) break;
    const [q] = out.splice(i, 1);
    const c = out.findIndex((x) => x.id === q!.showIf!.questionId);
    out.splice(c + 1, 0, q!);
  }
  return out;
}
