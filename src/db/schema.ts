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
import type { ArticleImageTable, ArticleReadTable, ArticleTable } from '../domains/articles/article.table.ts';
import type {
  CareActivityHandoutTable,
  CareActivityPhotoTable,
  CareActivityReachTable,
  CareActivityTable,
} from '../domains/care/activity.table.ts';
import type {
  CareCompetitionRegistrationTable,
  CareCompetitionResultTable,
  CareCompetitionTable,
  CareSupervisionVisitTable,
} from '../domains/care/competition.table.ts';
import type {
  CareDistributionLineTable,
  CareDistributionTable,
  CareHandoverTable,
  CareReturnTable,
} from '../domains/care/distribution.table.ts';
import type {
  CareItemTable,
  CareKitComponentTable,
  CareMovementTable,
  CareReceiptLineTable,
  CareReceiptTable,
  CareStockTable,
} from '../domains/care/stock.table.ts';
import type { CareVolunteerShiftTable, CareVolunteerSignupTable } from '../domains/care/volunteer.table.ts';
import type { CockpitFlowTable, CockpitStockTable } from '../domains/cockpit/cockpit.table.ts';
import type {
  HotlineConsultationAnswerTable,
  HotlineConsultationClaimTable,
  HotlineConsultationTable,
  HotlineFeedbackLinkTable,
  HotlineFollowUpTable,
  HotlineKbAnswerCoverageTable,
  HotlineKbAnswerSchemeTable,
  HotlineKbAnswerTable,
  HotlineKbStateTable,
  HotlinePrecheckTable,
  HotlineSatisfactionTable,
  HotlineSynonymTable,
  HotlineUnansweredSearchTable,
} from '../domains/hotline/hotline.table.ts';
import type {
  AwardCampaignTable,
  AwardJuryScoreTable,
  AwardNominationTable,
  AwardVoteTable,
} from '../domains/stations/award.table.ts';
import type { StationDemandCellTable } from '../domains/stations/coverage.table.ts';
import type { StationExitReviewTable, StationExitRuleTable } from '../domains/stations/exit-review.table.ts';
import type {
  StationCheckinTable,
  StationRatingTable,
  StationReportTable,
} from '../domains/stations/feedback.table.ts';
import type { StationHealthHistoryTable, StationHealthTable } from '../domains/stations/health-score.table.ts';
import type { StationChecklistTable, StationInspectionTable } from '../domains/stations/inspection.table.ts';
import type {
  StationCodeCounterTable,
  StationOperatorTable,
  StationPhotoTable,
  StationStatusHistoryTable,
  StationTable,
} from '../domains/stations/station.table.ts';
import type {
  StationTicketEventTable,
  StationTicketReportTable,
  StationTicketTable,
} from '../domains/stations/ticket.table.ts';
import type {
  SurveyDraftTable,
  SurveyLinkTable,
  SurveyParticipationTable,
  SurveyResponseTable,
  SurveyTable,
  SurveyVersionTable,
} from '../domains/surveys/survey.table.ts';
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
  cockpitStock: CockpitStockTable;
  cockpitFlow: CockpitFlowTable;
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
  stationChecklists: StationChecklistTable;
  stationInspections: StationInspectionTable;
  stationTickets: StationTicketTable;
  stationTicketReports: StationTicketReportTable;
  stationTicketEvents: StationTicketEventTable;
  stationHealth: StationHealthTable;
  stationHealthHistory: StationHealthHistoryTable;
  stationExitRules: StationExitRuleTable;
  stationExitReviews: StationExitReviewTable;
  awardCampaigns: AwardCampaignTable;
  awardNominations: AwardNominationTable;
  awardVotes: AwardVoteTable;
  awardJuryScores: AwardJuryScoreTable;
  stationDemandCells: StationDemandCellTable;
  hotlineKbAnswers: HotlineKbAnswerTable;
  hotlineKbAnswerCoverages: HotlineKbAnswerCoverageTable;
  hotlineKbAnswerSchemes: HotlineKbAnswerSchemeTable;
  hotlineSynonyms: HotlineSynonymTable;
  hotlineKbState: HotlineKbStateTable;
  hotlineUnansweredSearches: HotlineUnansweredSearchTable;
  hotlineConsultations: HotlineConsultationTable;
  hotlineConsultationAnswers: HotlineConsultationAnswerTable;
  hotlinePrechecks: HotlinePrecheckTable;
  hotlineConsultationClaims: HotlineConsultationClaimTable;
  hotlineFollowUps: HotlineFollowUpTable;
  hotlineSatisfaction: HotlineSatisfactionTable;
  hotlineFeedbackLinks: HotlineFeedbackLinkTable;
  articles: ArticleTable;
  articleImages: ArticleImageTable;
  articleReads: ArticleReadTable;
  surveys: SurveyTable;
  surveyVersions: SurveyVersionTable;
  surveyParticipations: SurveyParticipationTable;
  surveyResponses: SurveyResponseTable;
  surveyDrafts: SurveyDraftTable;
  surveyLinks: SurveyLinkTable;
  careItems: CareItemTable;
  careKitComponents: CareKitComponentTable;
  careReceipts: CareReceiptTable;
  careReceiptLines: CareReceiptLineTable;
  careStock: CareStockTable;
  careMovements: CareMovementTable;
  careDistributions: CareDistributionTable;
  careDistributionLines: CareDistributionLineTable;
  careHandovers: CareHandoverTable;
  careReturns: CareReturnTable;
  careActivities: CareActivityTable;
  careActivityHandouts: CareActivityHandoutTable;
  careActivityReach: CareActivityReachTable;
  careActivityPhotos: CareActivityPhotoTable;
  careCompetitions: CareCompetitionTable;
  careCompetitionRegistrations: CareCompetitionRegistrationTable;
  careCompetitionResults: CareCompetitionResultTable;
  careSupervisionVisits: CareSupervisionVisitTable;
  careVolunteerShifts: CareVolunteerShiftTable;
  careVolunteerSignups: CareVolunteerSignupTable;
}
