import type { Database } from '../../db/index.ts';
import type { Actor } from '../../platform/roles.ts';

export const STAFF_SESSION_HOURS = 12;
export const MEMBER_SESSION_DAYS = 30;

/** The actor behind a live session token, joined with the path of its union for subtree checks. */
export async function findActorBySession(db: Database, tokenHash: Buffer, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.accountId')
    .leftJoin('unions as u', 'u.id', 'a.unionId')
    .select(['a.id as accountId', 'a.role', 'a.unionId', 'u.path as unionPath', 'a.memberId'])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', now)
    .where('a.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    accountId: row.accountId,
    role: row.role,
    unionId: row.unionId,
    unionPath: row.unionPath ?? null,
    memberId: row.memberId,
  };
}

export async function createSession(
  db: Database,
  values: { tokenHash: Buffer; accountId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insertInto('sessions').values(values).execute();
}

export async function revokeSession(db: Database, tokenHash: Buffer, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeAllSessions(db: Database, accountId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .execute();
}
