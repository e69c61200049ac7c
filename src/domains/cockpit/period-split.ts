/**
 * A range of months [from, to) (first days of months, null = unbounded) split into whole calendar years, read from
 * the yearly summary, and the months left at either end, read from the monthly one. Pure.
 */
export interface PeriodSplit {
  /** Whole years y with from ≤ y < to (null: unbounded); null when the range holds no whole year. */
  years: { from: number | null; to: number | null } | null;
  /** Leftover month ranges [from, to). */
  months: [string, string][];
}

const isJan1 = (d: string) => d.slice(5) === '01-01';
const yearOf = (d: string) => Number(d.slice(0, 4));

export function splitByYears(from: string | null, to: string | null): PeriodSplit {
  const fy = from === null ? null : isJan1(from) ? yearOf(from) : yearOf(from) + 1;
  const ty = to === null ? null : yearOf(to);
  if (fy !== null && ty !== null && fy >= ty)
    return { years: null, months: from && to && from < to ? [[from, to]] : [] };
  const months: [string, string][] = [];
  if (from !== null && !isJan1(from)) months.push([from, `${fy}-01-01`]);
  if (to !== null && !isJan1(to)) months.push([`${ty}-01-01`, to]);
  return { years: { from: fy, to: ty }, months };
}
