import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { DEMO_SCHEME } from './demo-scheme.ts';

/** What the Beijing scheme reports for the years before UnionCare (STORIES.md): people helped and yuan paid. */
export const HISTORY_BENEFICIARIES = 11_508;
export const HISTORY_TOTAL_FEN = 20_235_100 * 100;

const DISTRICTS = ['BJ-CY', 'BJ-CP', 'BJ-HD'] as const;
const DISTRICT_SHARE = [0.45, 0.3, 0.25];
/** From the scheme's start in August 2009 to the end of 2020, growing as the scheme became known. */
const YEARS = Array.from({ length: 12 }, (_, i) => 2009 + i);
const yearWeight = (year: number) => (year === 2009 ? 0.4 : 1 + (year - 2010) * 0.12); // 2009: five months

export interface HistoryRow {
  paidOn: string;
  district: (typeof DISTRICTS)[number];
  beneficiaries: number;
  amountFen: number;
}

/** Splits `total` into integer parts in proportion to `weights`; the parts add up to `total` exactly. */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]! += 1;
  return parts;
}

/**
 * The demo's payout history: one summary row per district and year, as a federation's old spreadsheets give it (no
 * ID numbers, no coverage), adding up exactly to the reported totals. Dated at each year's end, before any claim filed
 * in UnionCare, so the weekly claim analysis of recent years is not touched.
 */
export function demoHistoryRows(): HistoryRow[] {
  const cells = YEARS.flatMap((year) =>
    DISTRICTS.map((district, d) => ({ year, district, weight: yearWeight(year) * DISTRICT_SHARE[d]! })),
  );
  const weights = cells.map((c) => c.weight);
  const people = splitExactly(HISTORY_BENEFICIARIES, weights);
  const fen = splitExactly(HISTORY_TOTAL_FEN / 100, weights).map((yuan) => yuan * 100);
  return cells.map((c, i) => ({
    paidOn: `${c.year}-12-31`,
    district: c.district,
    beneficiaries: people[i]!,
    amountFen: fen[i]!,
  }));
}

/** Loads the history as the import would (one import record, its rows), for the cockpit and the statistics. */
export async function seedAidHistory(db: Database, log: (line: string) => void = () => {}) {
  const rows = demoHistoryRows();
  const unions = await db
    .selectFrom('unions')
    .select(['id', 'code', 'path'])
    .where('code', 'in', [...DISTRICTS])
    .execute();
  const byCode = new Map(unions.map((u) => [u.code, u]));
  const importId = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('aidHistoryImports')
      .values({
        id: importId,
        fileName: '互助保障历年发放汇总（2009-08 至 2020-12，演示数据）.xlsx',
        fileSha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
        rows: rows.length,
        beneficiaries: HISTORY_BENEFICIARIES,
        totalFen: HISTORY_TOTAL_FEN,
        importedBy: null,
      })
      .execute();
    await trx
      .insertInto('aidPayoutHistory')
      .values(
        rows.map((r, i) => {
          const union = byCode.get(r.district);
          if (!union) throw new Error(`demo history: union ${r.district} missing`);
          return {
            importId,
            rowNumber: i + 2,
            paidOn: r.paidOn,
            schemeCode: DEMO_SCHEME.code,
            coverageCode: null,
            unionId: union.id,
            unionPath: union.path,
            amountFen: r.amountFen,
            beneficiaries: r.beneficiaries,
            memberKey: null,
          };
        }),
      )
      .execute();
  });
  log(
    `seeded the mutual-aid history since 2009-08: ${HISTORY_BENEFICIARIES} beneficiaries, ${HISTORY_TOTAL_FEN / 100} yuan`,
  );
}
