import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createTestDb, testKey } from '../../../test/db.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from '../../seed/people.ts';
import { type ImportOptions, importMembers } from './member-import.service.ts';

// Top-level await: the database's clean-up registers on the file's root `after`.
const { db } = await createTestDb({ demo: true });
const cipher = createFieldCipher(testKey());
const TODAY = '2026-06-30';

const unionRows = await db.selectFrom('unions').select(['id', 'code', 'path', 'kind']).execute();
const union = (code: string) => {
  const u = unionRows.find((x) => x.code === code);
  assert.ok(u, code);
  return u;
};
const KW3 = union('BJ-CY-KW3');

/** People born 1950–1960, so that none of them collides with a demo member (born 1966 or later). */
const r = prng(20260630);
let cardSeq = 0;
function person() {
  cardSeq++;
  return {
    name: chineseName(r),
    phone: mobilePhone(r),
    idNumber: idNumberFor(r, '110105', randomBirth(r, 1950, 1960)),
    cardNo: `HZ2099${String(cardSeq).padStart(6, '0')}`,
    bank: bankCardNumber(r),
  };
}
type Person = ReturnType<typeof person>;

const HEADERS = ['姓名', '手机号', '身份证号', '互助卡号', '卡生效日期', '卡失效日期', '银行卡号', '开户行'];
const cells = (p: Person) => [p.name, p.phone, p.idNumber, p.cardNo, '2024-01-01', '2027-12-31', p.bank, '北京银行'];

/** A CSV as Excel on a Chinese Windows saves it: GB18030 (GBK), CRLF. */
function gbCsv(rows: string[][], headers = HEADERS): Buffer {
  const text = [headers, ...rows].map((row) => row.join(',')).join('\r\n');
  return iconv.encode(`${text}\r\n`, 'gb18030');
}

/** A wrong check character: the 18th character replaced by another valid one. */
function wrongCheck(id: string): string {
  return id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
}

function options(overrides: Partial<ImportOptions> = {}): ImportOptions {
  return {
    fileName: 'members.csv',
    targetUnion: KW3,
    scopePath: null,
    dryRun: false,
    skipInvalid: false,
    actor: null,
    today: TODAY,
    ...overrides,
  };
}

async function counts() {
  const n = async (table: 'members' | 'aidCards' | 'memberStatusHistory' | 'aidCardStatusHistory' | 'auditLog') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    members: await n('members'),
    aidCards: await n('aidCards'),
    memberStatusHistory: await n('memberStatusHistory'),
    aidCardStatusHistory: await n('aidCardStatusHistory'),
    auditLog: await n('auditLog'),
  };
}

async function memberByIdNumber(idNumber: string) {
  return db
    .selectFrom('members')
    .selectAll()
    .where('idNumberHash', '=', cipher.hash('idNumber', idNumber))
    .executeTakeFirst();
}

const where = (errors: { row: number; column: string; field: string }[]) =>
  errors.map((e) => `${e.row}:${e.column}:${e.field}`);

describe('a GB18030 CSV with one bad row', () => {
  const people = [person(), person(), person(), person()];
  const rows = people.map(cells);
  rows[1]![2] = wrongCheck(people[1]!.idNumber); // spreadsheet row 3
  const file = gbCsv(rows);

  test('is really GB18030, not UTF-8', () => {
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(file));
  });

  test('all-or-nothing: the bad row is named by row and column, and nothing is written', async () => {
    const before = await counts();
    const report = await importMembers(db, cipher, file, options());
    assert.deepEqual(where(report.errors), ['3:身份证号:idNumber']);
    assert.match(report.errors[0]!.message['zh-CN'], /校验位/);
    assert.match(report.errors[0]!.message.en, /check character/);
    assert.equal(report.applied, false);
    assert.equal(report.total, 4);
    assert.equal(report.skipped, 1);
    assert.equal(report.inserted + report.updated + report.unchanged, 0);
    assert.deepEqual(await counts(), before);
    for (const p of people) assert.equal(await memberByIdNumber(p.idNumber), undefined);
  });

  test('with skipInvalid the good rows are written and the bad one is reported', async () => {
    const before = await counts();
    const report = await importMembers(db, cipher, file, options({ skipInvalid: true }));
    assert.deepEqual(where(report.errors), ['3:身份证号:idNumber']);
    assert.equal(report.applied, true);
    assert.deepEqual([report.inserted, report.updated, report.unchanged, report.skipped], [3, 0, 0, 1]);
    const after = await counts();
    assert.equal(after.members, before.members + 3);
    assert.equal(after.aidCards, before.aidCards + 3);
    assert.equal(after.memberStatusHistory, before.memberStatusHistory + 3);
    assert.equal(after.auditLog, before.auditLog + 1);
    const written = await memberByIdNumber(people[0]!.idNumber);
    assert.ok(written);
    assert.equal(written.name, people[0]!.name);
    assert.equal(written.unionId, KW3.id);
    assert.equal(written.unionPath, KW3.path);
    assert.equal(await memberByIdNumber(people[1]!.idNumber), undefined);
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'members.import');
    assert.equal((audit.detail as { inserted: number }).inserted, 3);
  });
});

describe('re-importing', () => {
  const people = [person(), person(), person()];
  const file = gbCsv(people.map(cells));

  test('the same good file again: every row unchanged, no new rows anywhere', async () => {
    const first = await importMembers(db, cipher, file, options());
    assert.deepEqual([first.inserted, first.errors.length, first.applied], [3, 0, true]);
    const before = await counts();
    const again = await importMembers(db, cipher, file, options());
    assert.deepEqual(again.errors, []);
    assert.deepEqual([again.inserted, again.updated, again.unchanged, again.skipped], [0, 0, 3, 0]);
    const after = await counts();
    assert.equal(after.members, before.members);
    assert.equal(after.aidCards, before.aidCards);
    assert.equal(after.memberStatusHistory, before.memberStatusHistory);
    assert.equal(after.aidCardStatusHistory, before.aidCardStatusHistory);
  });

  test('a changed phone number: that row updated, the others unchanged', async () => {
    const rows = people.map(cells);
    rows[2]![1] = '13911112222';
    const before = await counts();
    const report = await importMembers(db, cipher, gbCsv(rows), options());
    assert.deepEqual([report.inserted, report.updated, report.unchanged], [0, 1, 2]);
    assert.equal((await memberByIdNumber(people[2]!.idNumber))?.phone, '13911112222');
    const after = await counts();
    assert.equal(after.members, before.members);
    assert.equal(after.memberStatusHistory, before.memberStatusHistory);
  });

  test('the same ID number written with a lower-case x matches the existing member', async () => {
    let withX = person();
    for (let i = 0; i < 500 && !withX.idNumber.endsWith('X'); i++) withX = person();
    assert.ok(withX.idNumber.endsWith('X'));
    const first = await importMembers(db, cipher, gbCsv([cells(withX)]), options());
    assert.equal(first.inserted, 1);
    const lower = cells(withX);
    lower[2] = withX.idNumber.toLowerCase();
    const again = await importMembers(db, cipher, gbCsv([lower]), options());
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 1]);
  });

  test('a member moving to another union is transferred, with history on both sides', async () => {
    const p = person();
    const headers = [...HEADERS, '工会编码'];
    const first = await importMembers(db, cipher, gbCsv([[...cells(p), 'BJ-CY-KW3']], headers), options());
    assert.equal(first.inserted, 1);
    const moved = await importMembers(db, cipher, gbCsv([[...cells(p), 'BJ-CY-JMZZ']], headers), options());
    assert.deepEqual([moved.inserted, moved.updated], [0, 1]);
    const member = await memberByIdNumber(p.idNumber);
    assert.equal(member?.unionId, union('BJ-CY-JMZZ').id);
    assert.equal(member?.unionPath, union('BJ-CY-JMZZ').path);
    const history = await db
      .selectFrom('memberStatusHistory')
      .select(['status', 'unionId', 'reason'])
      .where('memberId', '=', member!.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(history, [
      { status: 'active', unionId: KW3.id, reason: 'joined' },
      { status: 'transferred', unionId: KW3.id, reason: 'transferred out' },
      { status: 'active', unionId: union('BJ-CY-JMZZ').id, reason: 'transferred in' },
    ]);
  });
});

describe('a dry run', () => {
  test('counts what would happen and writes nothing', async () => {
    const existing = person();
    assert.equal((await importMembers(db, cipher, gbCsv([cells(existing)]), options())).inserted, 1);
    const changed = cells(existing);
    changed[0] = `${existing.name}新`;
    const file = gbCsv([cells(person()), cells(person()), changed]);
    const before = await counts();
    const report = await importMembers(db, cipher, file, options({ dryRun: true }));
    assert.deepEqual(report.errors, []);
    assert.deepEqual([report.inserted, report.updated, report.unchanged], [2, 1, 0]);
    assert.equal(report.dryRun, true);
    assert.equal(report.applied, false);
    assert.deepEqual(await counts(), before);
    assert.equal((await memberByIdNumber(existing.idNumber))?.name, existing.name);
  });
});

describe('rules across rows and against the database', () => {
  test('a duplicate ID number in the file and a card owned by another member are reported on their rows', async () => {
    const [a, b, c, d] = [person(), person(), person(), person()];
    const dup = cells(c);
    dup[2] = a.idNumber; // row 4 repeats row 2's ID number
    const taken = cells(d);
    taken[3] = 'HZ2015000001'; // row 5: 李静's card in the demo data
    const before = await counts();
    const report = await importMembers(db, cipher, gbCsv([cells(a), cells(b), dup, taken]), options());
    assert.deepEqual(where(report.errors), ['4:身份证号:idNumber', '5:互助卡号:cardNo']);
    assert.match(report.errors[0]!.message['zh-CN'], /第 2 行/);
    assert.match(report.errors[0]!.message.en, /row 2/);
    assert.match(report.errors[1]!.message.en, /belongs to another member/);
    assert.equal(report.applied, false);
    assert.deepEqual(await counts(), before);
  });

  test('the same card number twice in the file, for two people, is reported on the second row', async () => {
    const [a, b] = [person(), person()];
    const second = cells(b);
    second[3] = a.cardNo;
    const report = await importMembers(db, cipher, gbCsv([cells(a), second]), options({ dryRun: true }));
    assert.deepEqual(where(report.errors), ['3:互助卡号:cardNo']);
  });

  test('a row naming a union outside the importer’s subtree is refused', async () => {
    const headers = ['姓名', '手机号', '身份证号', '工会编码'];
    const [a, b] = [person(), person()];
    const file = gbCsv(
      [
        [a.name, a.phone, a.idNumber, 'BJ-CP-CKDZ'],
        [b.name, b.phone, b.idNumber, 'BJ-CY-KW3'],
      ],
      headers,
    );
    const before = await counts();
    const report = await importMembers(
      db,
      cipher,
      file,
      options({ targetUnion: null, scopePath: union('BJ-CP').path, skipInvalid: true }),
    );
    assert.deepEqual(where(report.errors), ['3:工会编码:unionCode']);
    assert.match(report.errors[0]!.message.en, /outside your union subtree/);
    assert.deepEqual([report.inserted, report.skipped], [1, 1]);
    assert.equal((await memberByIdNumber(a.idNumber))?.unionId, union('BJ-CP-CKDZ').id);
    assert.equal(await memberByIdNumber(b.idNumber), undefined);
    assert.equal((await counts()).members, before.members + 1);
  });

  test('an unknown union code and a district (not a workplace) are refused', async () => {
    const headers = ['姓名', '手机号', '身份证号', '工会编码'];
    const [a, b] = [person(), person()];
    const file = gbCsv(
      [
        [a.name, a.phone, a.idNumber, 'NOPE'],
        [b.name, b.phone, b.idNumber, 'BJ-CY'],
      ],
      headers,
    );
    const report = await importMembers(db, cipher, file, options({ targetUnion: null }));
    assert.deepEqual(where(report.errors), ['2:工会编码:unionCode', '3:工会编码:unionCode']);
    assert.match(report.errors[1]!.message.en, /workplace union/);
  });
});

describe('files that cannot be imported at all', () => {
  test('a file without the 身份证号 column is refused at row 1', async () => {
    const p = person();
    const file = gbCsv([[p.name, p.phone]], ['姓名', '手机号']);
    const report = await importMembers(db, cipher, file, options());
    assert.deepEqual(where(report.errors), ['1:身份证号:idNumber']);
    assert.match(report.errors[0]!.message['zh-CN'], /缺少“身份证号”列/);
    assert.equal(report.applied, false);
  });

  test('without a target union, a file without 工会编码 is refused at row 1', async () => {
    const p = person();
    const file = gbCsv([[p.name, p.phone, p.idNumber]], ['姓名', '手机号', '身份证号']);
    const report = await importMembers(db, cipher, file, options({ targetUnion: null }));
    assert.deepEqual(where(report.errors), ['1:工会编码:unionCode']);
  });

  test('an empty file gives one file-level error', async () => {
    const report = await importMembers(db, cipher, Buffer.alloc(0), options({ fileName: 'empty.csv' }));
    assert.equal(report.errors.length, 1);
    assert.deepEqual([report.errors[0]!.row, report.errors[0]!.field], [0, 'file']);
    assert.match(report.errors[0]!.message['zh-CN'], /文件为空/);
    assert.match(report.errors[0]!.message.en, /empty.*empty\.csv/);
    assert.equal(report.applied, false);
  });

  test('random binary gives one file-level error, not a list of nonsense rows', async () => {
    const before = await counts();
    // Deterministic junk; a real PNG starts with its signature and the IHDR chunk (whose length has NUL bytes).
    const noise = prng(404);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => noise.int(0, 255)));
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000200000002008060000', 'hex'), junk]);
    for (const bytes of [junk, png]) {
      const report = await importMembers(db, cipher, bytes, options({ fileName: 'photo.png' }));
      assert.equal(report.errors.length, 1, JSON.stringify(report.errors));
      assert.deepEqual([report.errors[0]!.row, report.errors[0]!.field], [0, 'file']);
      assert.match(report.errors[0]!.message.en, /not a CSV or Excel|not supported|Cannot read/);
    }
    assert.deepEqual(await counts(), before);
  });

  test('a damaged XLSX (zip signature, broken body) gives a file-level error', async () => {
    const noise = prng(405);
    const bytes = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.from(Array.from({ length: 300 }, () => noise.int(0, 255))),
    ]);
    const report = await importMembers(db, cipher, bytes, options({ fileName: 'broken.xlsx' }));
    assert.deepEqual(where(report.errors), ['0::file']);
    assert.match(report.errors[0]!.message['zh-CN'], /无法读取 Excel 文件/);
  });
});

describe('an XLSX with English headers', () => {
  test('an ID number stored as a number (shown in scientific form) is reported on its row', async () => {
    const [a, b, c] = [person(), person(), person()];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Members');
    ws.addRow(['name', 'phone', 'idNumber', 'cardNo', 'cardValidFrom', 'cardValidTo']);
    ws.addRow([a.name, a.phone, a.idNumber, a.cardNo, '2024-01-01', '2027-12-31']);
    ws.addRow([b.name, b.phone, Number(b.idNumber.slice(0, 17)) * 10, b.cardNo, '2024-01-01', '2027-12-31']);
    ws.getCell('C3').numFmt = '0.00E+00';
    ws.addRow([
      c.name,
      c.phone,
      c.idNumber,
      c.cardNo,
      new Date(Date.UTC(2024, 0, 1)),
      new Date(Date.UTC(2027, 11, 31)),
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await counts();
    const report = await importMembers(db, cipher, file, options({ fileName: 'members.xlsx' }));
    assert.deepEqual(where(report.errors), ['3:idNumber:idNumber']);
    assert.match(report.errors[0]!.message['zh-CN'], /科学计数法/);
    assert.match(report.errors[0]!.message.en, /scientific notation/);
    assert.deepEqual(await counts(), before);

    const skipping = await importMembers(db, cipher, file, options({ fileName: 'members.xlsx', skipInvalid: true }));
    assert.deepEqual([skipping.inserted, skipping.skipped], [2, 1]);
    const cardOfC = await db
      .selectFrom('aidCards')
      .select(['validFrom', 'validTo'])
      .where('cardNo', '=', c.cardNo)
      .executeTakeFirstOrThrow();
    assert.deepEqual(cardOfC, { validFrom: '2024-01-01', validTo: '2027-12-31' });
  });
});
