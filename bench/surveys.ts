/**
 * Survey scale: `npx tsx bench/surveys.ts [--responses=100000] [--http=2000]`, on the embedded PostgreSQL (fsync on)
 * or on the server at DATABASE_URL. On the demo's 朝阳 workforce survey (14 questions of every type), it measures:
 *   1. ingest through the repository in batches of 1,000 (the generator path), responses/s;
 *   2. the HTTP submit path (single-use public links, full validation, one transaction each), 10 at a time;
 *   3. full results (SQL jsonb aggregates), cross-tab and free-text analysis, CSV and XLSX export;
 *   baseline: the same per-question counts computed naively in JS after fetching every response.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { workforceAnswers } from '../src/domains/surveys/survey.seed.ts';
import { analyseTexts } from '../src/domains/surveys/survey-text.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFieldCipher } from '../src/platform/crypto.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { prng } from '../src/seed/people.ts';
import { openBenchDatabase } from './bench-db.ts';

const arg = (name: string, dflt: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const N = arg('responses', 100_000);
const HTTP = arg('http', 2000);
const CONCURRENCY = arg('concurrency', 10);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-bench-surveys-'));
const bench = await openBenchDatabase({ poolSize: 20 });
const { db, label } = bench;
await seedDemo(db, createFieldCipher(randomBytes(32)));
const app = await buildApp({
  db,
  cipher: createFieldCipher(randomBytes(32)),
  clock: systemClock,
  config: { dataDir: tmp, logLevel: 'silent', trustProxy: false },
  logger: false,
  publicRateLimitPerMinute: 10_000_000, // one client submits thousands of times
});
await app.ready();

const survey = await db
  .selectFrom('surveys')
  .selectAll()
  .where('title', '=', '新时代产业工人队伍建设调查问卷')
  .executeTakeFirstOrThrow();
const unions = await db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', 'in', ['BJ-CY-KW3', 'BJ-CY-JMZZ'])
  .execute();
await db
  .updateTable('surveys')
  .set({ closesAt: new Date(Date.now() + 86_400_000), closedAt: null, closedReason: null })
  .where('id', '=', survey.id)
  .execute();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { phone: '13800000003', password: DEMO_PASSWORD },
});
const headers = { authorization: `Bearer ${login.json().token}` };
const r = prng(99);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`# surveys bench — ${label}; ${fmt(N)} generated + ${fmt(HTTP)} HTTP responses`);

// 1. ingest through the repository (batches)
let t0 = performance.now();
for (let done = 0; done < N; done += 1000) {
  const rows = Array.from({ length: Math.min(1000, N - done) }, (_, i) => {
    const u = unions[(done + i) % unions.length]!;
    return {
      id: randomUUID(),
      surveyId: survey.id,
      version: 1,
      unionId: u.id,
      unionPath: u.path,
      via: 'link' as const,
      anonymous: true,
      memberId: null,
      submittedOn: '2026-07-01',
      submittedAt: null,
      receiptHash: randomBytes(32),
      answers: JSON.stringify(workforceAnswers(r)),
    };
  });
  await db.insertInto('surveyResponses').values(rows).execute();
}
await db
  .updateTable('surveys')
  .set((eb) => ({ responseCount: eb('responseCount', '+', N) }))
  .where('id', '=', survey.id)
  .execute();
let ms = performance.now() - t0;
console.log(
  `ingest (repository, batches of 1,000): ${fmt(N)} in ${(ms / 1000).toFixed(1)} s = ${fmt((N / ms) * 1000)} responses/s`,
);

// 2. HTTP submit path through single-use links
const tokens: string[] = [];
for (let i = 0; i < HTTP; i += 500) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/surveys/${survey.id}/links`,
    headers,
    payload: { count: Math.min(500, HTTP - i) },
  });
  tokens.push(...res.json().items.map((x: { token: string }) => x.token));
}
t0 = performance.now();
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${token}/responses`,
        payload: { answers: workforceAnswers(r), submissionKey: randomUUID() },
      });
      if (res.statusCode !== 201) failed++;
    }
  }),
);
ms = performance.now() - t0;
console.log(
  `submit over HTTP (validate + one transaction each, ${CONCURRENCY} concurrent): ${fmt(HTTP)} in ${(ms / 1000).toFixed(1)} s = ${fmt((HTTP / ms) * 1000)} responses/s, ${failed} failed`,
);

// 3. results
const time = async (name: string, url: string, runs = 3) => {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const res = await app.inject({ url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    bytes = res.rawPayload.length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${fmt(times[Math.floor(runs / 2)]!)} ms (${fmt(bytes / 1024)} KiB)`);
};
const base = `/api/v1/surveys/${survey.id}`;
await time('full results (SQL jsonb aggregates)', `${base}/results`);
await time('results filtered by an answer (q8=o1)', `${base}/results?q8=o1`);
await time('cross-tab by union × q5', `${base}/crosstab?byUnion=true&colQuestion=q5`);
await time('free text q13 (Intl.Segmenter, all answers)', `${base}/text/q13`, 1);
await time('export CSV', `${base}/export.csv`, 1);
await time('export XLSX', `${base}/export.xlsx`, 1);

// free-text segmentation alone on distinct texts (the bench's generated answers repeat; real ones mostly don't)
{
  const pool = [
    '工作时间长',
    '培训机会少',
    '技能等级认定',
    '工资待遇',
    '倒班',
    '师傅带徒',
    '数字化设备',
    '创新工作室',
    '劳模宣讲',
    '技能竞赛',
  ];
  const texts = Array.from(
    { length: Math.min(N, 20_000) },
    (_, i) => `${r.pick(pool)}，${r.pick(pool)}，希望${r.pick(pool)}${i}`,
  );
  const s = performance.now();
  analyseTexts(texts);
  console.log(
    `segmentation + counts of ${fmt(texts.length)} distinct texts (Intl.Segmenter): ${fmt(performance.now() - s)} ms`,
  );
}

// baseline: fetch every response and count in JS
t0 = performance.now();
const all = await db
  .selectFrom('surveyResponses')
  .select(['unionId', 'answers'])
  .where('surveyId', '=', survey.id)
  .execute();
const counts = new Map<string, number>();
for (const row of all) {
  for (const [q, v] of Object.entries(row.answers as Record<string, unknown>)) {
    const picks =
      v && typeof v === 'object'
        ? 'optionIds' in v
          ? (v.optionIds as string[])
          : 'optionId' in v
            ? [v.optionId as string]
            : Object.values(v)
        : [String(v)];
    for (const p of picks) counts.set(`${q}:${p}`, (counts.get(`${q}:${p}`) ?? 0) + 1);
  }
}
ms = performance.now() - t0;
console.log(`baseline: fetch ${fmt(all.length)} responses + count in JS: ${fmt(ms)} ms (${counts.size} cells)`);

await app.close();
await bench.close();
fs.rmSync(tmp, { recursive: true, force: true });
