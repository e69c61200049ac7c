import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/index.ts';

/** Starts a job record that a page can poll for progress. */
export async function createJob(
  db: Database,
  job: { kind: string; createdBy: string | null; unionId: string | null; params: Record<string, unknown> },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      status: 'queued',
      createdBy: job.createdBy,
      unionId: job.unionId,
      params: JSON.stringify(job.params),
    })
    .execute();
  return id;
}

export async function updateJob(
  db: Database,
  id: string,
  patch: Partial<{
    status: 'running' | 'succeeded' | 'failed';
    total: number;
    processed: number;
    result: object;
    message: string;
  }>,
): Promise<void> {
  const { result, ...rest } = patch;
  await db
    .updateTable('jobs')
    .set({ ...rest, ...(result ? { result: JSON.stringify(result) } : {}), updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function findJob(db: Database, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs run inside the service process; after a restart, any that were running can never finish. */
export async function failInterruptedJobs(db: Database): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      message: 'interrupted by a restart; nothing was written, please run it again',
      updatedAt: sql`now()`,
    })
    .where('status', 'in', ['queued', 'running'])
    .execute();
}
