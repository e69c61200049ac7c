import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  DAYS,
  type Day,
  formatHours,
  hhmm,
  type Interval,
  isOpenAt,
  normaliseHours,
  type OpeningHours,
  validateHours,
} from './opening-hours.ts';
import { HoursParseError, parseOpeningHours } from './opening-hours-parse.ts';

/** An instant given as Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const week = (partial: Partial<Record<Day, Interval[]>>) =>
  Object.fromEntries(DAYS.map((d) => [d, partial[d] ?? []])) as Record<Day, Interval[]>;
const iv = (open: string, close: string): Interval => ({ open, close });

// 2025-06-02 is a Monday.
describe('isOpenAt in Asia/Shanghai', () => {
  const office: OpeningHours = {
    kind: 'weekly',
    week: week({
      mon: [iv('08:00', '12:00'), iv('14:00', '20:00')],
      tue: [iv('08:00', '20:00')],
      sat: [iv('22:00', '02:00')],
    }),
    exceptions: [],
  };

  test('intervals are half-open, several a day, in Beijing time whatever the instant’s offset', () => {
    assert.equal(isOpenAt(office, bj('2025-06-02T07:59')), false);
    assert.equal(isOpenAt(office, bj('2025-06-02T08:00')), true);
    assert.equal(isOpenAt(office, bj('2025-06-02T11:59')), true);
    assert.equal(isOpenAt(office, bj('2025-06-02T12:00')), false);
    assert.equal(isOpenAt(office, bj('2025-06-02T14:00')), true);
    assert.equal(isOpenAt(office, bj('2025-06-02T20:00')), false);
    // 2025-06-02T01:00Z is 09:00 in Beijing on Monday.
    assert.equal(isOpenAt(office, new Date('2025-06-02T01:00:00Z')), true);
    // 2025-06-02T23:00Z is Tuesday 07:00 in Beijing: closed, though it is still Monday in UTC.
    assert.equal(isOpenAt(office, new Date('2025-06-02T23:00:00Z')), false);
    assert.equal(isOpenAt(office, bj('2025-06-04T10:00')), false); // Wednesday
  });

  test('an interval past midnight keeps the station open into the next morning', () => {
    assert.equal(isOpenAt(office, bj('2025-06-07T21:59')), false); // Saturday
    assert.equal(isOpenAt(office, bj('2025-06-07T23:30')), true);
    assert.equal(isOpenAt(office, bj('2025-06-08T01:59')), true); // Sunday morning
    assert.equal(isOpenAt(office, bj('2025-06-08T02:00')), false);
  });

  test('24-hour stations, unknown hours, and dated exceptions (春节 closed, special hours)', () => {
    const always: OpeningHours = {
      kind: 'always',
      exceptions: [
        { from: '2026-02-16', to: '2026-02-18', intervals: [], note: '春节' },
        { from: '2026-02-19', to: '2026-02-19', intervals: [iv('10:00', '16:00')] },
      ],
    };
    assert.equal(isOpenAt(always, bj('2026-02-15T23:59')), true);
    assert.equal(isOpenAt(always, bj('2026-02-16T00:00')), false);
    assert.equal(isOpenAt(always, bj('2026-02-18T23:59')), false);
    assert.equal(isOpenAt(always, bj('2026-02-19T09:59')), false);
    assert.equal(isOpenAt(always, bj('2026-02-19T10:00')), true);
    assert.equal(isOpenAt(always, bj('2026-02-20T03:00')), true);
    assert.equal(isOpenAt({ kind: 'unknown' }, bj('2026-02-20T03:00')), 'unknown');
  });

  test('property: agrees with a minute-by-minute reference model', () => {
    fc.assert(
      fc.property(hoursArb, fc.integer({ min: 0, max: 14 * 1440 - 1 }), (hours, minute) => {
        const at = new Date(bj('2025-06-02T00:00').getTime() + minute * 60_000);
        assert.equal(isOpenAt(hours, at), reference(hours, minute));
      }),
      { numRuns: 3000 },
    );
  });

  test('property: asked again and again about one station, at instants in any order, it never answers stale', () => {
    fc.assert(
      fc.property(
        hoursArb,
        // seconds, so that several asks fall in the same minute and others straddle minute boundaries
        fc.array(fc.integer({ min: 0, max: 14 * 86_400 - 1 }), { minLength: 2, maxLength: 40 }),
        (hours, seconds) => {
          for (const second of seconds) {
            const at = new Date(bj('2025-06-02T00:00').getTime() + second * 1000);
            assert.equal(isOpenAt(hours, at), reference(hours, Math.floor(second / 60)), `at ${at.toISOString()}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
    // Odd minutes: the answer may change at any minute, never within one.
    const odd = { kind: 'weekly', week: week({ mon: [iv('08:07', '20:13')] }), exceptions: [] } as OpeningHours;
    for (const [local, open] of [
      ['2025-06-02T08:06:00', false],
      ['2025-06-02T08:06:59', false],
      ['2025-06-02T08:07:00', true],
      ['2025-06-02T08:06:30', false],
      ['2025-06-02T08:07:59', true],
      ['2025-06-02T20:12:59', true],
      ['2025-06-02T20:13:00', false],
      ['2025-06-02T20:12:01', true],
    ] as const) {
      assert.equal(isOpenAt(odd, bj(local)), open, local);
    }
  });
});

/** The slow, obvious model: paint every open minute of a 15-day window starting Sunday 2025-06-01. */
function reference(hours: OpeningHours, minuteFromMonday: number): boolean | 'unknown' {
  if (hours.kind === 'unknown') return 'unknown';
  const open = new Uint8Array(16 * 1440);
  for (let day = 0; day < 15; day++) {
    const date = new Date(Date.UTC(2025, 5, 1 + day)).toISOString().slice(0, 10);
    const exception = hours.exceptions.find((e) => e.from <= date && date <= e.to);
    const weekday = DAYS[(day + 6) % 7]!;
    const list = exception
      ? exception.intervals
      : hours.kind === 'always'
        ? [iv('00:00', '24:00')]
        : hours.week[weekday];
    for (const { open: o, close: c } of list) {
      const a = Number(o.slice(0, 2)) * 60 + Number(o.slice(3));
      let b = Number(c.slice(0, 2)) * 60 + Number(c.slice(3));
      if (b <= a) b += 1440;
      for (let m = a; m < b; m++) open[day * 1440 + m] = 1;
    }
  }
  return open[1440 + minuteFromMonday] === 1;
}

// ---- generators --------------------------------------------------------------------------------------------------

/** Non-overlapping intervals of a day on half hours; the last one may run past midnight. */
const dayArb = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 47 }),
  )
  .map(([cuts, overnight, x]) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const pairs: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push(iv(hhmm(sorted[i]! * 30), hhmm(sorted[i + 1]! * 30)));
    const last = pairs.at(-1);
    if (overnight && last && x * 30 < Number(last.open.slice(0, 2)) * 60 + Number(last.open.slice(3))) {
      last.close = hhmm(x * 30);
    }
    return pairs;
  });

const dateArb = fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2025, 5, d)).toISOString().slice(0, 10));
const exceptionArb = fc
  .record({
    from: dateArb,
    days: fc.integer({ min: 0, max: 3 }),
    intervals: fc.oneof(fc.constant([] as Interval[]), dayArb),
    note: fc.option(fc.constantFrom('春节', '国庆', 'Maintenance'), { nil: undefined }),
  })
  .map(({ from, days, intervals, note }) => ({
    from,
    to: new Date(new Date(`${from}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10),
    intervals,
    ...(note ? { note } : {}),
  }));
/** Exceptions that do not overlap each other (the first match would win; the format keeps them apart). */
const exceptionsArb = fc.array(exceptionArb, { maxLength: 3 }).map((list) => {
  const kept: typeof list = [];
  for (const e of list.sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (!kept.some((k) => !(e.to < k.from || e.from > k.to))) kept.push(e);
  }
  return kept;
});

const hoursArb: fc.Arbitrary<OpeningHours> = fc.oneof(
  fc.constant({ kind: 'unknown' } as OpeningHours),
  exceptionsArb.map((exceptions) => ({ kind: 'always', exceptions }) as OpeningHours),
  fc
    .record({ week: fc.tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb), exceptions: exceptionsArb })
    .map(({ week: w, exceptions }) => ({
      kind: 'weekly' as const,
      week: Object.fromEntries(DAYS.map((d, i) => [d, w[i]!])) as Record<Day, Interval[]>,
      exceptions,
    })),
);

// ---- parsing ---------------------------------------------------------------------------------------------------

describe('parseOpeningHours reads what people write', () => {
  test('the import examples', () => {
    assert.deepEqual(
      parseOpeningHours('周一至周五 08:00-20:00; 周六 09:00-17:00'),
      normaliseHours({
        kind: 'weekly',
        week: week({
          mon: [iv('08:00', '20:00')],
          tue: [iv('08:00', '20:00')],
          wed: [iv('08:00', '20:00')],
          thu: [iv('08:00', '20:00')],
          fri: [iv('08:00', '20:00')],
          sat: [iv('09:00', '17:00')],
        }),
        exceptions: [],
      }),
    );
    assert.deepEqual(parseOpeningHours('24小时'), { kind: 'always', exceptions: [] });
    assert.deepEqual(parseOpeningHours('全天'), { kind: 'always', exceptions: [] });
    assert.deepEqual(parseOpeningHours('未知'), { kind: 'unknown' });
    assert.deepEqual(parseOpeningHours(''), { kind: 'unknown' });
    const daily = parseOpeningHours('Mon-Sun 07:00-22:00');
    assert.equal(daily.kind, 'weekly');
    if (daily.kind === 'weekly') for (const d of DAYS) assert.deepEqual(daily.week[d], [iv('07:00', '22:00')]);
  });

  test('variants: full-width punctuation, several intervals, day lists, wrap-around ranges, overnight, exceptions', () => {
    const h = parseOpeningHours('星期一～星期五 ８：００－１２：００，１４：００－１８：００；周六、周日 休息');
    assert.equal(h.kind, 'weekly');
    if (h.kind === 'weekly') {
      assert.deepEqual(h.week.mon, [iv('08:00', '12:00'), iv('14:00', '18:00')]);
      assert.deepEqual(h.week.sat, []);
    }
    const wrap = parseOpeningHours('周五至周一 18:00-02:00');
    assert.equal(wrap.kind, 'weekly');
    if (wrap.kind === 'weekly') {
      assert.deepEqual(wrap.week.sun, [iv('18:00', '02:00')]);
      assert.deepEqual(wrap.week.tue, []);
    }
    assert.deepEqual(parseOpeningHours('每天 8:00-20:00'), parseOpeningHours('daily 08:00 to 20:00'));
    assert.deepEqual(parseOpeningHours('工作日 9:00-17:00'), parseOpeningHours('Mon-Fri 09:00-17:00'));
    assert.deepEqual(
      parseOpeningHours('Mon-Fri 08:00-20:00, Sat 09:00-17:00'),
      parseOpeningHours('周一至周五 08:00-20:00; 周六 09:00-17:00'),
    );
    const festival = parseOpeningHours('24小时; 春节 2026-2-16至2026-02-18 休息; 2026-02-19 10:00-16:00');
    assert.deepEqual(festival, {
      kind: 'always',
      exceptions: [
        { from: '2026-02-16', to: '2026-02-18', intervals: [], note: '春节' },
        { from: '2026-02-19', to: '2026-02-19', intervals: [iv('10:00', '16:00')] },
      ],
    });
  });

  test('precise errors for what cannot be read', () => {
    const cases: [string, RegExp][] = [
      ['周一至周五 8点到晚上8点', /第 7 个字符处无法识别“8点到晚上8点”/],
      ['周一至周五', /缺少时间段/],
      ['周一 08:00-12:00; 周一 14:00-18:00', /第 17 个字符处：周一的时间在第 1 个字符处已经写过/],
      ['08:00-25:00', /时间应为 HH:MM/],
      ['09:00-09:00', /开始和结束时间相同/],
      ['08:00-12:00, 11:00-13:00', /重叠/],
      ['未知 08:00-20:00', /“未知”不能与其他时间同时出现/],
      ['2026-02-30 休息', /日期无效/],
      // "休息" without days means every day, so Monday is given twice.
      ['周一 08:00-12:00 休息', /第 16 个字符处：周一的时间在第 1 个字符处已经写过/],
      ['开放中', /无法识别“开放中”/],
    ];
    for (const [text, expected] of cases) {
      assert.throws(
        () => parseOpeningHours(text),
        (err: unknown) =>
          err instanceof HoursParseError && expected.test(err.messages['zh-CN']) && err.messages.en.length > 0,
        text,
      );
    }
  });

  test('property: format → parse round-trips in both languages', () => {
    fc.assert(
      fc.property(hoursArb, fc.constantFrom('zh-CN' as const, 'en' as const), (hours, lang) => {
        const normal = normaliseHours(hours);
        assert.deepEqual(validateHours(normal), []);
        assert.deepEqual(parseOpeningHours(formatHours(normal, lang)), normal, formatHours(normal, lang));
      }),
      { numRuns: 2000 },
    );
  });

  test('property: random text never throws anything but HoursParseError', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'周一至五六日0123456789:-;, 休息全天小时未知MonFrisat') }),
        (text) => {
          try {
            parseOpeningHours(text);
          } catch (err) {
            assert.ok(err instanceof HoursParseError, String(err));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('formatHours', () => {
  test('groups runs of days', () => {
    const h = parseOpeningHours('周一至周五 08:00-20:00; 周六 09:00-17:00; 周日 09:00-17:00');
    assert.equal(formatHours(h), '周一至周五 08:00-20:00; 周六、周日 09:00-17:00');
    assert.equal(formatHours(h, 'en'), 'Mon-Fri 08:00-20:00; Sat, Sun 09:00-17:00');
    assert.equal(formatHours({ kind: 'unknown' }, 'en'), 'Unknown');
    assert.equal(formatHours({ kind: 'always', exceptions: [] }), '24小时');
  });
});
