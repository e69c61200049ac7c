/**
 * The pipeline every spreadsheet import shares (members, stations): the report it answers with, reading the file and
 * finding its columns, sorting rows into good and bad, and writing all-or-nothing with a dry run that rolls back.
 * What a row means, which columns are required and how rows are written stay in the domain.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import type { DB } from '../db/schema.ts';
import type { Localized } from './i18n.ts';
import { readTable, type Table, type TableRow, TabularError } from './tabular.ts';

/** One problem with the file, pointing at the row and column the clerk sees in Excel (row 0: the whole file). */
export interface ImportIssue<F extends string = string> {
  row: number;
  column: string;
  field: F | 'file';
  message: Localized;
}

/** The counts and errors of every import report, after the import's own fields (file name, dry run …). */
export interface ImportTally<I = ImportIssue> {
  /** True when the rows were written (never in a dry run, never when an all-or-nothing import found errors). */
  applied: boolean;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: I[];
}

export function startImportReport<H extends object, I = ImportIssue>(head: H): H & ImportTally<I> {
  return { ...head, applied: false, total: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, errors: [] };
}

/** Where each field sits in this file and what its header says. */
export type ImportColumns<F extends string> = ReadonlyMap<F, { index: number; header: string }>;

export interface HeaderRule<F extends string, C extends ImportColumns<F>> {
  /** Accepted headers per field; the first is the canonical header named when the column is missing. */
  aliases: Readonly<Record<F, readonly string[]>>;
  /** Finds the fields' columns in the header row and names the required fields that have none. */
  resolve(headers: readonly string[]): { columns: C; missing: readonly F[] };
  missingMessage?(header: string, field: F): Localized;
}

export const missingColumnMessage = (header: string, field: string): Localized => ({
  'zh-CN': `缺少“${header}”列`,
  en: `The column "${header}" (${field}) is missing`,
});

/**
 * Reads the upload, counts its data rows into `report.total` and finds its columns. A file that is not a table gets
 * one error on row 0; each missing required column one error on row 1, the header row (rather than the same error on
 * every row). Both answer null and leave the report ready to return.
 */
export async function openImportTable<F extends string, C extends ImportColumns<F>>(
  file: Buffer,
  report: { fileName: string; total: number; errors: ImportIssue<F>[] },
  rule: HeaderRule<F, C>,
): Promise<{ table: Table; columns: C } | null> {
  let table: Table;
  try {
    table = await readTable(file, report.fileName);
  } catch (err) {
    if (!(err instanceof TabularError)) throw err;
    report.errors.push({ row: 0, column: '', field: 'file', message: err.messages });
    return null;
  }
  report.total = table.rows.length;
  const { columns, missing } = rule.resolve(table.headers);
  const message = rule.missingMessage ?? missingColumnMessage;
  for (const field of missing) {
    const header = rule.aliases[field][0]!;
    report.errors.push({ row: 1, column: header, field, message: message(header, field) });
  }
  return missing.length ? null : { table, columns };
}

export type ParsedRow<T, F extends string> = { ok: true; value: T } | { ok: false; errors: readonly ImportIssue<F>[] };

/** Each row on its own: good rows come back; bad rows' errors (row, column, field, message) go to the report. */
export function parseRows<T, F extends string>(
  rows: readonly TableRow[],
  report: { errors: ImportIssue<F>[] },
  parse: (row: TableRow) => ParsedRow<T, F>,
): { good: T[]; bad: Set<number> } {
  const good: T[] = [];
  const bad = new Set<number>();
  for (const row of rows) {
    const parsed = parse(row);
    if (parsed.ok) good.push(parsed.value);
    else {
      bad.add(row.rowNumber);
      report.errors.push(...parsed.errors.map(({ row, column, field, message }) => ({ row, column, field, message })));
    }
  }
  return { good, bad };
}

/** After all checks: errors in row order, the rows that may be written, and every other row counted as skipped. */
export function validRows<T extends { rowNumber: number }>(
  report: { total: number; skipped: number; errors: ImportIssue<string>[] },
  good: readonly T[],
  bad: ReadonlySet<number>,
): T[] {
  report.errors.sort((a, b) => a.row - b.row);
  const valid = good.filter((r) => !bad.has(r.rowNumber));
  report.skipped = report.total - valid.length;
  return valid;
}

class DryRunRollback extends Error {}

/**
 * One transaction: `write` saves and counts the rows; a dry run then rolls it all back, a real one goes on to
 * `commit` (the audit record, notices) in the same transaction. True when the rows were committed.
 */
export async function writeUnlessDryRun(
  db: Database,
  dryRun: boolean,
  write: (trx: Transaction<DB>) => Promise<void>,
  commit: (trx: Transaction<DB>) => Promise<unknown>,
): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await write(trx);
      if (dryRun) throw new DryRunRollback();
      await commit(trx);
    });
    return true;
  } catch (err) {
    if (err instanceof DryRunRollback) return false;
    throw err;
  }
}
