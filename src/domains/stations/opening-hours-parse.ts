/**
 * Reads the opening hours people write in spreadsheets — "周一至周五 08:00-20:00; 周六 09:00-17:00", "24小时",
 * "全天", "Mon-Sun 07:00-22:00", "未知" — into OpeningHours, or says exactly where and why it cannot.
 *
 * Grammar (after NFKC, so full-width ：，；～ read as :,;~):
 *   hours   := '' | unknown | group ((';' | ',' | newline)? group)*
 *   group   := days? times | note? dates times
 *   days    := day ((',' | '、')? day)*        day := 周一…周日 | 星期一… | Mon… | 周一至周五 | 每天 | 工作日 | 周末
 *   times   := range (',' range)* | 休息 | closed | 24小时 | 全天
 *   range   := HH:MM ('-' | '~' | '至' | '到' | 'to') HH:MM        (close ≤ open: past midnight)
 *   dates   := YYYY-MM-DD (('至' | '到' | '~' | 'to' | '-') YYYY-MM-DD)?
 * Days not mentioned are closed; a group without days means every day.
 */
import type { Localized } from '../../platform/i18n.ts';
import {
  DAYS,
  type Day,
  type HoursException,
  type Interval,
  isIsoDate,
  normaliseHours,
  type OpeningHours,
  validateHours,
} from './opening-hours.ts';

export class HoursParseError extends Error {
  override name = 'HoursParseError';
  constructor(
    /** 1-based character position in the (normalised) text. */
    readonly position: number,
    readonly messages: Localized,
  ) {
    super(messages.en);
  }
}

type Token =
  | { t: 'unknown' }
  | { t: 'allday' }
  | { t: 'closed' }
  | { t: 'days'; days: Day[] }
  | { t: 'time'; interval: Interval }
  | { t: 'dates'; from: string; to: string }
  | { t: 'note'; text: string };

const DAY_WORD =
  '(?:周|星期|礼拜)[一二三四五六日天]|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
const RANGE_SEP = '\\s*(?:-|–|—|~|至|到|to)\\s*';
const CN_DAY: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };

function dayIndex(word: string): number {
  const w = word.toLowerCase();
  const last = w.at(-1)!;
  if (last in CN_DAY) return CN_DAY[last]!;
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(w.slice(0, 3));
}

const pad = (n: string) => n.padStart(2, '0');
const dateText = (s: string) => {
  const [y, m, d] = s.split('-');
  return `${y}-${pad(m!)}-${pad(d!)}`;
};

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Token | null;
}

const RULES: Rule[] = [
  { re: /^(?:未知|不详|不清楚|待定|unknown|n\/a)/i, make: () => ({ t: 'unknown' }) },
  {
    re: /^(?:24\s*小时(?:营业|开放)?|全天候|全天(?:开放)?|24\s*h(?:ours?|rs?)?\b|24\/7|around the clock|all day|00:00\s*-\s*24:00)/i,
    make: () => ({ t: 'allday' }),
  },
  { re: /^(?:休息|闭站|关闭|不开放|closed)/i, make: () => ({ t: 'closed' }) },
  {
    re: /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|–|—|-|to)\s*(\d{4}-\d{1,2}-\d{1,2}))?/i,
    make: (m) => ({ t: 'dates', from: dateText(m[1]!), to: dateText(m[2] ?? m[1]!) }),
  },
  {
    re: new RegExp(`^(\\d{1,2}):(\\d{2})${RANGE_SEP}(\\d{1,2}):(\\d{2})`, 'i'),
    make: (m) => ({ t: 'time', interval: { open: `${pad(m[1]!)}:${m[2]}`, close: `${pad(m[3]!)}:${m[4]}` } }),
  },
  {
    re: new RegExp(`^(${DAY_WORD})${RANGE_SEP}(${DAY_WORD})`, 'i'),
    make: (m) => {
      const a = dayIndex(m[1]!);
      const b = dayIndex(m[2]!);
      const days: Day[] = [];
      for (let i = a; ; i = (i + 1) % 7) {
        days.push(DAYS[i]!);
        if (i === b) break;
      }
      return { t: 'days', days };
    },
  },
  { re: new RegExp(`^(${DAY_WORD})`, 'i'), make: (m) => ({ t: 'days', days: [DAYS[dayIndex(m[1]!)]!] }) },
  { re: /^(?:每天|每日|天天|daily|every\s*day)/i, make: () => ({ t: 'days', days: [...DAYS] }) },
  { re: /^(?:工作日|weekdays?)/i, make: () => ({ t: 'days', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }) },
  { re: /^(?:周末|双休日|weekends?)/i, make: () => ({ t: 'days', days: ['sat', 'sun'] }) },
  // A note names a dated exception: "春节 2025-01-28至2025-02-04 休息".
  { re: /^([^\s\d,;:|、]{1,20})\s*(?=\d{4}-\d{1,2}-\d{1,2})/, make: (m) => ({ t: 'note', text: m[1]! }) },
];

const ZH_DAY = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_DAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const SEPARATORS = /^[\s,;、|。.]+/;

const EXPECTED: Localized = {
  'zh-CN': '应为星期（如 周一至周五）、时间段（如 08:00-20:00）、日期、“24小时”、“休息”或“未知”',
  en: 'expected days (e.g. Mon-Fri), a time range (e.g. 08:00-20:00), a date, "24h", "closed" or "unknown"',
};

const fail = (pos: number, zh: string, en: string) => new HoursParseError(pos, { 'zh-CN': zh, en });

function tokenize(text: string): { token: Token; pos: number }[] {
  const tokens: { token: Token; pos: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const sep = SEPARATORS.exec(rest);
    if (sep) {
      i += sep[0].length;
      continue;
    }
    let matched = false;
    for (const rule of RULES) {
      const m = rule.re.exec(rest);
      if (!m) continue;
      const token = rule.make(m);
      if (token) tokens.push({ token, pos: i + 1 });
      i += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      const word = /^[^\s,;、]{1,12}/.exec(rest)?.[0] ?? rest.slice(0, 1);
      throw new HoursParseError(i + 1, {
        'zh-CN': `第 ${i + 1} 个字符处无法识别“${word}”：${EXPECTED['zh-CN']}`,
        en: `cannot read "${word}" at character ${i + 1}: ${EXPECTED.en}`,
      });
    }
  }
  return tokens;
}

/** Parses a human opening-hours text; throws HoursParseError with the position and a bilingual reason. */
export function parseOpeningHours(input: string): OpeningHours {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { kind: 'unknown' };
  const tokens = tokenize(text);
  if (tokens.some((x) => x.token.t === 'unknown')) {
    if (tokens.length === 1) return { kind: 'unknown' };
    const at = tokens.find((x) => x.token.t === 'unknown')!.pos;
    throw fail(
      at,
      `第 ${at} 个字符处：“未知”不能与其他时间同时出现`,
      `at character ${at}: "unknown" cannot be combined with hours`,
    );
  }

  const week: Partial<Record<Day, Interval[]>> = {};
  const dayPos: Partial<Record<Day, number>> = {};
  const exceptions: HoursException[] = [];
  let days: Day[] = [];
  let dates: { from: string; to: string; note?: string } | null = null;
  let note: string | undefined;
  let times: Interval[] = [];
  let closed = false;
  let allDay = false;
  let groupPos = 1;
  let sawAny = false;

  const flush = (pos: number) => {
    const hasWhat = times.length > 0 || closed || allDay;
    if (!hasWhat) {
      if (days.length === 0 && !dates) return;
      throw fail(
        pos,
        `第 ${groupPos} 个字符处的星期或日期后缺少时间段`,
        `the days or dates at character ${groupPos} have no hours`,
      );
    }
    const intervals: Interval[] = closed ? [] : allDay ? [{ open: '00:00', close: '24:00' }] : times;
    if (dates) exceptions.push({ ...dates, intervals: [...intervals] });
    else {
      for (const d of days.length ? days : DAYS) {
        if (week[d]) {
          const i = DAYS.indexOf(d);
          throw fail(
            groupPos,
            `第 ${groupPos} 个字符处：${ZH_DAY[i]}的时间在第 ${dayPos[d]} 个字符处已经写过`,
            `at character ${groupPos}: ${EN_DAY[i]} was already given at character ${dayPos[d]}`,
          );
        }
        week[d] = [...intervals];
        dayPos[d] = groupPos;
      }
    }
    sawAny = true;
    days = [];
    dates = null;
    note = undefined;
    times = [];
    closed = allDay = false;
  };

  for (const { token, pos } of tokens) {
    const groupHasWhat = times.length > 0 || closed || allDay;
    switch (token.t) {
      case 'days':
        if (groupHasWhat || dates) flush(pos);
        if (days.length === 0) groupPos = pos;
        days.push(...token.days.filter((d) => !days.includes(d)));
        break;
      case 'note':
        if (groupHasWhat || days.length) flush(pos);
        note = token.text;
        groupPos = pos;
        break;
      case 'dates':
        if (groupHasWhat) flush(pos);
        if (days.length) {
          throw fail(
            pos,
            `第 ${pos} 个字符处：星期和日期不能写在同一组`,
            `at character ${pos}: days and dates cannot share a group`,
          );
        }
        if (dates)
          throw fail(
            pos,
            `第 ${pos} 个字符处：日期后缺少时间段`,
            `at character ${pos}: the dates before it have no hours`,
          );
        if (!isIsoDate(token.from) || !isIsoDate(token.to) || token.to < token.from) {
          throw fail(pos, `第 ${pos} 个字符处的日期无效`, `invalid date or date range at character ${pos}`);
        }
        if (!note) groupPos = pos;
        dates = { from: token.from, to: token.to, ...(note ? { note } : {}) };
        break;
      case 'time':
        if (closed || allDay) flush(pos);
        if (!days.length && !dates && times.length === 0) groupPos = pos;
        times.push(token.interval);
        break;
      case 'closed':
        if (groupHasWhat) flush(pos);
        if (!days.length && !dates) groupPos = pos;
        closed = true;
        break;
      case 'allday':
        if (groupHasWhat) flush(pos);
        if (!days.length && !dates) groupPos = pos;
        allDay = true;
        break;
      default:
        break;
    }
  }
  if (note && !dates)
    throw fail(groupPos, `第 ${groupPos} 个字符处无法识别“${note}”`, `cannot read "${note}" at character ${groupPos}`);
  flush(text.length + 1);
  if (!sawAny) throw fail(1, '没有可识别的开放时间', 'no opening hours found');

  const weekFull = Object.fromEntries(DAYS.map((d) => [d, week[d] ?? []])) as Record<Day, Interval[]>;
  const hours = normaliseHours({ kind: 'weekly', week: weekFull, exceptions });
  const issues = validateHours(hours);
  if (issues.length) {
    const first = issues[0]!;
    const where = first.path.replace(/^openingHours\./, '');
    throw new HoursParseError(1, {
      'zh-CN': `开放时间有误（${where}）：${first.message['zh-CN']}`,
      en: `invalid opening hours (${where}): ${first.message.en}`,
    });
  }
  return hours;
}

/** Like parseOpeningHours, as a result value for row validation. */
export function tryParseOpeningHours(
  input: string,
): { ok: true; hours: OpeningHours } | { ok: false; error: HoursParseError } {
  try {
    return { ok: true, hours: parseOpeningHours(input) };
  } catch (err) {
    if (err instanceof HoursParseError) return { ok: false, error: err };
    throw err;
  }
}
