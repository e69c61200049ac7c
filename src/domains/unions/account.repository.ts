import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export async function findAccountByPhone(db: Database, phone: string) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('unions as u', 'u.id', 'a.unionId')
    .select([
      'a.id',
      'a.phone',
      'a.displayName',
      'a.passwordHash',
      'a.role',
      'a.unionId',
      'a.memberId',
      'a.totpSecretEnc',
      'a.totpEnabled',
      'a.failedLogins',
      'a.lockedUntil',
      'a.disabledAt',
      'u.code as unionCode',
      'u.name as unionName',
      'u.kind as unionKind',
    ])
    .where('a.phone', '=', phone)
    .executeTakeFirst();
}

export async function findAccountById(db: Database, id: string) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('unions as u', 'u.id', 'a.unionId')
    .select([
      'a.id',
      'a.phone',
      'a.displayName',
      'a.role',
      'a.unionId',
      'a.memberId',
      'a.totpEnabled',
      'a.totpSecretEnc',
      'u.code as unionCode',
      'u.name as unionName',
      'u.kind as unionKind',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** Counts a failed sign-in atomically and locks the account after too many; returns the lock end, if any. */
export async function recordFailedLogin(db: Database, accountId: string, now: Date): Promise<Date | null> {
  const row = await db
    .updateTable('accounts')
    .set({
      failedLogins: sql`failed_logins + 1`,
      lockedUntil: sql`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS}
        THEN ${now}::timestamptz + make_interval(mins => ${LOCK_MINUTES}) ELSE locked_until END`,
    })
    .where('id', '=', accountId)
    .returning(['lockedUntil', 'failedLogins'])
    .executeTakeFirstOrThrow();
  return row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordSuccessfulLogin(db: Database, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', accountId).execute();
}

export async function setTotp(db: Database, accountId: string, secretEnc: Buffer | null, enabled: boolean) {
  await db
    .updateTable('accounts')
    .set({ totpSecretEnc: secretEnc, totpEnabled: enabled, updatedAt: new Date() })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Accepts a TOTP step only if it is later than the last one accepted for the account; atomic, so two sign-ins racing
 * with the same code cannot both succeed.
 */
export async function claimTotpStep(db: Database, accountId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set({ totpLastStep: String(step) })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
