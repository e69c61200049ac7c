import { Type } from 'typebox';
import { PERMISSIONS } from '../../platform/permissions.ts';
import { ROLES } from '../../platform/roles.ts';
import { StringEnum } from '../../platform/schema.ts';
import { UNION_KINDS } from './union.table.ts';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    status: Type.Integer(),
    title: Type.String(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  },
  { additionalProperties: true, $id: 'Problem' },
);

export const UnionRef = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(UNION_KINDS),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  union: Type.Union([UnionRef, Type.Null()]),
  memberId: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  permissions: Type.Array(StringEnum(PERMISSIONS)),
});

export const LoginBody = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 32 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totp: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
);
