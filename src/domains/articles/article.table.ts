import type { Generated } from 'kysely';
import type { ArticleStatus } from './article.schemas.ts';

export interface ArticleImageTable {
  id: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  unionId: string | null;
  createdBy: string;
  createdAt: Generated<Date>;
}

export interface ArticleTable {
  id: string;
  title: string;
  summary: Generated<string>;
  bodyHtml: string;
  publisher: string;
  targetUnionId: string;
  targetPath: string;
  coverImageId: string | null;
  ctaKind: 'precheck' | 'survey' | null;
  ctaTarget: string | null;
  ctaLabel: string | null;
  status: Generated<ArticleStatus>;
  publishedAt: Date | null;
  readCount: Generated<number>;
  createdBy: string;
  updatedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ArticleReadTable {
  articleId: string;
  memberId: string;
  readAt: Generated<Date>;
}
