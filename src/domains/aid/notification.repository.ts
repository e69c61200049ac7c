import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';

type Db = Database | Transaction<DB>;

/** Queues a text message in the caller's transaction: it is sent only if the change it reports commits. */
export async function enqueueSms(
  db: Db,
  n: {
    to: string;
    template: string;
    params: Record<string, string | number>;
    entity: string;
    entityId: string;
    at: Date;
  },
) {
  await db
    .insertInto('notifications')
    .values({
      id: uuidv7(),
      channel: 'sms',
      toPhone: n.to,
      template: n.template,
      params: JSON.stringify(n.params),
      entity: n.entity,
      entityId: n.entityId,
      createdAt: n.at,
      nextAttemptAt: n.at,
    })
    .execute();
}

export async function notificationsFor(db: Db, entity: string, entityId: string) {
  return db
    .selectFrom('notifications')
    .select(['template', 'params', 'status', 'createdAt', 'toPhone'])
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('createdAt')
    .execute();
}

/**
 * Locks up to `limit` due rows, skipping rows another dispatcher holds, so two service instances never send the
 * same message twice.
 */
export async function lockDue(trx: Transaction<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('notifications')
    .select(['id', 'toPhone', 'template', 'params', 'attempts'])
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', now)
    .orderBy('nextAttemptAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markSent(trx: Transaction<DB>, id: string, at: Date) {
  await trx
    .updateTable('notifications')
    .set({ status: 'sent', sentAt: at, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(trx: Transaction<DB>, id: string, error: string, retryAt: Date | null) {
  await trx
    .updateTable('notifications')
    .set({
      status: retryAt ? 'pending' : 'failed',
      attempts: sql`attempts + 1`,
      lastError: error.slice(0, 500),
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}
