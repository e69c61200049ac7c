/**
 * Hand-overs, confirmations and returns: each moves stock and a line's counters in ONE transaction, so the ledger,
 * the balances and the reconciliation never disagree, and a rejected request changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/roles.ts';
import { conflict } from './care-access.ts';
import type { DistributionRow } from './distribution.repository.ts';
import { lockLine } from './distribution.repository.ts';
import type { ConfirmMethod } from './distribution.table.ts';
import { mayHandOver, mayReturn, outstanding } from './reconciliation.ts';
import { moveStock } from './stock.repository.ts';

export interface Ctx {
  actor: Actor;
  requestId: string;
  ip: string;
}

export interface SignatureInput {
  signedName?: string;
  signatureSvg?: string;
  signaturePng?: string;
}

const lineMissing = () => conflict('body.lineId', '该发放对象不存在', 'no such line in this distribution');

export async function handOver(
  db: Database,
  ctx: Ctx,
  dist: DistributionRow,
  input: SignatureInput & { lineId: string; quantity: number; handedOverBy?: string },
): Promise<{ id: string; confirmToken: string | null; confirmed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const line = await lockLine(trx, dist.id, input.lineId);
    if (!line) throw lineMissing();
    if (!mayHandOver(line, input.quantity)) {
      const left = outstanding(line);
      throw conflict('body.quantity', `超出计划：还可发放 ${left}`, `more than planned: ${left} left to hand over`, {
        outstanding: left,
      });
    }
    const id = uuidv7();
    const signed = !!input.signedName?.trim();
    const token = signed ? null : randomBytes(18).toString('base64url');
    const base = { itemId: dist.itemId, refType: 'handover' as const, refId: id, actorId: ctx.actor.accountId };
    await moveStock(trx, {
      ...base,
      unionId: dist.fromUnionId,
      unionPath: dist.fromUnionPath,
      kind: line.toUnionId ? 'transfer_out' : 'handover',
      quantity: -input.quantity,
    });
    if (line.toUnionId) {
      await moveStock(trx, {
        ...base,
        unionId: line.toUnionId,
        unionPath: line.toUnionPath!,
        kind: 'transfer_in',
        quantity: input.quantity,
      });
    }
    await trx
      .insertInto('careHandovers')
      .values({
        id,
        distributionId: dist.id,
        lineId: line.id,
        quantity: input.quantity,
        handedOverBy: input.handedOverBy?.trim() || null,
        signedName: input.signedName?.trim() || null,
        signatureSvg: input.signatureSvg ?? null,
        signaturePng: input.signaturePng ?? null,
        confirmToken: token,
        confirmedAt: signed ? sql<Date>`now()` : null,
        confirmedBy: signed ? ctx.actor.accountId : null,
        confirmMethod: signed ? 'signature' : null,
        createdBy: ctx.actor.accountId,
      })
      .execute();
    await trx
      .updateTable('careDistributionLines')
      .set({
        delivered: sql<number>`delivered + ${input.quantity}`,
        confirmed: sql<number>`confirmed + ${signed ? input.quantity : 0}`,
      })
      .where('id', '=', line.id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'care.handover.create',
      entity: 'care_handover',
      entityId: id,
      unionId: dist.fromUnionId,
      detail: { distributionId: dist.id, lineId: line.id, quantity: input.quantity, signed },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return { id, confirmToken: token, confirmed: signed };
  });
}

/**
 * Confirms a hand-over once: the UPDATE only matches an unconfirmed row (and the token, when one is given), so two
 * scans of the same QR code confirm it exactly once.
 */
export async function confirmHandover(
  db: Database,
  ctx: Ctx,
  handover: { id: string; lineId: string; quantity: number; distributionId: string },
  how: { method: ConfirmMethod; token?: string } & SignatureInput,
): Promise<{ id: string; confirmedAt: string; quantity: number }> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('careHandovers')
      .set({
        confirmedAt: sql<Date>`now()`,
        confirmedBy: ctx.actor.accountId,
        confirmMethod: how.method,
        confirmToken: null,
        ...(how.signedName ? { signedName: how.signedName.trim() } : {}),
        ...(how.signatureSvg ? { signatureSvg: how.signatureSvg } : {}),
        ...(how.signaturePng ? { signaturePng: how.signaturePng } : {}),
      })
      .where('id', '=', handover.id)
      .where('confirmedAt', 'is', null);
    if (how.token !== undefined) q = q.where('confirmToken', '=', how.token);
    const done = await q.returning(['confirmedAt']).executeTakeFirst();
    if (!done?.confirmedAt) {
      throw conflict('params.id', '该交接已确认或确认码无效', 'already confirmed, or the code is not valid');
    }
    await trx
      .updateTable('careDistributionLines')
      .set({ confirmed: sql<number>`confirmed + ${handover.quantity}` })
      .where('id', '=', handover.lineId)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'care.handover.confirm',
      entity: 'care_handover',
      entityId: handover.id,
      detail: { method: how.method, distributionId: handover.distributionId, quantity: handover.quantity },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return { id: handover.id, confirmedAt: done.confirmedAt.toISOString(), quantity: handover.quantity };
  });
}

/** Goods coming back from a recipient into the giver's stock (a union recipient's stock goes down by as much). */
export async function recordReturn(
  db: Database,
  ctx: Ctx,
  dist: DistributionRow,
  input: { lineId: string; quantity: number; reason: string },
): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const line = await lockLine(trx, dist.id, input.lineId);
    if (!line) throw lineMissing();
    if (!mayReturn(line, input.quantity)) {
      const held = line.delivered - line.returned;
      throw conflict('body.quantity', `退回数量超过已发放数量 ${held}`, `more than the ${held} handed over`, { held });
    }
    const id = uuidv7();
    const base = {
      itemId: dist.itemId,
      refType: 'return' as const,
      refId: id,
      actorId: ctx.actor.accountId,
      note: input.reason,
    };
    // Giver first, then recipient: the same lock order as a hand-over, so the two never deadlock.
    await moveStock(trx, {
      ...base,
      unionId: dist.fromUnionId,
      unionPath: dist.fromUnionPath,
      kind: 'return',
      quantity: input.quantity,
    });
    if (line.toUnionId) {
      await moveStock(trx, {
        ...base,
        unionId: line.toUnionId,
        unionPath: line.toUnionPath!,
        kind: 'return',
        quantity: -input.quantity,
      });
    }
    await trx
      .insertInto('careReturns')
      .values({
        id,
        distributionId: dist.id,
        lineId: line.id,
        quantity: input.quantity,
        reason: input.reason,
        createdBy: ctx.actor.accountId,
      })
      .execute();
    await trx
      .updateTable('careDistributionLines')
      .set({ returned: sql<number>`returned + ${input.quantity}` })
      .where('id', '=', line.id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'care.return.create',
      entity: 'care_return',
      entityId: id,
      unionId: dist.fromUnionId,
      reason: input.reason,
      detail: { distributionId: dist.id, lineId: line.id, quantity: input.quantity },
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return { id };
  });
}
