import type { Generated } from 'kysely';

export interface CareCompetitionTable {
  id: string;
  unionId: string;
  unionPath: string;
  title: string;
  startsOn: string;
  endsOn: string;
  registrationClosesOn: string | null;
  events: string[];
  notes: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareCompetitionRegistrationTable {
  id: string;
  competitionId: string;
  memberId: string;
  unionId: string;
  event: string;
  registeredAt: Generated<Date>;
}

export interface CareCompetitionResultTable {
  id: string;
  competitionId: string;
  event: string;
  memberId: string | null;
  unionId: string;
  rank: number;
  points: number;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareSupervisionVisitTable {
  id: string;
  unionId: string;
  unionPath: string;
  visitedOn: string;
  findings: string;
  score: number | null;
  unannounced: boolean;
  createdBy: string | null;
  createdAt: Generated<Date>;
}
