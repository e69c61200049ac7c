import {
  keepPreviousData,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from './client';

/** The plumbing the care API modules share: paths, GETs as queries, and writes that refetch what they change. */

export const BASE = '/api/v1/care';
export const ME = '/api/v1/me/care';
export const enc = encodeURIComponent;

type Query = Record<string, string | number | undefined | null>;
type Extra<T> = Omit<UseQueryOptions<T>, 'queryKey' | 'queryFn'>;

/** Keeps the last answer on screen while the next filter or period loads. */
export const keepPrevious = { placeholderData: keepPreviousData };

/**
 * The query key, path and options of one record by id (`['care', 'activity', id]`, `…/activities/:id`), or of one
 * of its parts (`…/report`), as the arguments of `useCareGet` or `useCareList`: the query waits until there is an id.
 */
export const byId = (key: string, collection: string, id: string | undefined, part?: string) =>
  [
    ['care', key, id, ...(part ? [part] : [])],
    `${collection}/${enc(id ?? '')}${part ? `/${part}` : ''}`,
    undefined,
    { enabled: Boolean(id) },
  ] as const;

/** A GET as a query. */
export function useCareGet<T>(queryKey: QueryKey, path: string, query?: Query, extra?: Extra<T>) {
  return useQuery({ queryKey, queryFn: ({ signal }) => api<T>(path, { query, signal }), ...extra });
}

/** A GET of a list (`{ items }`, or a bare array) as a query of its rows. */
export function useCareList<T>(queryKey: QueryKey, path: string, query?: Query, extra?: Extra<T[]>) {
  return useQuery({
    queryKey,
    queryFn: async ({ signal }) => {
      const body = await api<{ items: T[] } | T[]>(path, { query, signal });
      return Array.isArray(body) ? body : body.items;
    },
    ...extra,
  });
}

/** The input as the JSON body of a POST (or PUT); most writes answer with the new record's id. */
export const send =
  <I extends object, O = { id: string }>(path: string, method: 'POST' | 'PUT' = 'POST') =>
  (input: I) =>
    api<O>(path, { method, body: { ...input } as Record<string, unknown> });

/** A write that refetches the queries under `keys` once it succeeds. */
export function useWriteThen<I, O>(fn: (input: I) => Promise<O>, keys: QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of keys) void client.invalidateQueries({ queryKey: key });
    },
  });
}

/** A staff write: it may change stock, so every stock-derived view is refetched, and `extraKeys` too. */
export const useCareWrite = <I, O>(fn: (input: I) => Promise<O>, extraKeys: QueryKey[] = []) =>
  useWriteThen(fn, [['care', 'stock'], ['care', 'movements'], ['care', 'items'], ...extraKeys]);

/** A member's own write: their care views are refetched. */
export const useMemberWrite = <I, O>(fn: (input: I) => Promise<O>) => useWriteThen(fn, [['care', 'me']]);
