/**
 * Cross-tabs (交叉分析) with the small-group rule of anonymous surveys. A cross-tab row is a group of respondents (a
 * union, or those who picked an option), so it follows the rule of the results page filtered to that group: fewer
 * than 5 responses and its figures are withheld. Totals stay those of every row, so the withheld rows together must
 * hold 5 responses or more, or "total minus the shown rows" would give a small group's answers away.
 */
import type { Database } from '../../db/index.ts';
import {
  type CrosstabCell,
  type CrosstabRows,
  countResponses,
  crosstabCells,
  type ResponseFilter,
} from './survey-results.repository.ts';
import { MIN_CELL } from './survey-results.ts';

export interface AxisItem {
  id: string;
  label: string;
}

export interface Crosstab {
  /** The whole table is withheld: fewer than 5 responses match (anonymous surveys). */
  suppressed: boolean;
  rows: (AxisItem & { suppressed: boolean })[];
  columns: AxisItem[];
  /** cells[row][column]; null in a withheld row */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  /** over every row, withheld ones included; null when the withheld rows are too few to hide among */
  columnTotals: (number | null)[];
  total: number | null;
}

/** Rows of 1 to 4 responses (an empty row has nothing to protect and says what the question cards say). */
export function smallRows(rows: AxisItem[], sizes: Map<string, number>): Set<string> {
  return new Set(rows.filter((r) => (sizes.get(r.id) ?? 0) > 0 && (sizes.get(r.id) ?? 0) < MIN_CELL).map((r) => r.id));
}

/** The row withheld along with a too-small group of withheld rows: the smallest shown row that has responses. */
export function companionRow(rows: AxisItem[], sizes: Map<string, number>, withheld: Set<string>): string | undefined {
  return rows
    .filter((r) => !withheld.has(r.id) && (sizes.get(r.id) ?? 0) > 0)
    .sort((a, b) => (sizes.get(a.id) ?? 0) - (sizes.get(b.id) ?? 0))[0]?.id;
}

/** The table: cells of withheld rows blanked, totals over every row (or blanked too). */
export function tabulate(
  axes: { rows: AxisItem[]; columns: AxisItem[] },
  cells: CrosstabCell[],
  withheld: Set<string>,
  totalsShown: boolean,
): Crosstab {
  const { rows, columns } = axes;
  const count = new Map(cells.map((x) => [`${x.r}\u0000${x.c}`, x.n]));
  const grid = rows.map((r) => columns.map((c) => count.get(`${r.id}\u0000${c.id}`) ?? 0));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const columnTotals = columns.map((_, j) => sum(grid.map((r) => r[j]!)));
  return {
    suppressed: false,
    rows: rows.map((r) => ({ ...r, suppressed: withheld.has(r.id) })),
    columns,
    cells: grid.map((g, i) => (withheld.has(rows[i]!.id) ? g.map(() => null) : g)),
    rowTotals: grid.map((g, i) => (withheld.has(rows[i]!.id) ? null : sum(g))),
    columnTotals: totalsShown ? columnTotals : columnTotals.map(() => null),
    total: totalsShown ? sum(columnTotals) : null,
  };
}

/**
 * A cross-tab of a choice question (columns) by `rows`. `rowAxis` names the rows: the options of the row question,
 * or, by union, the unions of the respondents (given their ids). Named surveys are shown as they are.
 */
export async function crosstab(
  db: Database,
  anonymous: boolean,
  f: ResponseFilter,
  rows: CrosstabRows,
  columns: AxisItem[],
  colQuestion: string,
  rowAxis: (ids: string[]) => Promise<AxisItem[]>,
): Promise<Crosstab> {
  if (anonymous && (await countResponses(db, f)) < MIN_CELL) {
    return { suppressed: true, rows: [], columns, cells: [], rowTotals: [], columnTotals: [], total: null };
  }
  const { cells, rowSizes } = await crosstabCells(db, f, rows, colQuestion);
  const axis = await rowAxis([...rowSizes.keys()]);
  const withheld = anonymous ? smallRows(axis, rowSizes) : new Set<string>();
  let totalsShown = true;
  if (withheld.size > 0) {
    const together = await countResponses(db, f, { row: rows, ids: [...withheld] });
    if (together < MIN_CELL) {
      const companion = companionRow(axis, rowSizes, withheld);
      if (companion) withheld.add(companion);
      else totalsShown = false;
    }
  }
  return tabulate({ rows: axis, columns }, cells, withheld, totalsShown);
}
