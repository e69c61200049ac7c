import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Localized } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { readTable, TabularError } from '../../platform/tabular.ts';
import { CardOwnedByAnotherMember, saveMember } from './member.service.ts';
import { MEMBER_IMPORT_COLUMNS, type MemberImportRow, parseMemberRow, resolveMemberColumns } from './member-row.ts';
import type { UnionKind } from './union.table.ts';

/** One problem with the file, pointing at the row and column the clerk sees in Excel (row 0: the whole file). */
export interface ImportIssue {
  row: number;
  column: string;
  field: string;
  message: Localized;
}

export interface ImportReport {
  fileName: string;
  dryRun: boolean;
  /** True when the rows were written (never in a dry run, never when an all-or-nothing import found errors). */
  applied: boolean;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: ImportIssue[];
}

export interface ImportOptions {
  fileName: string;
  /** Target union when the file has no 工会编码 column; rows naming a union override it. */
  targetUnion: { id: string; path: string; kind: UnionKind; code: string } | null;
  /** Subtree the importer may write to (null: whole tree, as the CLI operator). */
  scopePath: string | null;
  dryRun: boolean;
  skipInvalid: boolean;
  actor: Pick<Actor, 'accountId' | 'role'> | null;
  today: string;
  onProgress?: (processed: number, total: number) => void | Promise<void>;
}

class DryRunRollback extends Error {}

const col = (field: keyof typeof MEMBER_IMPORT_COLUMNS, columns: Map<string, { header: string }>) =>
  columns.get(field)?.header ?? MEMBER_IMPORT_COLUMNS[field][0];

/**
 * Bulk enrolment from a spreadsheet. Every bad cell of every row is reported before anything is written; then the
 * good rows are saved in one transaction, so an import is all-or-nothing (unless `skipInvalid`), and re-importing
 * the same file changes nothing (members match by ID number, cards by card number).
 */
export async function importMembers(
  db: Database,
  cipher: FieldCipher,
  file: Buffer,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    fileName: options.fileName,
    dryRun: options.dryRun,
    applied: false,
    total: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
  };
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, options.fileName);
  } catch (err) {
    if (err instanceof TabularError) {
      report.errors.push({ row: 0, column: '', field: 'file', message: err.messages });
      return report;
    }
    throw err;
  }
  report.total = table.rows.length;
  const resolved = resolveMemberColumns(table.headers, { unionCodeRequired: !options.targetUnion });
  if (resolved.missingRequired.length) {
    for (const field of resolved.missingRequired) {
      const header = MEMBER_IMPORT_COLUMNS[field][0];
      report.errors.push({
        row: 1,
        column: header,
        field,
        message: { 'zh-CN': `缺少“${header}”列`, en: `The column "${header}" (${field}) is missing` },
      });
    }
    return report;
  }
  const columns = resolved.columns as Map<string, { index: number; header: string }>;

  // 1. Each row on its own.
  const good: MemberImportRow[] = [];
  const badRows = new Set<number>();
  for (const row of table.rows) {
    const parsed = parseMemberRow(row.cells, resolved.columns, row.rowNumber, options.today, {
      unionCodeRequired: !options.targetUnion,
    });
    if (parsed.ok) good.push(parsed.value);
    else {
      badRows.add(row.rowNumber);
      report.errors.push(
        ...parsed.errors.map(({ row: r, column, field, message }) => ({ row: r, column, field, message })),
      );
    }
  }

  // 2. Rules across rows and against the database.
  const fail = (row: MemberImportRow, field: keyof typeof MEMBER_IMPORT_COLUMNS, message: Localized) => {
    badRows.add(row.rowNumber);
    report.errors.push({ row: row.rowNumber, column: col(field, columns), field, message });
  };
  const firstById = new Map<string, number>();
  const firstByCard = new Map<string, { row: number; idNumber: string }>();
  for (const row of good) {
    const seen = firstById.get(row.idNumber);
    if (seen !== undefined) {
      fail(row, 'idNumber', { 'zh-CN': `与第 ${seen} 行的身份证号重复`, en: `same ID number as row ${seen}` });
    } else firstById.set(row.idNumber, row.rowNumber);
    if (row.card) {
      const other = firstByCard.get(row.card.cardNo);
      if (other && other.idNumber !== row.idNumber) {
        fail(row, 'cardNo', {
          'zh-CN': `与第 ${other.row} 行的互助卡号重复`,
          en: `same card number as row ${other.row}`,
        });
      } else if (!other) firstByCard.set(row.card.cardNo, { row: row.rowNumber, idNumber: row.idNumber });
    }
  }
  const codes = [...new Set(good.map((r) => r.unionCode).filter((c): c is string => !!c))];
  const unions = new Map(
    (codes.length
      ? await db.selectFrom('unions').select(['id', 'code', 'path', 'kind']).where('code', 'in', codes).execute()
      : []
    ).map((u) => [u.code, u]),
  );
  for (const row of good) {
    if (!row.unionCode) continue;
    const union = unions.get(row.unionCode);
    if (!union || (options.scopePath && !union.path.startsWith(options.scopePath))) {
      fail(row, 'unionCode', {
        'zh-CN': `工会编码 ${row.unionCode} 不存在或不在您的管辖范围内`,
        en: `union code ${row.unionCode} does not exist or is outside your union subtree`,
      });
    } else if (union.kind !== 'workplace' && union.kind !== 'home') {
      fail(row, 'unionCode', {
        'zh-CN': '会员只能加入基层工会或职工小家',
        en: 'members join a workplace union or a 职工小家',
      });
    }
  }
  const cardNos = good.flatMap((r) => (r.card ? [r.card.cardNo] : []));
  if (cardNos.length) {
    const owners = await db
      .selectFrom('aidCards as c')
      .innerJoin('members as m', 'm.id', 'c.memberId')
      .select(['c.cardNo', 'm.idNumberHash'])
      .where('c.cardNo', 'in', cardNos)
      .execute();
    const ownerOf = new Map(owners.map((o) => [o.cardNo, o.idNumberHash]));
    for (const row of good) {
      const owner = row.card && ownerOf.get(row.card.cardNo);
      if (owner && !owner.equals(cipher.hash('idNumber', row.idNumber))) {
        fail(row, 'cardNo', { 'zh-CN': '该互助卡号已属于其他会员', en: 'this card number belongs to another member' });
      }
    }
  }
  report.errors.sort((a, b) => a.row - b.row);
  const valid = good.filter((r) => !badRows.has(r.rowNumber));
  report.skipped = table.rows.length - valid.length;
  if (report.errors.length && !options.skipInvalid) return report;

  // 3. Write, all in one transaction; a dry run rolls it back after counting.
  await options.onProgress?.(0, valid.length);
  try {
    await db.transaction().execute(async (trx) => {
      let done = 0;
      for (const row of valid) {
        const union = row.unionCode ? unions.get(row.unionCode)! : options.targetUnion!;
        const { outcome } = await saveMember(
          trx,
          cipher,
          {
            union: { id: union.id, path: union.path },
            name: row.name,
            phone: row.phone,
            idNumber: row.idNumber,
            joinedOn: row.joinedOn ?? options.today,
            card: row.card ? { ...row.card, bankAccount: row.bankAccount, bankName: row.bankName } : null,
          },
          options.actor,
        );
        report[outcome]++;
        done++;
        if (done % 100 === 0) await options.onProgress?.(done, valid.length);
      }
      if (options.dryRun) throw new DryRunRollback();
      await recordAudit(trx, {
        actor: options.actor,
        action: 'members.import',
        entity: 'member',
        unionId: options.targetUnion?.id ?? null,
        detail: {
          fileName: options.fileName,
          total: report.total,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped,
        },
      });
    });
    report.applied = !options.dryRun;
  } catch (err) {
    if (!(err instanceof DryRunRollback)) {
      if (err instanceof CardOwnedByAnotherMember) {
        // A card taken by a concurrent import between our check and our write: nothing was written.
        report.inserted = report.updated = report.unchanged = 0;
        report.errors.push({
          row: 0,
          column: '互助卡号',
          field: 'cardNo',
          message: {
            'zh-CN': `互助卡号 ${err.message} 已被其他会员占用，导入未写入任何数据`,
            en: `card number ${err.message} was taken meanwhile; nothing was imported`,
          },
        });
        return report;
      }
      throw err;
    }
  }
  await options.onProgress?.(valid.length, valid.length);
  return report;
}
