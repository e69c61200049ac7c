import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../../db/index.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { Problem } from '../../platform/errors.ts';
import { maskBankAccount, maskIdNumber } from '../../platform/mask.ts';
import type { Actor } from '../../platform/roles.ts';
import { validateIdNumber } from './id-number.ts';

type Tx = Transaction<DB>;

export interface CardInput {
  cardNo: string;
  validFrom: string;
  validTo: string;
  issuedOn?: string;
  bankAccount?: string | null;
  bankName?: string | null;
}

/** A member as a union clerk enrols them: already validated field by field. */
export interface MemberInput {
  union: { id: string; path: string };
  name: string;
  phone: string;
  idNumber: string;
  joinedOn: string;
  card?: CardInput | null;
}

export type SaveOutcome = 'inserted' | 'updated' | 'unchanged';

export class CardOwnedByAnotherMember extends Error {}

/**
 * Creates or updates a member (matched by ID number) and their aid card inside the caller's transaction, writing
 * membership and card history. Idempotent: saving the same input twice reports 'unchanged' and writes nothing.
 */
export async function saveMember(
  trx: Tx | Database,
  cipher: FieldCipher,
  input: MemberInput,
  actor: Pick<Actor, 'accountId'> | null,
): Promise<{ memberId: string; outcome: SaveOutcome }> {
  const id = validateIdNumber(input.idNumber);
  if (!id.ok) throw Problem.validation([{ field: 'idNumber', message: 'fieldType' }]);
  const idHash = cipher.hash('idNumber', id.value);
  const actorId = actor?.accountId ?? null;

  const inserted = await trx
    .insertInto('members')
    .values({
      id: uuidv7(),
      unionId: input.union.id,
      unionPath: input.union.path,
      name: input.name,
      phone: input.phone,
      idNumberEnc: cipher.encrypt(id.value),
      idNumberHash: idHash,
      idNumberMasked: maskIdNumber(id.value),
      gender: id.gender,
      birthDate: id.birthDate,
      status: 'active',
      joinedOn: input.joinedOn,
    })
    .onConflict((oc) => oc.column('idNumberHash').doNothing())
    .returning('id')
    .executeTakeFirst();

  let memberId: string;
  let outcome: SaveOutcome;
  if (inserted) {
    memberId = inserted.id;
    outcome = 'inserted';
    await trx
      .insertInto('memberStatusHistory')
      .values({ memberId, status: 'active', unionId: input.union.id, reason: 'joined', actorId })
      .execute();
  } else {
    const existing = await trx
      .selectFrom('members')
      .select(['id', 'unionId', 'name', 'phone', 'joinedOn', 'status'])
      .where('idNumberHash', '=', idHash)
      .forUpdate()
      .executeTakeFirstOrThrow();
    memberId = existing.id;
    const moved = existing.unionId !== input.union.id;
    const changed =
      moved ||
      existing.name !== input.name ||
      existing.phone !== input.phone ||
      existing.joinedOn !== input.joinedOn ||
      existing.status !== 'active';
    outcome = changed ? 'updated' : 'unchanged';
    if (changed) {
      await trx
        .updateTable('members')
        .set({
          unionId: input.union.id,
          unionPath: input.union.path,
          name: input.name,
          phone: input.phone,
          joinedOn: input.joinedOn,
          status: 'active',
          updatedAt: new Date(),
        })
        .where('id', '=', memberId)
        .execute();
    }
    if (moved) {
      await trx
        .insertInto('memberStatusHistory')
        .values([
          { memberId, status: 'transferred', unionId: existing.unionId, reason: 'transferred out', actorId },
          { memberId, status: 'active', unionId: input.union.id, reason: 'transferred in', actorId },
        ])
        .execute();
    } else if (existing.status !== 'active') {
      await trx
        .insertInto('memberStatusHistory')
        .values({ memberId, status: 'active', unionId: input.union.id, reason: 'rejoined', actorId })
        .execute();
    }
  }

  if (input.card) {
    const cardOutcome = await saveCard(trx, cipher, memberId, input.card, actorId);
    if (outcome === 'unchanged' && cardOutcome !== 'unchanged') outcome = 'updated';
  }
  return { memberId, outcome };
}

async function saveCard(
  trx: Tx | Database,
  cipher: FieldCipher,
  memberId: string,
  card: CardInput,
  actorId: string | null,
): Promise<SaveOutcome> {
  const bank = card.bankAccount
    ? {
        bankAccountEnc: cipher.encrypt(card.bankAccount),
        bankAccountHash: cipher.hash('bankAccount', card.bankAccount),
        bankAccountMasked: maskBankAccount(card.bankAccount),
      }
    : { bankAccountEnc: null, bankAccountHash: null, bankAccountMasked: null };
  const existing = await trx
    .selectFrom('aidCards')
    .select(['id', 'memberId', 'validFrom', 'validTo', 'bankAccountHash', 'bankName'])
    .where('cardNo', '=', card.cardNo)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) {
    const id = uuidv7();
    await trx
      .insertInto('aidCards')
      .values({
        id,
        memberId,
        cardNo: card.cardNo,
        issuedOn: card.issuedOn ?? card.validFrom,
        validFrom: card.validFrom,
        validTo: card.validTo,
        status: 'active',
        bankName: card.bankName ?? null,
        ...bank,
      })
      .execute();
    await trx
      .insertInto('aidCardStatusHistory')
      .values({ cardId: id, status: 'active', reason: 'issued', actorId })
      .execute();
    return 'inserted';
  }
  if (existing.memberId !== memberId) throw new CardOwnedByAnotherMember(card.cardNo);
  const sameBank =
    (existing.bankAccountHash === null && bank.bankAccountHash === null) ||
    (existing.bankAccountHash !== null &&
      bank.bankAccountHash !== null &&
      existing.bankAccountHash.equals(bank.bankAccountHash));
  if (
    existing.validFrom === card.validFrom &&
    existing.validTo === card.validTo &&
    sameBank &&
    (existing.bankName ?? null) === (card.bankName ?? null)
  ) {
    return 'unchanged';
  }
  await trx
    .updateTable('aidCards')
    .set({
      validFrom: card.validFrom,
      validTo: card.validTo,
      bankName: card.bankName ?? null,
      ...(sameBank ? {} : bank),
      updatedAt: new Date(),
    })
    .where('id', '=', existing.id)
    .execute();
  return 'updated';
}
