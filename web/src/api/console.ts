import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CardStatus, ImportJob, MemberDetail, MemberRow, MemberStatus, Page, Union } from './types';

export function useUnions(enabled = true) {
  return useQuery({
    queryKey: ['unions'],
    queryFn: async () => (await api<{ items: Union[] }>('/api/v1/unions')).items,
    staleTime: 60_000,
    enabled,
  });
}

export interface MemberQuery {
  unionId?: string;
  q?: string;
  status?: MemberStatus;
  cardStatus?: CardStatus | 'none';
  page: number;
  pageSize: number;
}

export function useMembers(query: MemberQuery) {
  return useQuery({
    queryKey: ['members', query],
    queryFn: ({ signal }) => api<Page<MemberRow>>('/api/v1/members', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMemberDetail(id: string | null) {
  return useQuery({
    queryKey: ['member', id],
    queryFn: ({ signal }) => api<MemberDetail>(`/api/v1/members/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export type RevealField = 'idNumber' | 'bankAccount';

/** Asks the server for one full sensitive value; the server audit-logs it with the reason. Never cached. */
export function useReveal(memberId: string) {
  return useMutation({
    mutationFn: ({ field, reason }: { field: RevealField; reason: string }) =>
      api<{ value: string }>(`/api/v1/members/${encodeURIComponent(memberId)}/reveal`, {
        method: 'POST',
        body: { field, reason },
      }),
    gcTime: 0,
  });
}

export interface StartImportInput {
  file: File;
  unionId?: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

export function useStartImport() {
  return useMutation({
    mutationFn: ({ file, unionId, dryRun, skipInvalid }: StartImportInput) => {
      const form = new FormData();
      // fields before the file, so a streaming multipart parser sees them first
      if (unionId) form.append('unionId', unionId);
      form.append('dryRun', String(dryRun));
      form.append('skipInvalid', String(skipInvalid));
      form.append('file', file, file.name);
      return api<{ id: string; status: ImportJob['status'] }>('/api/v1/members/imports', {
        method: 'POST',
        body: form,
      });
    },
  });
}

const RUNNING: ReadonlySet<ImportJob['status']> = new Set(['queued', 'running']);

/** Polls an import job every 500 ms until it has finished. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['import', id],
    queryFn: ({ signal }) => api<ImportJob>(`/api/v1/members/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && !RUNNING.has(status) ? false : 500;
    },
    gcTime: 0,
  });
}

export const IMPORT_TEMPLATE_URL = '/api/v1/members/imports/template.csv';
