import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './hotline';

/** Publicity articles (宣传文章): staff write and publish to a union subtree, members read. See article.schemas.ts. */

export const ARTICLE_PERMISSIONS = { manage: 'articles.manage' } as const;

export type ArticleStatus = 'draft' | 'published' | 'unpublished';

export interface Cta {
  kind: 'precheck' | 'survey';
  /** coverage code or survey id */
  target: string;
  label: string;
  path: string;
}

export type CtaBody =
  | { kind: 'precheck'; coverageCode: string; label?: string }
  | { kind: 'survey'; surveyId: string; label?: string };

export interface Article {
  id: string;
  title: string;
  summary: string;
  /** Sanitised by the server on save: the only HTML the member pages render. */
  bodyHtml: string;
  publisher: string;
  targetUnion: { id: string; name: string };
  coverImageUrl: string | null;
  cta: Cta | null;
  status: ArticleStatus;
  publishedAt: string | null;
  readCount: number;
  createdAt: string;
  updatedAt: string;
  removed?: string[];
}

export interface ArticleSummary {
  id: string;
  title: string;
  summary: string;
  publisher: string;
  coverImageUrl: string | null;
  targetUnion: { id: string; name: string };
  status: ArticleStatus;
  publishedAt: string | null;
  readCount: number;
  cta: Cta | null;
  read?: boolean;
}

export interface ArticleBody {
  title: string;
  summary: string;
  bodyHtml: string;
  publisher: string;
  targetUnionId: string;
  coverImageId?: string | null;
  cta?: CtaBody | null;
}

// ---- members -----------------------------------------------------------------------------------------------------

export function useMemberArticles(pageSize = 10, page = 1) {
  return useQuery({
    queryKey: ['articles', 'member', 'list', page, pageSize],
    queryFn: ({ signal }) => api<PageOf<ArticleSummary>>('/api/v1/articles', { query: { page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One article; opening it counts a read, so the lists (with their "new" marks) are fetched again when next shown. */
export function useMemberArticle(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['articles', 'member', 'one', id],
    queryFn: async ({ signal }) => {
      const article = await api<Article>(`/api/v1/articles/${encodeURIComponent(id ?? '')}`, { signal });
      void client.invalidateQueries({ queryKey: ['articles', 'member', 'list'], refetchType: 'none' });
      return article;
    },
    enabled: Boolean(id),
  });
}

// ---- staff -------------------------------------------------------------------------------------------------------

export function useManagedArticles(query: { status?: ArticleStatus; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['articles', 'manage', query],
    queryFn: ({ signal }) => api<PageOf<ArticleSummary>>('/api/v1/articles/manage', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useManagedArticle(id: string | null) {
  return useQuery({
    queryKey: ['articles', 'manage', 'one', id],
    queryFn: ({ signal }) => api<Article>(`/api/v1/articles/manage/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

function useArticleWrite<I>(fn: (input: I) => Promise<Article>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (article) => {
      client.setQueryData(['articles', 'manage', 'one', article.id], article);
      void client.invalidateQueries({ queryKey: ['articles', 'manage'] });
    },
  });
}

export function useSaveArticle() {
  return useArticleWrite(({ id, body }: { id?: string; body: Partial<ArticleBody> }) =>
    id
      ? api<Article>(`/api/v1/articles/manage/${id}`, { method: 'PATCH', body: { ...body } })
      : api<Article>('/api/v1/articles/manage', { method: 'POST', body: { ...body } }),
  );
}

export function usePublishArticle() {
  return useArticleWrite(({ id, publish }: { id: string; publish: boolean }) =>
    api<Article>(`/api/v1/articles/manage/${id}/${publish ? 'publish' : 'unpublish'}`, { method: 'POST' }),
  );
}

export interface ArticleImage {
  id: string;
  url: string;
  contentType: string;
  sizeBytes: number;
}

export function uploadArticleImage(file: File): Promise<ArticleImage> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<ArticleImage>('/api/v1/articles/images', { method: 'POST', body: form });
}
