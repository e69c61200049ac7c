/**
 * "Is this incident covered?" — one pure judgement used by the member's pre-check, by the automatic checks on
 * submission and again when the federation approves. Every refusal is a coded reason with both translations, so the
 * member, the hotline and the reviewer read the same words.
 */
import type { Localized } from '../../platform/i18n.ts';
import {
  type Answers,
  type CoverageRule,
  computeBenefit,
  type DocumentRequirementRule,
  documentsFor,
  filingDeadline,
  inCoverPeriod,
  type MemberGroup,
  triggeredExclusions,
} from './coverage-rule.ts';
import { addDays, addMonths } from './plain-date.ts';
import type { WorkingCalendar } from './working-days.ts';

export const REASON_CODES = [
  'incidentInFuture',
  'coverageNotInForce',
  'notEligibleGroup',
  'cardInactive',
  'inWaitingPeriod',
  'outsideWindow',
  'overLimit',
  'duplicate',
  'excluded',
  'missingDocuments',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** Values for the message; Localized values are picked in the reader's language. */
  params: Record<string, string | number | Localized>;
}

const MESSAGES: Record<ReasonCode, Localized> = {
  incidentInFuture: { 'zh-CN': '事故日期不能晚于今天', en: 'The incident date cannot be in the future' },
  coverageNotInForce: {
    'zh-CN': '事故发生日（{incidentDate}）“{coverage}”保障项目尚未生效或已停止',
    en: 'The coverage "{coverage}" was not in force on the incident date ({incidentDate})',
  },
  notEligibleGroup: {
    'zh-CN': '事故发生时不属于本项目的保障人群（{groups}）',
    en: 'On the incident date the member was not in the covered group ({groups})',
  },
  cardInactive: {
    'zh-CN': '事故发生日（{incidentDate}）会员没有有效的会员互助服务卡',
    en: 'The member had no active mutual-aid card on the incident date ({incidentDate})',
  },
  inWaitingPeriod: {
    'zh-CN': '事故发生在等待期内：持卡保障自 {coverStart} 起，满 {days} 天（{until}）后发生的事故才予保障',
    en: 'The incident happened in the waiting period: cover began on {coverStart}; incidents are covered from {until} ({days} days later)',
  },
  outsideWindow: {
    'zh-CN': '已超过申报期限：该事故应在 {deadline} 前申报',
    en: 'Filed too late: claims for this incident had to be filed by {deadline}',
  },
  overLimit: {
    'zh-CN': '已达到申领上限：{period}内最多 {limit}，已有 {used}',
    en: 'Over the limit: at most {limit} per {period}, {used} already',
  },
  duplicate: {
    'zh-CN': '该会员已就同一事故（{incidentDate}）申报过本项目，不能重复申报',
    en: 'This member already has a claim under this coverage for the same incident ({incidentDate})',
  },
  excluded: { 'zh-CN': '不属于保障范围：{exclusion}', en: 'Not covered: {exclusion}' },
  missingDocuments: { 'zh-CN': '缺少申报材料：{documents}', en: 'Documents missing: {documents}' },
};

/** The reason in the reader's language. */
export function reasonText(reason: Reason, lang: 'zh-CN' | 'en'): string {
  return MESSAGES[reason.code][lang].replace(/\{(\w+)\}/g, (m, key: string) => {
    const v = reason.params[key];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

export interface CardSpan {
  validFrom: string;
  validTo: string;
  /** First day the card stopped counting (suspended or cancelled); null while it is active. */
  inactiveFrom: string | null;
}

/** A claim of the same member, for duplicate and limit checks. */
export interface PriorClaim {
  id: string;
  coverageCode: string;
  schemeCode: string;
  incidentDate: string;
  status: string;
  /** Approved (or paid) amount; null while undecided. */
  amountFen: number | null;
}

export interface EligibilityInput {
  /** The filing date (the first submission's date for a resubmitted claim). */
  filedOn: string;
  incidentDate: string;
  coverage: { code: string; schemeCode: string; name: Localized };
  /** The rule version in force on the incident date, or null. */
  rule: CoverageRule | null;
  member: { joinedOn: string; leftOn: string | null; group: MemberGroup };
  cards: CardSpan[];
  priorClaims: PriorClaim[];
  answers: Answers;
  lossFen?: number | null;
  days?: number | null;
  /** Document codes uploaded so far; omit (pre-check) to skip the completeness check. */
  uploadedDocuments?: string[];
  calendar: WorkingCalendar;
}

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
  documents: DocumentRequirementRule[];
  deadline: string | null;
  estimate: { amountFen: number | null; bound: string | null; limitedTo: number | null } | null;
}

const cardCovers = (c: CardSpan, date: string) =>
  c.validFrom <= date && date <= c.validTo && (c.inactiveFrom === null || date < c.inactiveFrom);

/** The first day of the unbroken run of cards that covers `date` (a renewal does not restart the waiting period). */
export function continuousCoverStart(cards: CardSpan[], date: string): string | null {
  const sorted = [...cards].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const current = sorted.filter((c) => cardCovers(c, date)).at(-1);
  if (!current) return null;
  let start = current.validFrom;
  for (let moved = true; moved; ) {
    moved = false;
    for (const c of sorted) {
      if (
        c.validFrom < start &&
        c.validTo >= addDays(start, -1) &&
        (c.inactiveFrom === null || c.inactiveFrom >= start)
      ) {
        start = c.validFrom;
        moved = true;
      }
    }
  }
  return start;
}

const COUNTED = new Set(['approved', 'paid']);
const ACTIVE = (status: string) => status !== 'rejected';

/** The limit's period around an incident: its calendar year, or the N months up to and including it. */
export function limitPeriod(period: CoverageRule['limits'][number]['period'], date: string): [string, string] {
  if (period.kind === 'calendarYear') return [`${date.slice(0, 4)}-01-01`, `${date.slice(0, 4)}-12-31`];
  return [addDays(addMonths(date, -period.months), 1), date];
}

const PERIOD_TEXT = (p: CoverageRule['limits'][number]['period']): Localized =>
  p.kind === 'calendarYear'
    ? { 'zh-CN': '每个自然年度', en: 'calendar year' }
    : { 'zh-CN': `每 ${p.months} 个月`, en: `${p.months} months` };

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function judgeEligibility(input: EligibilityInput): Eligibility {
  const reasons: Reason[] = [];
  const { rule, incidentDate } = input;
  const add = (code: ReasonCode, params: Reason['params'] = {}) => reasons.push({ code, params });

  if (incidentDate > input.filedOn) add('incidentInFuture');
  if (!rule || !inCoverPeriod(rule, incidentDate)) {
    add('coverageNotInForce', { incidentDate, coverage: input.coverage.name });
    return { eligible: false, reasons, documents: [], deadline: null, estimate: null };
  }

  const groups: Localized = {
    'zh-CN': rule.eligibleGroups.map((g) => (g === 'in_service' ? '在职会员' : '退休会员')).join('、'),
    en: rule.eligibleGroups.map((g) => (g === 'in_service' ? 'in-service members' : 'retired members')).join(', '),
  };
  const member = input.member;
  const wasMember = member.joinedOn <= incidentDate && (member.leftOn === null || incidentDate < member.leftOn);
  if (!wasMember || !rule.eligibleGroups.includes(member.group)) add('notEligibleGroup', { groups });

  const coverStart = continuousCoverStart(input.cards, incidentDate);
  if (!coverStart) add('cardInactive', { incidentDate });
  else if (rule.waitingDays > 0) {
    const until = addDays(coverStart, rule.waitingDays);
    if (incidentDate < until) add('inWaitingPeriod', { coverStart, days: rule.waitingDays, until });
  }

  const deadline = filingDeadline(rule, incidentDate, input.calendar);
  if (input.filedOn > deadline) add('outsideWindow', { deadline });

  const duplicate = input.priorClaims.some(
    (c) => ACTIVE(c.status) && c.coverageCode === input.coverage.code && c.incidentDate === incidentDate,
  );
  if (duplicate) add('duplicate', { incidentDate });

  const benefit = computeBenefit(rule.benefit, { lossFen: input.lossFen, days: input.days });
  let limitedTo: number | null = null;
  for (const limit of rule.limits) {
    const [from, to] = limitPeriod(limit.period, incidentDate);
    const counted = input.priorClaims.filter(
      (c) =>
        COUNTED.has(c.status) &&
        c.incidentDate >= from &&
        c.incidentDate <= to &&
        (limit.scope === 'scheme'
          ? c.schemeCode === input.coverage.schemeCode
          : c.coverageCode === input.coverage.code),
    );
    if (limit.maxCount !== undefined && counted.length >= limit.maxCount) {
      add('overLimit', {
        period: PERIOD_TEXT(limit.period),
        limit: { 'zh-CN': `${limit.maxCount} 次`, en: `${limit.maxCount} claim(s)` },
        used: { 'zh-CN': `${counted.length} 次`, en: `${counted.length}` },
      });
      continue;
    }
    if (limit.maxAmountFen !== undefined) {
      const used = counted.reduce((s, c) => s + (c.amountFen ?? 0), 0);
      const left = limit.maxAmountFen - used;
      if (left <= 0) {
        add('overLimit', {
          period: PERIOD_TEXT(limit.period),
          limit: { 'zh-CN': `${yuan(limit.maxAmountFen)} 元`, en: `${yuan(limit.maxAmountFen)} yuan` },
          used: { 'zh-CN': `${yuan(used)} 元`, en: `${yuan(used)} yuan` },
        });
      } else if (benefit.amountFen !== null && benefit.amountFen > left) {
        limitedTo = Math.min(limitedTo ?? left, left);
      }
    }
  }

  for (const x of triggeredExclusions(rule, input.answers))
    add('excluded', { exclusion: x.label, exclusionCode: x.code });

  const documents = documentsFor(rule, input.answers);
  if (input.uploadedDocuments) {
    const have = new Set(input.uploadedDocuments);
    const missing = documents.filter((d) => !have.has(d.code));
    if (missing.length) {
      add('missingDocuments', {
        documents: {
          'zh-CN': missing.map((d) => d.label['zh-CN']).join('、'),
          en: missing.map((d) => d.label.en).join(', '),
        },
        codes: missing.map((d) => d.code).join(','),
      });
    }
  }

  const estimate = {
    amountFen: benefit.amountFen === null ? null : Math.min(benefit.amountFen, limitedTo ?? Number.POSITIVE_INFINITY),
    bound: limitedTo !== null ? 'limit' : benefit.bound,
    limitedTo,
  };
  return { eligible: reasons.length === 0, reasons, documents, deadline, estimate };
}
