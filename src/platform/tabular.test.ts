import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mapHeaders, readTable, TabularError } from './tabular.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('会员'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rejectsWith(p: Promise<unknown>, code: string, zh: RegExp) {
  await assert.rejects(p, (err) => {
    assert.ok(err instanceof TabularError);
    assert.equal(err.code, code);
    assert.match(err.messages['zh-CN'], zh);
    assert.equal(err.message, err.messages.en);
    return true;
  });
}

describe('readTable: CSV', () => {
  test('GB18030 (Excel "CSV" on Chinese Windows) is detected and decoded', async () => {
    const text = '姓名,手机号,身份证号\r\n王小明,13812345678,11010519491231002X\r\n欧阳娜娜,13900001111,\r\n';
    const buf = iconv.encode(text, 'gb18030');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(buf), 'fixture must not be valid UTF-8');
    const t = await readTable(buf, 'members.csv');
    assert.equal(t.encoding, 'gb18030');
    assert.deepEqual(t.headers, ['姓名', '手机号', '身份证号']);
    assert.deepEqual(t.rows, [
      { rowNumber: 2, cells: ['王小明', '13812345678', '11010519491231002X'] },
      { rowNumber: 3, cells: ['欧阳娜娜', '13900001111', ''] },
    ]);
  });

  test('GB18030-only characters (beyond GBK) survive', async () => {
    const t = await readTable(iconv.encode('姓名\n𠮷野家\n', 'gb18030'));
    assert.equal(t.rows[0]?.cells[0], '𠮷野家');
  });

  test('UTF-8 with BOM: BOM stripped from the first header', async () => {
    const t = await readTable(Buffer.concat([BOM, Buffer.from('姓名,name\n张三,zhang\n')]));
    assert.equal(t.encoding, 'utf-8');
    assert.deepEqual(t.headers, ['姓名', 'name']);
    assert.equal(t.headers[0]?.charCodeAt(0), 0x59d3);
  });

  test('UTF-8 without BOM', async () => {
    const t = await readTable(Buffer.from('姓名\n李四\n'));
    assert.equal(t.encoding, 'utf-8');
    assert.deepEqual(t.rows, [{ rowNumber: 2, cells: ['李四'] }]);
  });

  test('row numbers count blank lines and keep multi-line quoted cells as one row', async () => {
    const csv = ['', '姓名,备注', 'a,1', '', ',,', '"b","two', 'lines"', '  c  ,3', 'd'].join('\n');
    const t = await readTable(Buffer.from(csv));
    assert.deepEqual(t.headers, ['姓名', '备注']);
    assert.deepEqual(t.rows, [
      { rowNumber: 3, cells: ['a', '1'] },
      { rowNumber: 6, cells: ['b', 'two\nlines'] },
      { rowNumber: 7, cells: ['c', '3'] },
      { rowNumber: 8, cells: ['d'] },
    ]);
  });

  test('short and long rows are returned as they are, not thrown', async () => {
    const t = await readTable(Buffer.from('a,b,c\r\n1\r\n1,2,3,4\r\n'));
    assert.deepEqual(
      t.rows.map((r) => r.cells),
      [['1'], ['1', '2', '3', '4']],
    );
  });

  test('mixed line endings and trailing empty header columns', async () => {
    const t = await readTable(Buffer.from('a,b,,\r\n1,2\n3,4\r5,6'));
    assert.deepEqual(t.headers, ['a', 'b']);
    assert.deepEqual(
      t.rows.map((r) => [r.rowNumber, ...r.cells]),
      [
        [2, '1', '2'],
        [3, '3', '4'],
        [4, '5', '6'],
      ],
    );
  });

  test('empty file, blank file and broken quoting are clear errors', async () => {
    await rejectsWith(readTable(Buffer.alloc(0), 'x.csv'), 'empty', /文件为空（?.*x\.csv/);
    await rejectsWith(readTable(Buffer.from('\n \n,,\n')), 'noHeader', /没有表头/);
    await rejectsWith(readTable(BOM), 'noHeader', /没有表头/);
    await rejectsWith(readTable(Buffer.from('a,b\n1,"2\n3,4')), 'unreadable', /CSV 格式错误/);
  });

  test('old .xls, UTF-16 text and binary junk are refused with advice', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await rejectsWith(readTable(xls, 'old.xls'), 'unsupportedFormat', /\.xls.*另存为/);
    await rejectsWith(readTable(Buffer.from('\ufeffa,b', 'utf16le')), 'unsupportedFormat', /UTF-16/);
    await rejectsWith(readTable(Buffer.from([0x61, 0x00, 0x62])), 'unsupportedFormat', /不是 CSV/);
  });
});

describe('readTable: XLSX', () => {
  test('first sheet, Chinese text, string IDs, dates, numbers and row numbers', async () => {
    const buf = await xlsx((ws, wb) => {
      ws.addRow(['姓名', ' 身份证号 ', '入会日期', '手机号', '金额']);
      ws.addRow(['王小明', '11010519491231002X', new Date(Date.UTC(2020, 2, 5)), 13812345678, 1234.5]);
      ws.addRow([]); // row 3 left empty
      ws.addRow(['  李四 ', '110105194912310021', new Date(Date.UTC(2021, 11, 31, 8, 30)), '13900001111', 0.1 + 0.2]);
      ws.getRow(5).getCell(1).value = { richText: [{ text: '赵' }, { text: '六' }] };
      // An ID typed into a number cell: the double cannot hold 18 digits, Excel keeps 15.
      ws.getRow(5).getCell(2).value = Number('110105194912310021');
      ws.getRow(5).getCell(4).value = { formula: 'A1', result: '13700000000' };
      ws.getRow(5).getCell(5).value = { text: '链接', hyperlink: 'https://example.com' };
      wb.addWorksheet('ignored').addRow(['other']);
    });
    assert.deepEqual(buf.subarray(0, 4), Buffer.from('PK\x03\x04', 'latin1'));
    const t = await readTable(buf, 'members.xlsx');
    assert.equal(t.encoding, 'xlsx');
    assert.deepEqual(t.headers, ['姓名', '身份证号', '入会日期', '手机号', '金额']);
    assert.deepEqual(t.rows, [
      { rowNumber: 2, cells: ['王小明', '11010519491231002X', '2020-03-05', '13812345678', '1234.5'] },
      { rowNumber: 4, cells: ['李四', '110105194912310021', '2021-12-31 08:30:00', '13900001111', '0.3'] },
      { rowNumber: 5, cells: ['赵六', '110105194912310000', '', '13700000000', '链接'] },
    ]);
    assert.ok(!t.rows.some((r) => r.cells.some((c) => /e\+/i.test(c))), 'no exponent notation');
  });

  test('rows are padded to the header width and a header below blank rows is found', async () => {
    const buf = await xlsx((ws) => {
      ws.getRow(3).values = ['a', 'b', 'c'];
      ws.getRow(4).values = ['1'];
      ws.getRow(6).values = [null, null, 'x'];
    });
    const t = await readTable(buf);
    assert.deepEqual(t.headers, ['a', 'b', 'c']);
    assert.deepEqual(t.rows, [
      { rowNumber: 4, cells: ['1', '', ''] },
      { rowNumber: 6, cells: ['', '', 'x'] },
    ]);
  });

  test('an empty sheet has no header; a broken zip is unreadable', async () => {
    await rejectsWith(readTable(await xlsx(() => {})), 'noHeader', /没有表头/);
    await rejectsWith(readTable(Buffer.from('PK\x03\x04garbage', 'latin1'), 'b.xlsx'), 'unreadable', /b\.xlsx/);
  });
});

describe('mapHeaders', () => {
  const aliases = {
    name: ['姓名', 'name'],
    idNumber: ['身份证号', 'ID Number'],
    phone: ['手机号', 'mobile'],
    bankName: ['开户行'],
  };

  test('matches aliases case-insensitively, ignoring spaces and full-width forms', () => {
    const m = mapHeaders(['NAME', ' 身份 证号 ', '备注', 'Ｍｏｂｉｌｅ', ''], aliases);
    assert.deepEqual(
      [...m.columns],
      [
        ['name', 0],
        ['idNumber', 1],
        ['phone', 3],
      ],
    );
    assert.deepEqual(m.unknown, ['备注']);
    assert.deepEqual(m.missing, ['bankName']);
    assert.deepEqual(m.duplicates, []);
  });

  test('the field name itself is accepted and "idnumber" equals "ID Number"', () => {
    assert.equal(mapHeaders(['idnumber'], aliases).columns.get('idNumber'), 0);
    assert.equal(mapHeaders(['bankName'], aliases).columns.get('bankName'), 0);
  });

  test('a second column for the same field is reported, the first one wins', () => {
    const m = mapHeaders(['姓名', 'name'], aliases);
    assert.equal(m.columns.get('name'), 0);
    assert.deepEqual(m.duplicates, ['name']);
    assert.deepEqual(m.unknown, []);
  });
});
