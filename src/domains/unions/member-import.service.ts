import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Localized } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  type ImportTally,
  openImportTable,
  parseRows,
  startImportReport,
  validRows,
  writeUnlessDryRun,
} from '../../platform/table-import.ts';
import { CardOwnedByAnotherMember, saveMember } from './member.service.ts';
import {
  MEMBER_IMPORT_COLUMNS,
  type MemberColumns,
  type MemberImportRow,
  parseMemberRow,
  resolveMemberColumns,
} from './member-row.ts';
import type { UnionKind } from './union.table.ts';

export interface ImportReport extends ImportTally {
  fileName: string;
  dryRun: boolean;
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

const col = (field: keyof typeof MEMBER_IMPORT_COLUMNS, columns: MemberColumns) =>
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
  const report: ImportReport = startImportReport({ fileName: options.fileName, dryRun: options.dryRun });
  const unionCodeRequired = !options.targetUnion;
  const opened = await openImportTable(file, report, {
    aliases: MEMBER_IMPORT_COLUMNS,
    resolve: (headers) => {
      const { columns, missingRequired } = resolveMemberColumns(headers, { unionCodeRequired });
      return { columns, missing: missingRequired };
    },
  });
  if (!opened) return report;
  const { table, columns } = opened;

  // 1. Each row on its own.
  const { good, bad } = parseRows(table.rows, report, (row) =>
    parseMemberRow(row.cells, columns, row.rowNumber, options.today, { unionCodeRequired }),
  );

  // 2. Rules across rows and against the database.
  const fail = (row: MemberImportRow, field: keyof typeof MEMBER_IMPORT_COLUMNS, message: Localized) => {
    bad.add(row.rowNumber);
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
  const valid = validRows(report, good, bad);
  if (report.errors.length && !options.skipInvalid) return report;

  // 3. Write, all in one transaction; a dry run rolls it back after counting.
  await options.onProgress?.(0, valid.length);
  try {
    report.applied = await writeUnlessDryRun(
      db,
      options.dryRun,
      async (trx) => {
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
      },
      (trx) =>
        recordAudit(trx, {
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
        }),
    );
  } catch (err) {
    if (!(err instanceof CardOwnedByAnotherMember)) throw err;
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
  await options.onProgress?.(valid.length, valid.length);
  return report;
}
