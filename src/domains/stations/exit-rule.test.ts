import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ExitFacts, type ExitRule, evaluateExitRules, ruleParamIssues } from './exit-rule.ts';

const now = new Date('2026-06-30T04:00:00Z'); // 12:00 in Shanghai
const ago = (d: number) => new Date(now.getTime() - d * 86_400_000);
const dayAgo = (d: number) => new Date(ago(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const RULES: ExitRule[] = [
  { code: 'failed_inspections', enabled: true, params: { count: 2, withinDays: 180 } },
  { code: 'verified_closed_reports', enabled: true, params: { count: 3, withinDays: 30 } },
  { code: 'no_sign_of_life', enabled: true, params: { days: 90 } },
];

const lively: ExitFacts = {
  now,
  activeSince: ago(400),
  keptAt: null,
  failedInspectionDates: [],
  verifiedClosedReportTimes: [],
  lastCheckinAt: ago(2),
  lastInspectionDate: dayAgo(30),
  lastVerifiedAt: ago(20),
};

const rulesOf = (facts: Partial<ExitFacts>, rules = RULES) =>
  evaluateExitRules(rules, { ...lively, ...facts }).map((r) => r.rule);

test('the rule table', () => {
  const cases: [string, Partial<ExitFacts>, string[]][] = [
    ['a lively station matches nothing', {}, []],
    ['one failed inspection is not enough', { failedInspectionDates: [dayAgo(10)] }, []],
    ['two failed within 180 days', { failedInspectionDates: [dayAgo(10), dayAgo(170)] }, ['failed_inspections']],
    ['two failed but one is 181 days old', { failedInspectionDates: [dayAgo(10), dayAgo(181)] }, []],
    ['two verified closures are not enough', { verifiedClosedReportTimes: [ago(1), ago(2)] }, []],
    [
      'three verified closures in 30 days',
      { verifiedClosedReportTimes: [ago(1), ago(2), ago(29)] },
      ['verified_closed_reports'],
    ],
    ['three closures, one 31 days ago', { verifiedClosedReportTimes: [ago(1), ago(2), ago(31)] }, []],
    [
      'no check-in, inspection or verification for 90 days',
      { lastCheckinAt: ago(91), lastInspectionDate: dayAgo(120), lastVerifiedAt: ago(95) },
      ['no_sign_of_life'],
    ],
    [
      'no check-in ever, but a recent verification',
      { lastCheckinAt: null, lastInspectionDate: null, lastVerifiedAt: ago(10) },
      [],
    ],
    [
      'silent, but active for only 30 days',
      { activeSince: ago(30), lastCheckinAt: null, lastInspectionDate: null, lastVerifiedAt: null },
      [],
    ],
    [
      'everything at once, in rule order',
      {
        failedInspectionDates: [dayAgo(100), dayAgo(95)],
        verifiedClosedReportTimes: [ago(1), ago(2), ago(3), ago(4)],
        lastCheckinAt: null,
        lastInspectionDate: dayAgo(95),
        lastVerifiedAt: ago(200),
      },
      ['failed_inspections', 'verified_closed_reports', 'no_sign_of_life'],
    ],
    [
      'a keep decision wipes the slate',
      {
        keptAt: ago(5),
        failedInspectionDates: [dayAgo(10), dayAgo(20)],
        verifiedClosedReportTimes: [ago(6), ago(7), ago(8)],
        lastCheckinAt: null,
        lastInspectionDate: null,
        lastVerifiedAt: null,
      },
      [],
    ],
    [
      'events after a keep decision count again',
      { keptAt: ago(50), failedInspectionDates: [dayAgo(10), dayAgo(20), dayAgo(60)] },
      ['failed_inspections'],
    ],
  ];
  for (const [name, facts, expected] of cases) assert.deepEqual(rulesOf(facts), expected, name);
});

test('disabled rules never match; parameters are honoured', () => {
  const off = RULES.map((r) => ({ ...r, enabled: false })) as ExitRule[];
  assert.deepEqual(rulesOf({ failedInspectionDates: [dayAgo(1), dayAgo(2)] }, off), []);
  const strict: ExitRule[] = [{ code: 'failed_inspections', enabled: true, params: { count: 1, withinDays: 7 } }];
  assert.deepEqual(rulesOf({ failedInspectionDates: [dayAgo(6)] }, strict), ['failed_inspections']);
  assert.deepEqual(rulesOf({ failedInspectionDates: [dayAgo(8)] }, strict), []);
  const quiet: ExitRule[] = [{ code: 'no_sign_of_life', enabled: true, params: { days: 30 } }];
  assert.deepEqual(
    rulesOf({ lastCheckinAt: ago(31), lastInspectionDate: dayAgo(40), lastVerifiedAt: ago(35) }, quiet),
    ['no_sign_of_life'],
  );
});

test('reasons carry the evidence', () => {
  const [failed, closed, silent] = evaluateExitRules(RULES, {
    ...lively,
    failedInspectionDates: ['2026-05-01', '2026-03-10'],
    verifiedClosedReportTimes: [ago(3), ago(10), ago(20)],
    lastCheckinAt: ago(100),
    lastInspectionDate: '2026-05-01',
    lastVerifiedAt: ago(120),
  });
  assert.deepEqual(failed, {
    rule: 'failed_inspections',
    count: 2,
    withinDays: 180,
    since: '2026-03-09T16:00:00.000Z',
  });
  assert.equal(closed?.count, 3);
  assert.equal(closed?.since, ago(20).toISOString());
  assert.equal(silent, undefined, 'the inspection on 2026-05-01 is a sign of life');
  const [quiet] = evaluateExitRules([RULES[2]!], {
    ...lively,
    lastCheckinAt: ago(100),
    lastInspectionDate: null,
    lastVerifiedAt: ago(120),
  });
  assert.deepEqual(quiet, { rule: 'no_sign_of_life', days: 100, since: ago(100).toISOString() });
});

test('rule parameters are validated', () => {
  assert.deepEqual(ruleParamIssues('failed_inspections', { count: 2, withinDays: 180 }), []);
  assert.deepEqual(ruleParamIssues('no_sign_of_life', { days: 90 }), []);
  const fields = (code: Parameters<typeof ruleParamIssues>[0], p: Record<string, unknown>) =>
    ruleParamIssues(code, p).map((i) => i.field);
  assert.deepEqual(fields('failed_inspections', { count: 0, withinDays: 180 }), ['body.params.count']);
  assert.deepEqual(fields('failed_inspections', { count: 2 }), ['body.params.withinDays']);
  assert.deepEqual(fields('no_sign_of_life', { days: 2.5 }), ['body.params.days']);
  assert.deepEqual(fields('no_sign_of_life', { days: 90, count: 1 }), ['body.params.count']);
});
