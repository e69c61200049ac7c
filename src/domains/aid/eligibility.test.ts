import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCIDENT_HOSPITAL_RULE, PIPE_BURST_RULE } from './demo-scheme.ts';
import { continuousCoverStart, type EligibilityInput, judgeEligibility, reasonText } from './eligibility.ts';
import { OFFICIAL_CALENDAR_2021_2026 } from './holidays-cn.ts';
import { workingCalendar } from './working-days.ts';

const calendar = workingCalendar(OFFICIAL_CALENDAR_2021_2026);
const PIPE = { code: 'PIPE_BURST', schemeCode: 'S', name: { 'zh-CN': '水暖管爆裂', en: 'Burst pipe' } };
const answers = { whatHappened: 'heatingPipeBurst', pipeOwner: 'memberHome', cause: 'ageingOrFreezing' };
const ALL_DOCS = ['damagePhotos', 'propertyCertificate', 'repairInvoices', 'idCard', 'aidCard'];

/** 李静: member since 2014, card since 2015, incident 2021-11-20, filed 2022-05-16. */
const story = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  filedOn: '2022-05-16',
  incidentDate: '2021-11-20',
  coverage: PIPE,
  rule: PIPE_BURST_RULE,
  member: { joinedOn: '2014-07-01', leftOn: null, group: 'in_service' },
  cards: [{ validFrom: '2015-01-01', validTo: '2027-12-31', inactiveFrom: null }],
  priorClaims: [],
  answers,
  lossFen: 2_356_000,
  uploadedDocuments: ALL_DOCS,
  calendar,
  ...over,
});

const codes = (i: EligibilityInput) => judgeEligibility(i).reasons.map((r) => r.code);

describe('eligibility', () => {
  test('the story is eligible: 8,000 yuan (the cap), deadline 2023-11-20', () => {
    const e = judgeEligibility(story());
    assert.equal(e.eligible, true);
    assert.deepEqual(e.reasons, []);
    assert.equal(e.deadline, '2023-11-20');
    assert.deepEqual(e.estimate, { amountFen: 800_000, bound: 'cap', limitedTo: null });
  });

  const paid = (incidentDate: string, amountFen = 800_000, coverageCode = 'PIPE_BURST') => ({
    id: 'x',
    coverageCode,
    schemeCode: 'S',
    incidentDate,
    status: 'paid',
    amountFen,
  });

  const refused: [string, Partial<EligibilityInput>, string[]][] = [
    [
      'card starts after the incident',
      { cards: [{ validFrom: '2022-01-01', validTo: '2027-12-31', inactiveFrom: null }] },
      ['cardInactive'],
    ],
    [
      'card cancelled before the incident',
      { cards: [{ validFrom: '2015-01-01', validTo: '2027-12-31', inactiveFrom: '2021-06-01' }] },
      ['cardInactive'],
    ],
    [
      'card expired before the incident',
      { cards: [{ validFrom: '2015-01-01', validTo: '2020-12-31', inactiveFrom: null }] },
      ['cardInactive'],
    ],
    ['filed a day after the 2-year window', { filedOn: '2023-11-21' }, ['outsideWindow']],
    [
      'incident 10 days after the card started (30-day waiting period)',
      { cards: [{ validFrom: '2021-11-10', validTo: '2027-12-31', inactiveFrom: null }] },
      ['inWaitingPeriod'],
    ],
    ['second pipe claim paid in the same calendar year', { priorClaims: [paid('2021-02-03')] }, ['overLimit']],
    [
      'true duplicate (same coverage, same incident date)',
      { priorClaims: [{ ...paid('2021-11-20'), status: 'submitted', amountFen: null }] },
      ['duplicate'],
    ],
    ['landlord’s pipe', { answers: { ...answers, pipeOwner: 'landlord' } }, ['excluded']],
    ['documents missing', { uploadedDocuments: ['damagePhotos'] }, ['missingDocuments']],
    [
      'member joined after the incident',
      { member: { joinedOn: '2022-01-01', leftOn: null, group: 'in_service' } },
      ['notEligibleGroup'],
    ],
    [
      'retired member, in-service coverage',
      { member: { joinedOn: '2014-07-01', leftOn: null, group: 'retired' } },
      ['notEligibleGroup'],
    ],
    ['no rule in force', { rule: null }, ['coverageNotInForce']],
    [
      'outside the cover periods',
      { rule: { ...PIPE_BURST_RULE, coverPeriods: [{ from: '2022-01-01' }] } },
      ['coverageNotInForce'],
    ],
    ['incident after the filing date', { incidentDate: '2022-05-17' }, ['incidentInFuture']],
  ];
  for (const [name, over, expected] of refused) {
    test(`refused: ${name}`, () => assert.deepEqual(codes(story(over)), expected));
  }

  test('still fine: a claim paid the previous year, a rejected claim for the same incident, another coverage', () => {
    assert.deepEqual(
      codes(
        story({
          priorClaims: [
            paid('2020-12-31'),
            { ...paid('2021-11-20'), status: 'rejected' },
            paid('2021-03-01', 1, 'FIRE'),
          ],
        }),
      ),
      [],
    );
  });

  test('a renewal does not restart the waiting period', () => {
    const cards = [
      { validFrom: '2015-01-01', validTo: '2021-10-31', inactiveFrom: null },
      { validFrom: '2021-11-01', validTo: '2027-12-31', inactiveFrom: null },
    ];
    assert.equal(continuousCoverStart(cards, '2021-11-20'), '2015-01-01');
    assert.deepEqual(codes(story({ cards })), []);
    const gap = [cards[0]!, { ...cards[1]!, validFrom: '2021-11-05' }];
    assert.equal(continuousCoverStart(gap, '2021-11-20'), '2021-11-05');
    assert.deepEqual(codes(story({ cards: gap })), ['inWaitingPeriod']);
  });

  test('an amount limit trims the estimate, then refuses once used up', () => {
    const base = {
      coverage: { ...PIPE, code: 'ACCIDENT_HOSPITAL' },
      rule: ACCIDENT_HOSPITAL_RULE,
      answers: { workRelated: 'no', cause: 'accident' },
      days: 100,
      uploadedDocuments: undefined,
    };
    const prior = (amountFen: number) => ({ ...paid('2021-03-01', amountFen, 'ACCIDENT_HOSPITAL') });
    const trimmed = judgeEligibility(story({ ...base, priorClaims: [prior(600_000)] }));
    assert.equal(trimmed.eligible, true);
    assert.deepEqual(trimmed.estimate, { amountFen: 300_000, bound: 'limit', limitedTo: 300_000 });
    assert.deepEqual(codes(story({ ...base, priorClaims: [prior(900_000)] })), ['overLimit']);
  });

  test('reasons read well in both languages', () => {
    const e = judgeEligibility(
      story({ filedOn: '2024-01-02', uploadedDocuments: ['idCard'], answers: { ...answers, pipeOwner: 'landlord' } }),
    );
    const zh = e.reasons.map((r) => reasonText(r, 'zh-CN'));
    const en = e.reasons.map((r) => reasonText(r, 'en'));
    assert.deepEqual(zh, [
      '已超过申报期限：该事故应在 2023-11-20 前申报',
      '不属于保障范围：租住房屋的管道属于房东，损失应由产权人承担',
      '缺少申报材料：受损现场及财物照片、物业公司或社区居委会出具的事故证明、维修及财产损失的发票或收据、会员互助服务卡复印件',
    ]);
    assert.match(en[0]!, /^Filed too late: claims for this incident had to be filed by 2023-11-20$/);
    assert.ok(en.every((s) => !s.includes('{')));
  });
});
