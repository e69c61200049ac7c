import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb } from '../../test/db.ts';
import {
  type ImportColumns,
  type ImportIssue,
  openImportTable,
  parseRows,
  startImportReport,
  validRows,
  writeUnlessDryRun,
} from './table-import.ts';
import { mapHeaders } from './tabular.ts';

const ALIASES = { name: ['姓名', 'name'], phone: ['手机号', 'phone'], note: ['备注', 'note'] } as const;
type Field = keyof typeof ALIASES;

/** The resolver a domain would write: every field but `note` is required. */
function resolve(headers: readonly string[]) {
  const mapped = mapHeaders(headers, ALIASES);
  const columns = new Map<Field, { index: number; header: string }>();
  for (const [field, index] of mapped.columns) columns.set(field, { index, header: headers[index]! });
  return { columns: columns as ImportColumns<Field>, missing: mapped.missing.filter((f) => f !== 'note') };
}

const report = () =>
  startImportReport<{ fileName: string; dryRun: boolean }, ImportIssue<Field>>({
    fileName: 'people.csv',
    dryRun: false,
  });

describe('startImportReport', () => {
  test("the import's own fields come first, then the counts at zero", () => {
    const r = startImportReport({ fileName: 'a.csv', crs: 'gcj02', dryRun: true });
    assert.deepEqual(Object.keys(r), [
      'fileName',
      'crs',
      'dryRun',
      'applied',
      'total',
      'inserted',
      'updated',
      'unchanged',
      'skipped',
      'errors',
    ]);
    assert.deepEqual(
      [r.applied, r.total, r.inserted, r.updated, r.unchanged, r.skipped, r.errors],
      [false, 0, 0, 0, 0, 0, []],
    );
  });
});

describe('openImportTable', () => {
  test('a file that is not a table: one error on row 0, field "file", with the reader\'s message', async () => {
    const r = report();
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]);
    assert.equal(await openImportTable(pdf, r, { aliases: ALIASES, resolve }), null);
    assert.equal(r.total, 0);
    assert.deepEqual(r.errors, [
      {
        row: 0,
        column: '',
        field: 'file',
        message: {
          'zh-CN': '文件不是 CSV 或 Excel 表格 (people.csv)',
          en: 'The file is not a CSV or Excel spreadsheet (people.csv)',
        },
      },
    ]);
  });

  test('an empty file and an old .xls are file errors too', async () => {
    for (const buf of [Buffer.alloc(0), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])]) {
      const r = report();
      assert.equal(await openImportTable(buf, r, { aliases: ALIASES, resolve }), null);
      assert.deepEqual(
        r.errors.map((e) => [e.row, e.field]),
        [[0, 'file']],
      );
    }
  });

  test('missing required columns: one error each on row 1, named by the canonical header; rows still counted', async () => {
    const r = report();
    const csv = Buffer.from('备注,other\r\nx,y\r\n\r\nz,w\r\n');
    assert.equal(await openImportTable(csv, r, { aliases: ALIASES, resolve }), null);
    assert.equal(r.total, 2);
    assert.deepEqual(r.errors, [
      {
        row: 1,
        column: '姓名',
        field: 'name',
        message: { 'zh-CN': '缺少“姓名”列', en: 'The column "姓名" (name) is missing' },
      },
      {
        row: 1,
        column: '手机号',
        field: 'phone',
        message: { 'zh-CN': '缺少“手机号”列', en: 'The column "手机号" (phone) is missing' },
      },
    ]);
  });

  test('a domain may word the missing-column message its own way', async () => {
    const r = report();
    await openImportTable(Buffer.from('姓名\r\n王小明\r\n'), r, {
      aliases: ALIASES,
      resolve,
      missingMessage: (header, field) => ({ 'zh-CN': `没有${header}`, en: `no ${field}` }),
    });
    assert.deepEqual(r.errors, [
      { row: 1, column: '手机号', field: 'phone', message: { 'zh-CN': '没有手机号', en: 'no phone' } },
    ]);
  });

  test('a good header: the table and the columns as the file names them', async () => {
    const r = report();
    const opened = await openImportTable(Buffer.from('\uFEFFPhone,姓名\r\n13912345678,王小明\r\n'), r, {
      aliases: ALIASES,
      resolve,
    });
    assert.ok(opened);
    assert.deepEqual(r.errors, []);
    assert.equal(r.total, 1);
    assert.deepEqual(opened.columns.get('phone'), { index: 0, header: 'Phone' });
    assert.deepEqual(opened.table.rows, [{ rowNumber: 2, cells: ['13912345678', '王小明'] }]);
  });

  test("a reader failure that is not the file's fault is not turned into a report", async () => {
    const r = report();
    const boom = () => {
      throw new Error('bug');
    };
    await assert.rejects(openImportTable(Buffer.from('姓名\r\n'), r, { aliases: ALIASES, resolve: boom }), /bug/);
  });
});

describe('parseRows and validRows', () => {
  type Row = { rowNumber: number; name: string };
  const rows = [
    { rowNumber: 2, cells: ['王小明'] },
    { rowNumber: 3, cells: [''] },
    { rowNumber: 5, cells: ['李雷'] },
  ];
  const parse = (row: { rowNumber: number; cells: string[] }) =>
    row.cells[0]
      ? { ok: true as const, value: { rowNumber: row.rowNumber, name: row.cells[0] } }
      : {
          ok: false as const,
          errors: [
            {
              row: row.rowNumber,
              column: '姓名',
              field: 'name' as const,
              code: 'required',
              message: { 'zh-CN': '必填', en: 'required' },
            },
          ],
        };

  test('good rows come back; bad rows are marked and their errors reported without extra keys', () => {
    const r = report();
    const { good, bad } = parseRows<Row, Field>(rows, r, parse);
    assert.deepEqual(
      good.map((g) => g.rowNumber),
      [2, 5],
    );
    assert.deepEqual([...bad], [3]);
    assert.deepEqual(r.errors, [
      { row: 3, column: '姓名', field: 'name', message: { 'zh-CN': '必填', en: 'required' } },
    ]);
    assert.deepEqual(Object.keys(r.errors[0]!), ['row', 'column', 'field', 'message']);
  });

  test('validRows sorts the errors by row, leaves out rows marked bad later and counts the rest as skipped', () => {
    const r = report();
    r.total = 3;
    const { good, bad } = parseRows<Row, Field>(rows, r, parse);
    bad.add(5);
    r.errors.push({ row: 5, column: '姓名', field: 'name', message: { 'zh-CN': '重复', en: 'duplicate' } });
    r.errors.push({ row: 2, column: '', field: 'file', message: { 'zh-CN': '注', en: 'note' } });
    const valid = validRows(r, good, bad);
    assert.deepEqual(
      valid.map((v) => v.rowNumber),
      [2],
    );
    assert.equal(r.skipped, 2);
    assert.deepEqual(
      r.errors.map((e) => e.row),
      [2, 3, 5],
    );
  });
});

describe('writeUnlessDryRun', async () => {
  const { db } = await createTestDb();
  await sql`CREATE TABLE import_probe (n int NOT NULL)`.execute(db);
  const count = async () =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM import_probe`.execute(db)).rows[0]!.n);
  const write = async (trx: Parameters<Parameters<typeof writeUnlessDryRun>[2]>[0]) => {
    await sql`INSERT INTO import_probe VALUES (1), (2)`.execute(trx);
  };

  test('a dry run writes, then rolls everything back without committing', async () => {
    let committed = false;
    const applied = await writeUnlessDryRun(db, true, write, async () => {
      committed = true;
    });
    assert.equal(applied, false);
    assert.equal(committed, false);
    assert.equal(await count(), 0);
  });

  test('a real run writes and commits in the same transaction', async () => {
    const applied = await writeUnlessDryRun(db, false, write, (trx) =>
      sql`INSERT INTO import_probe VALUES (3)`.execute(trx),
    );
    assert.equal(applied, true);
    assert.equal(await count(), 3);
  });

  test('a failure in write or commit is thrown and nothing stays written', async () => {
    const before = await count();
    await assert.rejects(
      writeUnlessDryRun(db, false, write, async () => {
        throw new Error('audit failed');
      }),
      /audit failed/,
    );
    await assert.rejects(
      writeUnlessDryRun(
        db,
        true,
        async () => {
          throw new Error('taken meanwhile');
        },
        async () => {},
      ),
      /taken meanwhile/,
    );
    assert.equal(await count(), before);
  });
});
