/**
 * The "most beautiful station" campaign (最美站点推树): windows, published criteria, the weighted result, star
 * grades, and the anti-fraud heuristics for the public vote. Pure: no Fastify, no Kysely.
 *
 * Result of a nominee, 0–100: publicWeight % of its vote score (its valid votes as a share of the leader's) plus
 * (100 − publicWeight) % of its criteria score (the weighted mean of the criteria: jury criteria are the mean of the
 * jurors' 0–100 scores, the "worker ratings" criterion is the station's star ratings, shrunk towards 3.5 like the
 * health score). Stars by rank: the top 10 % ★★★★★, to 30 % ★★★★, to 60 % ★★★, to 85 % ★★, the rest ★.
 */
import type { Localized } from '../../platform/i18n.ts';
import { ratingsComponent } from './health-score.ts';

export interface Criterion {
  key: string;
  label: string;
  weight: number;
  source: 'jury' | 'ratings';
}

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'facilities', label: '设施完善', weight: 30, source: 'jury' },
  { key: 'service', label: '服务温馨', weight: 30, source: 'jury' },
  { key: 'highlights', label: '特色亮点', weight: 20, source: 'jury' },
  { key: 'worker_ratings', label: '职工评价', weight: 20, source: 'ratings' },
];
export const DEFAULT_PUBLIC_WEIGHT = 40;

export interface CampaignWindows {
  nominationFrom: string;
  nominationTo: string;
  votingFrom: string;
  votingTo: string;
}

export type Phase = 'upcoming' | 'nomination' | 'voting' | 'between' | 'closed';

/** Where a campaign stands on a Shanghai date; nomination wins where the windows overlap (voting still allowed). */
export function phaseOn(c: CampaignWindows, today: string): Phase {
  if (today < c.nominationFrom) return 'upcoming';
  if (today <= c.nominationTo) return 'nomination';
  if (today < c.votingFrom) return 'between';
  if (today <= c.votingTo) return 'voting';
  return 'closed';
}

export const inNomination = (c: CampaignWindows, today: string) => today >= c.nominationFrom && today <= c.nominationTo;
export const inVoting = (c: CampaignWindows, today: string) => today >= c.votingFrom && today <= c.votingTo;

export interface Issue {
  field: string;
  message: Localized;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) =>
  DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function campaignIssues(c: CampaignWindows & { criteria: readonly Criterion[]; publicWeight: number }): Issue[] {
  const issues: Issue[] = [];
  for (const k of ['nominationFrom', 'nominationTo', 'votingFrom', 'votingTo'] as const) {
    if (!validDate(c[k])) issues.push({ field: `body.${k}`, message: { 'zh-CN': '日期无效', en: 'not a valid date' } });
  }
  if (issues.length) return issues;
  if (c.nominationTo < c.nominationFrom) {
    issues.push({ field: 'body.nominationTo', message: { 'zh-CN': '推荐截止早于开始', en: 'ends before it starts' } });
  }
  if (c.votingTo < c.votingFrom) {
    issues.push({ field: 'body.votingTo', message: { 'zh-CN': '投票截止早于开始', en: 'ends before it starts' } });
  }
  if (c.votingFrom < c.nominationFrom) {
    issues.push({
      field: 'body.votingFrom',
      message: { 'zh-CN': '投票不能早于推荐开始', en: 'voting cannot start before nomination' },
    });
  }
  const keys = new Set<string>();
  c.criteria.forEach((cr, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(cr.key) || keys.has(cr.key)) {
      issues.push({
        field: `body.criteria.${i}.key`,
        message: { 'zh-CN': '编号无效或重复', en: 'invalid or duplicate key' },
      });
    }
    keys.add(cr.key);
    if (!Number.isInteger(cr.weight) || cr.weight < 1 || cr.weight > 100) {
      issues.push({ field: `body.criteria.${i}.weight`, message: { 'zh-CN': '权重须为 1–100', en: 'must be 1–100' } });
    }
  });
  if (c.criteria.filter((cr) => cr.source === 'ratings').length > 1) {
    issues.push({
      field: 'body.criteria',
      message: { 'zh-CN': '职工评价只能有一项', en: 'at most one ratings criterion' },
    });
  }
  if (!c.criteria.length)
    issues.push({
      field: 'body.criteria',
      message: { 'zh-CN': '请至少设一项评选指标', en: 'give at least one criterion' },
    });
  if (!Number.isInteger(c.publicWeight) || c.publicWeight < 0 || c.publicWeight > 100) {
    issues.push({ field: 'body.publicWeight', message: { 'zh-CN': '须为 0–100', en: 'must be 0–100' } });
  }
  return issues;
}

/** Jury scores cover exactly the campaign's jury criteria, each a whole number 0–100. */
export function juryScoreIssues(criteria: readonly Criterion[], scores: Record<string, unknown>): Issue[] {
  const jury = criteria.filter((c) => c.source === 'jury').map((c) => c.key);
  const issues: Issue[] = [];
  for (const k of Object.keys(scores)) {
    if (!jury.includes(k))
      issues.push({ field: `body.scores.${k}`, message: { 'zh-CN': '不是评审指标', en: 'not a jury criterion' } });
  }
  for (const k of jury) {
    const v = scores[k];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 100) {
      issues.push({
        field: `body.scores.${k}`,
        message: { 'zh-CN': '请打 0–100 分', en: 'give a whole number 0–100' },
      });
    }
  }
  return issues;
}

// ---- anti-fraud -------------------------------------------------------------------------------------------------

/** More than this many members voting from one IP within IP_BURST_MINUTES is a burst (a phone farm, a script). */
export const IP_BURST_LIMIT = 8;
export const IP_BURST_MINUTES = 10;
/** More than this many members voting from one device id on one day. */
export const DEVICE_MEMBER_LIMIT = 2;

export type FlagReason = 'ip_burst' | 'device_shared';

/**
 * Whether a vote comes from a suspicious source, given the other members' votes already seen from the same IP in
 * the burst window and from the same device today. Flagged votes are kept as evidence but not counted.
 */
export function flagFor(seen: { ipMembers: number; deviceMembers: number }): FlagReason | null {
  if (seen.ipMembers + 1 > IP_BURST_LIMIT) return 'ip_burst';
  if (seen.deviceMembers + 1 > DEVICE_MEMBER_LIMIT) return 'device_shared';
  return null;
}

// ---- result -----------------------------------------------------------------------------------------------------

export interface Nominee {
  stationId: string;
  code: string;
  votes: number;
  /** Per jury criterion key, the scores of the jurors who scored this station. */
  jury: Record<string, number[]>;
  ratings: { sum: number; count: number };
}

export interface Ranked extends Nominee {
  voteScore: number;
  criteriaScore: number;
  criteria: Record<string, number>;
  total: number;
  rank: number;
  stars: 1 | 2 | 3 | 4 | 5;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Stars for the rank-th of n (competition ranking: ties share a rank and the grade). */
export function starsFor(rank: number, n: number): Ranked['stars'] {
  if (rank <= Math.ceil(n * 0.1)) return 5;
  if (rank <= Math.ceil(n * 0.3)) return 4;
  if (rank <= Math.ceil(n * 0.6)) return 3;
  if (rank <= Math.ceil(n * 0.85)) return 2;
  return 1;
}

export function rankNominees(
  nominees: readonly Nominee[],
  criteria: readonly Criterion[],
  publicWeight: number,
): Ranked[] {
  const leader = Math.max(0, ...nominees.map((n) => n.votes));
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const scored = nominees.map((n) => {
    const values: Record<string, number> = {};
    for (const c of criteria) {
      values[c.key] = round1(
        c.source === 'ratings' ? ratingsComponent({ ratings: n.ratings }) : mean(n.jury[c.key] ?? []),
      );
    }
    const criteriaScore = totalWeight ? criteria.reduce((s, c) => s + c.weight * values[c.key]!, 0) / totalWeight : 0;
    const voteScore = leader ? (100 * n.votes) / leader : 0;
    const total = (publicWeight * voteScore + (100 - publicWeight) * criteriaScore) / 100;
    return {
      ...n,
      voteScore: round1(voteScore),
      criteriaScore: round1(criteriaScore),
      criteria: values,
      total: round1(total),
    };
  });
  scored.sort((a, b) => b.total - a.total || b.votes - a.votes || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: Ranked[] = [];
  scored.forEach((s, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.total === s.total ? prev.rank : i + 1;
    out.push({ ...s, rank, stars: starsFor(rank, scored.length) });
  });
  return out;
}

/** The winners shown on the public page: four and five stars (the top 30 %). */
export function winnersOf(ranked: readonly Ranked[]): Ranked[] {
  return ranked.filter((r) => r.stars >= 4);
}
