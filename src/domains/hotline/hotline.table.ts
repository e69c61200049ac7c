import type { ColumnType, Generated } from 'kysely';
import type { Outcome, Topic } from './consultation.schemas.ts';

type Json<T> = ColumnType<T, string, string>;

export interface HotlineKbAnswerTable {
  id: string;
  title: string;
  body: string;
  tags: string[];
  status: Generated<'active' | 'archived'>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface HotlineKbAnswerCoverageTable {
  answerId: string;
  coverageId: string;
}

export interface HotlineKbAnswerSchemeTable {
  answerId: string;
  schemeId: string;
}

export interface HotlineSynonymTable {
  id: string;
  terms: string[];
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}

export interface HotlineKbStateTable {
  id: Generated<boolean>;
  generation: ColumnType<string, string | number, string | number>;
}

export interface HotlineUnansweredSearchTable {
  id: Generated<number>;
  at: Generated<Date>;
  query: string;
  normalized: string;
  accountId: string | null;
  unionPath: string;
  consultationId: string | null;
}

export interface HotlineConsultationTable {
  id: string;
  channel: 'phone' | 'chat';
  callerPhone: string;
  memberId: string | null;
  unionId: string;
  unionPath: string;
  operatorId: string;
  topic: Topic | null;
  question: string | null;
  notes: string | null;
  outcome: Outcome | null;
  startedAt: Date;
  endedAt: Date | null;
  firstAnswerAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface HotlineConsultationAnswerTable {
  consultationId: string;
  answerId: string;
  linkedAt: Date;
  linkedBy: string;
}

export interface HotlinePrecheckTable {
  id: string;
  consultationId: string;
  coverageId: string;
  incidentDate: string;
  answers: Json<Record<string, string>>;
  eligible: boolean;
  result: Json<Record<string, unknown>>;
  at: Date;
  byAccount: string;
}

export interface HotlineConsultationClaimTable {
  consultationId: string;
  claimId: string;
  relation: 'started' | 'looked_up';
  at: Date;
  byAccount: string;
}

export interface HotlineFollowUpTable {
  id: string;
  consultationId: string;
  unionPath: string;
  dueAt: Date;
  note: string;
  createdAt: Generated<Date>;
  createdBy: string;
  doneAt: Date | null;
  doneBy: string | null;
  doneNote: string | null;
}

export interface HotlineSatisfactionTable {
  consultationId: string;
  score: number;
  comment: string | null;
  source: 'caller' | 'operator';
  at: Date;
}

export interface HotlineFeedbackLinkTable {
  token: string;
  consultationId: string;
  expiresAt: Date;
  usedAt: Date | null;
}
