import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { PIPE_BURST_RULE } from './demo-scheme.ts';
import { OFFICIAL_CALENDAR_2021_2026 } from './holidays-cn.ts';

const t = await createTestApp();
const [city, district, member] = await Promise.all([
  t.login('13800000005'),
  t.login('13800000004'),
  t.login('13800000001'),
]);

test('the holiday table holds the official 2021–2026 calendar, and city staff maintain it', async () => {
  const stored = await t.db.selectFrom('aidHolidays').select(['date', 'kind', 'name']).orderBy('date').execute();
  assert.deepEqual(
    stored,
    OFFICIAL_CALENDAR_2021_2026.map((e) => ({ date: e.date, kind: e.kind, name: e.name })),
  );
  const y2026 = await t.app.inject({ url: '/api/v1/aid/holidays?year=2026', headers: member });
  assert.equal(y2026.json().items.length, OFFICIAL_CALENDAR_2021_2026.filter((e) => e.date.startsWith('2026')).length);

  const put = {
    method: 'PUT' as const,
    url: '/api/v1/aid/holidays/2027-02-08',
    payload: { kind: 'holiday', name: '春节' },
  };
  assert.equal((await t.app.inject({ ...put, headers: district })).statusCode, 403);
  assert.equal((await t.app.inject({ ...put, headers: city })).statusCode, 200);
  assert.equal((await t.app.inject({ ...put, url: '/api/v1/aid/holidays/2027-02-30', headers: city })).statusCode, 400);
  const coverage = await t.app.inject({ url: '/api/v1/aid/coverages/FIRE?on=2027-02-05', headers: member });
  // 60 working days from Friday 2027-02-05; Monday 2027-02-08 is now a holiday, so the deadline moves a day later.
  assert.equal(coverage.json().deadlineIfToday, '2027-05-03');
  const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/aid/holidays/2027-02-08', headers: city });
  assert.equal(del.statusCode, 204);
  const back = await t.app.inject({ url: '/api/v1/aid/coverages/FIRE?on=2027-02-05' });
  assert.equal(back.json().deadlineIfToday, '2027-04-30');
  const audit = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'aidHoliday').execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['aid.holiday.set', 'aid.holiday.delete'],
  );
});

test('schemes are public; a new rule version closes the previous one and applies from its date', async () => {
  const schemes = await t.app.inject({ url: '/api/v1/aid/schemes' });
  assert.equal(schemes.statusCode, 200);
  const scheme = schemes.json().items[0];
  assert.equal(scheme.name, '非工伤意外伤害及家财损失综合互助保障计划');
  assert.equal(scheme.since, '2009-08-01');
  assert.deepEqual(
    scheme.coverages.map((c: { name: string }) => c.name),
    ['水暖管爆裂', '火灾', '意外伤害住院', '意外身故'],
  );
  // Ids too, so staff tools (the hotline knowledge base) can link answers to a scheme or coverage.
  const row = await t.db
    .selectFrom('aidCoverages')
    .select('id')
    .where('code', '=', 'PIPE_BURST')
    .executeTakeFirstOrThrow();
  assert.equal(scheme.coverages.find((c: { code: string }) => c.code === 'PIPE_BURST').id, row.id);
  assert.match(scheme.id, /^[0-9a-f-]{36}$/);

  const v1 = await t.app.inject({ url: '/api/v1/aid/coverages/PIPE_BURST?on=2015-06-01' });
  assert.equal(v1.json().rule.benefit.capFen, 500_000);
  const raised = {
    ...PIPE_BURST_RULE,
    benefit: { kind: 'percentOfLoss', percent: 50, floorFen: 50_000, capFen: 1_000_000 },
  };
  const body = { effectiveFrom: '2026-01-01', rule: raised };
  assert.equal(
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/aid/coverages/PIPE_BURST/versions',
        headers: district,
        payload: body,
      })
    ).statusCode,
    403,
  );
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/coverages/PIPE_BURST/versions',
    headers: city,
    payload: { ...body, rule: { ...raised, benefit: { ...raised.benefit, floorFen: 2_000_000 } } },
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    bad.json().errors.map((e: { field: string }) => e.field),
    ['body.rule.benefit.floorFen'],
  );
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/coverages/PIPE_BURST/versions',
    headers: city,
    payload: body,
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const older = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/coverages/PIPE_BURST/versions',
    headers: city,
    payload: { ...body, effectiveFrom: '2025-06-01' },
  });
  assert.equal(older.statusCode, 400, 'history is not rewritten');
  const versions = (await t.app.inject({ url: '/api/v1/aid/coverages/PIPE_BURST?on=2026-03-01' })).json();
  assert.equal(versions.rule.benefit.capFen, 1_000_000);
  assert.deepEqual(
    versions.versions.map((v: { effectiveFrom: string; effectiveTo: string | null }) => [
      v.effectiveFrom,
      v.effectiveTo,
    ]),
    [
      ['2009-08-01', '2017-12-31'],
      ['2018-01-01', '2025-12-31'],
      ['2026-01-01', null],
    ],
  );
  const pre2025 = await t.app.inject({
    method: 'POST',
    url: '/api/v1/aid/precheck',
    headers: member,
    payload: {
      coverageCode: 'PIPE_BURST',
      incidentDate: '2021-11-20',
      answers: { whatHappened: 'heatingPipeBurst', pipeOwner: 'memberHome', cause: 'ageingOrFreezing' },
      lossFen: 5_000_000,
    },
  });
  assert.equal(pre2025.json().estimate.amountFen, 800_000, 'an old incident is judged by the rule of its date');
});
