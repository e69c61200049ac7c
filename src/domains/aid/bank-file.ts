/**
 * The payment file a bank's corporate channel imports, and the return file it sends back. Names are masked unless
 * the export asks for them; account numbers are whole here (and only here), which is why every export is audited.
 */
import ExcelJS from 'exceljs';
import { maskName } from '../../platform/mask.ts';
import { mapHeaders, readTable } from '../../platform/tabular.ts';

export interface BankFileRow {
  reference: string;
  payeeName: string;
  bankAccount: string;
  bankName: string | null;
  amountFen: number;
  memo: string;
}

const HEADERS = ['序号', '付款参考号', '收款人', '收款账号', '开户行', '金额（元）', '用途'];

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function cells(rows: BankFileRow[], fullNames: boolean): string[][] {
  return rows.map((r, i) => [
    String(i + 1),
    r.reference,
    fullNames ? r.payeeName : maskName(r.payeeName),
    r.bankAccount,
    r.bankName ?? '',
    yuan(r.amountFen),
    r.memo,
  ]);
}

const csvCell = (v: string) =>
  /[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replaceAll('"', '""')}"` : v;

/** UTF-8 with a BOM (Excel in China opens it right), CRLF, formula-looking cells defused. */
export function bankFileCsv(rows: BankFileRow[], fullNames: boolean): string {
  const lines = [HEADERS, ...cells(rows, fullNames)].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same as XLSX; accounts as text so Excel keeps all 19 digits. */
export async function bankFileXlsx(rows: BankFileRow[], fullNames: boolean, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.addRow(HEADERS);
  for (const r of cells(rows, fullNames)) ws.addRow(r);
  ws.getColumn(4).numFmt = '@';
  ws.columns.forEach((c, i) => {
    c.width = [6, 24, 10, 24, 26, 14, 30][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReturnEntry {
  row: number;
  reference: string;
  status: 'paid' | 'failed';
  reason: string | null;
}

export interface ReturnError {
  row: number;
  column: string;
  message: { 'zh-CN': string; en: string };
}

const STATUS: Record<string, 'paid' | 'failed'> = {
  paid: 'paid',
  success: 'paid',
  成功: 'paid',
  已支付: 'paid',
  failed: 'failed',
  fail: 'failed',
  失败: 'failed',
  退回: 'failed',
};

const ALIASES = {
  reference: ['付款参考号', '参考号', 'payoutReference', 'payout reference'],
  status: ['状态', '处理结果', '结果'],
  reason: ['原因', '失败原因', 'failureReason'],
};

/** Reads the bank's return file (CSV or XLSX): every row, or every problem with its row and column. */
export async function parseReturnFile(
  buf: Buffer,
  fileName?: string,
): Promise<{ entries: ReturnEntry[]; errors: ReturnError[] }> {
  const table = await readTable(buf, fileName);
  const map = mapHeaders(table.headers, ALIASES);
  const errors: ReturnError[] = [];
  for (const f of ['reference', 'status'] as const) {
    if (!map.columns.has(f))
      errors.push({ row: 0, column: f, message: { 'zh-CN': `缺少“${ALIASES[f][0]}”列`, en: `missing column ${f}` } });
  }
  if (errors.length) return { entries: [], errors };
  const entries: ReturnEntry[] = [];
  const seen = new Set<string>();
  for (const r of table.rows) {
    const get = (f: keyof typeof ALIASES) => (map.columns.has(f) ? (r.cells[map.columns.get(f)!] ?? '') : '');
    const reference = get('reference').trim();
    const status = STATUS[get('status').trim().toLowerCase()];
    const reason = get('reason').trim() || null;
    if (!reference)
      errors.push({
        row: r.rowNumber,
        column: 'reference',
        message: { 'zh-CN': '付款参考号为空', en: 'empty reference' },
      });
    else if (seen.has(reference))
      errors.push({
        row: r.rowNumber,
        column: 'reference',
        message: { 'zh-CN': '参考号重复', en: 'reference appears twice' },
      });
    if (!status)
      errors.push({
        row: r.rowNumber,
        column: 'status',
        message: { 'zh-CN': '状态应为 paid/成功 或 failed/失败', en: 'status must be paid or failed' },
      });
    if (status === 'failed' && !reason)
      errors.push({
        row: r.rowNumber,
        column: 'reason',
        message: { 'zh-CN': '失败须注明原因', en: 'a failure needs a reason' },
      });
    seen.add(reference);
    if (reference && status) entries.push({ row: r.rowNumber, reference, status, reason });
  }
  return { entries, errors };
}
