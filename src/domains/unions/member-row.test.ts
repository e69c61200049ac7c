import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  luhnValid,
  MEMBER_IMPORT_COLUMNS,
  type MemberField,
  parseImportDate,
  parseMemberRow,
  resolveMemberColumns,
} from './member-row.ts';

const TODAY = '2025-06-15';
const ZH_HEADERS = Object.values(MEMBER_IMPORT_COLUMNS).map((aliases) => aliases[0]);
const { columns } = resolveMemberColumns(ZH_HEADERS);
const FIELDS = Object.keys(MEMBER_IMPORT_COLUMNS) as MemberField[];

const BASE: Record<MemberField, string> = {
  name: '王小明',
  phone: '13812345678',
  idNumber: '11010519491231002X',
  unionCode: 'BJ-CY-0001',
  joinedOn: '2020-03-05',
  cardNo: 'HZ2024000123',
  cardValidFrom: '2024-01-01',
  cardValidTo: '2024-12-31',
  bankAccount: '6222020200112233446',
  bankName: '中国工商银行北京朝阳支行',
};

function cells(over: Partial<Record<MemberField, string>> = {}): string[] {
  return FIELDS.map((f) => over[f] ?? BASE[f]);
}

function errorsOf(over: Partial<Record<MemberField, string>>, opts = {}) {
  const r = parseMemberRow(cells(over), columns, 7, TODAY, opts);
  assert.equal(r.ok, false, 'expected the row to be rejected');
  return r.ok ? [] : r.errors;
}

describe('parseMemberRow: a good row', () => {
  test('is normalised into a MemberImportRow', () => {
    const r = parseMemberRow(
      cells({
        phone: '+86 138-1234-5678',
        idNumber: '11010519491231002x',
        joinedOn: '2020/3/5',
        bankAccount: '6222 0202 0011 2233 446',
      }),
      columns,
      2,
      TODAY,
    );
    assert.deepEqual(r, {
      ok: true,
      value: {
        rowNumber: 2,
        name: '王小明',
        phone: '13812345678',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: 'female',
        unionCode: 'BJ-CY-0001',
        joinedOn: '2020-03-05',
        card: { cardNo: 'HZ2024000123', validFrom: '2024-01-01', validTo: '2024-12-31' },
        bankAccount: '6222020200112233446',
        bankName: '中国工商银行北京朝阳支行',
      },
    });
  });

  test('only the required columns filled', () => {
    const empty = {
      unionCode: '',
      joinedOn: '',
      cardNo: '',
      cardValidFrom: '',
      cardValidTo: '',
      bankAccount: '',
      bankName: '',
    };
    const r = parseMemberRow(cells(empty), columns, 2, TODAY);
    assert.ok(r.ok);
    assert.equal(r.value.unionCode, null);
    assert.equal(r.value.joinedOn, null);
    assert.equal(r.value.card, null);
    assert.equal(r.value.bankAccount, null);
    assert.equal(r.value.bankName, null);
  });

  test('a file with only name/phone/id columns, in English, in another order, short row', () => {
    const resolved = resolveMemberColumns(['ID Number', 'Name', 'phone']);
    assert.deepEqual(resolved.missingRequired, []);
    const r = parseMemberRow(['11010519491231002X', '李四', '13900001111'], resolved.columns, 2, TODAY);
    assert.ok(r.ok);
    assert.equal(r.value.name, '李四');
  });
});

describe('parseMemberRow: each rule', () => {
  const cases: [string, Partial<Record<MemberField, string>>, MemberField, string][] = [
    ['name missing', { name: '' }, 'name', 'required'],
    ['name only spaces', { name: '   ' }, 'name', 'required'],
    ['name 51 chars', { name: '王'.repeat(51) }, 'name', 'tooLong'],
    ['name with digits (shifted columns)', { name: '13812345678' }, 'name', 'invalidName'],
    ['phone missing', { phone: '' }, 'phone', 'required'],
    ['phone landline', { phone: '010-12345678' }, 'phone', 'invalidPhone'],
    ['phone 10 digits', { phone: '1381234567' }, 'phone', 'invalidPhone'],
    ['id missing', { idNumber: '' }, 'idNumber', 'required'],
    ['id 15 digits', { idNumber: '110105491231002' }, 'idNumber', 'idLength'],
    ['id with letter', { idNumber: '1101051949A231002X' }, 'idNumber', 'idFormat'],
    ['id birth date 13th month', { idNumber: '110105194913310025' }, 'idNumber', 'idBirthDate'],
    ['id wrong check character', { idNumber: '110105194912310021' }, 'idNumber', 'idCheckCharacter'],
    ['id in scientific notation', { idNumber: '1.10105E+17' }, 'idNumber', 'idScientificNotation'],
    ['joinedOn not a date', { joinedOn: '2020-02-30' }, 'joinedOn', 'invalidDate'],
    ['joinedOn free text', { joinedOn: '去年' }, 'joinedOn', 'invalidDate'],
    ['joinedOn tomorrow', { joinedOn: '2025-06-16' }, 'joinedOn', 'futureDate'],
    ['joinedOn before birth', { joinedOn: '1949-12-30' }, 'joinedOn', 'beforeBirth'],
    ['cardNo too short', { cardNo: 'HZ123' }, 'cardNo', 'invalidCardNo'],
    ['cardNo 33 chars', { cardNo: 'A'.repeat(33) }, 'cardNo', 'invalidCardNo'],
    ['cardNo with dash', { cardNo: 'HZ-2024-0001' }, 'cardNo', 'invalidCardNo'],
    ['card without validFrom', { cardValidFrom: '' }, 'cardValidFrom', 'required'],
    ['card without validTo', { cardValidTo: '' }, 'cardValidTo', 'required'],
    ['card dates without cardNo', { cardNo: '' }, 'cardNo', 'cardNoRequired'],
    ['validFrom bad', { cardValidFrom: '2024-13-01' }, 'cardValidFrom', 'invalidDate'],
    ['validTo equal to validFrom', { cardValidTo: '2024-01-01' }, 'cardValidTo', 'cardValidToNotAfterFrom'],
    ['validTo before validFrom', { cardValidTo: '2023-12-31' }, 'cardValidTo', 'cardValidToNotAfterFrom'],
    ['bank account 11 digits', { bankAccount: '62220202001' }, 'bankAccount', 'invalidBankAccount'],
    ['bank account 20 digits', { bankAccount: '62220202001122334460' }, 'bankAccount', 'invalidBankAccount'],
    ['bank account with letter', { bankAccount: '6222020200112233A46' }, 'bankAccount', 'invalidBankAccount'],
    ['bank account Luhn typo', { bankAccount: '6222020200112233445' }, 'bankAccount', 'bankAccountCheck'],
    ['bank name 101 chars', { bankName: '行'.repeat(101) }, 'bankName', 'tooLong'],
    ['unionCode 65 chars', { unionCode: 'U'.repeat(65) }, 'unionCode', 'tooLong'],
  ];
  for (const [label, over, field, code] of cases) {
    test(`${label} → ${field}.${code}`, () => {
      const errors = errorsOf(over);
      assert.deepEqual(
        errors.map((e) => [e.field, e.code]),
        [[field, code]],
      );
      const e = errors[0]!;
      assert.equal(e.row, 7);
      assert.equal(e.column, MEMBER_IMPORT_COLUMNS[field][0]);
      assert.ok(e.message['zh-CN'].length > 0 && e.message.en.length > 0);
      assert.doesNotMatch(e.message['zh-CN'], /undefined/);
    });
  }

  test('future card dates are fine (cards are issued ahead)', () => {
    const r = parseMemberRow(cells({ cardValidFrom: '2026-01-01', cardValidTo: '2026-12-31' }), columns, 2, TODAY);
    assert.ok(r.ok);
  });

  test('joinedOn today is accepted', () => {
    assert.ok(parseMemberRow(cells({ joinedOn: TODAY }), columns, 2, TODAY).ok);
  });

  test('bilingual message for the check character', () => {
    const [e] = errorsOf({ idNumber: '110105194912310021' });
    assert.deepEqual(e?.message, { 'zh-CN': '身份证号校验位错误', en: 'ID number check character is wrong' });
  });
});

describe('parseMemberRow: reporting', () => {
  test('every bad cell of the row is reported, in column order', () => {
    const errors = errorsOf({
      name: '',
      phone: '12345',
      idNumber: '110105194912310021',
      joinedOn: '2030-01-01',
      cardValidTo: '2023-01-01',
      bankAccount: '123',
    });
    assert.deepEqual(
      errors.map((e) => `${e.field}.${e.code}`),
      [
        'name.required',
        'phone.invalidPhone',
        'idNumber.idCheckCharacter',
        'joinedOn.futureDate',
        'cardValidTo.cardValidToNotAfterFrom',
        'bankAccount.invalidBankAccount',
      ],
    );
  });

  test('column is the header as written in the file', () => {
    const headers = [' Name ', '手机号码', 'idnumber', '入会时间'];
    const resolved = resolveMemberColumns(headers);
    const r = parseMemberRow(['', '1', '2', 'x'], resolved.columns, 9, TODAY);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.column]),
      [
        [9, 'Name'],
        [9, '手机号码'],
        [9, 'idnumber'],
        [9, '入会时间'],
      ],
    );
  });

  test('unionCode is required only when the import does not target one union', () => {
    const noUnion = cells({ unionCode: '' });
    assert.ok(parseMemberRow(noUnion, columns, 2, TODAY).ok);
    const r = parseMemberRow(noUnion, columns, 2, TODAY, { unionCodeRequired: true });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.code]),
      [['unionCode', 'required']],
    );
  });

  test('an absent required column is reported under its canonical header', () => {
    const resolved = resolveMemberColumns(['姓名', '身份证号']);
    assert.deepEqual(resolved.missingRequired, ['phone']);
    const r = parseMemberRow(['王小明', '11010519491231002X'], resolved.columns, 2, TODAY);
    assert.ok(!r.ok);
    assert.deepEqual(r.errors[0]?.column, '手机号');
  });
});

describe('resolveMemberColumns', () => {
  test('reports missing required, unknown and duplicate headers', () => {
    const r = resolveMemberColumns(['姓名', 'name', '备注', '身份证号'], { unionCodeRequired: true });
    assert.deepEqual(r.missingRequired, ['phone', 'unionCode']);
    assert.deepEqual(r.unknown, ['备注']);
    assert.deepEqual(r.duplicates, ['name']);
    assert.deepEqual(r.columns.get('idNumber'), { index: 3, header: '身份证号' });
  });

  test('every Chinese and English alias in the table resolves to its field', () => {
    for (const [field, aliases] of Object.entries(MEMBER_IMPORT_COLUMNS)) {
      for (const alias of aliases) {
        assert.equal(resolveMemberColumns([alias]).columns.get(field as MemberField)?.index, 0, alias);
      }
    }
  });
});

describe('parseImportDate', () => {
  const cases: [string, string | null][] = [
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['20240301', '2024-03-01'],
    [' 2024-12-31 ', '2024-12-31'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2024-3', null],
    ['24/3/1', null],
    ['1899-12-31', null],
    ['2024-03-01 08:30:00', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseImportDate(input), expected));
  }
});

describe('luhnValid', () => {
  test('known numbers', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('6222020200112233446'), true);
    assert.equal(luhnValid('6222020200112233445'), false);
    assert.equal(luhnValid(''), false);
    assert.equal(luhnValid('12a4'), false);
  });

  test('every single-digit change of a valid number is caught', () => {
    const good = '6222020200112233446';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = `${good.slice(0, i)}${d}${good.slice(i + 1)}`;
        if (changed !== good) assert.equal(luhnValid(changed), false, changed);
      }
    }
  });
});
