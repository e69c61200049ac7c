/**
 * Seasonality of claims: this year's weekly counts against the same ISO weeks of earlier years, and alerts when a
 * district leaves its expected range (burst pipes cluster when the heating season starts in mid-November, so a
 * November spike is only news when it is larger than earlier Novembers). Pure: dates are 'YYYY-MM-DD' strings.
 */

export type RangeRule = 'sigma' | 'mad';

export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The ISO-8601 week of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: string): IsoWeek {
  const t = utc(date);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(t + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1 };
}

/** Monday of an ISO week, 'YYYY-MM-DD'. */
export function mondayOf({ year, week }: IsoWeek): string {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - dow * DAY_MS + (week - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** How many ISO weeks a year has (52 or 53). */
export function weeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

export interface Range {
  centre: number;
  lower: number;
  upper: number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The expected range from earlier years' values of the same week: mean ± 2 standard deviations ('sigma'), or the
 * robust median ± 3 × 1.4826 × MAD ('mad', not pulled up by one freak year). The spread is at least 1 claim, so
 * a week that was 0 every year does not alarm at 1. Null with fewer than 2 earlier years.
 */
export function expectedRange(prior: number[], rule: RangeRule = 'sigma'): Range | null {
  if (prior.length < 2) return null;
  let centre: number;
  let spread: number;
  if (rule === 'sigma') {
    centre = mean(prior);
    const variance = prior.reduce((s, x) => s + (x - centre) ** 2, 0) / (prior.length - 1);
    spread = 2 * Math.max(1, Math.sqrt(variance));
  } else {
    centre = median(prior);
    const mad = median(prior.map((x) => Math.abs(x - centre)));
    spread = 3 * Math.max(1, 1.4826 * mad);
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { centre: r2(centre), lower: r2(Math.max(0, centre - spread)), upper: r2(centre + spread) };
}

export interface WeekCount {
  bucket: string;
  /** Monday of the ISO week. */
  week: string;
  value: number;
}

export interface Departure {
  bucket: string;
  week: IsoWeek;
  monday: string;
  value: number;
  expected: Range;
  direction: 'above' | 'below';
  /** How far outside the range, in claims. */
  excess: number;
}

export interface SeasonalityOptions {
  /** Today, 'YYYY-MM-DD'. */
  today: string;
  /** How many earlier years form the expectation (default 5). */
  years?: number;
  /** How many recent weeks (this one included) are checked (default 4). */
  recentWeeks?: number;
  rule?: RangeRule;
  /** A week above its range alarms only from this many claims (default 3). */
  minCount?: number;
  /** Each bucket's first year with any claim, when `rows` hold only some weeks (default: from `rows`). */
  firstYears?: ReadonlyMap<string, number>;
}

/** Sums per (bucket, year, week); a bucket's history starts at its first year with any claim. */
function index(rows: WeekCount[], firstYears?: ReadonlyMap<string, number>) {
  const counts = new Map<string, number>();
  const firstYear = new Map<string, number>(firstYears ?? []);
  for (const r of rows) {
    const w = isoWeekOf(r.week);
    const key = `${r.bucket}|${w.year}|${w.week}`;
    counts.set(key, (counts.get(key) ?? 0) + r.value);
    firstYear.set(r.bucket, Math.min(firstYear.get(r.bucket) ?? w.year, w.year));
  }
  return { counts, firstYear };
}

/** The same week's counts in the earlier years that have that week and lie within the bucket's history. */
function priorValues(idx: ReturnType<typeof index>, bucket: string, w: IsoWeek, years: number): number[] | null {
  const first = idx.firstYear.get(bucket);
  if (first === undefined) return null;
  const out: number[] = [];
  for (let y = w.year - years; y < w.year; y++) {
    if (y < first || w.week > weeksInYear(y)) continue;
    out.push(idx.counts.get(`${bucket}|${y}|${w.week}`) ?? 0);
  }
  return out;
}

/** The ISO weeks checked for alerts: this one and the `n - 1` before it. */
export function recentWeeks(today: string, n = 4): IsoWeek[] {
  const monday = utc(mondayOf(isoWeekOf(today)));
  return Array.from({ length: n }, (_, i) => isoWeekOf(new Date(monday - i * 7 * DAY_MS).toISOString().slice(0, 10)));
}

/** Districts whose recent weeks left their expected range, largest excess first. */
export function departures(rows: WeekCount[], options: SeasonalityOptions): Departure[] {
  const years = options.years ?? 5;
  const minCount = options.minCount ?? 3;
  const idx = index(rows, options.firstYears);
  const recent = recentWeeks(options.today, options.recentWeeks ?? 4);
  const out: Departure[] = [];
  for (const bucket of idx.firstYear.keys()) {
    for (const w of recent) {
      const prior = priorValues(idx, bucket, w, years);
      const expected = prior && expectedRange(prior, options.rule);
      if (!expected) continue;
      const value = idx.counts.get(`${bucket}|${w.year}|${w.week}`) ?? 0;
      if (value > expected.upper && value >= minCount) {
        out.push({
          bucket,
          week: w,
          monday: mondayOf(w),
          value,
          expected,
          direction: 'above',
          excess: value - expected.upper,
        });
      } else if (value < expected.lower && expected.centre >= 5) {
        out.push({
          bucket,
          week: w,
          monday: mondayOf(w),
          value,
          expected,
          direction: 'below',
          excess: expected.lower - value,
        });
      }
    }
  }
  return out.sort(
    (a, b) => b.excess - a.excess || a.bucket.localeCompare(b.bucket) || a.monday.localeCompare(b.monday),
  );
}

export interface WeekPoint {
  week: number;
  /** This year's count; null for weeks still to come. */
  value: number | null;
  expected: Range | null;
}

/** This ISO year's weekly totals over every bucket, with the expected range of each week (the seasonality chart). */
export function yearSeries(rows: WeekCount[], options: SeasonalityOptions): WeekPoint[] {
  const all = rows.map((r) => ({ ...r, bucket: '*' }));
  const first = options.firstYears?.size ? Math.min(...options.firstYears.values()) : undefined;
  const idx = index(all, first === undefined ? undefined : new Map([['*', first]]));
  const now = isoWeekOf(options.today);
  const out: WeekPoint[] = [];
  for (let week = 1; week <= weeksInYear(now.year); week++) {
    const w = { year: now.year, week };
    const prior = priorValues(idx, '*', w, options.years ?? 5);
    out.push({
      week,
      value: week <= now.week ? (idx.counts.get(`*|${now.year}|${week}`) ?? 0) : null,
      expected: prior ? expectedRange(prior, options.rule) : null,
    });
  }
  return out;
}
