import type { ColumnType, Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobTable {
  id: string;
  kind: string;
  status: JobStatus;
  createdBy: string | null;
  unionId: string | null;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  total: Generated<number>;
  processed: Generated<number>;
  result: ColumnType<Record<string, unknown>, string | undefined, string>;
  message: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
