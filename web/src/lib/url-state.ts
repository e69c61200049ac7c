import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

/** A change to the query string: a value sets the key, `undefined`, `null` or `''` removes it. */
export type UrlChanges = Record<string, string | number | null | undefined>;

export interface UrlChangeOptions {
  /** Keep the current `page` although other keys change (opening a row, not filtering). */
  keepPage?: boolean;
}

/**
 * The query string after `changes`. A change of filters sends the list back to its first page unless the change is
 * the page itself or `keepPage` says so.
 */
export function nextSearch(current: string, changes: UrlChanges, options: UrlChangeOptions = {}): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  if (!options.keepPage && !('page' in changes)) next.delete('page');
  return next;
}

/** The last page number the API's lists accept (their `page` maximum). */
const MAX_PAGE = 100_000;

/** The page sizes a console list offers. */
export const PAGE_SIZES = [10, 20, 50, 100];

/** The list page and page size the URL asks for: page 1 and 20 a page unless it names a valid page and an offered size. */
export function pagingFrom(params: URLSearchParams, sizes: readonly number[] = PAGE_SIZES) {
  const asked = Number(params.get('page'));
  const page = Number.isInteger(asked) && asked >= 1 && asked <= MAX_PAGE ? asked : 1;
  const size = Number(params.get('pageSize'));
  return { page, pageSize: sizes.includes(size) ? size : 20 };
}

/**
 * Page state kept in the URL, so a view can be reloaded or shared with a colleague.
 *
 * Updates start from the address bar as it is now, not from the render that created the handler: react-router's
 * own functional update reads the render's copy, so a click handled before the re-render of an earlier change (a
 * busy phone, a slow test machine) silently dropped that change — e.g. a row opened right after a search lost
 * the search, or the search lost the open row.
 */
export function useUrlState(): [URLSearchParams, (changes: UrlChanges, options?: UrlChangeOptions) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const update = useCallback(
    (changes: UrlChanges, options?: UrlChangeOptions) => {
      const next = nextSearch(window.location.search, changes, options);
      navigate({ search: `?${next}` }, { replace: true });
    },
    [navigate],
  );
  return [params, update];
}
