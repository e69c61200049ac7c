/**
 * Validation of one row of a member import (`unioncare members import` and the console upload). Pure: the caller
 * reads the file (platform/tabular), resolves headers once, then feeds rows here and collects every error so the
 * clerk can fix the whole spreadsheet in one pass instead of one cell per upload.
 */
import { mapHeaders } from '../../platform/tabular.ts';
import { type IdNumberProblem, isCalendarDate, validateIdNumber } from './id-number.ts';
import { normalisePhone } from './phone.ts';

/** Accepted headers per field; the first entry is the canonical Chinese header used in the template. */
export const MEMBER_IMPORT_COLUMNS = {
  name: ['姓名', 'name', '会员姓名'],
  phone: ['手机号', 'phone', '手机', '手机号码', 'mobile'],
  idNumber: ['身份证号', 'idNumber', '身份证号码', '身份证', '公民身份号码'],
  unionCode: ['工会编码', 'unionCode', '工会代码'],
  joinedOn: ['入会日期', 'joinedOn', '入会时间'],
  cardNo: ['互助卡号', 'cardNo', '卡号', '互助服务卡号'],
  cardValidFrom: ['卡生效日期', 'cardValidFrom', '生效日期'],
  cardValidTo: ['卡失效日期', 'cardValidTo', '失效日期'],
  bankAccount: ['银行卡号', 'bankAccount', '银行账号'],
  bankName: ['开户行', 'bankName', '开户银行'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

export type MemberField = keyof typeof MEMBER_IMPORT_COLUMNS;

const EN_LABEL: Record<MemberField, string> = {
  name: 'Name',
  phone: 'Mobile number',
  idNumber: 'ID number',
  unionCode: 'Union code',
  joinedOn: 'Join date',
  cardNo: 'Aid card number',
  cardValidFrom: 'Card valid-from date',
  cardValidTo: 'Card valid-to date',
  bankAccount: 'Bank account number',
  bankName: 'Bank name',
};

export interface MemberImportRow {
  rowNumber: number;
  name: string;
  /** Canonical 11 digits. */
  phone: string;
  /** Canonical 18 characters, upper-case X. */
  idNumber: string;
  /** Derived from the ID number. */
  birthDate: string;
  gender: 'male' | 'female';
  unionCode: string | null;
  joinedOn: string | null;
  card: { cardNo: string; validFrom: string; validTo: string } | null;
  /** Digits only. */
  bankAccount: string | null;
  bankName: string | null;
}

export type MemberRowErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidName'
  | 'invalidPhone'
  | 'idLength'
  | 'idFormat'
  | 'idBirthDate'
  | 'idCheckCharacter'
  | 'idScientificNotation'
  | 'invalidDate'
  | 'futureDate'
  | 'beforeBirth'
  | 'invalidCardNo'
  | 'cardNoRequired'
  | 'cardValidToNotAfterFrom'
  | 'invalidBankAccount'
  | 'bankAccountCheck';

export interface MemberRowError {
  row: number;
  /** The header as written in the file, or the canonical Chinese header when the column is absent. */
  column: string;
  field: MemberField;
  code: MemberRowErrorCode;
  message: { 'zh-CN': string; en: string };
}

/** Where each field sits in this file and what its header says, from {@link resolveMemberColumns}. */
export type MemberColumns = ReadonlyMap<MemberField, { index: number; header: string }>;

export interface MemberImportOptions {
  /** True when the import does not target one union, so every row must say which union the member joins. */
  unionCodeRequired?: boolean;
}

const ALWAYS_REQUIRED: readonly MemberField[] = ['name', 'phone', 'idNumber'];

function requiredFields(opts: MemberImportOptions): MemberField[] {
  return opts.unionCodeRequired ? [...ALWAYS_REQUIRED, 'unionCode'] : [...ALWAYS_REQUIRED];
}

/**
 * Resolves the header row once per file. `missingRequired` non-empty means the whole file should be refused before
 * any row is read (otherwise every row would repeat the same "required" error).
 */
export function resolveMemberColumns(
  headers: readonly string[],
  opts: MemberImportOptions = {},
): { columns: MemberColumns; missingRequired: MemberField[]; unknown: string[]; duplicates: string[] } {
  const mapped = mapHeaders(headers, MEMBER_IMPORT_COLUMNS);
  const columns = new Map<MemberField, { index: number; header: string }>();
  for (const [field, index] of mapped.columns) columns.set(field, { index, header: headers[index]!.trim() });
  const missingRequired = requiredFields(opts).filter((f) => !columns.has(f));
  return { columns, missingRequired, unknown: mapped.unknown, duplicates: mapped.duplicates };
}

/** Luhn (mod 10) check used by UnionPay debit cards; catches single-digit typos and most transpositions. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * YYYY-MM-DD from the forms clerks type: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301. Null when the text
 * is not a real calendar date.
 */
export function parseImportDate(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || !isCalendarDate(y, mo, d)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type Messages = { 'zh-CN': string; en: string };

function message(code: MemberRowErrorCode, field: MemberField, max?: number): Messages {
  const zh = MEMBER_IMPORT_COLUMNS[field][0];
  const en = EN_LABEL[field];
  switch (code) {
    case 'required':
      return { 'zh-CN': `${zh}不能为空`, en: `${en} is required` };
    case 'tooLong':
      return { 'zh-CN': `${zh}不能超过 ${max} 个字符`, en: `${en} must be at most ${max} characters` };
    case 'invalidName':
      return { 'zh-CN': '姓名不能包含数字或控制字符', en: 'Name must not contain digits or control characters' };
    case 'invalidPhone':
      return {
        'zh-CN': '手机号不是有效的中国大陆手机号码（11 位，以 13–19 开头）',
        en: 'Mobile number must be a mainland China mobile number (11 digits starting 13–19)',
      };
    case 'idLength':
      return { 'zh-CN': '身份证号应为 18 位', en: 'ID number must be 18 characters long' };
    case 'idFormat':
      return {
        'zh-CN': '身份证号只能包含数字，最后一位可以是 X',
        en: 'ID number may contain only digits, with X allowed as the last character',
      };
    case 'idBirthDate':
      return { 'zh-CN': '身份证号中的出生日期无效', en: 'The birth date inside the ID number is not valid' };
    case 'idCheckCharacter':
      return { 'zh-CN': '身份证号校验位错误', en: 'ID number check character is wrong' };
    case 'idScientificNotation':
      return {
        'zh-CN': '身份证号被 Excel 转成了科学计数法，请将该列设为“文本”格式后重新填写',
        en: 'Excel turned the ID number into scientific notation; format the column as Text and re-enter it',
      };
    case 'invalidDate':
      return {
        'zh-CN': `${zh}不是有效日期（格式如 2024-03-01 或 2024/3/1）`,
        en: `${en} is not a valid date (use 2024-03-01 or 2024/3/1)`,
      };
    case 'futureDate':
      return { 'zh-CN': `${zh}不能晚于今天`, en: `${en} cannot be in the future` };
    case 'beforeBirth':
      return { 'zh-CN': `${zh}早于身份证号中的出生日期`, en: `${en} is before the birth date in the ID number` };
    case 'invalidCardNo':
      return { 'zh-CN': '互助卡号应为 6–32 位字母或数字', en: 'Aid card number must be 6–32 letters or digits' };
    case 'cardNoRequired':
      return {
        'zh-CN': '填写了卡生效/失效日期，但没有填写互助卡号',
        en: 'Card validity dates are given without an aid card number',
      };
    case 'cardValidToNotAfterFrom':
      return { 'zh-CN': '卡失效日期必须晚于卡生效日期', en: 'Card valid-to date must be after the valid-from date' };
    case 'invalidBankAccount':
      return { 'zh-CN': '银行卡号应为 12–19 位数字', en: 'Bank account number must be 12–19 digits' };
    case 'bankAccountCheck':
      return {
        'zh-CN': '银行卡号校验失败，请核对是否输错',
        en: 'Bank account number fails its check digit; please check for typos',
      };
  }
}

const ID_CODES: Record<IdNumberProblem, MemberRowErrorCode> = {
  length: 'idLength',
  format: 'idFormat',
  birthDate: 'idBirthDate',
  checkCharacter: 'idCheckCharacter',
};

/**
 * An ID number that Excel stored as a number: shown as 1.10105E+17 in a CSV, or (from an XLSX number cell) as the
 * 15 significant digits Excel keeps followed by 000. Only consulted for numbers that already failed validation.
 */
const EXCEL_NUMBER = /^(?:\d(?:\.\d+)?e\+?\d+|\d{15}000)$/i;

const MAX_NAME = 50;
const MAX_UNION_CODE = 64;
const MAX_BANK_NAME = 100;

/**
 * Validates one data row. Every bad cell is reported (not just the first), each with the header the clerk wrote
 * and a message in both UI languages. Cross-row rules (the same ID twice in a file, unknown union codes) belong to
 * the caller, which has the whole file and the database.
 *
 * @param cells the row's cells; missing trailing cells count as empty
 * @param today YYYY-MM-DD in Asia/Shanghai, passed in so results do not depend on the clock
 */
export function parseMemberRow(
  cells: readonly string[],
  columns: MemberColumns,
  rowNumber: number,
  today: string,
  opts: MemberImportOptions = {},
): { ok: true; value: MemberImportRow } | { ok: false; errors: MemberRowError[] } {
  const errors: MemberRowError[] = [];
  const cell = (field: MemberField): string => {
    const col = columns.get(field);
    return col ? (cells[col.index] ?? '').trim() : '';
  };
  const fail = (field: MemberField, code: MemberRowErrorCode, max?: number): void => {
    errors.push({
      row: rowNumber,
      column: columns.get(field)?.header ?? MEMBER_IMPORT_COLUMNS[field][0],
      field,
      code,
      message: message(code, field, max),
    });
  };
  const optionalText = (field: MemberField, max: number): string | null => {
    const v = cell(field);
    if (v === '') return null;
    if (Array.from(v).length > max) fail(field, 'tooLong', max);
    return v;
  };
  const date = (field: MemberField, notAfterToday: boolean): string | null => {
    const raw = cell(field);
    if (raw === '') return null;
    const d = parseImportDate(raw);
    if (d === null) fail(field, 'invalidDate');
    else if (notAfterToday && d > today) fail(field, 'futureDate');
    return d;
  };
  for (const field of requiredFields(opts)) if (cell(field) === '') fail(field, 'required');

  const name = cell('name').replace(/\s+/g, ' ');
  if (name !== '') {
    if (Array.from(name).length > MAX_NAME) fail('name', 'tooLong', MAX_NAME);
    if (/[\p{Nd}\p{Cc}]/u.test(name)) fail('name', 'invalidName');
  }

  const phoneRaw = cell('phone');
  const phone = phoneRaw === '' ? null : normalisePhone(phoneRaw);
  if (phoneRaw !== '' && phone === null) fail('phone', 'invalidPhone');

  const idRaw = cell('idNumber');
  const id = idRaw === '' ? null : validateIdNumber(idRaw, today);
  if (id && !id.ok) {
    fail('idNumber', EXCEL_NUMBER.test(idRaw) ? 'idScientificNotation' : ID_CODES[id.reason]);
  }

  const unionCode = optionalText('unionCode', MAX_UNION_CODE);

  const joinedOn = date('joinedOn', true);
  if (joinedOn && id?.ok && joinedOn <= today && joinedOn < id.birthDate) fail('joinedOn', 'beforeBirth');

  const cardNo = cell('cardNo').normalize('NFKC');
  if (cardNo !== '' && !/^[A-Za-z0-9]{6,32}$/.test(cardNo)) fail('cardNo', 'invalidCardNo');
  const validFrom = date('cardValidFrom', false);
  const validTo = date('cardValidTo', false);
  if (cardNo !== '') {
    if (cell('cardValidFrom') === '') fail('cardValidFrom', 'required');
    if (cell('cardValidTo') === '') fail('cardValidTo', 'required');
  } else if (cell('cardValidFrom') !== '' || cell('cardValidTo') !== '') {
    fail('cardNo', 'cardNoRequired');
  }
  if (validFrom && validTo && validTo <= validFrom) fail('cardValidTo', 'cardValidToNotAfterFrom');

  const bankRaw = cell('bankAccount').normalize('NFKC');
  const bankAccount = bankRaw === '' ? null : bankRaw.replace(/[\s-]/g, '');
  if (bankAccount !== null) {
    if (!/^\d{12,19}$/.test(bankAccount)) fail('bankAccount', 'invalidBankAccount');
    else if (!luhnValid(bankAccount)) fail('bankAccount', 'bankAccountCheck');
  }
  const bankName = optionalText('bankName', MAX_BANK_NAME);

  if (errors.length > 0 || !phone || !id?.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      rowNumber,
      name,
      phone,
      idNumber: id.value,
      birthDate: id.birthDate,
      gender: id.gender,
      unionCode,
      joinedOn,
      card: cardNo !== '' && validFrom && validTo ? { cardNo, validFrom, validTo } : null,
      bankAccount,
      bankName,
    },
  };
}
