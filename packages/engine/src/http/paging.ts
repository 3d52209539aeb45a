import {
  getJsonPath,
  type HttpPagination,
  type HttpRequestSpec,
  parseLinkHeader,
  splitUrl,
} from '@sightline/spec';
import { plainText } from './lossless-json.js';

/** The request with query parameter `name` set to `value` (replacing it in the rows or the URL, else added). */
export function withQueryParam(request: HttpRequestSpec, name: string, value: string): HttpRequestSpec {
  const { base, query: urlQuery } = splitUrl(request.url);
  const inUrl = urlQuery.some((q) => q.name === name);
  const rows = request.query.filter((q) => q.enabled);
  const inRows = rows.some((q) => q.name === name);
  const set = (qs: HttpRequestSpec['query']) => qs.map((q) => (q.name === name ? { ...q, value } : q));
  if (inUrl)
    return { ...request, url: base, query: [...set(urlQuery), ...rows.filter((q) => q.name !== name)] };
  if (inRows) return { ...request, query: set(request.query) };
  return { ...request, query: [...request.query, { name, value, enabled: true }] };
}

/** The request for a whole next URL (a Link header or a cursor holding a URL): its query replaces the rows. */
function atUrl(request: HttpRequestSpec, next: string, current: string): HttpRequestSpec {
  return { ...request, url: new URL(next, current).href, query: [] };
}

/** The first page's request: `page`/`offset` paging starts at its `start`. */
export function firstPage(request: HttpRequestSpec, paginate: HttpPagination | undefined): HttpRequestSpec {
  if (paginate?.kind === 'page') return withQueryParam(request, paginate.param, String(paginate.start));
  if (paginate?.kind === 'offset') {
    const r = withQueryParam(request, paginate.param, String(paginate.start));
    return paginate.limitParam ? withQueryParam(r, paginate.limitParam, String(paginate.pageSize)) : r;
  }
  return request;
}

/**
 * The request for the page after `request`, or null when the answer says it was the last one (no next link, no
 * cursor, or a short offset page).
 */
export function nextPage(
  request: HttpRequestSpec,
  paginate: HttpPagination,
  answer: { url: string; headers: readonly [string, string][]; json: unknown; items: number },
): HttpRequestSpec | null {
  switch (paginate.kind) {
    case 'link': {
      const link = answer.headers.find(([n]) => n.toLowerCase() === 'link')?.[1];
      const next = link ? parseLinkHeader(link).next : undefined;
      return next ? atUrl(request, next, answer.url) : null;
    }
    case 'cursor': {
      const v = getJsonPath(answer.json, paginate.cursorPath);
      if (v === null || v === undefined || v === '' || v === false) return null;
      const text = plainText(v);
      if (/^https?:\/\//i.test(text) || text.startsWith('/')) return atUrl(request, text, answer.url);
      return withQueryParam(request, paginate.param, text);
    }
    case 'page': {
      const current = currentValue(request, paginate.param) ?? paginate.start;
      return withQueryParam(request, paginate.param, String(current + 1));
    }
    case 'offset': {
      if (answer.items < paginate.pageSize) return null;
      const current = currentValue(request, paginate.param) ?? paginate.start;
      return withQueryParam(request, paginate.param, String(current + paginate.pageSize));
    }
  }
}

function currentValue(request: HttpRequestSpec, name: string): number | undefined {
  const all = [...splitUrl(request.url).query, ...request.query.filter((q) => q.enabled)];
  const v = all.find((q) => q.name === name)?.value;
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}
