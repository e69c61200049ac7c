import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../platform/schema.ts';
import { Id } from './stock.schemas.ts';

const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Asia/Shanghai' });

export const ShiftBody = Type.Object(
  {
    unionId: Id,
    title: Type.String({ minLength: 1, maxLength: 100 }),
    community: Type.String({ minLength: 1, maxLength: 100, description: '社区 / village' }),
    date: IsoDate,
    startTime: Time,
    endTime: Time,
    task: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. 核酸检测点信息录入' }),
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export const Shift = Type.Object({
  id: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  title: Type.String(),
  community: Type.String(),
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  task: Type.String(),
  capacity: Type.Integer(),
  signedUp: Type.Integer(),
  /** Only in member lists: whether the caller has signed up. */
  mine: Type.Optional(Type.Boolean()),
});
export const ShiftList = Type.Object({ items: Type.Array(Shift) });
export const ShiftQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), unionId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const Signup = Type.Object({
  memberId: Type.String(),
  memberName: Type.String(),
  signedUpAt: Type.String(),
  checkedInAt: Nullable(Type.String()),
  checkedOutAt: Nullable(Type.String()),
  minutes: Nullable(Type.Integer()),
});
export const SignupList = Type.Object({ items: Type.Array(Signup) });

export const CheckBody = Type.Object(
  {
    memberId: Id,
    at: Type.Optional(Type.String({ format: 'date-time', description: 'default: now; for recording afterwards' })),
  },
  { additionalProperties: false },
);

export const YearQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), unionId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const MemberHours = Type.Object({
  memberId: Type.String(),
  memberName: Type.String(),
  unionName: Type.String(),
  shifts: Type.Integer(),
  minutes: Type.Integer(),
  hours: Type.Number({ description: 'minutes / 60, one decimal' }),
});
export const HoursList = Type.Object({ year: Type.Integer(), items: Type.Array(MemberHours) });
export const MyHours = Type.Object({
  year: Type.Integer(),
  minutes: Type.Integer(),
  hours: Type.Number(),
  shifts: Type.Array(
    Type.Object({
      shiftId: Type.String(),
      title: Type.String(),
      community: Type.String(),
      date: Type.String(),
      task: Type.String(),
      minutes: Nullable(Type.Integer()),
    }),
  ),
});
export const CertificateQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
export const ShiftMemberParams = Type.Object({ id: Id });
