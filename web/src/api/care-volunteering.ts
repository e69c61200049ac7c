import { BASE, byId, enc, ME, send, useCareGet, useCareList, useCareWrite, useMemberWrite } from './care-query';
import { api } from './client';

/**
 * Volunteering (志愿服务): staff shifts in communities with their roster (check-in, check-out) and hours per member
 * per year; and the member's side: signing up, their hours and the certificate.
 */

export interface Signup {
  memberId: string;
  memberName: string;
  signedUpAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
}

export interface VolunteerHoursRow {
  memberId: string;
  memberName: string;
  unionName: string;
  shifts: number;
  minutes: number;
  hours: number;
}

export interface ShiftInput {
  unionId: string;
  title: string;
  community: string;
  date: string;
  startTime: string;
  endTime: string;
  task: string;
  capacity: number;
}

export interface VolunteerShift extends ShiftInput {
  id: string;
  unionName: string;
  signedUp: number;
  /** only in member lists */
  mine?: boolean;
}

export const useShifts = () => useCareList<VolunteerShift>(['care', 'shifts'], `${BASE}/volunteer-shifts`);

export const useSignups = (id: string | undefined) =>
  useCareList<Signup>(...byId('shift', `${BASE}/volunteer-shifts`, id, 'signups'));

export const useVolunteerHours = (year: number) =>
  useCareList<VolunteerHoursRow>(['care', 'volunteer-hours', year], `${BASE}/volunteer-hours`, { year });

export const volunteerHoursXlsxUrl = (year: number) => `${BASE}/volunteer-hours.xlsx?year=${year}`;

export const useCreateShift = () => useCareWrite(send<ShiftInput>(`${BASE}/volunteer-shifts`), [['care', 'shifts']]);

/** Checks a volunteer in or out, now or (recording afterwards) at `at`, an ISO instant. */
export const useShiftClock = (id: string) =>
  useCareWrite(
    ({ memberId, action, at }: { memberId: string; action: 'checkin' | 'checkout'; at?: string }) =>
      api<unknown>(`${BASE}/volunteer-shifts/${enc(id)}/${action}`, { method: 'POST', body: { memberId, at } }),
    [
      ['care', 'shift', id],
      ['care', 'volunteer-hours'],
      ['care', 'shifts'],
    ],
  );

// ---- member: shifts and hours ------------------------------------------------------------------------------------

export interface MyHours {
  year: number;
  minutes: number;
  hours: number;
  shifts: { shiftId: string; title: string; community: string; date: string; task: string; minutes: number | null }[];
}

export const useMyShifts = () => useCareList<VolunteerShift>(['care', 'me', 'shifts'], `${ME}/volunteer-shifts`);

export const useMyHours = (year: number) =>
  useCareGet<MyHours>(['care', 'me', 'hours', year], `${ME}/volunteer-hours`, { year });

export const certificateUrl = (year: number) => `${ME}/volunteer-certificate.pdf?year=${year}`;

export const useShiftSignup = () =>
  useMemberWrite(({ id, cancel = false }: { id: string; cancel?: boolean }) =>
    api<unknown>(`${ME}/volunteer-shifts/${enc(id)}/signup`, { method: cancel ? 'DELETE' : 'POST' }),
  );
