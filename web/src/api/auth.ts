import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isUnauthorized } from './client';
import type { LoginResponse, User } from './types';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no valid session (asked without a 401 in a visitor's console). */
export async function fetchMe(): Promise<User | null> {
  const { user } = await api<{ user: User | null }>('/api/v1/auth/session');
  return user;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

export interface LoginInput {
  phone: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { ...input } }),
    onSuccess: ({ user }) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api<void>('/api/v1/auth/logout', { method: 'POST' });
      } catch (err) {
        // an already-expired session is as good as a logout
        if (!isUnauthorized(err)) throw err;
      }
    },
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

/** Where a user lands after signing in. */
export function homeFor(user: User): string {
  return user.role === 'member' ? '/' : '/console';
}

export function can(user: User | null | undefined, permission: string): boolean {
  return Boolean(user?.permissions.includes(permission));
}
