/** Demo accounts seeded by the backend (`unioncare seed`); correct them here if the seed changes. */

export const DEMO_PASSWORD = 'Demo@12351';

export interface DemoAccount {
  phone: string;
  password: string;
  role: string;
  /** what the tests expect to see for this account */
  note: string;
}

const account = (phone: string, role: string, note: string): DemoAccount => ({
  phone,
  password: DEMO_PASSWORD,
  role,
  note,
});

export const DEMO = {
  member: account('13800000001', 'member', '李静, member of a workplace union in 昌平区'),
  workplaceStaff: account('13800000002', 'workplace_staff', 'staff of a workplace union'),
  districtChaoyang: account('13800000003', 'district_staff', 'staff of 朝阳区总工会'),
  districtChangping: account('13800000004', 'district_staff', 'staff of 昌平区总工会'),
  cityStaff: account('13800000005', 'city_staff', 'staff of the city federation'),
  auditor: account('13800000006', 'auditor', 'auditor'),
  admin: account('13800000007', 'admin', 'administrator'),
  stationOperator: account('13800000008', 'station_operator', 'station operator'),
} as const;

/** The demo member's name, as seeded. */
export const DEMO_MEMBER_NAME = '李静';
