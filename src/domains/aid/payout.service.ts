import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import type { ReturnEntry, ReturnError } from './bank-file.ts';
import { findClaim, insertClaimEvent } from './claim.repository.ts';
import { moveClaim } from './claim.service.ts';
import { isUniqueViolation } from './claim-access.ts';
import { enqueueSms } from './notification.repository.ts';

export const NOTHING_TO_PAY = {
  'zh-CN': '没有可发放的申报：所选申报未批准、已在发放中或已发放',
  en: 'Nothing to pay: the claims are not approved, already in a batch, or already paid',
};

export interface BatchOutcome {
  batchId: string;
  replayed: boolean;
  skipped: { claimId: string; reason: 'noBankAccount' }[];
}

interface Ctx {
  actor: Actor;
  now: Date;
  requestId: string;
  ip: string;
}

/**
 * Puts approved, unpaid claims into a new batch, one payout each, to the member's aid-card bank account. Exactly
 * once: the batch row with the idempotency key is written first (a retry with the key waits on it and then gets
 * the same batch), claims are locked in id order, and a unique index allows one live payout per claim.
 */
export async function createBatch(
  db: Database,
  ctx: Ctx,
  opts: { claimIds?: string[]; idempotencyKey?: string },
): Promise<BatchOutcome> {
  if (opts.idempotencyKey) {
    const prior = await db
      .selectFrom('aidPayoutBatches')
      .select('id')
      .where('idempotencyKey', '=', opts.idempotencyKey)
      .executeTakeFirst();
    if (prior) return { batchId: prior.id, replayed: true, skipped: [] };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const batchId = uuidv7();
      const day = shanghaiDay(ctx.now).replaceAll('-', '');
      const batchNo = `PB${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
      await trx
        .insertInto('aidPayoutBatches')
        .values({
          id: batchId,
          batchNo,
          idempotencyKey: opts.idempotencyKey ?? null,
          status: 'open',
          claimCount: 0,
          totalFen: 0,
          createdBy: ctx.actor.accountId,
          createdAt: ctx.now,
          exportedAt: null,
          reconciledAt: null,
        })
        .execute();
      let q = trx.selectFrom('aidClaims').select('id').where('status', '=', 'approved').orderBy('id').forUpdate();
      if (ctx.actor.unionPath) q = q.where('unionPath', 'like', `${ctx.actor.unionPath}%`);
      if (opts.claimIds)
        q = q.where('id', 'in', opts.claimIds.length ? opts.claimIds : ['00000000-0000-0000-0000-000000000000']);
      const locked = await q.execute();
      const skipped: BatchOutcome['skipped'] = [];
      let n = 0;
      let total = 0;
      for (const { id } of locked) {
        const live = await trx
          .selectFrom('aidPayouts')
          .select('id')
          .where('claimId', '=', id)
          .where('status', '<>', 'failed')
          .executeTakeFirst();
        if (live) continue;
        const claim = (await findClaim(trx, id))!;
        const card = await trx
          .selectFrom('aidCards')
          .select(['bankAccountEnc', 'bankAccountMasked', 'bankName'])
          .where('memberId', '=', claim.memberId)
          .where('bankAccountEnc', 'is not', null)
          .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
          .orderBy('validTo', 'desc')
          .executeTakeFirst();
        if (!card?.bankAccountEnc) {
          skipped.push({ claimId: id, reason: 'noBankAccount' });
          continue;
        }
        n++;
        const payoutId = uuidv7();
        const amount = claim.approvedAmountFen!;
        total += amount;
        await trx
          .insertInto('aidPayouts')
          .values({
            id: payoutId,
            reference: `${batchNo}-${String(n).padStart(4, '0')}`,
            batchId,
            claimId: id,
            amountFen: amount,
            status: 'pending',
            failureReason: null,
            payeeName: claim.memberName,
            bankAccountEnc: card.bankAccountEnc,
            bankAccountMasked: card.bankAccountMasked ?? '',
            bankName: card.bankName,
            unionPath: claim.unionPath,
            createdAt: ctx.now,
            settledAt: null,
            settledOn: null,
          })
          .execute();
        await trx
          .insertInto('aidLedger')
          .values({ claimId: id, payoutId, entry: 'payout', amountFen: amount, at: ctx.now })
          .execute();
        await insertClaimEvent(trx, {
          claimId: id,
          at: ctx.now,
          actorId: ctx.actor.accountId,
          actorRole: ctx.actor.role,
          action: 'payoutQueued',
          fromStatus: 'approved',
          toStatus: 'approved',
          detail: { batchNo, amountFen: amount },
        });
      }
      if (n === 0) throw new Problem(409, 'conflict', { detail: NOTHING_TO_PAY, extra: { skipped } });
      await trx
        .updateTable('aidPayoutBatches')
        .set({ claimCount: n, totalFen: total })
        .where('id', '=', batchId)
        .execute();
      await recordAudit(trx, {
        actor: ctx.actor,
        action: 'aid.payoutBatch.create',
        entity: 'aidPayoutBatch',
        entityId: batchId,
        detail: { batchNo, claims: n, totalFen: total, skipped },
        requestId: ctx.requestId,
        ip: ctx.ip,
      });
      return { batchId, replayed: false, skipped };
    });
  } catch (err) {
    if (opts.idempotencyKey && isUniqueViolation(err)) {
      const prior = await db
        .selectFrom('aidPayoutBatches')
        .select('id')
        .where('idempotencyKey', '=', opts.idempotencyKey)
        .executeTakeFirst();
      if (prior) return { batchId: prior.id, replayed: true, skipped: [] };
    }
    throw err;
  }
}

export interface ReconcileReport {
  paid: number;
  failed: number;
  unchanged: number;
  errors: ReturnError[];
}

/**
 * Applies the bank's return file to one batch, all or nothing: a paid row settles the payout and moves the claim to
 * paid; a failed row records the reason, reverses the ledger entry and leaves the claim approved for a later batch.
 * A row repeating what is already recorded changes nothing, so the same file may be applied twice.
 */
export async function reconcileBatch(
  db: Database,
  ctx: Ctx,
  batchId: string,
  entries: ReturnEntry[],
): Promise<ReconcileReport> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom('aidPayoutBatches')
      .selectAll()
      .where('id', '=', batchId)
      .forUpdate()
      .executeTakeFirst();
    if (!batch) throw Problem.notFound();
    const report: ReconcileReport = { paid: 0, failed: 0, unchanged: 0, errors: [] };
    const today = shanghaiDay(ctx.now);
    for (const e of entries) {
      const p = await trx
        .selectFrom('aidPayouts')
        .selectAll()
        .where('reference', '=', e.reference)
        .forUpdate()
        .executeTakeFirst();
      if (!p || p.batchId !== batchId) {
        report.errors.push({
          row: e.row,
          column: 'reference',
          message: { 'zh-CN': '不是本批次的付款参考号', en: 'not a payout of this batch' },
        });
        continue;
      }
      if (p.status === e.status) {
        report.unchanged++;
        continue;
      }
      if (p.status !== 'pending') {
        report.errors.push({
          row: e.row,
          column: 'status',
          message: { 'zh-CN': `该笔已记录为 ${p.status}，不能改为 ${e.status}`, en: `already recorded as ${p.status}` },
        });
        continue;
      }
      await trx
        .updateTable('aidPayouts')
        .set({ status: e.status, failureReason: e.reason, settledAt: ctx.now, settledOn: today })
        .where('id', '=', p.id)
        .execute();
      const claim = (await findClaim(trx, p.claimId, { forUpdate: true }))!;
      if (e.status === 'paid') {
        await moveClaim(trx, ctx, claim, 'pay', ctx.actor, {
          set: { paidAt: ctx.now },
          detail: { reference: p.reference, amountFen: p.amountFen },
        });
        report.paid++;
      } else {
        await trx
          .insertInto('aidLedger')
          .values({ claimId: p.claimId, payoutId: p.id, entry: 'reversal', amountFen: -p.amountFen, at: ctx.now })
          .execute();
        await insertClaimEvent(trx, {
          claimId: p.claimId,
          at: ctx.now,
          actorId: ctx.actor.accountId,
          actorRole: ctx.actor.role,
          action: 'payoutFailed',
          fromStatus: claim.status,
          toStatus: claim.status,
          reason: e.reason,
          detail: { reference: p.reference },
        });
        await enqueueSms(trx, {
          to: claim.memberPhone,
          template: 'aid.claim.payoutFailed',
          params: { claimNo: claim.claimNo, reason: e.reason ?? '' },
          entity: 'aidClaim',
          entityId: claim.id,
          at: ctx.now,
        });
        report.failed++;
      }
    }
    if (report.errors.length)
      throw new Problem(400, 'validation', {
        errors: report.errors.map((x) => ({ field: `row ${x.row}.${x.column}`, message: x.message })),
      });
    const open = await trx
      .selectFrom('aidPayouts')
      .select('id')
      .where('batchId', '=', batchId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!open)
      await trx
        .updateTable('aidPayoutBatches')
        .set({ status: 'reconciled', reconciledAt: ctx.now })
        .where('id', '=', batchId)
        .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'aid.payoutBatch.reconcile',
      entity: 'aidPayoutBatch',
      entityId: batchId,
      detail: { paid: report.paid, failed: report.failed, unchanged: report.unchanged },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return report;
  });
}
