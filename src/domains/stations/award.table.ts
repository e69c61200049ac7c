import type { Generated } from 'kysely';

export interface AwardCampaignTable {
  id: string;
  name: string;
  year: number;
  unionId: string;
  unionPath: string;
  nominationFrom: string;
  nominationTo: string;
  votingFrom: string;
  votingTo: string;
  /** Criterion[] (award.rules.ts) written as JSON text. */
  criteria: unknown;
  publicWeight: number;
  publishedAt: Date | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface AwardNominationTable {
  campaignId: string;
  stationId: string;
  unionPath: string;
  statement: string | null;
  nominatedBy: string | null;
  nominatedAt: Generated<Date>;
}

export interface AwardVoteTable {
  id: string;
  campaignId: string;
  stationId: string;
  memberId: string;
  accountId: string | null;
  voteDay: string;
  ip: string | null;
  deviceId: string | null;
  flagged: Generated<boolean>;
  flagReason: string | null;
  createdAt: Generated<Date>;
}

export interface AwardJuryScoreTable {
  campaignId: string;
  stationId: string;
  jurorId: string;
  /** Record<criterion key, 0–100> written as JSON text. */
  scores: unknown;
  updatedAt: Generated<Date>;
}
