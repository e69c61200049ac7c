import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';

const clock = fixedClock('2025-03-03T01:00:00Z'); // Monday 3 March 2025, 09:00 in Beijing
const t = await createTestApp({ clock });
// Sessions expire by the app's clock: sign in again whenever the test moves the clock by days.
let changping = await t.login('13800000004');
let city = await t.login('13800000005');
const lijingId = (
  await t.db.selectFrom('members').select('id').where('phone', '=', '13800000001').executeTakeFirstOrThrow()
).id;
const answers = await t.db.selectFrom('hotlineKbAnswers').select('id').limit(2).execute();

async function call(method: 'GET' | 'POST', url: string, headers: object, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headers as never, payload });
  assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** ISO 8601 week of a Beijing calendar day, computed here independently of the SQL. */
function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

// Calls spread over three weeks, and one just outside March: 16:30 UTC on 31 March is 00:30 on 1 April in Beijing.
const PLAN: {
  at: string;
  topic: string;
  member: boolean;
  by: 'cp' | 'city';
  answerAfter: number | null;
  outcome: string;
}[] = [
  { at: '2025-03-03T01:00:00Z', topic: 'mutual_aid', member: true, by: 'cp', answerAfter: 30, outcome: 'answered' },
  { at: '2025-03-04T06:00:00Z', topic: 'mutual_aid', member: false, by: 'cp', answerAfter: 95, outcome: 'answered' },
  { at: '2025-03-09T15:50:00Z', topic: 'aid_card', member: true, by: 'cp', answerAfter: null, outcome: 'referred' },
  {
    at: '2025-03-12T02:00:00Z',
    topic: 'claim_status',
    member: false,
    by: 'city',
    answerAfter: 12,
    outcome: 'answered',
  },
  { at: '2025-03-18T03:00:00Z', topic: 'mutual_aid', member: true, by: 'city', answerAfter: 240, outcome: 'answered' },
  { at: '2025-03-19T03:00:00Z', topic: 'rights', member: false, by: 'city', answerAfter: null, outcome: 'referred' },
  { at: '2025-03-31T16:30:00Z', topic: 'other', member: false, by: 'city', answerAfter: null, outcome: 'answered' },
];

for (const p of PLAN) {
  clock.set(p.at);
  changping = await t.login('13800000004');
  city = await t.login('13800000005');
  const headers = p.by === 'cp' ? changping : city;
  const c = await call('POST', '/hotline/consultations', headers, {
    channel: 'phone',
    callerPhone: p.member ? '13800000001' : '13911110000',
    topic: p.topic,
    question: `${p.topic} 的问题`,
    ...(p.member && { memberId: lijingId }),
  });
  if (p.answerAfter !== null) {
    clock.set(new Date(new Date(p.at).getTime() + p.answerAfter * 1000).toISOString());
    await call('POST', `/hotline/consultations/${c.id}/answers`, headers, { answerId: answers[0]!.id });
    await call('POST', `/hotline/consultations/${c.id}/answers`, headers, { answerId: answers[1]!.id });
  }
  await call('POST', `/hotline/consultations/${c.id}/close`, headers, { outcome: p.outcome });
}
clock.set('2025-03-20T02:00:00Z');
changping = await t.login('13800000004');
city = await t.login('13800000005');
for (const q of ['宠物狗走丢了', '宠物狗走丢了', '  宠物狗走丢了 ', '公积金怎么提取'])
  await call('GET', `/hotline/kb/search?q=${encodeURIComponent(q)}`, changping);

/** The rows a report over [from, to] in this subtree must count, read straight from the table. */
async function expectedRows(scope: string, from: string, to: string) {
  const rows = await t.db
    .selectFrom('hotlineConsultations')
    .selectAll()
    .where('unionPath', 'like', `${scope}%`)
    .execute();
  return rows.filter((r) => beijingDay(r.startedAt) >= from && beijingDay(r.startedAt) <= to);
}
const tally = <T>(items: T[], key: (x: T) => string | null) => {
  const m = new Map<string | null, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

describe('hotline reports equal an independent count', () => {
  for (const [who, headers, code] of [
    ['city (BJ)', city, 'BJ'],
    ['昌平', changping, 'BJ-CP'],
  ] as const) {
    // (headers are captured after the last sign-in above)
    test(`consultations by topic, union and ISO week — ${who}`, async () => {
      const scope = (await t.db.selectFrom('unions').select('path').where('code', '=', code).executeTakeFirstOrThrow())
        .path;
      const r = await call('GET', '/hotline/reports/consultations?from=2025-03-01&to=2025-03-31', headers);
      const rows = await expectedRows(scope, '2025-03-01', '2025-03-31');
      assert.ok(rows.length >= 3);
      assert.equal(r.total, rows.length);
      const asMap = (items: { count: number }[], key: (x: never) => string | null) =>
        new Map(items.map((i) => [key(i as never), i.count]));
      assert.deepEqual(
        asMap(r.byTopic, (x: { topic: string }) => x.topic),
        tally(rows, (x) => x.topic),
      );
      assert.deepEqual(
        asMap(r.byUnion, (x: { unionId: string }) => x.unionId),
        tally(rows, (x) => x.unionId),
      );
      assert.deepEqual(
        asMap(r.byWeek, (x: { week: string }) => x.week),
        tally(rows, (x) => isoWeek(beijingDay(x.startedAt))),
      );
    });

    test(`time to first answer — ${who}`, async () => {
      const scope = (await t.db.selectFrom('unions').select('path').where('code', '=', code).executeTakeFirstOrThrow())
        .path;
      const r = await call('GET', '/hotline/reports/first-answer?from=2025-03-01&to=2025-03-31', headers);
      const rows = await expectedRows(scope, '2025-03-01', '2025-03-31');
      const secs = rows
        .filter((x) => x.firstAnswerAt)
        .map((x) => (x.firstAnswerAt!.getTime() - x.startedAt.getTime()) / 1000)
        .sort((a, b) => a - b);
      assert.equal(r.consultations, rows.length);
      assert.equal(r.answered, secs.length);
      assert.equal(r.medianSeconds, percentile(secs, 0.5));
      assert.equal(r.p90Seconds, Math.round(percentile(secs, 0.9)! * 10) / 10);
      assert.equal(r.averageSeconds, Math.round((secs.reduce((a, b) => a + b, 0) / secs.length) * 10) / 10);
    });
  }

  test('the week boundary is Beijing time: 23:50 on Sunday 9 March counts in W10', async () => {
    const r = await call('GET', '/hotline/reports/consultations?from=2025-03-09&to=2025-03-10', changping);
    assert.deepEqual(r.byWeek, [{ week: '2025-W10', count: 1 }]);
    const end = await call('GET', '/hotline/reports/consultations?from=2025-03-31&to=2025-03-31', city);
    assert.equal(end.total, 0, '31 March 16:30 UTC is 1 April in Beijing');
  });

  test('unanswered questions: empty searches grouped, referred consultations listed', async () => {
    const r = await call('GET', '/hotline/reports/unanswered?from=2025-03-01&to=2025-03-31', changping);
    assert.deepEqual(
      r.searches.map((s: { query: string; count: number }) => [s.query, s.count]),
      [
        ['宠物狗走丢了', 3],
        ['公积金怎么提取', 1],
      ],
    );
    const referred = (await expectedRows('', '2025-03-01', '2025-03-31')).filter(
      (x) => x.outcome === 'referred' && PLAN.length > 0,
    );
    const cpPath = (
      await t.db.selectFrom('unions').select('path').where('code', '=', 'BJ-CP').executeTakeFirstOrThrow()
    ).path;
    assert.deepEqual(
      r.referred.map((x: { id: string }) => x.id).sort(),
      referred
        .filter((x) => x.unionPath.startsWith(cpPath))
        .map((x) => x.id)
        .sort(),
    );
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/hotline/reports/unanswered?from=2025-03-31&to=2025-03-01',
      headers: changping,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'query.to');
  });
});
