import { getJsonPath } from './json-path.js';
import type { HttpPagination, HttpRequestSpec } from './schema.js';
import { parseLinkHeader, splitUrl } from './url-parts.js';

const CURSOR_FIELDS: [string, string][] = [
  ['next_cursor', 'cursor'],
  ['nextCursor', 'cursor'],
  ['next_page_token', 'page_token'],
  ['nextPageToken', 'pageToken'],
  ['cursor', 'cursor'],
  ['next', 'cursor'],
];
const CURSOR_HOMES = ['', 'meta', 'pagination', 'paging', 'links', 'response_metadata', 'page_info'];

/** The header's value (case-insensitive name), or undefined. */
function header(headers: readonly [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/**
 * Guesses how a response pages: a Link rel="next" header, then a next-cursor field (`next_cursor`,
 * `meta.next_cursor`, `next` holding a URL...), then a `page` or `offset` query parameter on the request.
 */
export function detectPagination(
  request: HttpRequestSpec,
  response: { headers: readonly [string, string][]; json?: unknown },
): HttpPagination | null {
  const link = header(response.headers, 'link');
  if (link && parseLinkHeader(link).next) return { kind: 'link' };
  for (const home of CURSOR_HOMES) {
    for (const [field, param] of CURSOR_FIELDS) {
      const path = home === '' ? `$.${field}` : `$.${home}.${field}`;
      const v = getJsonPath(response.json, path);
      if ((typeof v === 'string' && v !== '') || typeof v === 'number')
        return { kind: 'cursor', cursorPath: path, param };
    }
  }
  const query = [...splitUrl(request.url).query, ...request.query.filter((q) => q.enabled)];
  const find = (names: string[]) => query.find((q) => names.includes(q.name.toLowerCase()));
  const page = find(['page', 'page_number', 'pagenumber']);
  if (page && /^\d+$/.test(page.value)) return { kind: 'page', param: page.name, start: Number(page.value) };
  const offset = find(['offset', 'skip', 'start']);
  const limit = find(['limit', 'per_page', 'page_size', 'pagesize', 'count', 'take']);
  if (offset && /^\d+$/.test(offset.value) && limit && /^\d+$/.test(limit.value) && Number(limit.value) > 0) {
    return {
      kind: 'offset',
      param: offset.name,
      limitParam: limit.name,
      pageSize: Number(limit.value),
      start: Number(offset.value),
    };
  }
  return null;
}
