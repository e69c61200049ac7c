/**
 * When a survey takes answers. Times are instants (UTC); staff give and read them in Asia/Shanghai. A grace period
 * keeps the door open a little after the announced close for people who were already answering.
 */
import type { AgeBand, SurveyStatus } from './survey.schemas.ts';

export interface SurveyWindow {
  publishedAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
  graceMinutes: number;
  closedAt: Date | null;
}

/** The instant after which nothing is accepted (close + grace, or the early close). */
export function lastAcceptedInstant(w: SurveyWindow): Date | null {
  if (!w.closesAt) return null;
  const end = new Date(w.closesAt.getTime() + w.graceMinutes * 60_000);
  return w.closedAt && w.closedAt < end ? w.closedAt : end;
}

export function surveyStatus(w: SurveyWindow, now: Date): SurveyStatus {
  if (!w.publishedAt || !w.opensAt || !w.closesAt) return 'draft';
  if (w.closedAt && w.closedAt <= now) return 'closed';
  if (now < w.opensAt) return 'scheduled';
  return now < lastAcceptedInstant(w)! ? 'open' : 'closed';
}

export const acceptsAnswers = (w: SurveyWindow, now: Date) => surveyStatus(w, now) === 'open';

/** Age band of someone born on `birthDate` (YYYY-MM-DD) on the day `on` (YYYY-MM-DD). */
export function ageBand(birthDate: string, on: string): AgeBand {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 30) return 'under30';
  if (age < 40) return '30to39';
  if (age < 50) return '40to49';
  return '50plus';
}

/** The [min, max) ages of a band, as the audience SQL filter uses them. */
export const AGE_BAND_RANGES: Record<AgeBand, [number, number]> = {
  under30: [0, 30],
  '30to39': [30, 40],
  '40to49': [40, 50],
  '50plus': [50, 200],
};
