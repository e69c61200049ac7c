import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { FullPageError, FullPageLoading } from '../../../components/Status';

/** Loading, error or the content of one query, the same way on every member care page. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: Error | null; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <FullPageLoading />;
  if (query.isError || query.data === undefined)
    return (
      <FullPageError
        message={query.error instanceof ApiError ? query.error.message : t('common.network')}
        onRetry={() => void query.refetch()}
      />
    );
  return <>{children(query.data)}</>;
}

/** A short-lived status line read out by screen readers (success or failure of the last action). */
export function Announce({ tone, children }: { tone: 'ok' | 'error'; children: ReactNode }) {
  return (
    <p className={`uc-care-note uc-care-note-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

export const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);
