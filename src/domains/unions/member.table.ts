import type { Generated } from 'kysely';

export const MEMBER_STATUSES = ['active', 'transferred', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const CARD_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export interface MemberTable {
  id: string;
  unionId: string;
  unionPath: string;
  name: string;
  phone: string;
  idNumberEnc: Buffer;
  idNumberHash: Buffer;
  idNumberMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  status: MemberStatus;
  joinedOn: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface MemberStatusHistoryTable {
  id: Generated<number>;
  memberId: string;
  status: MemberStatus;
  unionId: string;
  at: Generated<Date>;
  reason: string | null;
  actorId: string | null;
}

export interface AidCardTable {
  id: string;
  memberId: string;
  cardNo: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  status: CardStatus;
  bankAccountEnc: Buffer | null;
  bankAccountHash: Buffer | null;
  bankAccountMasked: string | null;
  bankName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface AidCardStatusHistoryTable {
  id: Generated<number>;
  cardId: string;
  status: CardStatus;
  at: Generated<Date>;
  reason: string | null;
  actorId: string | null;
}
