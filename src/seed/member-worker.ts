/**
 * Worker thread entry for the scale seed (started by member-batches.ts): builds member batches, field encryption
 * included, on another core while the main thread writes the previous batch to the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCipher } from '../platform/crypto.ts';
import { buildMemberBatch, type ScaledUnion } from './member-rows.ts';

export interface MemberWorkerData {
  masterKey: Uint8Array;
  unions: ScaledUnion[];
  today: string;
}
export interface MemberJob {
  job: number;
  start: number;
  end: number;
}

const data = workerData as MemberWorkerData;
const cipher = createFieldCipher(Buffer.from(data.masterKey));
parentPort!.on('message', ({ job, start, end }: MemberJob) => {
  try {
    parentPort!.postMessage({ job, batch: buildMemberBatch(cipher, data.unions, start, end, data.today) });
  } catch (err) {
    parentPort!.postMessage({ job, error: err instanceof Error ? err.message : String(err) });
  }
});
