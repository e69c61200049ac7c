import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { CARD_STATUSES, MEMBER_STATUSES } from './member.table.ts';
import { UNION_KINDS } from './union.table.ts';

const Gender = StringEnum(['male', 'female'] as const);

export const CardSummary = Type.Object({
  cardNo: Type.String(),
  status: StringEnum(CARD_STATUSES),
  validFrom: IsoDate,
  validTo: IsoDate,
});

export const MemberListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  idNumberMasked: Type.String(),
  gender: Gender,
  unionId: Type.String(),
  unionName: Type.String(),
  status: StringEnum(MEMBER_STATUSES),
  joinedOn: IsoDate,
  card: Nullable(CardSummary),
});

export const MemberListQuery = Type.Object(
  {
    unionId: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    status: Type.Optional(StringEnum(MEMBER_STATUSES)),
    cardStatus: Type.Optional(StringEnum([...CARD_STATUSES, 'none'] as const)),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const MemberPage = Type.Object({
  items: Type.Array(MemberListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const CardDetail = Type.Object({
  id: Type.String(),
  cardNo: Type.String(),
  status: StringEnum(CARD_STATUSES),
  validFrom: IsoDate,
  validTo: IsoDate,
  bankAccountMasked: Nullable(Type.String()),
  bankName: Nullable(Type.String()),
});

export const MemberDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  idNumberMasked: Type.String(),
  gender: Gender,
  birthDate: IsoDate,
  status: StringEnum(MEMBER_STATUSES),
  joinedOn: IsoDate,
  union: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: StringEnum(UNION_KINDS) }),
  statusHistory: Type.Array(
    Type.Object({
      status: StringEnum(MEMBER_STATUSES),
      at: Type.String({ format: 'date-time' }),
      unionName: Type.String(),
      reason: Nullable(Type.String()),
    }),
  ),
  cards: Type.Array(CardDetail),
});

export const MemberCreateBody = Type.Object(
  {
    unionId: Type.String({ format: 'uuid' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ minLength: 1, maxLength: 20 }),
    idNumber: Type.String({ minLength: 1, maxLength: 24 }),
    joinedOn: Type.Optional(IsoDate),
    card: Type.Optional(
      Type.Object(
        {
          cardNo: Type.String({ pattern: '^[A-Za-z0-9]{6,32}$' }),
          validFrom: IsoDate,
          validTo: IsoDate,
          bankAccount: Type.Optional(Type.String({ pattern: '^\\d{12,19}$' })),
          bankName: Type.Optional(Type.String({ maxLength: 60 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const MemberStatusBody = Type.Object(
  {
    status: StringEnum(['left', 'active'] as const),
    reason: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const RevealBody = Type.Object(
  {
    field: StringEnum(['idNumber', 'bankAccount'] as const),
    reason: Type.String({ minLength: 4, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
