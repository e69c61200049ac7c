import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { diskFileStore, type FileStore } from '../aid/file-store.ts';
import { articleRoutes } from './article.routes.ts';
import { imageRoutes } from './image.routes.ts';

export interface ArticlesOptions {
  /** Where article images live; default DATA_DIR/uploads (under articles/), like claim documents. */
  files?: FileStore;
}

/** Publicity articles (宣传) under /api/v1/articles: staff editing and publishing, members' reading, images. */
export const articlesRoutes: FastifyPluginAsyncTypebox<ArticlesOptions> = async (app, opts) => {
  const files = opts.files ?? diskFileStore(path.join(app.deps.config.dataDir, 'uploads'));
  await app.register(imageRoutes(files));
  await app.register(articleRoutes);
};
