import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  answerErrors,
  computeBenefit,
  documentsFor,
  filingDeadline,
  inCoverPeriod,
  parseCoverageRule,
  triggeredExclusions,
} from './coverage-rule.ts';
import { ACCIDENT_HOSPITAL_RULE, DEMO_SCHEME, FIRE_RULE, PIPE_BURST_RULE } from './demo-scheme.ts';
import { OFFICIAL_CALENDAR_2021_2026 } from './holidays-cn.ts';
import { workingCalendar } from './working-days.ts';

const cal = workingCalendar(OFFICIAL_CALENDAR_2021_2026);

describe('benefit', () => {
  const pct = PIPE_BURST_RULE.benefit;
  const cases: [string, Parameters<typeof computeBenefit>[1], number | null, string | null][] = [
    ['loss unknown', {}, null, null],
    ['half of 10,000 yuan', { lossFen: 1_000_000 }, 500_000, 'percent'],
    ['half of 23,560 yuan is over the 8,000 cap', { lossFen: 2_356_000 }, 800_000, 'cap'],
    ['exactly at the cap', { lossFen: 1_600_000 }, 800_000, 'cap'],
    ['half of 800 yuan is below the 500 floor', { lossFen: 80_000 }, 50_000, 'floor'],
    ['a loss below the floor pays the loss', { lossFen: 30_000 }, 30_000, 'loss'],
    ['rounded to the fen', { lossFen: 100_001 }, 50_001, 'percent'],
  ];
  for (const [name, input, amount, bound] of cases) {
    test(`percent of loss: ${name}`, () => assert.deepEqual(computeBenefit(pct, input), { amountFen: amount, bound }));
  }
  const perDay = ACCIDENT_HOSPITAL_RULE.benefit;
  const dayCases: [number | undefined, number | null, string | null][] = [
    [undefined, null, null],
    [2, 0, 'minDays'],
    [3, 15_000, 'days'],
    [200, 900_000, 'maxDays'],
  ];
  for (const [days, amount, bound] of dayCases) {
    test(`per day: ${days} days`, () =>
      assert.deepEqual(computeBenefit(perDay, { days }), { amountFen: amount, bound }));
  }
  test('fixed', () =>
    assert.deepEqual(computeBenefit({ kind: 'fixed', amountFen: 3_000_000 }, {}), {
      amountFen: 3_000_000,
      bound: 'fixed',
    }));
});

describe('parsing rules', () => {
  test('every demo rule parses', () => {
    for (const c of DEMO_SCHEME.coverages)
      for (const v of c.versions) assert.equal(parseCoverageRule(v.rule).ok, true, c.code);
  });

  const broken: [string, unknown, string][] = [
    [
      'floor above cap',
      { ...PIPE_BURST_RULE, benefit: { kind: 'percentOfLoss', percent: 50, floorFen: 9, capFen: 1 } },
      'benefit.floorFen',
    ],
    [
      'percent over 100',
      { ...PIPE_BURST_RULE, benefit: { kind: 'percentOfLoss', percent: 120, capFen: 1 } },
      'benefit.percent',
    ],
    [
      'limit without bound',
      { ...PIPE_BURST_RULE, limits: [{ scope: 'coverage', period: { kind: 'calendarYear' } }] },
      'limits.0',
    ],
    [
      'exclusion on an unknown question',
      {
        ...PIPE_BURST_RULE,
        exclusions: [{ code: 'x', label: { 'zh-CN': 'x', en: 'x' }, when: { question: 'nope', in: ['a'] } }],
      },
      'exclusions.0.when.question',
    ],
    ['no documents', { ...PIPE_BURST_RULE, requiredDocuments: [] }, 'requiredDocuments'],
    ['unknown field', { ...PIPE_BURST_RULE, surprise: 1 }, ''],
    ['bad cover period', { ...PIPE_BURST_RULE, coverPeriods: [{ from: '2022-02-30' }] }, 'coverPeriods.0.from'],
  ];
  for (const [name, input, path] of broken) {
    test(`refused: ${name}`, () => {
      const r = parseCoverageRule(input);
      assert.equal(r.ok, false);
      if (!r.ok)
        assert.ok(
          r.errors.some((e) => e.path === path),
          JSON.stringify(r.errors),
        );
    });
  }
});

describe('questions, exclusions and documents ("whose pipe, what cause")', () => {
  const own = { whatHappened: 'heatingPipeBurst', pipeOwner: 'memberHome', cause: 'ageingOrFreezing' };
  test('the story’s answers trigger nothing and need the five basic documents', () => {
    assert.deepEqual(answerErrors(PIPE_BURST_RULE, own), []);
    assert.deepEqual(triggeredExclusions(PIPE_BURST_RULE, own), []);
    assert.deepEqual(
      documentsFor(PIPE_BURST_RULE, own).map((d) => d.code),
      ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard'],
    );
  });
  test('damaged neighbours add the compensation receipts', () => {
    const docs = documentsFor(PIPE_BURST_RULE, { ...own, neighboursDamaged: 'yes' }).map((d) => d.code);
    assert.ok(docs.includes('neighbourCompensation'));
  });
  const excl: [Record<string, string>, string[]][] = [
    [{ ...own, pipeOwner: 'landlord' }, ['tenantPipeOwnedByLandlord']],
    [{ ...own, pipeOwner: 'publicPipe' }, ['publicPipe']],
    [{ ...own, cause: 'renovation' }, ['renovationDamage']],
    [{ ...own, cause: 'deliberate' }, ['selfInflicted']],
    [{ ...own, whatHappened: 'slowLeak', pipeOwner: 'landlord' }, ['tenantPipeOwnedByLandlord', 'gradualLeak']],
  ];
  for (const [answers, codes] of excl) {
    test(`exclusions for ${JSON.stringify(answers)}`, () =>
      assert.deepEqual(
        triggeredExclusions(PIPE_BURST_RULE, answers).map((x) => x.code),
        codes,
      ));
  }
  test('answer errors: unknown question, unknown option, missing required', () => {
    const errs = answerErrors(PIPE_BURST_RULE, { whatHappened: 'flood', colour: 'red', pipeOwner: 'memberHome' });
    assert.deepEqual(errs.map((e) => `${e.path}:${e.message}`).sort(), [
      'cause:required',
      'colour:unknown',
      'whatHappened:option',
    ]);
  });
});

describe('filing deadlines and cover periods', () => {
  test('2 calendar years: 2021-11-20 → 2023-11-20; a 29 February rolls back to the 28th', () => {
    assert.equal(filingDeadline(PIPE_BURST_RULE, '2021-11-20', cal), '2023-11-20');
    assert.equal(filingDeadline(PIPE_BURST_RULE, '2024-02-29', cal), '2026-02-28');
  });
  test('60 working days from a fire on 2022-09-01 skip 中秋 and 国庆 2022 and count their make-up weekend', () => {
    const d = filingDeadline(FIRE_RULE, '2022-09-01', cal);
    assert.equal(cal.workingDaysBetween('2022-09-01', d), 60);
    assert.equal(d, '2022-11-30'); // Sept: 20 (12th off), Oct: 18 (1st–7th off, 8th–9th worked), Nov: 22
  });
  test('cover periods bound incident dates', () => {
    const r = { ...PIPE_BURST_RULE, coverPeriods: [{ from: '2020-01-01', to: '2020-12-31' }] };
    assert.equal(inCoverPeriod(r, '2020-06-01'), true);
    assert.equal(inCoverPeriod(r, '2021-01-01'), false);
    assert.equal(inCoverPeriod(PIPE_BURST_RULE, '1999-01-01'), true);
  });
});
