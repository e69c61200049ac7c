import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Localized } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  type ImportTally,
  missingColumnMessage,
  openImportTable,
  parseRows,
  startImportReport,
  validRows,
  writeUnlessDryRun,
} from '../../platform/table-import.ts';
import type { Crs } from './geo.ts';
import { notifyStationsChanged, type StationIndexSync } from './geo-index.service.ts';
import { generateStationCode, MAX_SEQUENCE } from './station-code.ts';
import {
  columnLabel,
  parseStationRow,
  type RowIssue,
  resolveStationColumns,
  STATION_IMPORT_COLUMNS,
  type StationImportRow,
} from './station-row.ts';

export interface StationImportReport extends ImportTally<RowIssue> {
  fileName: string;
  crs: Crs;
  dryRun: boolean;
}

export interface StationImportOptions {
  fileName: string;
  crs: Crs;
  dryRun: boolean;
  skipInvalid: boolean;
  /** The union that runs newly imported stations. */
  union: { id: string; path: string };
  /** Subtree whose stations the importer may update (null: whole tree, as the CLI operator). */
  scopePath: string | null;
  actor: Pick<Actor, 'accountId' | 'role'> | null;
  /** The writing process's index, patched after commit (other instances hear the notice). */
  sync?: StationIndexSync;
  onProgress?: (processed: number, total: number) => void | Promise<void>;
}

const CHUNK = 1000;
const IMPORT_TYPE = 'H';

/**
 * Bulk registration from a spreadsheet. Every problem of every row is found before anything is written; then the
 * good rows are upserted by external id in one transaction, in multi-row statements of 1,000 that touch only
 * rows whose data changed — so an import is all-or-nothing (unless skipInvalid) and re-importing a file is a no-op.
 */
export async function importStations(
  db: Kysely<DB>,
  file: Buffer,
  options: StationImportOptions,
): Promise<StationImportReport> {
  const report: StationImportReport = startImportReport({
    fileName: options.fileName,
    crs: options.crs,
    dryRun: options.dryRun,
  });
  const opened = await openImportTable(file, report, {
    aliases: STATION_IMPORT_COLUMNS,
    resolve: resolveStationColumns,
    // Station reports have always begun this English message in lower case, like their row messages.
    missingMessage: (header, field) => ({
      ...missingColumnMessage(header, field),
      en: `the column "${header}" (${field}) is missing`,
    }),
  });
  if (!opened) return report;
  const { table, columns } = opened;

  // 1. Each row on its own.
  const { good, bad } = parseRows(table.rows, report, (row) =>
    parseStationRow(row.cells, columns, row.rowNumber, options.crs),
  );
  const fail = (row: StationImportRow, field: 'externalId' | 'name', message: Localized) => {
    bad.add(row.rowNumber);
    report.errors.push({ row: row.rowNumber, column: columnLabel(field, columns), field, message });
  };

  // 2. Duplicates within the file.
  const firstRow = new Map<string, number>();
  for (const row of good) {
    const seen = firstRow.get(row.externalId);
    if (seen === undefined) firstRow.set(row.externalId, row.rowNumber);
    else if (row.externalIdGiven) {
      fail(row, 'externalId', { 'zh-CN': `外部编号与第 ${seen} 行重复`, en: `same external id as row ${seen}` });
    } else {
      fail(row, 'name', {
        'zh-CN': `与第 ${seen} 行是同一站点（名称、地址和区划代码相同）`,
        en: `the same station as row ${seen} (same name, address and region code)`,
      });
    }
  }

  // 3. Against the database: existing external ids must be stations the importer may update.
  const existing = new Map<string, { id: string; code: string }>();
  const ids = good.filter((r) => !bad.has(r.rowNumber)).map((r) => r.externalId);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('stations')
      .select(['id', 'code', 'externalId', 'unionPath'])
      .where('externalId', '=', sql<string>`any(${sql.val(ids.slice(i, i + 5000))}::text[])`)
      .execute();
    for (const r of rows) {
      if (options.scopePath && !r.unionPath.startsWith(options.scopePath)) {
        const row = good.find((g) => g.externalId === r.externalId)!;
        fail(row, 'externalId', {
          'zh-CN': `外部编号 ${r.externalId} 已属于站点 ${r.code}，该站点不在您的管辖范围内`,
          en: `external id ${r.externalId} belongs to station ${r.code}, outside your union subtree`,
        });
      } else existing.set(r.externalId!, { id: r.id, code: r.code });
    }
  }
  const valid = validRows(report, good, bad);
  if (report.errors.length && !options.skipInvalid) return report;
  if (valid.length === 0) return report;

  // 4. Write in one transaction; a dry run rolls back after counting.
  await options.onProgress?.(0, valid.length);
  report.applied = await writeUnlessDryRun(
    db,
    options.dryRun,
    async (trx) => {
      const codes = await allocateCodes(
        trx,
        valid.filter((r) => !existing.has(r.externalId)),
      );
      for (let i = 0; i < valid.length; i += CHUNK) {
        const chunk = valid.slice(i, i + CHUNK);
        const written = await upsertChunk(trx, chunk, existing, codes, options);
        const inserted = written.filter((w) => w.inserted);
        report.inserted += inserted.length;
        report.updated += written.length - inserted.length;
        if (inserted.length) {
          await sql`
            INSERT INTO station_status_history (station_id, status, reason, actor_id)
            SELECT id, 'active', '导入 import', ${options.actor?.accountId ?? null}::uuid
            FROM unnest(${sql.val(inserted.map((w) => w.id))}::uuid[]) AS t(id)`.execute(trx);
        }
        await options.onProgress?.(Math.min(i + CHUNK, valid.length), valid.length);
      }
      report.unchanged = valid.length - report.inserted - report.updated;
    },
    async (trx) => {
      await recordAudit(trx, {
        actor: options.actor,
        action: 'stations.import',
        entity: 'station',
        unionId: options.union.id,
        detail: {
          fileName: options.fileName,
          crs: options.crs,
          total: report.total,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped,
        },
      });
      if (report.inserted + report.updated > 0)
        await notifyStationsChanged(trx, options.sync?.instanceId ?? 'cli', '*');
    },
  );
  if (report.applied && report.inserted + report.updated > 0) await options.sync?.refresh('*');
  return report;
}

/**
 * One multi-row upsert by external id, passing each column as one array (unnest) rather than 12,000 parameters.
 * Rows whose data is unchanged match the conflict but fail the WHERE, so they are neither written nor returned;
 * `xmax = 0` tells a fresh insert from an update.
 */
async function upsertChunk(
  trx: Kysely<DB>,
  chunk: StationImportRow[],
  existing: Map<string, { id: string; code: string }>,
  codes: Map<number, string>,
  options: StationImportOptions,
): Promise<{ id: string; inserted: boolean }[]> {
  const col = <T>(f: (r: StationImportRow) => T) => sql.val(chunk.map(f));
  const { rows } = await sql<{ id: string; inserted: boolean }>`
    INSERT INTO stations (id, code, station_type, name, address, region_code, union_id, union_path, management_mode,
                          lng, lat, opening_hours, amenities, phone, external_id, status, last_verified)
    SELECT t.id, t.code, ${IMPORT_TYPE}, t.name, t.address, t.region_code, ${options.union.id}::uuid, ${options.union.path},
           t.mode, t.lng, t.lat, t.hours::jsonb, t.amenities::text[], t.phone, t.external_id, 'active', '{}'::jsonb
    FROM unnest(
      ${col((r) => existing.get(r.externalId)?.id ?? uuidv7())}::uuid[],
      ${col((r) => existing.get(r.externalId)?.code ?? codes.get(r.rowNumber)!)}::text[],
      ${col((r) => r.name)}::text[],
      ${col((r) => r.address)}::text[],
      ${col((r) => r.regionCode)}::text[],
      ${col((r) => r.managementMode)}::text[],
      ${col((r) => r.lng)}::float8[],
      ${col((r) => r.lat)}::float8[],
      ${col((r) => JSON.stringify(r.hours))}::text[],
      ${col((r) => `{${r.amenities.join(',')}}`)}::text[],
      ${col((r) => r.phone)}::text[],
      ${col((r) => r.externalId)}::text[]
    ) AS t(id, code, name, address, region_code, mode, lng, lat, hours, amenities, phone, external_id)
    ON CONFLICT (external_id) DO UPDATE SET
      name = excluded.name, address = excluded.address, region_code = excluded.region_code,
      management_mode = excluded.management_mode, lng = excluded.lng, lat = excluded.lat,
      opening_hours = excluded.opening_hours, amenities = excluded.amenities, phone = excluded.phone, updated_at = now()
    WHERE (stations.name, stations.address, stations.region_code, stations.management_mode, stations.lng, stations.lat,
           stations.opening_hours, stations.amenities, stations.phone)
      IS DISTINCT FROM (excluded.name, excluded.address, excluded.region_code, excluded.management_mode, excluded.lng,
           excluded.lat, excluded.opening_hours, excluded.amenities, excluded.phone)
    RETURNING id, (xmax = 0) AS inserted`.execute(trx);
  return rows;
}

/**
 * Codes for new rows, with one counter statement for the whole file: every (region, type) reserves as many
 * numbers as it has new rows, atomically, so concurrent creations and imports never share a number.
 */
async function allocateCodes(trx: Kysely<DB>, rows: StationImportRow[]): Promise<Map<number, string>> {
  const perRegion = new Map<string, StationImportRow[]>();
  for (const r of rows) perRegion.set(r.regionCode, [...(perRegion.get(r.regionCode) ?? []), r]);
  const codes = new Map<number, string>();
  if (perRegion.size === 0) return codes;
  const regions = [...perRegion.keys()];
  const { rows: counters } = await sql<{ regionCode: string; next: number }>`
    INSERT INTO station_code_counters (region_code, station_type, next)
    SELECT r, ${IMPORT_TYPE}, 1 + n FROM unnest(${sql.val(regions)}::text[], ${sql.val(regions.map((r) => perRegion.get(r)!.length))}::int[]) AS t(r, n)
    ON CONFLICT (region_code, station_type) DO UPDATE SET next = station_code_counters.next + excluded.next - 1
    RETURNING region_code, next`.execute(trx);
  for (const { regionCode, next } of counters) {
    const list = perRegion.get(regionCode.trim())!;
    const first = next - list.length;
    if (next - 1 > MAX_SEQUENCE) throw new Error(`no station codes left for region ${regionCode}`);
    for (const [i, r] of list.entries()) {
      codes.set(r.rowNumber, generateStationCode({ regionCode: r.regionCode, type: IMPORT_TYPE, sequence: first + i }));
    }
  }
  return codes;
}
