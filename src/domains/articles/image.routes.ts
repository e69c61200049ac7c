import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileTypeFromBuffer } from 'file-type';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import type { Localized } from '../../platform/i18n.ts';
import { readUploadedForm } from '../../platform/upload.ts';
import type { FileStore } from '../aid/file-store.ts';
import { can } from './article.policy.ts';
import { errorResponses, IdParams, ImageView } from './article.schemas.ts';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const NOT_IMAGE: Localized = {
  'zh-CN': '只能上传 JPEG、PNG、WebP 或 GIF 图片',
  en: 'must be a JPEG, PNG, WebP or GIF image',
};
// An image is only ever shown as an image: no script, no framing, no sniffing it into something else.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Article images: uploaded by staff (type sniffed from the content), served to anyone who has the link. */
export const imageRoutes =
  (files: FileStore): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { db } = app.deps;
    const tags = ['articles'];

    app.post(
      '/articles/images',
      {
        schema: {
          tags,
          summary: 'Upload an image for an article (multipart, part "file"; JPEG/PNG/WebP/GIF up to 5 MB)',
          consumes: ['multipart/form-data'],
          response: { 201: ImageView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'manage', { targetPath: actor.unionPath ?? '', status: 'draft' })) throw Problem.forbidden();
        const { file } = await readUploadedForm(request);
        if (file.buffer.length > MAX_IMAGE_BYTES) throw new Problem(413, 'payloadTooLarge');
        const sniffed = await fileTypeFromBuffer(file.buffer);
        if (!sniffed || !IMAGE_TYPES.has(sniffed.mime))
          throw Problem.validation([{ field: 'file', message: NOT_IMAGE }]);
        const id = uuidv7();
        const storageKey = `articles/${id}`;
        await files.put(storageKey, file.buffer);
        try {
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('articleImages')
              .values({
                id,
                contentType: sniffed.mime,
                sizeBytes: file.buffer.length,
                storageKey,
                unionId: actor.unionId,
                createdBy: actor.accountId,
              })
              .execute();
            await recordAudit(trx, {
              actor,
              action: 'articles.image.upload',
              entity: 'articleImage',
              entityId: id,
              unionId: actor.unionId,
              detail: { contentType: sniffed.mime, sizeBytes: file.buffer.length },
              requestId: request.id,
              ip: request.ip,
            });
          });
        } catch (err) {
          await files.delete(storageKey);
          throw err;
        }
        return reply
          .code(201)
          .send({ id, url: `/api/v1/articles/images/${id}`, contentType: sniffed.mime, sizeBytes: file.buffer.length });
      },
    );

    app.get(
      '/articles/images/:id',
      {
        config: { public: true },
        schema: { tags, summary: 'An article image (public: the id is the capability)', params: IdParams },
      },
      async (request, reply) => {
        const img = await db
          .selectFrom('articleImages')
          .selectAll()
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        const stream = img ? await files.get(img.storageKey) : null;
        if (!img || !stream) throw Problem.notFound();
        return reply
          .type(img.contentType)
          .header('content-security-policy', IMAGE_CSP)
          .header('x-content-type-options', 'nosniff')
          .header('content-length', img.sizeBytes)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(stream);
      },
    );
  };
