import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './roles.ts';

export interface AuditEntry {
  actor: Pick<Actor, 'accountId' | 'role'> | null;
  action: string;
  entity: string;
  entityId?: string | null;
  unionId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * Appends to the audit log; pass the transaction of the write it records so that both land or neither does.
 * The table refuses UPDATE and DELETE (a trigger), so the log is append-only even for the application itself.
 */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      actorId: entry.actor?.accountId ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      unionId: entry.unionId ?? null,
      reason: entry.reason ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
    })
    .execute();
}
