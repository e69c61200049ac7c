import type { TablePaginationConfig } from 'antd';
import { PAGE_SIZES } from './url-state';

/** The page and page size a list asks for. */
export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The pager of a console list kept in the URL: the answer's page (the asked one while it loads), the sizes on offer,
 * the total in words. A new page size goes back to the first page (`go` gets no `page`), whatever antd computed.
 */
export function listPagination(
  answer: { page: number; total: number } | undefined,
  asked: Paging,
  showTotal: (total: number) => string,
  go: (next: { page?: number; pageSize: number }) => void,
  sizes: readonly number[] = PAGE_SIZES,
): TablePaginationConfig {
  return {
    current: answer?.page ?? asked.page,
    pageSize: asked.pageSize,
    total: answer?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [...sizes],
    showTotal,
    onChange: (page, pageSize) => go(pageSize !== asked.pageSize ? { pageSize } : { page, pageSize }),
  };
}
