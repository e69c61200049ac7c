import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { createTestApp } from '../../../test/app.ts';
import { hashPassword } from '../../platform/password.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-articles-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = await createTestApp({ dataDir });
const city = await t.login('13800000005');
const chaoyangStaff = await t.login('13800000003');
const lijing = await t.login('13800000001'); // member of 昌科电子 (昌平)

// A member of 公交客五第三车队 (朝阳) with an account of her own.
const kw3 = await t.db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', '=', 'BJ-CY-KW3')
  .executeTakeFirstOrThrow();
const cy = await t.db.selectFrom('members').select('id').where('unionId', '=', kw3.id).executeTakeFirstOrThrow();
await t.db
  .insertInto('accounts')
  .values({
    id: uuidv7(),
    phone: '13800000099',
    displayName: '朝阳会员',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'member',
    unionId: null,
    memberId: cy.id,
  })
  .execute();
const chaoyangMember = await t.login('13800000099');
const cp = await t.db.selectFrom('unions').select('id').where('code', '=', 'BJ-CP').executeTakeFirstOrThrow();

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: headers as never, payload });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}

// 1×1 transparent PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function upload(file: Buffer, name: string, headers = city) {
  const boundary = '----uc-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/articles/images',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

let imageUrl = '';
let changpingArticle = '';

describe('staff write and publish articles', () => {
  test('images are checked by content', async () => {
    const ok = await upload(PNG, 'site.png');
    assert.equal(ok.status, 201);
    assert.equal(ok.body.contentType, 'image/png');
    imageUrl = ok.body.url;
    const served = await t.app.inject({ method: 'GET', url: imageUrl });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.deepEqual(served.rawPayload, PNG);
    const fake = await upload(Buffer.from('<script>alert(1)</script>'), 'evil.png');
    assert.equal(fake.status, 400);
    assert.equal(fake.body.errors[0].field, 'file');
  });

  test('the body is sanitised: scripts and handlers go, our images and safe links stay', async () => {
    const r = await call('POST', '/articles/manage', city, {
      title: '昌平区职工夏季送清凉活动',
      summary: '高温天气，工会送清凉',
      publisher: '昌平区总工会',
      targetUnionId: cp.id,
      bodyHtml: `<p onclick="steal()">送清凉<script>alert(1)</script></p><img src="${imageUrl}" onerror="x()"><a href="javascript:alert(1)">点</a><a href="https://bjzgh.org">总工会</a>`,
      cta: { kind: 'precheck', coverageCode: 'PIPE_BURST' },
    });
    assert.equal(r.status, 201, r.raw);
    assert.equal(
      r.body.bodyHtml,
      `<p>送清凉</p><img src="${imageUrl}"><a>点</a><a href="https://bjzgh.org" rel="noopener noreferrer nofollow" target="_blank">总工会</a>`,
    );
    assert.deepEqual(r.body.removed, ['a[href]', 'img[onerror]', 'p[onclick]', 'script']);
    assert.equal(r.body.status, 'draft');
    assert.deepEqual(r.body.cta, {
      kind: 'precheck',
      target: 'PIPE_BURST',
      label: '看看我能不能申领',
      path: '/aid/check?coverage=PIPE_BURST',
    });
    changpingArticle = r.body.id;
    const stored = await t.db
      .selectFrom('articles')
      .select('bodyHtml')
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.bodyHtml, /script|onclick|onerror|javascript/);
  });

  test('field errors: unknown coverage, survey CTA shape, a target outside the subtree, a foreign image', async () => {
    const base = { title: '标题', publisher: '朝阳区总工会', bodyHtml: '<p>正文</p>' };
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles/manage',
      headers: { ...chaoyangStaff, 'accept-language': 'en' },
      payload: {
        ...base,
        targetUnionId: cp.id,
        cta: { kind: 'precheck', coverageCode: 'NO_SUCH' },
        bodyHtml: '<img src="/api/v1/articles/images/01900000-0000-7000-8000-000000000000">',
      },
    });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(
      r
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['body.bodyHtml', 'body.cta.coverageCode', 'body.targetUnionId'],
    );
    const survey = await call('POST', '/articles/manage', chaoyangStaff, {
      ...base,
      targetUnionId: kw3.id,
      cta: { kind: 'survey', surveyId: 'not-a-uuid' },
    });
    assert.equal(survey.status, 400);
    const ok = await call('POST', '/articles/manage', chaoyangStaff, {
      ...base,
      targetUnionId: kw3.id,
      cta: { kind: 'survey', surveyId: '01900000-0000-7000-8000-000000000001' },
    });
    assert.equal(ok.status, 201, ok.raw);
    assert.equal(ok.body.cta.path, '/surveys/01900000-0000-7000-8000-000000000001');
    assert.equal((await call('GET', `/articles/manage/${changpingArticle}`, chaoyangStaff)).status, 404);
    assert.equal((await call('POST', '/articles/manage', lijing, { ...base, targetUnionId: cp.id })).status, 403);
  });

  test('publish', async () => {
    const r = await call('POST', `/articles/manage/${changpingArticle}/publish`, city);
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'published');
    assert.ok(r.body.publishedAt);
  });
});

describe('members read what is aimed at their union', () => {
  test('a 朝阳 member does not see a 昌平 article; both see the federation’s burst-pipe article', async () => {
    const cpList = await call('GET', '/articles', lijing);
    const cyList = await call('GET', '/articles', chaoyangMember);
    const titles = (l: { body: { items: { title: string }[] } }) => l.body.items.map((i) => i.title);
    assert.ok(titles(cpList).includes('昌平区职工夏季送清凉活动'));
    assert.ok(!titles(cyList).includes('昌平区职工夏季送清凉活动'));
    const federation = '暖气管、水管爆了别慌！职工互助保障帮您减少损失';
    assert.ok(titles(cpList).includes(federation) && titles(cyList).includes(federation));
    const pipe = cyList.body.items.find((i: { title: string }) => i.title === federation);
    assert.equal(pipe.cta.path, '/aid/check?coverage=PIPE_BURST');
    assert.equal((await call('GET', `/articles/${changpingArticle}`, chaoyangMember)).status, 404);
  });

  test('a draft or unpublished article is not shown', async () => {
    await call('POST', `/articles/manage/${changpingArticle}/unpublish`, city);
    assert.equal((await call('GET', `/articles/${changpingArticle}`, lijing)).status, 404);
    await call('POST', `/articles/manage/${changpingArticle}/publish`, city);
    assert.equal((await call('GET', `/articles/${changpingArticle}`, lijing)).status, 200);
  });

  test('reads count once per member, even when 20 requests race', async () => {
    const before = (
      await t.db.selectFrom('articles').select('readCount').where('id', '=', changpingArticle).executeTakeFirstOrThrow()
    ).readCount;
    assert.equal(before, 1, 'the read in the previous test');
    const res = await Promise.all(
      Array.from({ length: 20 }, () => call('GET', `/articles/${changpingArticle}`, lijing)),
    );
    assert.ok(res.every((r) => r.status === 200 && r.body.readCount === 1));
    const staffRead = await call('GET', `/articles/manage/${changpingArticle}`, city);
    assert.equal(staffRead.status, 200, 'staff open it in the editor, which counts nothing');
    const row = await t.db
      .selectFrom('articles')
      .select('readCount')
      .where('id', '=', changpingArticle)
      .executeTakeFirstOrThrow();
    const reads = await t.db.selectFrom('articleReads').selectAll().where('articleId', '=', changpingArticle).execute();
    assert.equal(row.readCount, 1);
    assert.equal(reads.length, 1);
    const list = await call('GET', '/articles', lijing);
    assert.equal(list.body.items.find((i: { id: string }) => i.id === changpingArticle).read, true);
  });
});
