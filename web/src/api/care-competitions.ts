import { BASE, byId, enc, ME, send, useCareList, useCareWrite, useMemberWrite } from './care-query';
import { api } from './client';

/**
 * Fitness competitions (健身竞赛) with registrations, results and the points table per union; the supervision
 * group's visits (督导检查); and the member's side of entering a competition.
 */

export interface Competition {
  id: string;
  title: string;
  unionId: string;
  unionName: string;
  startsOn: string;
  endsOn: string;
  registrationClosesOn: string | null;
  events: string[];
  notes: string | null;
  registrations: number;
}

export interface CompetitionInput {
  title: string;
  unionId: string;
  startsOn: string;
  endsOn: string;
  registrationClosesOn?: string;
  events: string[];
  notes?: string;
}

export interface Registration {
  id: string;
  memberId: string;
  memberName: string;
  unionId: string;
  unionName: string;
  event: string;
  registeredAt: string;
}

export interface ResultInput {
  memberId?: string;
  unionId?: string;
  event: string;
  rank: number;
  points: number;
}

export interface CompetitionResult {
  id: string;
  event: string;
  memberId: string | null;
  memberName: string | null;
  unionId: string;
  unionName: string;
  rank: number;
  points: number;
}

export interface PointsRow {
  position: number;
  unionId: string;
  unionName: string;
  points: number;
  results: number;
}

export const useCompetitions = () => useCareList<Competition>(['care', 'competitions'], `${BASE}/competitions`);

const useCompetitionList = <T>(id: string | undefined, what: 'registrations' | 'results' | 'points-table') =>
  useCareList<T>(...byId('competition', `${BASE}/competitions`, id, what));

export const useRegistrations = (id: string | undefined) => useCompetitionList<Registration>(id, 'registrations');
export const useResults = (id: string | undefined) => useCompetitionList<CompetitionResult>(id, 'results');
export const usePointsTable = (id: string | undefined) => useCompetitionList<PointsRow>(id, 'points-table');

export const useCreateCompetition = () =>
  useCareWrite(send<CompetitionInput>(`${BASE}/competitions`), [['care', 'competitions']]);

export const useRecordResults = (id: string) =>
  useCareWrite(
    (results: ResultInput[]) =>
      api<unknown>(`${BASE}/competitions/${enc(id)}/results`, { method: 'POST', body: { results } }),
    [['care', 'competition', id]],
  );

export interface SupervisionVisit {
  id: string;
  unionId: string;
  unionName: string;
  visitedOn: string;
  findings: string;
  score: number | null;
  unannounced: boolean;
  by: string | null;
}

export interface VisitInput {
  unionId: string;
  visitedOn: string;
  findings: string;
  score?: number;
  unannounced: boolean;
}

export const useSupervisionVisits = () =>
  useCareList<SupervisionVisit>(['care', 'supervision'], `${BASE}/supervision-visits`);

export const useCreateVisit = () =>
  useCareWrite(send<VisitInput>(`${BASE}/supervision-visits`), [['care', 'supervision']]);

// ---- member: competitions ----------------------------------------------------------------------------------------

/** A competition as a member sees it; `registeredEvents` when the API says which events they entered. */
export interface MyCompetition extends Competition {
  registeredEvents?: string[];
}

export const useMyCompetitions = () => useCareList<MyCompetition>(['care', 'me', 'competitions'], `${ME}/competitions`);

export const useRegister = () =>
  useMemberWrite(({ id, event }: { id: string; event: string }) =>
    api<unknown>(`${ME}/competitions/${enc(id)}/registrations`, { method: 'POST', body: { event } }),
  );
