import { hasPermission, inScope } from '../../platform/permissions.ts';
import type { Actor } from '../../platform/roles.ts';

export type ArticleAction = 'manage' | 'read';

/**
 * Staff with `articles.manage` write, publish and see articles aimed inside their subtree. Readers see a published
 * article when it is aimed at their union or one of its ancestors (`readerPath` starts with the target's path).
 */
export function can(
  actor: Pick<Actor, 'role' | 'unionPath'>,
  action: ArticleAction,
  article: { targetPath: string; status: string },
  readerPath: string | null = null,
): boolean {
  if (action === 'manage') return hasPermission(actor.role, 'articles.manage') && inScope(actor, article.targetPath);
  if (article.status !== 'published') return false;
  if (actor.role === 'admin' && actor.unionPath === null) return true;
  return readerPath?.startsWith(article.targetPath) ?? false;
}
