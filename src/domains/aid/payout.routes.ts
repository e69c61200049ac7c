import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { maskName } from '../../platform/mask.ts';
import { hasPermission } from '../../platform/permissions.ts';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { TabularError } from '../../platform/tabular.ts';
import { bankFileCsv, bankFileXlsx, parseReturnFile } from './bank-file.ts';
import { errorResponses } from './claim.schemas.ts';
import { createBatch, reconcileBatch } from './payout.service.ts';

const BatchParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const BatchSummary = Type.Object({
  id: Type.String(),
  batchNo: Type.String(),
  status: StringEnum(['open', 'exported', 'reconciled'] as const),
  claimCount: Type.Integer(),
  totalFen: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  exportedAt: Nullable(Type.String({ format: 'date-time' })),
  reconciledAt: Nullable(Type.String({ format: 'date-time' })),
});
const BatchDetail = Type.Intersect([
  BatchSummary,
  Type.Object({
    payouts: Type.Array(
      Type.Object({
        reference: Type.String(),
        claimId: Type.String(),
        payeeName: Type.String(),
        bankAccountMasked: Type.String(),
        bankName: Nullable(Type.String()),
        amountFen: Type.Integer(),
        status: StringEnum(['pending', 'paid', 'failed'] as const),
        failureReason: Nullable(Type.String()),
        settledOn: Nullable(Type.String()),
      }),
    ),
  }),
]);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const summary = (b: {
  id: string;
  batchNo: string;
  status: 'open' | 'exported' | 'reconciled';
  claimCount: number;
  totalFen: number;
  createdAt: Date;
  exportedAt: Date | null;
  reconciledAt: Date | null;
}) => ({
  id: b.id,
  batchNo: b.batchNo,
  status: b.status,
  claimCount: b.claimCount,
  totalFen: b.totalFen,
  createdAt: b.createdAt.toISOString(),
  exportedAt: iso(b.exportedAt),
  reconciledAt: iso(b.reconciledAt),
});

/** Payout batches for the city federation: create (idempotent), export the bank file, apply the bank's return. */
export const payoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, cipher } = app.deps;
  const tags = ['aid payouts'];

  async function batchFor(id: string, scope: string | null) {
    const batch = await db.selectFrom('aidPayoutBatches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!batch) throw Problem.notFound();
    let q = db.selectFrom('aidPayouts').selectAll().where('batchId', '=', id).orderBy('reference');
    if (scope) q = q.where('unionPath', 'like', `${scope}%`);
    const payouts = await q.execute();
    if (scope && payouts.length === 0) throw Problem.notFound();
    return { batch, payouts };
  }

  app.post(
    '/aid/payout-batches',
    {
      schema: {
        tags,
        summary:
          'Pay approved claims in a new batch (all approved unpaid claims in scope, or those listed). Send Idempotency-Key to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })) }),
        body: Type.Object(
          { claimIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 5000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Intersect([
            BatchDetail,
            Type.Object({
              replayed: Type.Boolean(),
              skipped: Type.Array(Type.Object({ claimId: Type.String(), reason: Type.String() })),
            }),
          ]),
          201: Type.Intersect([
            BatchDetail,
            Type.Object({
              replayed: Type.Boolean(),
              skipped: Type.Array(Type.Object({ claimId: Type.String(), reason: Type.String() })),
            }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.payouts');
      const outcome = await createBatch(
        db,
        { actor, now: clock.now(), requestId: request.id, ip: request.ip },
        { claimIds: request.body?.claimIds, idempotencyKey: request.headers['idempotency-key'] },
      );
      const { batch, payouts } = await batchFor(outcome.batchId, null);
      return reply.code(outcome.replayed ? 200 : 201).send({
        ...summary(batch),
        payouts: payouts.map(payoutView),
        replayed: outcome.replayed,
        skipped: outcome.skipped,
      });
    },
  );

  app.get(
    '/aid/payout-batches',
    {
      schema: {
        tags,
        summary: 'Payout batches, newest first',
        response: { 200: Type.Object({ items: Type.Array(BatchSummary) }), ...errorResponses },
      },
    },
    async (request) => {
      requirePermission(request, 'aid.payouts');
      const rows = await db
        .selectFrom('aidPayoutBatches')
        .selectAll()
        .orderBy('createdAt', 'desc')
        .limit(200)
        .execute();
      return { items: rows.map(summary) };
    },
  );

  app.get(
    '/aid/payout-batches/:id',
    {
      schema: {
        tags,
        summary: 'A batch with its payouts (names and accounts masked)',
        params: BatchParams,
        response: { 200: BatchDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'aid.payouts');
      const { batch, payouts } = await batchFor(request.params.id, actor.unionPath);
      return { ...summary(batch), payouts: payouts.map(payoutView) };
    },
  );

  app.get(
    '/aid/payout-batches/:id/bank-file',
    {
      schema: {
        tags,
        summary: 'The bank payment file (CSV or XLSX) with full account numbers — an audited export',
        params: BatchParams,
        querystring: Type.Object(
          {
            format: Type.Optional(StringEnum(['csv', 'xlsx'] as const, { description: 'default csv' })),
            names: Type.Optional(
              StringEnum(['masked', 'full'] as const, {
                description:
                  'payee names; masked by default, full (for the bank to match name and account) needs members.reveal',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'aid.payouts');
      // full names are personal data shown whole: the same privilege as revealing a member's ID or card number
      if (request.query.names === 'full' && !hasPermission(actor.role, 'members.reveal')) throw Problem.forbidden();
      const { batch, payouts } = await batchFor(request.params.id, actor.unionPath);
      const rows = payouts
        .filter((p) => p.status !== 'failed')
        .map((p) => ({
          reference: p.reference,
          payeeName: p.payeeName,
          bankAccount: cipher.decrypt(p.bankAccountEnc),
          bankName: p.bankName,
          amountFen: p.amountFen,
          memo: `互助金 ${batch.batchNo}`,
        }));
      const { format = 'csv', names = 'masked' } = request.query;
      await db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          actor,
          action: 'aid.payoutBatch.export',
          entity: 'aidPayoutBatch',
          entityId: batch.id,
          detail: { format, names, rows: rows.length },
          requestId: request.id,
          ip: request.ip,
        });
        if (batch.status === 'open')
          await trx
            .updateTable('aidPayoutBatches')
            .set({ status: 'exported', exportedAt: clock.now() })
            .where('id', '=', batch.id)
            .execute();
      });
      const full = names === 'full';
      reply.header('cache-control', 'private, no-store');
      if (format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${batch.batchNo}.xlsx"`)
          .send(await bankFileXlsx(rows, full, batch.batchNo));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${batch.batchNo}.csv"`)
        .send(bankFileCsv(rows, full));
    },
  );

  app.post(
    '/aid/payout-batches/:id/reconciliation',
    {
      schema: {
        tags,
        summary:
          "Apply the bank's return file (multipart `file`, CSV or XLSX: 付款参考号/reference, 状态/status paid|failed, 原因/reason)",
        consumes: ['multipart/form-data'],
        params: BatchParams,
        response: {
          200: Type.Object({ paid: Type.Integer(), failed: Type.Integer(), unchanged: Type.Integer() }),
          ...errorResponses,
          415: errorResponses[400],
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'aid.payouts');
      await batchFor(request.params.id, actor.unionPath);
      if (!request.isMultipart()) throw new Problem(415, 'unsupportedMediaType');
      const part = await request.file();
      if (!part) throw Problem.validation([{ field: 'file', message: 'fieldRequired' }]);
      const buffer = await part.toBuffer();
      let parsed: Awaited<ReturnType<typeof parseReturnFile>>;
      try {
        parsed = await parseReturnFile(buffer, part.filename);
      } catch (err) {
        if (err instanceof TabularError) throw Problem.validation([{ field: 'file', message: err.messages }]);
        throw err;
      }
      if (parsed.errors.length) {
        throw Problem.validation(
          parsed.errors.map((e) => ({ field: e.row ? `row ${e.row}.${e.column}` : e.column, message: e.message })),
        );
      }
      const report = await reconcileBatch(
        db,
        { actor, now: clock.now(), requestId: request.id, ip: request.ip },
        request.params.id,
        parsed.entries,
      );
      return { paid: report.paid, failed: report.failed, unchanged: report.unchanged };
    },
  );
};

function payoutView(p: {
  reference: string;
  claimId: string;
  payeeName: string;
  bankAccountMasked: string;
  bankName: string | null;
  amountFen: number;
  status: 'pending' | 'paid' | 'failed';
  failureReason: string | null;
  settledOn: string | null;
}) {
  return {
    reference: p.reference,
    claimId: p.claimId,
    payeeName: maskName(p.payeeName),
    bankAccountMasked: p.bankAccountMasked,
    bankName: p.bankName,
    amountFen: p.amountFen,
    status: p.status,
    failureReason: p.failureReason,
    settledOn: p.settledOn,
  };
}
