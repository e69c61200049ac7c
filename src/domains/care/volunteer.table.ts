import type { Generated } from 'kysely';

export interface CareVolunteerShiftTable {
  id: string;
  unionId: string;
  unionPath: string;
  title: string;
  community: string;
  day: string;
  startTime: string;
  endTime: string;
  task: string;
  capacity: number;
  signedUp: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface CareVolunteerSignupTable {
  shiftId: string;
  memberId: string;
  signedUpAt: Generated<Date>;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  checkedOutAt: Date | null;
  checkedOutBy: string | null;
  minutes: number | null;
}
