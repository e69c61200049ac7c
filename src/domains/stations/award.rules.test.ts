import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CampaignWindows,
  campaignIssues,
  DEFAULT_CRITERIA,
  flagFor,
  juryScoreIssues,
  type Nominee,
  phaseOn,
  rankNominees,
  starsFor,
  winnersOf,
} from './award.rules.ts';

const W: CampaignWindows = {
  nominationFrom: '2026-05-01',
  nominationTo: '2026-05-31',
  votingFrom: '2026-06-10',
  votingTo: '2026-06-30',
};

test('phases follow the windows, boundaries included', () => {
  const cases: [string, string][] = [
    ['2026-04-30', 'upcoming'],
    ['2026-05-01', 'nomination'],
    ['2026-05-31', 'nomination'],
    ['2026-06-01', 'between'],
    ['2026-06-10', 'voting'],
    ['2026-06-30', 'voting'],
    ['2026-07-01', 'closed'],
  ];
  for (const [day, phase] of cases) assert.equal(phaseOn(W, day), phase, day);
});

test('campaign configuration', () => {
  const ok = { ...W, criteria: DEFAULT_CRITERIA, publicWeight: 40 };
  assert.deepEqual(campaignIssues(ok), []);
  const fields = (c: Partial<typeof ok>) => campaignIssues({ ...ok, ...c }).map((i) => i.field);
  assert.deepEqual(fields({ nominationTo: '2026-04-01' }), ['body.nominationTo']);
  assert.deepEqual(fields({ votingTo: '2026-06-01' }), ['body.votingTo']);
  assert.deepEqual(fields({ votingFrom: '2026-04-01', votingTo: '2026-06-01' }), ['body.votingFrom']);
  assert.deepEqual(fields({ votingFrom: '2026-02-30' }), ['body.votingFrom']);
  assert.deepEqual(fields({ publicWeight: 101 }), ['body.publicWeight']);
  assert.deepEqual(fields({ criteria: [] }), ['body.criteria']);
  assert.deepEqual(
    fields({
      criteria: [
        { key: 'a', label: 'a', weight: 1, source: 'jury' },
        { key: 'a', label: 'b', weight: 0, source: 'jury' },
      ],
    }),
    ['body.criteria.1.key', 'body.criteria.1.weight'],
  );
});

test('jury scores cover exactly the jury criteria', () => {
  assert.deepEqual(juryScoreIssues(DEFAULT_CRITERIA, { facilities: 90, service: 80, highlights: 0 }), []);
  const fields = (s: Record<string, unknown>) => juryScoreIssues(DEFAULT_CRITERIA, s).map((i) => i.field);
  assert.deepEqual(fields({ facilities: 90, service: 80 }), ['body.scores.highlights']);
  assert.deepEqual(fields({ facilities: 90, service: 80, highlights: 70, worker_ratings: 100 }), [
    'body.scores.worker_ratings',
  ]);
  assert.deepEqual(fields({ facilities: 101, service: 80.5, highlights: 70 }), [
    'body.scores.facilities',
    'body.scores.service',
  ]);
});

test('anti-fraud: bursts from one IP, a device shared by many members', () => {
  assert.equal(flagFor({ ipMembers: 0, deviceMembers: 0 }), null);
  assert.equal(flagFor({ ipMembers: 7, deviceMembers: 0 }), null);
  assert.equal(flagFor({ ipMembers: 8, deviceMembers: 0 }), 'ip_burst');
  assert.equal(flagFor({ ipMembers: 0, deviceMembers: 1 }), null);
  assert.equal(flagFor({ ipMembers: 0, deviceMembers: 2 }), 'device_shared');
});

test('stars by rank: top 10 % five, to 30 % four, to 60 % three, to 85 % two', () => {
  const grades = (n: number) => Array.from({ length: n }, (_, i) => starsFor(i + 1, n));
  assert.deepEqual(grades(10), [5, 4, 4, 3, 3, 3, 2, 2, 2, 1]);
  assert.deepEqual(grades(3), [5, 3, 2]);
  assert.deepEqual(grades(1), [5]);
  assert.equal(grades(100).filter((s) => s === 5).length, 10);
  assert.equal(grades(100).filter((s) => s === 4).length, 20);
});

const nominee = (code: string, votes: number, jury: number, ratings = { sum: 0, count: 0 }): Nominee => ({
  stationId: code,
  code,
  votes,
  jury: { facilities: [jury], service: [jury], highlights: [jury] },
  ratings,
});

test('weighted result: vote share of the leader plus criteria, ranked with ties sharing a rank', () => {
  const ranked = rankNominees(
    [nominee('C', 50, 90), nominee('A', 100, 60), nominee('B', 0, 100, { sum: 500, count: 100 })],
    DEFAULT_CRITERIA,
    40,
  );
  // A: 0.4·100 + 0.6·(0.8·60 + 0.2·62.5) = 40 + 0.6·60.5 = 76.3
  // C: 0.4·50 + 0.6·(0.8·90 + 0.2·62.5) = 20 + 0.6·84.5 = 70.7
  // B: 0 + 0.6·(0.8·100 + 0.2·98.2) = 59.8 (500 stars from 100 ratings, shrunk: 4.93★ → 98.2)
  assert.deepEqual(
    ranked.map((r) => [r.code, r.total, r.rank, r.stars]),
    [
      ['A', 76.3, 1, 5],
      ['C', 70.7, 2, 3],
      ['B', 59.8, 3, 2],
    ],
  );
  assert.equal(ranked[0]!.voteScore, 100);
  assert.equal(ranked[1]!.criteria.facilities, 90);
  assert.deepEqual(
    winnersOf(ranked).map((r) => r.code),
    ['A'],
  );
  const tied = rankNominees([nominee('X', 10, 80), nominee('Y', 10, 80)], DEFAULT_CRITERIA, 50);
  assert.deepEqual(
    tied.map((r) => [r.code, r.rank]),
    [
      ['X', 1],
      ['Y', 1],
    ],
  );
  const onlyJury = rankNominees([nominee('X', 0, 70)], DEFAULT_CRITERIA, 0);
  assert.equal(onlyJury[0]!.total, 68.5);
  const unscored = rankNominees([{ ...nominee('Z', 3, 0), jury: {} }], DEFAULT_CRITERIA, 100);
  assert.equal(unscored[0]!.total, 100);
});
