/**
 * The words of the monthly report in both languages (Chinese first): the report follows the reader's language like
 * every other export (Accept-Language, see platform/i18n.ts). Union names are proper names and stay as stored.
 */
import type { Lang } from '../../platform/i18n.ts';
import type { MonthFigures } from './monthly-report.ts';
import type { Shown } from './report-cells.ts';

/** How a withheld figure is printed, the same in both languages (report-cells.ts). */
export const MARKS: Record<Exclude<Shown, number>, string> = { small: '<5', withheld: '×' };

export interface ReportText {
  /** The scope name of a report over the whole tree. */
  everywhere: string;
  month(month: string): string;
  title(scope: string, month: string): string;
  yearToDate(year: string): string;
  scopeLine(scope: string, generatedOn: string): string;
  figure: string;
  headline: Record<keyof MonthFigures, string>;
  sections: [string, string, string, string];
  current: [members: string, cards: string, stations: string];
  /**
   * The sentence under section 2: paid claims and amount since `since` (YYYY-MM, or null: since the start); the
   * claims as printed (a number, "<5" or "×"), the amount null when withheld.
   */
  totalSince(since: string | null, claims: Shown, amount: string | null): string;
  /** A bar's label in the PDF chart (yuan). */
  bar(yuan: number): string;
  /** Under the chart when a month's bar is withheld. */
  chartNote: string;
  districtHeaders: string[];
  /** A row of the district table for the claims filed directly at a federation above the districts. */
  ownLevel(name: string): string;
  /** What "<5" and "×" mean (printed at the end of the PDF and on the first sheet). */
  note: string;
  sheets: [headline: string, trend: string, districts: string];
  trendHeaders: string[];
  paidSince(since: string | null): string;
  amountSince: string;
}

const EN_MONTHS = 'January February March April May June July August September October November December'.split(' ');

const zh: ReportText = {
  everywhere: '全国',
  month: (m) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`,
  title: (scope, month) => `${scope}${zh.month(month)}数据月报`,
  yearToDate: (year) => `${year}年累计`,
  scopeLine: (scope, day) => `统计范围：${scope}及所属工会　生成时间：${day}`,
  figure: '指标',
  headline: {
    claimsFiled: '互助保障申请（件）',
    claimsPaid: '互助金发放（人次）',
    paidFen: '互助金发放金额（元）',
    checkins: '站点签到（人次）',
    careActivities: '关爱活动（场）',
    carePeople: '关爱活动覆盖（人次）',
    hotline: '热线咨询（件）',
  },
  sections: [
    '一、本月主要指标',
    '二、会员、服务卡与站点（当前）',
    '三、近12个月互助金发放金额（元）',
    '四、分区情况（本月）',
  ],
  current: ['在册会员', '有效互助保障卡', '运行站点'],
  totalSince: (since, claims, amount) =>
    `自${since ? zh.month(since) : '开办'}以来累计发放互助金 ${typeof claims === 'number' ? claims : MARKS[claims]} 人次，` +
    `${amount === null ? '金额不予显示' : `共 ${amount} 元`}（含历史发放记录）。`,
  bar: (v) => (v >= 10_000 ? `${(v / 10_000).toFixed(1)}万` : String(v)),
  chartNote: '“×”：当月发放不足5人次，金额不予显示。',
  districtHeaders: ['区', '申请（件）', '发放（人次）', '发放金额（元）', '站点签到', '关爱覆盖（人次）', '热线咨询'],
  ownLevel: (name) => `${name}（本级）`,
  note:
    '注：互助保障申请和发放人次不足5的（含0），显示为“<5”，其发放金额不予显示（“×”）；' +
    '为防止由合计、年度累计或历年累计推算出这些数字，必要时另一数字一并不予显示（“×”）。' +
    '站点签到、关爱活动和热线咨询为实际数。',
  sheets: ['主要指标', '近12个月', '分区'],
  trendHeaders: ['月份', '申请（件）', '发放（人次）', '发放金额（元）'],
  paidSince: (since) => `累计发放人次（自${since ?? '开办'}）`,
  amountSince: '累计发放金额（元）',
};

const en: ReportText = {
  everywhere: 'All unions',
  month: (m) => `${EN_MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`,
  title: (scope, month) => `${scope} monthly report, ${en.month(month)}`,
  yearToDate: (year) => `${year} to date`,
  scopeLine: (scope, day) => `Scope: ${scope} and the unions under it    Generated: ${day}`,
  figure: 'Figure',
  headline: {
    claimsFiled: 'Claims filed',
    claimsPaid: 'Claims paid',
    paidFen: 'Amount paid (yuan)',
    checkins: 'Station check-ins',
    careActivities: 'Care activities',
    carePeople: 'People reached by care',
    hotline: 'Hotline consultations',
  },
  sections: [
    '1. Main figures of the month',
    '2. Members, aid cards and stations (now)',
    '3. Mutual aid paid in the last 12 months (yuan)',
    '4. Districts (this month)',
  ],
  current: ['Active members', 'Active aid cards', 'Stations in operation'],
  totalSince: (since, claims, amount) =>
    `Paid since ${since ? en.month(since) : 'the start'}: ` +
    `${typeof claims === 'number' ? claims.toLocaleString('en-US') : MARKS[claims]} claims, ` +
    `${amount === null ? 'amount withheld' : `${amount} yuan`} (payout history included).`,
  bar: (v) => (v >= 10_000 ? `${(v / 1000).toFixed(0)}k` : String(v)),
  chartNote: '"×": fewer than 5 claims paid that month; the amount is withheld.',
  districtHeaders: [
    'District',
    'Claims filed',
    'Claims paid',
    'Amount paid (yuan)',
    'Check-ins',
    'People reached by care',
    'Hotline',
  ],
  ownLevel: (name) => `${name} (own level)`,
  note:
    'Note: claims filed or paid under 5 (0 included) are shown as "<5" and their amounts are withheld ("×"); ' +
    'so that none of them can be worked out from a total, the year to date or the total since the start, another ' +
    'figure is withheld with them where needed ("×"). Check-ins, care activities and hotline consultations are exact.',
  sheets: ['Main figures', 'Last 12 months', 'Districts'],
  trendHeaders: ['Month', 'Claims filed', 'Claims paid', 'Amount paid (yuan)'],
  paidSince: (since) => `Claims paid since ${since ?? 'the start'}`,
  amountSince: 'Amount paid since then (yuan)',
};

export const REPORT_TEXT: Record<Lang, ReportText> = { 'zh-CN': zh, en };
