export const PAGE_SIZE = 25;

export interface Page {
  page: number;
  limit: number;
  offset: number;
}

export function parsePage(value: unknown, pageSize = PAGE_SIZE): Page {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
  const page = Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1;
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

/** Parameters for the govukPagination component, keeping the current query string. */
export function paginationView(
  basePath: string,
  query: Record<string, string>,
  page: number,
  total: number,
  pageSize = PAGE_SIZE,
) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...query, page: String(p) }).toString()}`;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 1) {
      items.push({ number: p, href: href(p), current: p === page });
    } else if (items.length > 0 && !('ellipsis' in items[items.length - 1]!)) {
      items.push({ ellipsis: true });
    }
  }
  return {
    total,
    from: total === 0 ? 0 : (page - 1) * pageSize + 1,
    to: Math.min(total, page * pageSize),
    pagination:
      pages > 1
        ? {
            items,
            ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
            ...(page < pages ? { next: { href: href(page + 1) } } : {}),
          }
        : null,
  };
}

/** One page of rows and the total they were taken from (the count query has the same filters). */
export async function pageWithTotal<R>(rows: Promise<R[]>, count: Promise<{ n: number | string }>): Promise<{ rows: R[]; total: number }> {
  const [page, counted] = await Promise.all([rows, count]);
  return { rows: page, total: Number(counted.n) };
}
