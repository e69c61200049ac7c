/**
 * The scale seed's members and aid cards, one batch at a time, column by column (see bulk-insert.ts). Pure apart
 * from the field cipher, so a batch can be built on a worker thread (member-worker.ts) as well as inline.
 */
import { uuidv7 } from 'uuidv7';
import { validateIdNumber } from '../domains/unions/id-number.ts';
import type { FieldCipher } from '../platform/crypto.ts';
import { maskBankAccount, maskIdNumber } from '../platform/mask.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng } from './people.ts';

/** Birth regions for scaled members: Beijing districts the demo seed never uses, so ID numbers cannot collide. */
const BIRTH_REGIONS = ['110106', '110107', '110111', '110112', '110113', '110115', '110116', '110117'];
const BIRTH_DAYS = 36 * 365; // 1966 … 2001
const BANKS = ['中国工商银行北京分行', '中国建设银行北京分行', '北京银行', '中国农业银行北京分行'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A unique, valid ID number for scaled member k: its birth day and sequence number come from k. */
export function scaledIdNumber(k: number): string {
  const perRegion = BIRTH_DAYS * 999;
  const region = BIRTH_REGIONS[Math.floor(k / perRegion) % BIRTH_REGIONS.length]!;
  const within = k % perRegion;
  const birth = new Date(Date.UTC(1966, 0, 1) + (within % BIRTH_DAYS) * 86_400_000);
  const seq = Math.floor(within / BIRTH_DAYS) + 1;
  const r = { int: () => seq, next: () => 0, pick: <T>(xs: readonly T[]) => xs[0]! };
  return idNumberFor(r, region, {
    year: birth.getUTCFullYear(),
    month: birth.getUTCMonth() + 1,
    day: birth.getUTCDate(),
  });
}

export interface ScaledUnion {
  id: string;
  path: string;
}

/** Columns of `members` and `aid_cards` for scaled members start … end-1 (camelCase keys, as insertColumns takes). */
export interface MemberBatch {
  start: number;
  end: number;
  members: {
    id: string[];
    unionId: string[];
    unionPath: string[];
    name: string[];
    phone: string[];
    idNumberEnc: Uint8Array[];
    idNumberHash: Uint8Array[];
    idNumberMasked: string[];
    gender: string[];
    birthDate: string[];
    status: string[];
    joinedOn: string[];
  };
  cards: {
    id: string[];
    memberId: string[];
    cardNo: string[];
    issuedOn: string[];
    validFrom: string[];
    validTo: string[];
    status: string[];
    bankAccountEnc: Uint8Array[];
    bankAccountHash: Uint8Array[];
    bankAccountMasked: string[];
    bankName: string[];
  };
  /** Milliseconds spent in FieldCipher encrypt + hash. */
  cipherMs: number;
}

/**
 * Member k belongs to union k mod n; 11 in 12 members have an aid card (member k with k mod 12 = 1 one that
 * expired at the end of 2025). Names and phones come from a PRNG seeded per batch start, so a batch is the same
 * wherever it is built. `today` is passed in: working it out per member costs more than encrypting the row.
 */
export function buildMemberBatch(
  cipher: FieldCipher,
  unions: readonly ScaledUnion[],
  start: number,
  end: number,
  today: string,
): MemberBatch {
  const r = prng(8_2026 + start);
  const m: MemberBatch['members'] = {
    id: [],
    unionId: [],
    unionPath: [],
    name: [],
    phone: [],
    idNumberEnc: [],
    idNumberHash: [],
    idNumberMasked: [],
    gender: [],
    birthDate: [],
    status: [],
    joinedOn: [],
  };
  const c: MemberBatch['cards'] = {
    id: [],
    memberId: [],
    cardNo: [],
    issuedOn: [],
    validFrom: [],
    validTo: [],
    status: [],
    bankAccountEnc: [],
    bankAccountHash: [],
    bankAccountMasked: [],
    bankName: [],
  };
  let cipherMs = 0;
  for (let k = start; k < end; k++) {
    const union = unions[k % unions.length]!;
    const idNumber = validateIdNumber(scaledIdNumber(k), today);
    if (!idNumber.ok) throw new Error(`generated an invalid ID number for member ${k}`);
    const id = uuidv7();
    let t0 = performance.now();
    m.idNumberEnc.push(cipher.encrypt(idNumber.value));
    m.idNumberHash.push(cipher.hash('idNumber', idNumber.value));
    cipherMs += performance.now() - t0;
    const joinedYear = 2005 + (k % 21);
    m.id.push(id);
    m.unionId.push(union.id);
    m.unionPath.push(union.path);
    m.name.push(chineseName(r));
    m.phone.push(mobilePhone(r));
    m.idNumberMasked.push(maskIdNumber(idNumber.value));
    m.gender.push(idNumber.gender);
    m.birthDate.push(idNumber.birthDate);
    m.status.push('active');
    m.joinedOn.push(`${joinedYear}-${pad((k % 12) + 1, 2)}-01`);
    if (k % 12 === 0) continue;
    const bank = bankCardNumber(r);
    t0 = performance.now();
    c.bankAccountEnc.push(cipher.encrypt(bank));
    c.bankAccountHash.push(cipher.hash('bankAccount', bank));
    cipherMs += performance.now() - t0;
    c.id.push(uuidv7());
    c.memberId.push(id);
    c.cardNo.push(`HS${pad(k + 1, 8)}`);
    c.issuedOn.push(`${joinedYear}-01-01`);
    c.validFrom.push(`${joinedYear}-01-01`);
    c.validTo.push(k % 12 === 1 ? '2025-12-31' : '2027-12-31');
    c.status.push('active');
    c.bankAccountMasked.push(maskBankAccount(bank));
    c.bankName.push(BANKS[k % BANKS.length]!);
  }
  return { start, end, members: m, cards: c, cipherMs };
}
