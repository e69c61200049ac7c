/**
 * Uploaded spreadsheets for bulk imports. Union clerks send whatever Excel or WPS saved: XLSX, UTF-8 CSV with a
 * BOM, or CSV in the Windows Chinese code page (GBK, read as its superset GB18030). Everything comes back as
 * trimmed strings with the row numbers the clerk sees, so error reports point at the right line.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type TableEncoding = 'utf-8' | 'gb18030' | 'xlsx';

export interface TableRow {
  /** As the spreadsheet shows it: the header is usually row 1, so the first data row is row 2. */
  rowNumber: number;
  /** Trimmed cell texts. A short CSV row has fewer cells than headers; callers treat missing cells as ''. */
  cells: string[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  encoding: TableEncoding;
}

export type TabularErrorCode = 'empty' | 'noHeader' | 'unsupportedFormat' | 'unreadable';

/** A file the clerk must fix or re-save; `messages` are ready to show in either UI language. */
export class TabularError extends Error {
  override name = 'TabularError';
  constructor(
    readonly code: TabularErrorCode,
    readonly messages: { 'zh-CN': string; en: string },
  ) {
    super(messages.en);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function label(filename?: string): string {
  return filename ? ` (${filename})` : '';
}

/**
 * Reads the first worksheet of an XLSX, or a CSV in UTF-8/GB18030. The first non-empty row is the header;
 * fully empty rows are skipped but still counted, so row numbers match the file.
 */
export async function readTable(buf: Buffer, filename?: string): Promise<Table> {
  if (buf.length === 0) {
    throw new TabularError('empty', {
      'zh-CN': `文件为空${label(filename)}`,
      en: `The file is empty${label(filename)}`,
    });
  }
  if (buf.subarray(0, 4).equals(ZIP_MAGIC)) return readXlsx(buf, filename);
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new TabularError('unsupportedFormat', {
      'zh-CN': `不支持旧版 Excel (.xls) 文件${label(filename)}，请另存为 .xlsx 或 CSV 后重新上传`,
      en: `Old Excel (.xls) files are not supported${label(filename)}; save as .xlsx or CSV and upload again`,
    });
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new TabularError('unsupportedFormat', {
      'zh-CN': `不支持 UTF-16“Unicode 文本”${label(filename)}，请另存为“CSV UTF-8”或 .xlsx`,
      en: `UTF-16 "Unicode text" is not supported${label(filename)}; save as "CSV UTF-8" or .xlsx`,
    });
  }
  return readCsv(buf, filename);
}

function decodeText(buf: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const body = buf.subarray(0, 3).equals(UTF8_BOM) ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gb18030' };
  }
}

function readCsv(buf: Buffer, filename?: string): Table {
  const { text, encoding } = decodeText(buf);
  if (text.includes('\u0000')) {
    throw new TabularError('unsupportedFormat', {
      'zh-CN': `文件不是 CSV 或 Excel 表格${label(filename)}`,
      en: `The file is not a CSV or Excel spreadsheet${label(filename)}`,
    });
  }
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new TabularError('unreadable', {
      'zh-CN': `CSV 格式错误${line ? `（第 ${line} 行附近）` : ''}${label(filename)}：引号未闭合或格式不正确`,
      en: `Malformed CSV${line ? ` near line ${line}` : ''}${label(filename)}: ${(err as Error).message}`,
    });
  }
  // Without skip_empty_lines every line (blank ones too) is a record, so the record index is the row the clerk sees
  // when the CSV is opened in Excel; quoted multi-line cells stay one row there as well.
  return toTable(
    records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) })),
    encoding,
    filename,
  );
}

function toTable(all: TableRow[], encoding: TableEncoding, filename?: string): Table {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) {
    throw new TabularError('noHeader', {
      'zh-CN': `文件中没有表头行${label(filename)}`,
      en: `The file has no header row${label(filename)}`,
    });
  }
  const headers = [...header.cells];
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { headers, rows, encoding };
}

async function readXlsx(buf: Buffer, filename?: string): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global Buffer interface, which @types/node 20's generic Buffer does not satisfy.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new TabularError('unreadable', {
      'zh-CN': `无法读取 Excel 文件${label(filename)}，文件可能已损坏`,
      en: `Cannot read the Excel file${label(filename)}; it may be damaged (${(err as Error).message})`,
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    throw new TabularError('noHeader', {
      'zh-CN': `Excel 文件中没有工作表${label(filename)}`,
      en: `The Excel file has no worksheet${label(filename)}`,
    });
  }
  const all: TableRow[] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) return;
    // In a spreadsheet every row has every column: pad to the header width so only CSV rows can be "short".
    if (width === 0) width = cells.length;
    while (cells.length < width) cells.push('');
    all.push({ rowNumber, cells });
  });
  return toTable(all, 'xlsx', filename);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Dates as YYYY-MM-DD (with HH:MM:SS only when there is a time of day), as the clerk typed them. */
function dateText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000); // Excel serials carry float noise
  const date = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return date;
  return `${date} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

/**
 * Numbers as Excel shows them with a General/number format: 15 significant digits and never an exponent. An
 * 18-digit ID typed into a number cell has already lost its last digits inside Excel; we show what is left
 * (110105194912310000) so validation reports it, rather than 1.10105194912310e+17.
 */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number(n.toPrecision(15)).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function cellText(v: ExcelJS.CellValue | { text?: unknown } | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if ('richText' in v && Array.isArray(v.richText))
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) {
    return cellText((v as { result?: ExcelJS.CellValue }).result);
  }
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue); // hyperlink; its text may itself be rich text
  return '';
}

const headerKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface HeaderMapping<F extends string> {
  /** Field → 0-based column index (the first matching column when a field appears twice). */
  columns: Map<F, number>;
  /** Non-empty headers matching no field, to warn the clerk that a column will be ignored. */
  unknown: string[];
  /** Fields with no matching header; the caller decides which of them are required. */
  missing: F[];
  /** Headers naming a field that an earlier column already supplied; ignored, and worth a warning. */
  duplicates: string[];
}

/**
 * Matches file headers to fields by alias, ignoring case, spaces and full-width forms, so '身份证号', 'ID Number'
 * and 'idnumber' all land on the same field.
 */
export function mapHeaders<F extends string>(
  headers: readonly string[],
  aliases: Readonly<Record<F, readonly string[]>>,
): HeaderMapping<F> {
  const byKey = new Map<string, F>();
  for (const field of Object.keys(aliases) as F[]) {
    for (const alias of aliases[field]) byKey.set(headerKey(alias), field);
    byKey.set(headerKey(field), field);
  }
  const columns = new Map<F, number>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((h, i) => {
    if (h.trim() === '') return;
    const field = byKey.get(headerKey(h));
    if (field === undefined) unknown.push(h);
    else if (columns.has(field)) duplicates.push(h);
    else columns.set(field, i);
  });
  const missing = (Object.keys(aliases) as F[]).filter((f) => !columns.has(f));
  return { columns, unknown, missing, duplicates };
}
