import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { MyMember } from './types';

/** The signed-in member's own record (member role only). */
export function useMyMember() {
  return useQuery({ queryKey: ['me', 'member'], queryFn: () => api<MyMember>('/api/v1/me/member') });
}
