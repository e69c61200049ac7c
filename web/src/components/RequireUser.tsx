import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { FullPageError, FullPageLoading } from './Status';

interface Props {
  /** member pages are for role 'member'; the console is for every other role */
  area: 'member' | 'console';
  children: ReactNode;
}

/** Renders children only for a signed-in user of the right kind; otherwise redirects. */
export function RequireUser({ area, children }: Props) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoading />;
  if (me.isError) return <FullPageError onRetry={() => void me.refetch()} />;
  const user = me.data;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const isMember = user.role === 'member';
  if (area === 'member' && !isMember) return <Navigate to="/console" replace />;
  if (area === 'console' && isMember) return <Navigate to="/" replace />;
  return <>{children}</>;
}
