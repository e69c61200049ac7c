/**
 * One row of a past-payouts spreadsheet, checked without the database: the date (a day, a month or just a year),
 * the amount in yuan (exact to the fen, never through floating point), the number of person-times.
 */
import { isPlainDate } from './plain-date.ts';

export const HISTORY_COLUMNS = {
  paidOn: ['发放日期', '年份', '日期', 'year', 'date'],
  scheme: ['计划', '计划编码', '互助保障计划', 'schemeCode'],
  coverage: ['保障项目', '项目编码', 'coverageCode'],
  region: ['区', '区县', '工会编码', '行政区划代码', 'union', 'unionCode', 'regionCode'],
  amount: ['金额', '金额（元）', '金额(元)', 'amountYuan'],
  beneficiaries: ['人次', '受益人次', 'count'],
  idNumber: ['身份证号', '会员身份证号', 'memberIdNumber'],
} as const;
export type HistoryField = keyof typeof HISTORY_COLUMNS;

/** '20,235,100.00' → 2023510000; null for anything that is not a non-negative amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** '2015-06-30', '2015/6/30', '2015-06' (first of the month) or '2015' (31 December: paid within the year). */
export function parsePaidOn(text: string): string | null {
  const t = text.trim().replaceAll('/', '-').replace(/年|月/g, '-').replace(/日$/, '').replace(/-$/, '');
  let m = /^(\d{4})$/.exec(t);
  if (m) return `${m[1]}-12-31`;
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return isPlainDate(`${m[1]}-${m[2]!.padStart(2, '0')}-01`) ? `${m[1]}-${m[2]!.padStart(2, '0')}-01` : null;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s.*)?$/.exec(t);
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isPlainDate(d) ? d : null;
}

export function parseCount(text: string): number | null {
  if (text.trim() === '') return 1;
  return /^\d{1,6}$/.test(text.trim()) && Number(text) > 0 ? Number(text) : null;
}
