/**
 * The health score of a station, 0–100: one number that tells district staff which stations need a visit before a
 * worker finds a locked door. Pure: the facts are gathered by health-score.repository.ts. The formula (documented
 * in docs/station-operations.md, weights below) is a weighted mean of five components, each 0–100:
 *
 * - inspection (30): 0.7 × the latest inspection score + 0.3 × the one before (or the latest again); a failed
 *   latest inspection caps it at its own score; older than 180 days costs 20 points; none in a year scores 40.
 * - freshness (20): per key field (hours, amenities, location) 100 when verified within 90 days, falling linearly
 *   to 0 at 365 days, 0 when never verified; the mean of the three.
 * - reports (25): 100 minus, over the last 90 days, 30 per verified "closed during hours" or "refused entry", 10 per
 *   other verified report, 8 / 3 per unverified severe / other report; rejected reports do not count; floor 0.
 * - ratings (10): the mean star rating shrunk towards 3.5 by five phantom ratings, mapped 1★→0, 5★→100.
 * - usage (15): check-ins in the last 90 days on a log scale, 100 from one a day (90) upwards, 0 for none.
 */
import type { ReportKind } from './feedback.table.ts';
import type { VerifiedField } from './station.table.ts';

export const HEALTH_WEIGHTS = { inspection: 30, freshness: 20, reports: 25, ratings: 10, usage: 15 } as const;
export type HealthComponent = keyof typeof HEALTH_WEIGHTS;

export const SEVERE_KINDS: readonly ReportKind[] = ['closed_during_hours', 'refused_entry'];
const DAY_MS = 86_400_000;

export interface HealthFacts {
  now: Date;
  /** Inspections of the last 365 days, newest first; `on` is the inspection date 'YYYY-MM-DD'. */
  inspections: readonly { on: string; score: number; passed: boolean }[];
  /** ISO timestamps of the last verification of each key field. */
  lastVerified: Partial<Record<VerifiedField, string>>;
  /** Worker reports of the last 90 days that were not rejected. */
  reports: readonly { kind: ReportKind; verified: boolean }[];
  ratings: { sum: number; count: number };
  checkins90: number;
}

export type HealthComponents = Record<HealthComponent, { value: number; weight: number }>;

export interface Health {
  score: number;
  components: HealthComponents;
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const days = (from: Date | string, to: Date) => (to.getTime() - new Date(from).getTime()) / DAY_MS;

export function inspectionComponent(facts: Pick<HealthFacts, 'inspections' | 'now'>): number {
  const [latest, previous] = facts.inspections;
  if (!latest) return 40;
  let value = 0.7 * latest.score + 0.3 * (previous ?? latest).score;
  if (!latest.passed) value = Math.min(value, latest.score);
  if (days(`${latest.on}T00:00:00+08:00`, facts.now) > 180) value -= 20;
  return clamp(value);
}

export function freshnessComponent(facts: Pick<HealthFacts, 'lastVerified' | 'now'>): number {
  const fields: VerifiedField[] = ['hours', 'amenities', 'location'];
  const each = fields.map((f) => {
    const at = facts.lastVerified[f];
    if (!at) return 0;
    const age = days(at, facts.now);
    if (age <= 90) return 100;
    if (age >= 365) return 0;
    return (100 * (365 - age)) / (365 - 90);
  });
  return each.reduce((a, b) => a + b, 0) / fields.length;
}

export function reportsComponent(facts: Pick<HealthFacts, 'reports'>): number {
  let penalty = 0;
  for (const r of facts.reports) {
    const severe = SEVERE_KINDS.includes(r.kind);
    penalty += r.verified ? (severe ? 30 : 10) : severe ? 8 : 3;
  }
  return clamp(100 - penalty);
}

export function ratingsComponent(facts: Pick<HealthFacts, 'ratings'>): number {
  const prior = 5;
  const mean = (facts.ratings.sum + 3.5 * prior) / (facts.ratings.count + prior);
  return clamp(((mean - 1) / 4) * 100);
}

export function usageComponent(facts: Pick<HealthFacts, 'checkins90'>): number {
  const n = Math.max(0, facts.checkins90);
  return clamp((100 * Math.log1p(n)) / Math.log1p(90));
}

/** The score and its components (each rounded to a whole point, as shown to staff). */
export function healthScore(facts: HealthFacts): Health {
  const values: Record<HealthComponent, number> = {
    inspection: inspectionComponent(facts),
    freshness: freshnessComponent(facts),
    reports: reportsComponent(facts),
    ratings: ratingsComponent(facts),
    usage: usageComponent(facts),
  };
  let total = 0;
  const components = {} as HealthComponents;
  for (const key of Object.keys(HEALTH_WEIGHTS) as HealthComponent[]) {
    total += HEALTH_WEIGHTS[key] * values[key];
    components[key] = { value: Math.round(values[key]), weight: HEALTH_WEIGHTS[key] };
  }
  return { score: Math.round(total / 100), components };
}

/**
 * How far a station's health has fallen: the best daily score of the window before today minus today's score
 * (0 when it has not fallen or there is no earlier score). "Dropped by N in 30 days" is `fallenBy(...) >= N`.
 */
export function fallenBy(earlierScores: readonly number[], current: number): number {
  if (!earlierScores.length) return 0;
  return Math.max(0, Math.max(...earlierScores) - current);
}
