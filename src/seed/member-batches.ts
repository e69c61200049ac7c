/**
 * Member batches for the scale seed, in order, built inline or by a pool of worker threads. With workers, up to
 * two batches per worker are in flight ahead of the consumer and no more, so memory stays bounded however many
 * members are asked for.
 */
import { Worker } from 'node:worker_threads';
import type { FieldCipher } from '../platform/crypto.ts';
import { buildMemberBatch, type MemberBatch, type ScaledUnion } from './member-rows.ts';
import type { MemberJob, MemberWorkerData } from './member-worker.ts';

export interface MemberBatchOptions {
  total: number;
  batchSize: number;
  unions: ScaledUnion[];
  today: string;
  cipher: FieldCipher;
  /** Worker threads; 0 builds batches on the calling thread. Workers need the master key. */
  workers: number;
  masterKey?: Uint8Array;
}

const ranges = (total: number, size: number) =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => ({
    start: i * size,
    end: Math.min(total, (i + 1) * size),
  }));

export async function* memberBatches(o: MemberBatchOptions): AsyncGenerator<MemberBatch> {
  const jobs = ranges(o.total, o.batchSize);
  if (o.workers <= 0 || !o.masterKey || jobs.length === 0) {
    for (const { start, end } of jobs) yield buildMemberBatch(o.cipher, o.unions, start, end, o.today);
    return;
  }
  const pool = Array.from({ length: Math.min(o.workers, jobs.length) }, () => startWorker(o));
  const waiting = new Map<number, { resolve: (b: MemberBatch) => void; reject: (e: Error) => void }>();
  for (const w of pool) {
    w.on('message', (msg: { job: number; batch?: MemberBatch; error?: string }) => {
      const p = waiting.get(msg.job);
      waiting.delete(msg.job);
      if (msg.error !== undefined) p?.reject(new Error(`member worker: ${msg.error}`));
      else p?.resolve(msg.batch!);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
  }
  const inFlight: Promise<MemberBatch>[] = [];
  let next = 0;
  const submit = () => {
    const job = next++;
    const promise = new Promise<MemberBatch>((resolve, reject) => waiting.set(job, { resolve, reject }));
    promise.catch(() => {}); // rejections surface when the batch is awaited in order
    inFlight.push(promise);
    pool[job % pool.length]!.postMessage({ job, ...jobs[job]! } satisfies MemberJob);
  };
  try {
    while (next < jobs.length && inFlight.length < 2 * pool.length) submit();
    while (inFlight.length) {
      const batch = await inFlight.shift()!;
      if (next < jobs.length) submit();
      yield batch;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * The worker registers tsx itself: a worker does not inherit a loader that the parent registered from code (as
 * bin/unioncare.mjs does), and starting it without the parent's flags avoids registering it twice.
 */
function startWorker(o: MemberBatchOptions) {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./member-worker.ts', import.meta.url).href;
  const workerData: MemberWorkerData = { masterKey: o.masterKey!, unions: o.unions, today: o.today };
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, execArgv: [], workerData },
  );
}
