import type {
  AidClaimDocumentTable,
  AidClaimEventTable,
  AidClaimTable,
  AidIncidentTable,
  NotificationTable,
} from '../domains/aid/claim.table.ts';
import type {
  AidHistoryImportTable,
  AidLedgerTable,
  AidPayoutBatchTable,
  AidPayoutHistoryTable,
  AidPayoutTable,
} from '../domains/aid/payout.table.ts';
import type {
  AidCoverageTable,
  AidCoverageVersionTable,
  AidHolidayTable,
  AidReviewSettingsTable,
  AidSchemeTable,
} from '../domains/aid/scheme.table.ts';
import type {
  StationCheckinTable,
  StationRatingTable,
  StationReportTable,
} from '../domains/stations/feedback.table.ts';
import type {
  StationCodeCounterTable,
  StationOperatorTable,
  StationPhotoTable,
  StationStatusHistoryTable,
  StationTable,
} from '../domains/stations/station.table.ts';
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
  aidHolidays: AidHolidayTable;
  aidSchemes: AidSchemeTable;
  aidCoverages: AidCoverageTable;
  aidCoverageVersions: AidCoverageVersionTable;
  aidReviewSettings: AidReviewSettingsTable;
  aidIncidents: AidIncidentTable;
  aidClaims: AidClaimTable;
  aidClaimEvents: AidClaimEventTable;
  aidClaimDocuments: AidClaimDocumentTable;
  notifications: NotificationTable;
  aidPayoutBatches: AidPayoutBatchTable;
  aidPayouts: AidPayoutTable;
  aidLedger: AidLedgerTable;
  aidHistoryImports: AidHistoryImportTable;
  aidPayoutHistory: AidPayoutHistoryTable;
  stations: StationTable;
  stationStatusHistory: StationStatusHistoryTable;
  stationPhotos: StationPhotoTable;
  stationOperators: StationOperatorTable;
  stationCodeCounters: StationCodeCounterTable;
  stationCheckins: StationCheckinTable;
  stationRatings: StationRatingTable;
  stationReports: StationReportTable;
}
