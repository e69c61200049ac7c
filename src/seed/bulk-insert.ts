/**
 * Bulk inserts for the scale seed: one array parameter per column and `INSERT … SELECT FROM unnest(…)`, instead of
 * a multi-row VALUES list with one bind parameter per cell. PostgreSQL parses a dozen arrays much faster than
 * 60,000 parameters, and the statement no longer runs into the 65,535-parameter cap, so batches can be large.
 */
import { sql } from 'kysely';
import type { Database } from '../db/index.ts';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const typesOf = new Map<string, Map<string, string>>();

async function columnTypes(db: Database, table: string) {
  const known = typesOf.get(table);
  if (known) return known;
  const { rows } = await sql<{ name: string; type: string }>`
    SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
    WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db);
  const types = new Map(rows.map((r) => [r.name, r.type]));
  typesOf.set(table, types);
  return types;
}

/** Column-wise rows: every array has the same length; keys are the camelCase column names. */
export type Columns = Record<string, readonly unknown[]>;

/** Inserts the rows given column by column (camelCase keys) into `table` (snake_case) in one statement. */
export async function insertColumns(db: Database, table: string, columns: Columns): Promise<void> {
  const names = Object.keys(columns);
  const length = columns[names[0]!]?.length ?? 0;
  if (length === 0) return;
  const types = await columnTypes(db, table);
  const params = names.map((name) => {
    const column = snake(name);
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    // unnest flattens nested arrays: array-typed columns need their own statement.
    if (type.endsWith('[]')) throw new Error(`${table}.${column} is an array column`);
    if (columns[name]!.length !== length) throw new Error(`${table}.${column}: ragged columns`);
    return sql`${sql.val(columns[name])}::${sql.raw(type)}[]`;
  });
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(snake(n))))})
            SELECT * FROM unnest(${sql.join(params)})`.execute(db);
}

/** The same, from row objects (all rows with the same keys). */
export function insertRows(db: Database, table: string, rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return Promise.resolve();
  const columns: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0]!)) columns[key] = rows.map((r) => r[key] ?? null);
  return insertColumns(db, table, columns);
}
