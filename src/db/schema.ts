import type { AccountTable, SessionTable } from '../domains/unions/account.table.ts';
import type {
  AidCardStatusHistoryTable,
  AidCardTable,
  MemberStatusHistoryTable,
  MemberTable,
} from '../domains/unions/member.table.ts';
import type { UnionTable } from '../domains/unions/union.table.ts';
import type { AuditLogTable } from '../platform/audit.table.ts';
import type { JobTable } from '../platform/job.table.ts';

/** The whole database as Kysely sees it (camelCase; the CamelCasePlugin maps to snake_case). */
export interface DB {
  auditLog: AuditLogTable;
  jobs: JobTable;
  unions: UnionTable;
  members: MemberTable;
  memberStatusHistory: MemberStatusHistoryTable;
  aidCards: AidCardTable;
  aidCardStatusHistory: AidCardStatusHistoryTable;
  accounts: AccountTable;
  sessions: SessionTable;
}
