import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AgeBand } from './survey.schemas.ts';
import type { Answers, SurveyDefinition } from './survey-definition.ts';

export interface AudienceFilter {
  ageBands?: AgeBand[];
  unionKinds?: ('workplace' | 'home')[];
}

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface SurveyTable {
  id: string;
  ownerUnionId: string;
  ownerUnionPath: string;
  title: string;
  currentVersion: Generated<number>;
  audienceUnionId: string | null;
  audiencePath: string | null;
  audienceFilter: ColumnType<AudienceFilter, string | undefined, string>;
  opensAt: Date | null;
  closesAt: Date | null;
  graceMinutes: Generated<number>;
  closedMessage: string | null;
  anonymous: Generated<boolean>;
  quota: number | null;
  publishedAt: Date | null;
  closedAt: Date | null;
  closedReason: 'manual' | 'quota' | null;
  responseCount: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface SurveyVersionTable {
  surveyId: string;
  version: number;
  definition: Json<SurveyDefinition>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface SurveyParticipationTable {
  surveyId: string;
  memberId: string;
  at: Generated<Date>;
  keyHash: Buffer;
}

export interface SurveyResponseTable {
  id: string;
  surveyId: string;
  version: number;
  unionId: string;
  unionPath: string;
  via: 'member' | 'link';
  anonymous: boolean;
  memberId: string | null;
  submittedOn: ColumnType<string, string, string>;
  submittedAt: Date | null;
  receiptHash: Buffer;
  answers: Json<Answers>;
}

export interface SurveyDraftTable {
  surveyId: string;
  memberId: string;
  version: number;
  answers: Json<Answers>;
  savedAt: Date;
}

export interface SurveyLinkTable {
  id: string;
  surveyId: string;
  tokenHash: Buffer;
  unionId: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
  usedAt: Date | null;
  keyHash: Buffer | null;
  draft: ColumnType<Answers | null, string | null, string | null>;
  draftSavedAt: Date | null;
}
