// PlanetScale list pagination: `page` / `per_page` in, `current_page` / `next_page(_url)` /
// `prev_page(_url)` out, `next_page` null on the last page.
export interface PageRequest {
  page: number;
  perPage: number;
}

export class PageParamError extends Error {}

export function readPageParams(query: URLSearchParams, defaultPerPage: number, maxPerPage: number): PageRequest {
  const page = positiveInt(query.get('page'), 'page') ?? 1;
  const perPage = Math.min(positiveInt(query.get('per_page'), 'per_page') ?? defaultPerPage, maxPerPage);
  return { page, perPage };
}

export function pageOf<T>(items: T[], request: PageRequest, pageUrl: (page: number) => string): Record<string, unknown> {
  const start = (request.page - 1) * request.perPage;
  const hasNext = start + request.perPage < items.length;
  const hasPrev = request.page > 1;
  return {
    type: 'list',
    current_page: request.page,
    next_page: hasNext ? request.page + 1 : null,
    next_page_url: hasNext ? pageUrl(request.page + 1) : null,
    prev_page: hasPrev ? request.page - 1 : null,
    prev_page_url: hasPrev ? pageUrl(request.page - 1) : null,
    data: items.slice(start, start + request.perPage),
  };
}

function positiveInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new PageParamError(`Query parameter "${name}" must be a positive integer, got "${value}".`);
  }
  return Number(value);
}
