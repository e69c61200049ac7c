import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from '../../seed/people.ts';

// Top-level await: helpers register their clean-up with the file's root `after`.
const t: TestApp = await createTestApp();
const [chaoyang, changping, member] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000001'),
]);
const unions = await t.db.selectFrom('unions').select(['id', 'code']).execute();
const unionId = (code: string) => unions.find((u) => u.code === code)!.id;

const r = prng(7351);
let cardSeq = 0;
function row(): string[] {
  cardSeq++;
  return [
    chineseName(r),
    mobilePhone(r),
    idNumberFor(r, '110105', randomBirth(r, 1950, 1960)),
    `HZ2098${String(cardSeq).padStart(6, '0')}`,
    '2024-01-01',
    '2027-12-31',
    bankCardNumber(r),
  ];
}
const HEADERS = ['姓名', '手机号', '身份证号', '互助卡号', '卡生效日期', '卡失效日期', '银行卡号'];
const gbCsv = (rows: string[][]) =>
  iconv.encode(`${[HEADERS, ...rows].map((x) => x.join(',')).join('\r\n')}\r\n`, 'gb18030');

/** A multipart/form-data body as a browser sends it: text fields, then the file. */
function multipart(file: { name: string; content: Buffer } | null, fields: Record<string, string> = {}) {
  const boundary = `----ucTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: text/csv\r\n\r\n',
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  headers: { authorization: string },
  file: { name: string; content: Buffer } | null,
  fields: Record<string, string> = {},
) {
  const body = multipart(file, fields);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/members/imports',
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

interface JobView {
  id: string;
  status: string;
  dryRun: boolean;
  applied: boolean;
  fileName: string;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: { row: number; column: string; field: string; message: string }[];
  message: string | null;
}

async function waitForJob(id: string, headers: { authorization: string }, lang?: string): Promise<JobView> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await t.app.inject({
      url: `/api/v1/members/imports/${id}`,
      headers: { ...headers, ...(lang ? { 'accept-language': lang } : {}) },
    });
    assert.equal(res.statusCode, 200, res.body);
    const job = res.json() as JobView;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    assert.ok(Date.now() < deadline, `job ${id} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const memberCount = async () =>
  (
    await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('uploading a member spreadsheet', () => {
  let chaoyangJob = '';

  test('a good GB18030 file: 202, then the job succeeds with its progress and counts', async () => {
    const rows = [row(), row(), row()];
    const before = await memberCount();
    const res = await upload(
      chaoyang,
      { name: '第三车队.csv', content: gbCsv(rows) },
      { unionId: unionId('BJ-CY-KW3') },
    );
    assert.equal(res.statusCode, 202, res.body);
    const { id, status } = res.json();
    assert.equal(status, 'queued');
    chaoyangJob = id;
    const job = await waitForJob(id, chaoyang);
    assert.equal(job.status, 'succeeded', job.message ?? '');
    assert.equal(job.fileName, '第三车队.csv');
    assert.deepEqual(
      [job.total, job.processed, job.inserted, job.updated, job.unchanged, job.skipped],
      [3, 3, 3, 0, 0, 0],
    );
    assert.deepEqual([job.applied, job.dryRun, job.errors], [true, false, []]);
    assert.equal(await memberCount(), before + 3);
    const list = await t.app.inject({
      url: `/api/v1/members?q=${encodeURIComponent(rows[0]![0]!)}&unionId=${unionId('BJ-CY-KW3')}`,
      headers: chaoyang,
    });
    assert.ok(list.json().items.some((m: { phone: string }) => m.phone === rows[0]![1]));
  });

  test('errors carry row, column and a message in Chinese by default, English on request', async () => {
    const rows = [row(), row(), row()];
    rows[1]![1] = '1381234'; // row 3: phone
    rows[2]![2] = `${rows[2]![2]!.slice(0, 17)}${rows[2]![2]!.endsWith('1') ? '2' : '1'}`; // row 4: check char
    const before = await memberCount();
    const res = await upload(chaoyang, { name: 'bad.csv', content: gbCsv(rows) }, { unionId: unionId('BJ-CY-KW3') });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().id as string;
    const zh = await waitForJob(id, chaoyang);
    assert.equal(zh.status, 'succeeded');
    assert.equal(zh.applied, false);
    assert.deepEqual([zh.total, zh.skipped, zh.inserted], [3, 2, 0]);
    assert.deepEqual(
      zh.errors.map((e) => [e.row, e.column, e.field]),
      [
        [3, '手机号', 'phone'],
        [4, '身份证号', 'idNumber'],
      ],
    );
    assert.match(zh.errors[0]!.message, /手机号不是有效的中国大陆手机号码/);
    assert.match(zh.errors[1]!.message, /校验位错误/);
    const en = await waitForJob(id, chaoyang, 'en');
    assert.match(en.errors[0]!.message, /Mobile number must be a mainland China mobile number/);
    assert.match(en.errors[1]!.message, /check character is wrong/);
    assert.equal(await memberCount(), before);
  });

  test('skipInvalid and dryRun fields are honoured', async () => {
    const rows = [row(), row()];
    rows[0]![1] = 'not a phone';
    const before = await memberCount();
    const dry = await upload(
      chaoyang,
      { name: 'dry.csv', content: gbCsv(rows) },
      { unionId: unionId('BJ-CY-KW3'), dryRun: 'true', skipInvalid: 'true' },
    );
    const dryJob = await waitForJob(dry.json().id, chaoyang);
    assert.deepEqual([dryJob.dryRun, dryJob.applied, dryJob.inserted, dryJob.skipped], [true, false, 1, 1]);
    assert.equal(await memberCount(), before);
    const real = await upload(
      chaoyang,
      { name: 'skip.csv', content: gbCsv(rows) },
      { unionId: unionId('BJ-CY-KW3'), skipInvalid: 'true' },
    );
    const realJob = await waitForJob(real.json().id, chaoyang);
    assert.deepEqual([realJob.applied, realJob.inserted, realJob.skipped], [true, 1, 1]);
    assert.deepEqual(
      realJob.errors.map((e) => [e.row, e.field]),
      [[2, 'phone']],
    );
    assert.equal(await memberCount(), before + 1);
  });

  test('an empty upload is a field error on `file`; a binary file a file-level error in the job', async () => {
    const empty = await upload(chaoyang, { name: 'empty.csv', content: Buffer.alloc(0) }, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(
      empty.json().errors.map((e: { field: string }) => e.field),
      ['file'],
    );
    const none = await upload(chaoyang, null, { unionId: unionId('BJ-CY-KW3') });
    assert.equal(none.statusCode, 400);
    const binary = await upload(
      chaoyang,
      { name: 'photo.png', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
      { unionId: unionId('BJ-CY-KW3') },
    );
    const job = await waitForJob(binary.json().id, chaoyang, 'en');
    assert.deepEqual(
      job.errors.map((e) => [e.row, e.field]),
      [[0, 'file']],
    );
    assert.match(job.errors[0]!.message, /not a CSV or Excel spreadsheet \(photo\.png\)/);
  });

  test('昌平区 staff cannot read 朝阳区 staff’s job', async () => {
    assert.ok(chaoyangJob);
    const res = await t.app.inject({ url: `/api/v1/members/imports/${chaoyangJob}`, headers: changping });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const own = await t.app.inject({ url: `/api/v1/members/imports/${chaoyangJob}`, headers: chaoyang });
    assert.equal(own.statusCode, 200);
  });

  test('a unionId in another district, or a district itself, is a 400 field error on unionId', async () => {
    const before = await memberCount();
    for (const code of ['BJ-CP-CKDZ', 'BJ-CY']) {
      const res = await upload(chaoyang, { name: 'm.csv', content: gbCsv([row()]) }, { unionId: unionId(code) });
      assert.equal(res.statusCode, 400, code);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.deepEqual(
        res.json().errors.map((e: { field: string }) => e.field),
        ['unionId'],
      );
    }
    const garbage = await upload(chaoyang, { name: 'm.csv', content: gbCsv([row()]) }, { unionId: 'x' });
    assert.equal(garbage.statusCode, 400);
    const jobs = await t.db.selectFrom('jobs').select('unionId').execute();
    assert.ok(!jobs.some((j) => j.unionId === unionId('BJ-CP-CKDZ')));
    assert.equal(await memberCount(), before);
  });

  test('a non-multipart request is 415 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members/imports',
      headers: { ...chaoyang, 'accept-language': 'en' },
      payload: { file: 'x' },
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().title, 'Unsupported content type');
  });

  test('a member cannot upload nor read import jobs (403)', async () => {
    const res = await upload(member, { name: 'm.csv', content: gbCsv([row()]) }, {});
    assert.equal(res.statusCode, 403);
    const read = await t.app.inject({ url: `/api/v1/members/imports/${chaoyangJob}`, headers: member });
    assert.equal(read.statusCode, 403);
    const anonymous = await upload({ authorization: '' }, { name: 'm.csv', content: gbCsv([row()]) }, {});
    assert.equal(anonymous.statusCode, 401);
  });
});

describe('the import template', () => {
  test('is UTF-8 with a BOM, has the Chinese headers, and imports cleanly as it is', async () => {
    const res = await t.app.inject({ url: '/api/v1/members/imports/template.csv' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'] as string, /attachment; filename\*=UTF-8''/);
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const [header] = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.equal(header, '姓名,手机号,身份证号,工会编码,入会日期,互助卡号,卡生效日期,卡失效日期,银行卡号,开户行');

    const dry = await upload(
      chaoyang,
      { name: 'template.csv', content: bytes },
      { unionId: unionId('BJ-CY-KW3'), dryRun: 'true' },
    );
    const job = await waitForJob(dry.json().id, chaoyang);
    assert.deepEqual([job.errors, job.total, job.inserted], [[], 1, 1]);
  });
});
