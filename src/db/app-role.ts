import type pg from 'pg';
import { type Database, kyselyOver, openPool } from './index.ts';

/** The least-privilege role the running service takes (migrations/0011_app_role.sql): rows only, audit log append-only. */
export const APP_ROLE = 'unioncare_app';

/** Whether the connected user may take the service role here (it exists and we are a member or a superuser). */
export async function canTakeAppRole(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)
        AND pg_has_role(current_user, $1, 'USAGE') AS ok`,
    [APP_ROLE],
  );
  return rows[0]?.ok === true;
}

/** A pool whose every connection starts as the service role, so no code path can escape it. */
export function openAppPool(connection: pg.PoolConfig, max?: number): { pool: pg.Pool; db: Database } {
  const pool = openPool({ ...connection, options: `-c role=${APP_ROLE}` }, max);
  return { pool, db: kyselyOver(pool) };
}
