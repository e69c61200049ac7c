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

/**
 * Runs an import-like job after the HTTP response has gone: marks it running, reports progress, stores the report and
 * marks it succeeded with processed = total (so a finished job never shows a half-full bar), or failed with a
 * message that promises nothing was written — the work itself must be all-or-nothing.
 */
export function runJobInBackground<R extends { total: number }>(
  db: Database,
  jobId: string,
  log: { error(obj: object, msg: string): void },
  work: (onProgress: (processed: number, total: number) => Promise<void>) => Promise<R>,
): void {
  setImmediate(async () => {
    try {
      await updateJob(db, jobId, { status: 'running' });
      const report = await work((processed, total) => updateJob(db, jobId, { processed, total }));
      await updateJob(db, jobId, { status: 'succeeded', result: report, total: report.total, processed: report.total });
    } catch (err) {
      log.error({ err, jobId }, 'background job failed');
      await updateJob(db, jobId, { status: 'failed', message: 'internal error; nothing was imported' }).catch(() => {});
    }
  });
}
