/**
 * Survey free-text terms that shift between districts: each district's share of answers using a term against the
 * share in the other districts together. Pure; term counting reuses the surveys domain's segmentation.
 */
import { analyseWeighted } from '../surveys/survey-text.ts';

export interface GroupTexts {
  group: string;
  /** Distinct texts and how many answers gave each. */
  texts: { text: string; count: number }[];
}

export interface TermShift {
  group: string;
  term: string;
  /** Answers in the group using the term. */
  count: number;
  /** Share of the group's answers using it, and the share among the other groups' answers. */
  share: number;
  otherShare: number;
  /** share − otherShare, in percentage points (positive: said more in this group). */
  shiftPp: number;
}

export interface TermShiftOptions {
  /** Groups with fewer answers are left out (small cells; default 5). */
  minAnswers?: number;
  /** A term must be used by at least this many answers in the group (default 3). */
  minCount?: number;
  /** Terms per group (default 5). */
  perGroup?: number;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The terms most over-represented in each group compared with the rest, largest shift first. */
export function termShifts(groups: GroupTexts[], options: TermShiftOptions = {}): TermShift[] {
  const minAnswers = options.minAnswers ?? 5;
  const minCount = options.minCount ?? 3;
  const kept = groups
    .map((g) => ({
      group: g.group,
      answers: g.texts.reduce((s, t) => s + t.count, 0),
      terms: new Map(analyseWeighted(g.texts, 500).terms.map((t) => [t.term, t.count])),
    }))
    .filter((g) => g.answers >= minAnswers);
  if (kept.length < 2) return [];
  const totalAnswers = kept.reduce((s, g) => s + g.answers, 0);
  const totalTerms = new Map<string, number>();
  for (const g of kept) for (const [t, n] of g.terms) totalTerms.set(t, (totalTerms.get(t) ?? 0) + n);
  const out: TermShift[] = [];
  for (const g of kept) {
    const shifts: TermShift[] = [];
    for (const [term, count] of g.terms) {
      if (count < minCount) continue;
      const share = count / g.answers;
      const otherShare = ((totalTerms.get(term) ?? 0) - count) / (totalAnswers - g.answers);
      const shiftPp = (share - otherShare) * 100;
      if (shiftPp <= 0) continue;
      shifts.push({
        group: g.group,
        term,
        count,
        share: r4(share),
        otherShare: r4(otherShare),
        shiftPp: Math.round(shiftPp * 10) / 10,
      });
    }
    shifts.sort((a, b) => b.shiftPp - a.shiftPp || (a.term < b.term ? -1 : 1));
    out.push(...shifts.slice(0, options.perGroup ?? 5));
  }
  return out.sort((a, b) => b.shiftPp - a.shiftPp || a.group.localeCompare(b.group) || (a.term < b.term ? -1 : 1));
}
