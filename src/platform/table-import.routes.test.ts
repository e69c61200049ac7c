import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { jobSchema, templateCsv, templateRoute, uploadSchema } from './table-import.routes.ts';
import { readTable } from './tabular.ts';

const COLUMNS = { name: ['站点名称', 'name'], hours: ['开放时间', 'hours'], note: ['备注', 'note'] } as const;

describe('templateCsv', () => {
  test('BOM, the canonical headers, one example row, CRLF; cells with commas or quotes are quoted', async () => {
    const csv = templateCsv(COLUMNS, ['望京驿站', '周一, 周二 08:00-20:00', '说"好"']);
    assert.equal(csv, '\uFEFF站点名称,开放时间,备注\r\n望京驿站,"周一, 周二 08:00-20:00","说""好"""\r\n');
    const table = await readTable(Buffer.from(csv), 'template.csv');
    assert.deepEqual(table.headers, ['站点名称', '开放时间', '备注']);
    assert.deepEqual(table.rows[0]!.cells, ['望京驿站', '周一, 周二 08:00-20:00', '说"好"']);
  });
});

describe('templateRoute', () => {
  test('a public CSV download whose Chinese file name is RFC 5987-encoded', async () => {
    const app = Fastify();
    const route = templateRoute({
      tag: 'members',
      summary: 'template',
      fileName: '会员导入模板.csv',
      csv: () => 'a,b\r\n',
    });
    assert.deepEqual(route.config, { public: true });
    assert.deepEqual(route.schema, { tags: ['members'], summary: 'template' });
    app.get('/t.csv', route);
    const res = await app.inject({ url: '/t.csv' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(
      res.headers['content-disposition'],
      "attachment; filename*=UTF-8''%E4%BC%9A%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv",
    );
    assert.equal(res.body, 'a,b\r\n');
    await app.close();
  });
});

describe('schemas', () => {
  const Problem = Type.Object({ title: Type.String() });
  const errors = { 400: Problem, 404: Problem };

  test('the upload answers 202 with the job id, the given errors, and 413 shaped like a 400', () => {
    const schema = uploadSchema({ tag: 'stations', summary: 'upload', errors });
    assert.deepEqual(schema.consumes, ['multipart/form-data']);
    assert.deepEqual(Object.keys(schema.response), ['202', '400', '404', '413']);
    assert.equal(schema.response[413], Problem);
    assert.deepEqual(schema.response[202].required, ['id', 'status']);
  });

  test("the job's view puts an import's own fields right after the file name", () => {
    const schema = jobSchema({ tag: 'stations', summary: 'job', errors, extra: { crs: Type.String() } });
    assert.equal((schema.params.properties.id as { format?: string }).format, 'uuid');
    const view = schema.response[200];
    const keys = Object.keys(view.properties);
    assert.deepEqual(keys.slice(0, 7), ['id', 'status', 'dryRun', 'applied', 'fileName', 'crs', 'total']);
    assert.deepEqual(keys.slice(-2), ['errors', 'message']);
    assert.ok(!('crs' in jobSchema({ tag: 'members', summary: 'job', errors }).response[200].properties));
  });
});
