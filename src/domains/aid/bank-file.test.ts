import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTable } from '../../platform/tabular.ts';
import { bankFileCsv, bankFileXlsx, parseReturnFile } from './bank-file.ts';

const rows = [
  {
    reference: 'PB1-0001',
    payeeName: '李静',
    bankAccount: '6222020200112233445',
    bankName: '工行',
    amountFen: 800_000,
    memo: '互助金 SB2022-000001',
  },
  {
    reference: 'PB1-0002',
    payeeName: '=HYPERLINK()',
    bankAccount: '6222020200112233446',
    bankName: null,
    amountFen: 5,
    memo: 'x',
  },
];

test('bank file: masked names by default, full accounts, yuan with two decimals, formulas defused', async () => {
  const csv = bankFileCsv(rows, false);
  assert.ok(csv.startsWith('\uFEFF序号,付款参考号,收款人,收款账号'));
  assert.match(csv, /1,PB1-0001,李\*,6222020200112233445,工行,8000\.00,互助金 SB2022-000001\r\n/);
  assert.ok(bankFileCsv(rows, true).includes(`,"'=HYPERLINK()",`), 'a cell starting with = is quoted and prefixed');
  assert.match(csv, /,0\.05,/);
  assert.match(bankFileCsv(rows, true), /,李静,/);
  const xlsx = await bankFileXlsx(rows, false, 'PB1');
  const table = await readTable(xlsx);
  assert.deepEqual(table.rows[0]!.cells.slice(1, 6), ['PB1-0001', '李*', '6222020200112233445', '工行', '8000.00']);
});

test('return file: rows parsed, every bad row reported with row and column', async () => {
  const ok = await parseReturnFile(Buffer.from('付款参考号,状态,原因\nPB1-0001,成功,\nPB1-0002,failed,账户已销户\n'));
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.entries, [
    { row: 2, reference: 'PB1-0001', status: 'paid', reason: null },
    { row: 3, reference: 'PB1-0002', status: 'failed', reason: '账户已销户' },
  ]);
  const bad = await parseReturnFile(
    Buffer.from('reference,status,reason\nPB1-0001,maybe,\n,paid,\nPB1-0003,failed,\nPB1-0004,paid,\nPB1-0004,paid,\n'),
  );
  assert.deepEqual(
    bad.errors.map((e) => `${e.row}:${e.column}`),
    ['2:status', '3:reference', '4:reason', '6:reference'],
  );
  const noCols = await parseReturnFile(Buffer.from('a,b\n1,2\n'));
  assert.deepEqual(
    noCols.errors.map((e) => e.column),
    ['reference', 'status'],
  );
});
