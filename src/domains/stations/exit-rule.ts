/**
 * The exit mechanism's rules (退出机制): configuration in station_exit_rules, evaluated here for one station at a
 * time. A match never exits a station by itself: it opens an exit review that district or city staff decide.
 * Pure: no Fastify, no Kysely.
 *
 * - failed_inspections {count, withinDays}: at least `count` failed inspections dated within the last `withinDays`.
 * - verified_closed_reports {count, withinDays}: at least `count` verified "closed during opening hours" reports.
 * - no_sign_of_life {days}: no check-in, no inspection and no verified-data stamp for `days` (counted from when the
 *   station last became active, if later).
 *
 * A "keep" decision is a fresh start: events before it were judged then and do not count again, and the silence
 * of no_sign_of_life is counted from it at the earliest.
 */
import type { Localized } from '../../platform/i18n.ts';

export const EXIT_RULE_CODES = ['failed_inspections', 'verified_closed_reports', 'no_sign_of_life'] as const;
export type ExitRuleCode = (typeof EXIT_RULE_CODES)[number];

export interface CountParams {
  count: number;
  withinDays: number;
}
export interface SilenceParams {
  days: number;
}
export type ExitRule =
  | { code: 'failed_inspections' | 'verified_closed_reports'; enabled: boolean; params: CountParams }
  | { code: 'no_sign_of_life'; enabled: boolean; params: SilenceParams };

export interface ExitFacts {
  now: Date;
  /** When the station last became active. */
  activeSince: Date;
  /** The last "keep" decision on an exit review, if any. */
  keptAt: Date | null;
  failedInspectionDates: readonly string[];
  verifiedClosedReportTimes: readonly Date[];
  lastCheckinAt: Date | null;
  lastInspectionDate: string | null;
  lastVerifiedAt: Date | null;
}

export interface ExitReason {
  rule: ExitRuleCode;
  /** The events that matched (count rules) or the days of silence (no_sign_of_life). */
  count?: number;
  withinDays?: number;
  days?: number;
  /** ISO time: the first matching event, or the last sign of life. */
  since: string;
}

export const EXIT_RULE_LABELS: Record<ExitRuleCode, Localized> = {
  failed_inspections: { 'zh-CN': '巡查多次不合格', en: 'failed inspections' },
  verified_closed_reports: {
    'zh-CN': '多次核实“开放时间内关门”',
    en: 'verified "closed during opening hours" reports',
  },
  no_sign_of_life: { 'zh-CN': '长期无使用、无巡查、无核实', en: 'no sign of life' },
};

const DAY_MS = 86_400_000;
/** An inspection date counts from Shanghai midnight of that day. */
const dateStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

function countRule(
  code: ExitRuleCode,
  params: CountParams,
  times: readonly Date[],
  facts: ExitFacts,
): ExitReason | null {
  const from = facts.now.getTime() - params.withinDays * DAY_MS;
  const floor = facts.keptAt?.getTime() ?? -Infinity;
  const hits = times
    .map((t) => t.getTime())
    .filter((t) => t > from && t >= floor)
    .sort((a, b) => a - b);
  if (hits.length < params.count) return null;
  return {
    rule: code,
    count: hits.length,
    withinDays: params.withinDays,
    since: new Date(hits[0]!).toISOString(),
  };
}

/** The rules a station matches now, in rule order; empty when it should stay without review. */
export function evaluateExitRules(rules: readonly ExitRule[], facts: ExitFacts): ExitReason[] {
  const reasons: ExitReason[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.code !== 'no_sign_of_life') {
      const times =
        rule.code === 'failed_inspections'
          ? facts.failedInspectionDates.map(dateStart)
          : facts.verifiedClosedReportTimes;
      const r = countRule(rule.code, rule.params, times, facts);
      if (r) reasons.push(r);
    } else {
      const signs = [
        facts.activeSince,
        facts.keptAt,
        facts.lastCheckinAt,
        facts.lastVerifiedAt,
        facts.lastInspectionDate ? dateStart(facts.lastInspectionDate) : null,
      ].filter((d): d is Date => d !== null);
      const last = Math.max(...signs.map((d) => d.getTime()));
      const silent = Math.floor((facts.now.getTime() - last) / DAY_MS);
      if (silent >= rule.params.days) {
        reasons.push({ rule: rule.code, days: silent, since: new Date(last).toISOString() });
      }
    }
  }
  return reasons;
}

/** Parameters must be whole numbers in sensible ranges; a rule that can never fire or fires on everything is a typo. */
export function ruleParamIssues(
  code: ExitRuleCode,
  params: Record<string, unknown>,
): { field: string; message: Localized }[] {
  const whole = (v: unknown, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  const issues: { field: string; message: Localized }[] = [];
  const allowed = code === 'no_sign_of_life' ? ['days'] : ['count', 'withinDays'];
  for (const k of Object.keys(params)) {
    if (!allowed.includes(k))
      issues.push({ field: `body.params.${k}`, message: { 'zh-CN': '未知参数', en: 'unknown parameter' } });
  }
  const range = (k: string, min: number, max: number) => {
    if (!whole(params[k], min, max)) {
      issues.push({
        field: `body.params.${k}`,
        message: { 'zh-CN': `须为 ${min}–${max} 的整数`, en: `must be a whole number ${min}–${max}` },
      });
    }
  };
  if (code === 'no_sign_of_life') range('days', 7, 730);
  else {
    range('count', 1, 50);
    range('withinDays', 1, 730);
  }
  return issues;
}
