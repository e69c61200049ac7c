/**
 * A coverage's rule as data: what it pays, how often, to whom, until when a claim may be filed, what it excludes
 * and which documents prove a claim. Staff publish a new version when the scheme changes; claims are judged by the
 * version in force on the incident date. Pure: no database, no HTTP; the same code answers the pre-check and the
 * review.
 */
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { addDays, addMonths, addYears, isPlainDate } from './plain-date.ts';
import type { WorkingCalendar } from './working-days.ts';

const Text = Type.Object(
  { 'zh-CN': Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000 });
const Code = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const Benefit = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), amountFen: Fen }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('percentOfLoss'),
      percent: Type.Integer({ minimum: 1, maximum: 100 }),
      floorFen: Type.Optional(Fen),
      capFen: Fen,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('perDay'),
      amountFenPerDay: Fen,
      minDays: Type.Integer({ minimum: 0, maximum: 3650 }),
      maxDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    },
    { additionalProperties: false },
  ),
]);

const Period = Type.Union([
  Type.Object({ kind: Type.Literal('calendarYear') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('months'), months: Type.Integer({ minimum: 1, maximum: 120 }) },
    { additionalProperties: false },
  ),
]);

const Limit = Type.Object(
  {
    /** 'coverage': this coverage only; 'scheme': every coverage of the scheme together. */
    scope: Type.Union([Type.Literal('coverage'), Type.Literal('scheme')]),
    period: Period,
    maxCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    maxAmountFen: Type.Optional(Fen),
  },
  { additionalProperties: false },
);

const FilingWindow = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('calendar'),
      years: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
      months: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
      days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('workingDays'), days: Type.Integer({ minimum: 1, maximum: 1000 }) },
    { additionalProperties: false },
  ),
]);

const When = Type.Object(
  { question: Code, in: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1 }) },
  { additionalProperties: false },
);

const Question = Type.Object(
  {
    code: Code,
    label: Text,
    required: Type.Boolean(),
    options: Type.Array(
      Type.Object(
        { value: Type.String({ minLength: 1, maxLength: 40 }), label: Text },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

const Exclusion = Type.Object({ code: Code, label: Text, when: When }, { additionalProperties: false });

const DocumentRequirement = Type.Object(
  { code: Code, label: Text, hint: Type.Optional(Text), when: Type.Optional(When) },
  { additionalProperties: false },
);

export const MEMBER_GROUPS = ['in_service', 'retired'] as const;
export type MemberGroup = (typeof MEMBER_GROUPS)[number];

export const CoverageRuleSchema = Type.Object(
  {
    benefit: Benefit,
    limits: Type.Array(Limit, { maxItems: 10 }),
    /** Days after the start of continuous card cover before incidents are covered. */
    waitingDays: Type.Integer({ minimum: 0, maximum: 3650 }),
    /** Incident dates the coverage pays for; empty means the whole life of the version. */
    coverPeriods: Type.Array(
      Type.Object({ from: DateText, to: Type.Optional(DateText) }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
    eligibleGroups: Type.Array(Type.Union([Type.Literal('in_service'), Type.Literal('retired')]), { minItems: 1 }),
    filingWindow: FilingWindow,
    questions: Type.Array(Question, { maxItems: 20 }),
    exclusions: Type.Array(Exclusion, { maxItems: 30 }),
    requiredDocuments: Type.Array(DocumentRequirement, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);

export type CoverageRule = Static<typeof CoverageRuleSchema>;
export type BenefitRule = Static<typeof Benefit>;
export type DocumentRequirementRule = Static<typeof DocumentRequirement>;
export type Answers = Record<string, string>;

export interface RuleError {
  path: string;
  message: string;
}

/** Checks a rule from staff (or the database) against the schema and for sense: floor ≤ cap, known questions. */
export function parseCoverageRule(
  input: unknown,
): { ok: true; rule: CoverageRule } | { ok: false; errors: RuleError[] } {
  if (!Value.Check(CoverageRuleSchema, input)) {
    const errors = Value.Errors(CoverageRuleSchema, input)
      .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
      .map((e) => ({ path: e.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: e.message }));
    return { ok: false, errors: errors.length ? errors : [{ path: '', message: 'invalid rule' }] };
  }
  const rule = input as CoverageRule;
  const errors: RuleError[] = [];
  const b = rule.benefit;
  if (b.kind === 'percentOfLoss' && b.floorFen !== undefined && b.floorFen > b.capFen) {
    errors.push({ path: 'benefit.floorFen', message: 'must not exceed capFen' });
  }
  if (b.kind === 'perDay' && b.minDays > b.maxDays)
    errors.push({ path: 'benefit.minDays', message: 'must not exceed maxDays' });
  rule.limits.forEach((l, i) => {
    if (l.maxCount === undefined && l.maxAmountFen === undefined) {
      errors.push({ path: `limits.${i}`, message: 'needs maxCount or maxAmountFen' });
    }
  });
  rule.coverPeriods.forEach((p, i) => {
    if (!isPlainDate(p.from)) errors.push({ path: `coverPeriods.${i}.from`, message: 'is not a date' });
    if (p.to !== undefined && (!isPlainDate(p.to) || p.to < p.from)) {
      errors.push({ path: `coverPeriods.${i}.to`, message: 'must be a date on or after from' });
    }
  });
  const questions = new Map(rule.questions.map((q) => [q.code, new Set(q.options.map((o) => o.value))]));
  if (questions.size !== rule.questions.length) errors.push({ path: 'questions', message: 'codes must be unique' });
  const checkWhen = (when: { question: string; in: string[] } | undefined, path: string) => {
    if (!when) return;
    const values = questions.get(when.question);
    if (!values) errors.push({ path: `${path}.question`, message: `no question ${when.question}` });
    else if (when.in.some((v) => !values.has(v))) errors.push({ path: `${path}.in`, message: 'unknown option' });
  };
  for (const [i, x] of rule.exclusions.entries()) checkWhen(x.when, `exclusions.${i}.when`);
  for (const [i, d] of rule.requiredDocuments.entries()) checkWhen(d.when, `requiredDocuments.${i}.when`);
  if (new Set(rule.requiredDocuments.map((d) => d.code)).size !== rule.requiredDocuments.length) {
    errors.push({ path: 'requiredDocuments', message: 'codes must be unique' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rule };
}

/** Answers that name an unknown question or option, or leave a required question open. */
export function answerErrors(rule: CoverageRule, answers: Answers): RuleError[] {
  const errors: RuleError[] = [];
  const byCode = new Map(rule.questions.map((q) => [q.code, q]));
  for (const [code, value] of Object.entries(answers)) {
    const q = byCode.get(code);
    if (!q) errors.push({ path: code, message: 'unknown' });
    else if (!q.options.some((o) => o.value === value)) errors.push({ path: code, message: 'option' });
  }
  for (const q of rule.questions)
    if (q.required && answers[q.code] === undefined) errors.push({ path: q.code, message: 'required' });
  return errors;
}

const matches = (when: { question: string; in: string[] } | undefined, answers: Answers) =>
  !when || (answers[when.question] !== undefined && when.in.includes(answers[when.question]!));

/** Exclusions the answers trigger ("the pipe belongs to the landlord", "self-inflicted"). */
export function triggeredExclusions(rule: CoverageRule, answers: Answers) {
  return rule.exclusions.filter((x) => matches(x.when, answers));
}

/** The documents this claim needs: the unconditional ones plus those the answers call for. */
export function documentsFor(rule: CoverageRule, answers: Answers): DocumentRequirementRule[] {
  return rule.requiredDocuments.filter((d) => !d.when || matches(d.when, answers));
}

/** The last day on which a claim for this incident may be filed (inclusive). */
export function filingDeadline(rule: CoverageRule, incidentDate: string, calendar: WorkingCalendar): string {
  const w = rule.filingWindow;
  if (w.kind === 'workingDays') return calendar.addWorkingDays(incidentDate, w.days);
  let d = addYears(incidentDate, w.years ?? 0);
  d = addMonths(d, w.months ?? 0);
  return addDays(d, w.days ?? 0);
}

/** True when an incident on `date` falls in one of the rule's cover periods (or there are none). */
export function inCoverPeriod(rule: CoverageRule, date: string): boolean {
  if (rule.coverPeriods.length === 0) return true;
  return rule.coverPeriods.some((p) => p.from <= date && (p.to === undefined || date <= p.to));
}

export interface BenefitResult {
  /** null when the benefit depends on a loss or a number of days not yet known. */
  amountFen: number | null;
  /** Which bound decided the amount, for the explanation shown to the member and the reviewer. */
  bound: 'fixed' | 'percent' | 'floor' | 'cap' | 'loss' | 'days' | 'minDays' | 'maxDays' | null;
}

/**
 * The benefit for an assessed loss (fen) or a number of days. A percentage is rounded to the fen; a floor never
 * pays more than the loss itself; a per-day benefit pays nothing below the minimum number of days.
 */
export function computeBenefit(
  benefit: BenefitRule,
  input: { lossFen?: number | null; days?: number | null },
): BenefitResult {
  switch (benefit.kind) {
    case 'fixed':
      return { amountFen: benefit.amountFen, bound: 'fixed' };
    case 'percentOfLoss': {
      if (input.lossFen === undefined || input.lossFen === null) return { amountFen: null, bound: null };
      const raw = Math.round((input.lossFen * benefit.percent) / 100);
      if (raw >= benefit.capFen) return { amountFen: benefit.capFen, bound: 'cap' };
      const floor = benefit.floorFen ?? 0;
      if (raw < floor) {
        return input.lossFen < floor
          ? { amountFen: input.lossFen, bound: 'loss' }
          : { amountFen: floor, bound: 'floor' };
      }
      return { amountFen: raw, bound: 'percent' };
    }
    case 'perDay': {
      if (input.days === undefined || input.days === null) return { amountFen: null, bound: null };
      if (input.days < benefit.minDays) return { amountFen: 0, bound: 'minDays' };
      const days = Math.min(input.days, benefit.maxDays);
      return { amountFen: days * benefit.amountFenPerDay, bound: days < input.days ? 'maxDays' : 'days' };
    }
  }
}
