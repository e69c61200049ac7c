import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileTypeFromBuffer } from 'file-type';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { ClaimParams, DocumentParams, errorResponses } from './claim.schemas.ts';
import { ruleFor } from './claim.service.ts';
import { claimFor } from './claim-access.ts';
import { EDITABLE } from './claim-state.ts';
import type { FileStore } from './file-store.ts';

/** The name as the member's phone sent it, without path separators or control characters. */
function safeFileName(name: string): string {
  return Array.from(name, (ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('');
}

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ALLOWED = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;
type Allowed = keyof typeof ALLOWED;

const DocumentView = Type.Object({
  id: Type.String(),
  type: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
});

/**
 * A document is shown inside the reviewer's claim page (a frame beside the claim data), so only our own pages may
 * frame it — everything else keeps the site-wide `frame-ancestors 'none'`; the file itself may load nothing but
 * itself (a PDF runs in the browser's own viewer).
 */
export const DOCUMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

const NOT_A_DOCUMENT = { 'zh-CN': '只能上传 JPEG、PNG 图片或 PDF 文件', en: 'only JPEG or PNG images and PDF files' };
const UNKNOWN_TYPE = { 'zh-CN': '不是本项目的申报材料类型', en: 'is not a document type of this coverage' };

/** Typed supporting documents: sniffed by content (not by name), size-limited, kept behind a FileStore. */
export function documentRoutes(files: FileStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db, clock } = app.deps;
    const tags = ['aid claims'];

    app.post(
      '/aid/claims/:id/documents',
      {
        schema: {
          tags,
          summary: 'Upload a document (multipart: field `type` = document code, then `file`; JPEG/PNG/PDF ≤ 10 MB)',
          consumes: ['multipart/form-data'],
          params: ClaimParams,
          response: { 201: DocumentView, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const claim = await claimFor(db, request.params.id, actor, 'file');
        if (!EDITABLE.includes(claim.status) && !(claim.status === 'submitted' && actor.role !== 'member')) {
          throw new Problem(409, 'conflict');
        }
        if (!request.isMultipart()) throw new Problem(415, 'unsupportedMediaType');
        let file: { buffer: Buffer; name: string } | undefined;
        const fields: Record<string, string> = {};
        for await (const part of request.parts({ limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } })) {
          if (part.type === 'file') {
            const buffer = await part.toBuffer();
            if (part.file.truncated) throw new Problem(413, 'payloadTooLarge');
            file = { buffer, name: safeFileName(part.filename).slice(0, 200) || 'upload' };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
        if (!file || file.buffer.length === 0) throw Problem.validation([{ field: 'file', message: 'fieldRequired' }]);
        const found = await ruleFor(db, claim);
        const codes = new Set([...(found?.rule.requiredDocuments ?? []).map((d) => d.code), 'other']);
        if (!fields.type || !codes.has(fields.type))
          throw Problem.validation([{ field: 'type', message: UNKNOWN_TYPE }]);
        const sniffed = await fileTypeFromBuffer(file.buffer);
        if (!sniffed || !(sniffed.mime in ALLOWED)) {
          throw new Problem(415, 'unsupportedMediaType', { errors: [{ field: 'file', message: NOT_A_DOCUMENT }] });
        }
        const mime = sniffed.mime as Allowed;
        const id = uuidv7();
        const key = `aid/claims/${claim.id}/${id}.${ALLOWED[mime]}`;
        await files.put(key, file.buffer);
        try {
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('aidClaimDocuments')
              .values({
                id,
                claimId: claim.id,
                docType: fields.type!,
                fileName: file.name,
                contentType: mime,
                sizeBytes: file.buffer.length,
                sha256: createHash('sha256').update(file.buffer).digest('hex'),
                storageKey: key,
                uploadedBy: actor.accountId,
                uploadedAt: clock.now(),
                deletedAt: null,
              })
              .execute();
            await recordAudit(trx, {
              actor,
              action: 'aid.document.upload',
              entity: 'aidClaim',
              entityId: claim.id,
              unionId: claim.unionId,
              detail: { documentId: id, type: fields.type, sizeBytes: file.buffer.length },
              requestId: request.id,
              ip: request.ip,
            });
          });
        } catch (err) {
          await files.delete(key);
          throw err;
        }
        return reply
          .code(201)
          .send({ id, type: fields.type, fileName: file.name, contentType: mime, sizeBytes: file.buffer.length });
      },
    );

    app.get(
      '/aid/claims/:id/documents/:docId',
      {
        schema: {
          tags,
          summary: 'The document itself (the member, and staff in scope; staff views are audited)',
          params: DocumentParams,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const claim = await claimFor(db, request.params.id, actor, 'read');
        const doc = await db
          .selectFrom('aidClaimDocuments')
          .selectAll()
          .where('id', '=', request.params.docId)
          .where('claimId', '=', claim.id)
          .where('deletedAt', 'is', null)
          .executeTakeFirst();
        if (!doc) throw Problem.notFound();
        const stream = await files.get(doc.storageKey);
        if (!stream) throw Problem.notFound();
        if (actor.role !== 'member') {
          await recordAudit(db, {
            actor,
            action: 'aid.document.view',
            entity: 'aidClaim',
            entityId: claim.id,
            unionId: claim.unionId,
            detail: { documentId: doc.id },
            requestId: request.id,
            ip: request.ip,
          });
        }
        return reply
          .type(doc.contentType)
          .header('content-security-policy', DOCUMENT_CSP)
          .header('content-length', doc.sizeBytes)
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
          .send(stream);
      },
    );

    app.delete(
      '/aid/claims/:id/documents/:docId',
      {
        schema: {
          tags,
          summary: 'Remove a document from a draft or returned claim',
          params: DocumentParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const claim = await claimFor(db, request.params.id, actor, 'file');
        if (!EDITABLE.includes(claim.status)) throw new Problem(409, 'conflict');
        const doc = await db.transaction().execute(async (trx) => {
          const removed = await trx
            .updateTable('aidClaimDocuments')
            .set({ deletedAt: clock.now() })
            .where('id', '=', request.params.docId)
            .where('claimId', '=', claim.id)
            .where('deletedAt', 'is', null)
            .returning(['id', 'storageKey'])
            .executeTakeFirst();
          if (!removed) throw Problem.notFound();
          await recordAudit(trx, {
            actor,
            action: 'aid.document.delete',
            entity: 'aidClaim',
            entityId: claim.id,
            unionId: claim.unionId,
            detail: { documentId: removed.id },
            requestId: request.id,
            ip: request.ip,
          });
          return removed;
        });
        await files.delete(doc.storageKey);
        return reply.code(204).send(null);
      },
    );
  };
}
