import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Localized } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import { mapHeaders, readTable, TabularError } from '../../platform/tabular.ts';
import { normaliseIdNumber, validateIdNumber } from '../unions/id-number.ts';
import { HISTORY_COLUMNS, type HistoryField, parseCount, parsePaidOn, parseYuan } from './history-row.ts';

export interface HistoryImportReport {
  fileName: string;
  rows: number;
  beneficiaries: number;
  totalFen: number;
  applied: boolean;
  importId: string | null;
  errors: { row: number; column: string; message: Localized }[];
}

const REQUIRED: HistoryField[] = ['paidOn', 'scheme', 'region', 'amount'];
const t = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

/**
 * Loads payouts made before UnionCare so the statistics cover the whole history since 2009-08. All or nothing:
 * one bad row and nothing is written; the same file twice is refused (it would count everybody twice).
 */
export async function importAidHistory(
  db: Database,
  cipher: FieldCipher,
  buffer: Buffer,
  opts: { fileName: string; actor: Pick<Actor, 'accountId' | 'role'> | null; dryRun?: boolean },
): Promise<HistoryImportReport> {
  const report: HistoryImportReport = {
    fileName: opts.fileName,
    rows: 0,
    beneficiaries: 0,
    totalFen: 0,
    applied: false,
    importId: null,
    errors: [],
  };
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(buffer, opts.fileName);
  } catch (err) {
    if (err instanceof TabularError) {
      report.errors.push({ row: 0, column: '', message: err.messages });
      return report;
    }
    throw err;
  }
  const map = mapHeaders(table.headers, HISTORY_COLUMNS);
  for (const f of REQUIRED.filter((f) => map.missing.includes(f))) {
    report.errors.push({
      row: 0,
      column: HISTORY_COLUMNS[f][0],
      message: t(`缺少“${HISTORY_COLUMNS[f][0]}”列`, `missing column ${f}`),
    });
  }
  if (report.errors.length) return report;

  const sha = createHash('sha256').update(buffer).digest('hex');
  const already = await db
    .selectFrom('aidHistoryImports')
    .select(['importedAt'])
    .where('fileSha256', '=', sha)
    .executeTakeFirst();
  if (already) {
    report.errors.push({
      row: 0,
      column: '',
      message: t('该文件已导入过，不能重复导入', 'this file was imported before'),
    });
    return report;
  }
  const schemes = new Set((await db.selectFrom('aidSchemes').select('code').execute()).map((s) => s.code));
  const coverages = new Map(
    (
      await db
        .selectFrom('aidCoverages as c')
        .innerJoin('aidSchemes as s', 's.id', 'c.schemeId')
        .select(['c.code', 's.code as scheme'])
        .execute()
    ).map((c) => [c.code, c.scheme]),
  );
  const unions = await db.selectFrom('unions').select(['id', 'code', 'name', 'path', 'kind', 'regionCode']).execute();
  const byCode = new Map(unions.map((u) => [u.code.toUpperCase(), u]));
  const byName = new Map(unions.map((u) => [u.name, u]));
  // A region code names the district federation of that district, or the city federation for the city's own code.
  const byRegion = new Map(
    unions.filter((u) => u.kind === 'district' || u.kind === 'city').map((u) => [u.regionCode, u]),
  );

  const rows: {
    rowNumber: number;
    paidOn: string;
    schemeCode: string;
    coverageCode: string | null;
    unionId: string;
    unionPath: string;
    amountFen: number;
    beneficiaries: number;
    memberKey: Buffer | null;
  }[] = [];
  for (const r of table.rows) {
    const cell = (f: HistoryField) => (map.columns.has(f) ? (r.cells[map.columns.get(f)!] ?? '').trim() : '');
    const err = (f: HistoryField, message: Localized) =>
      report.errors.push({ row: r.rowNumber, column: table.headers[map.columns.get(f)!] ?? f, message });
    const paidOn = parsePaidOn(cell('paidOn'));
    if (!paidOn) err('paidOn', t('日期应为 2015-06-30、2015-06 或 2015', 'date must be 2015-06-30, 2015-06 or 2015'));
    const schemeCode = cell('scheme').toUpperCase();
    if (!schemes.has(schemeCode)) err('scheme', t('没有这个互助保障计划', 'no such scheme'));
    const coverageCode = cell('coverage').toUpperCase() || null;
    if (coverageCode && coverages.get(coverageCode) !== schemeCode)
      err('coverage', t('该计划下没有这个保障项目', 'no such coverage in this scheme'));
    const region = cell('region');
    const union = byCode.get(region.toUpperCase()) ?? byRegion.get(region) ?? byName.get(region);
    if (!union) err('region', t('找不到对应的区或工会', 'no district or union with this code'));
    const amountFen = parseYuan(cell('amount'));
    if (amountFen === null) err('amount', t('金额应为元，最多两位小数', 'amount in yuan with at most two decimals'));
    const beneficiaries = parseCount(cell('beneficiaries'));
    if (beneficiaries === null) err('beneficiaries', t('人次应为正整数', 'must be a positive whole number'));
    let memberKey: Buffer | null = null;
    const idText = cell('idNumber');
    if (idText) {
      const id = validateIdNumber(normaliseIdNumber(idText));
      if (!id.ok) err('idNumber', t('身份证号无效', 'invalid ID number'));
      else memberKey = cipher.hash('idNumber', id.value);
    }
    if (paidOn && union && amountFen !== null && beneficiaries !== null && schemes.has(schemeCode)) {
      rows.push({
        rowNumber: r.rowNumber,
        paidOn,
        schemeCode,
        coverageCode,
        unionId: union.id,
        unionPath: union.path,
        amountFen,
        beneficiaries,
        memberKey,
      });
    }
  }
  report.rows = table.rows.length;
  report.beneficiaries = rows.reduce((s, r) => s + r.beneficiaries, 0);
  report.totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  if (report.errors.length || opts.dryRun || rows.length === 0) return report;

  const importId = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('aidHistoryImports')
      .values({
        id: importId,
        fileName: opts.fileName,
        fileSha256: sha,
        rows: rows.length,
        beneficiaries: report.beneficiaries,
        totalFen: report.totalFen,
        importedBy: opts.actor?.accountId ?? null,
      })
      .execute();
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('aidPayoutHistory')
        .values(rows.slice(i, i + 1000).map(({ rowNumber, ...r }) => ({ ...r, rowNumber, importId })))
        .execute();
    }
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'aid.history.import',
      entity: 'aidHistoryImport',
      entityId: importId,
      detail: {
        fileName: opts.fileName,
        rows: rows.length,
        beneficiaries: report.beneficiaries,
        totalFen: report.totalFen,
      },
    });
  });
  report.applied = true;
  report.importId = importId;
  return report;
}
