import type { HttpExchange, HttpRequestSpec, Pagination } from './http-types.js';

/** A table name from the URL's last meaningful path segment: `{{base_url}}/v1/users?x` -> `users`. */
export function suggestTableName(url: string, taken: readonly string[] = []): string {
  const path = (url.split(/[?#]/)[0] ?? '').replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\{\{[^{}]*\}\}/g, '');
  const segments = path
    .split('/')
    .map((s) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, ''),
    )
    .filter((s) => s !== '' && !/^v\d+$/.test(s) && !/^\d+$/.test(s) && s !== 'api');
  let base = segments[segments.length - 1] ?? 'api_response';
  if (/^\d/.test(base)) base = `t_${base}`;
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}_${n}`;
  return name;
}

const CURSOR_FIELDS = ['next_cursor', 'nextCursor', 'next_page_token', 'nextPageToken', 'cursor', 'next'];

function linkNext(headers: [string, string][]): boolean {
  return headers.some(([n, v]) => n.toLowerCase() === 'link' && /rel="?next"?/i.test(v));
}

function findCursor(json: unknown): string | null {
  const scan = (v: unknown, path: string, depth: number): string | null => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || depth > 2) return null;
    for (const f of CURSOR_FIELDS) {
      const x = (v as Record<string, unknown>)[f];
      if (typeof x === 'string' && x !== '' && !/^https?:\/\//.test(x)) return `${path}.${f}`;
    }
    for (const [k, x] of Object.entries(v)) {
      if (/^[A-Za-z_$][\w$]*$/.test(k)) {
        const found = scan(x, `${path}.${k}`, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return scan(json, '$', 0);
}

/** The way to follow pages that the response suggests (Link header, a next-cursor field, or a page/offset parameter). */
export function suggestPagination(exchange: HttpExchange, request: HttpRequestSpec): Pagination | null {
  if (linkNext(exchange.headers)) return { kind: 'link' };
  const cursorPath = findCursor(exchange.json);
  if (cursorPath) {
    const field = cursorPath.slice(cursorPath.lastIndexOf('.') + 1);
    const param =
      request.query.find((q) => /cursor|token|after/i.test(q.name))?.name ??
      (field === 'next'
        ? 'cursor'
        : field.replace(/^next_?/i, '').replace(/^./, (c) => c.toLowerCase()) || 'cursor');
    return { kind: 'cursor', cursorPath, param };
  }
  const names = request.query.map((q) => q.name);
  const page = names.find((n) => /^(page|page_number|pageNumber|p)$/.test(n));
  if (page) {
    const current = Number(request.query.find((q) => q.name === page)?.value);
    return { kind: 'page', param: page, start: Number.isInteger(current) ? current : 1 };
  }
  const offset = names.find((n) => /^(offset|skip|start)$/.test(n));
  if (offset) {
    const limitParam = names.find((n) =>
      /^(limit|per_page|perPage|page_size|pageSize|size|count|take)$/.test(n),
    );
    const size = Number(request.query.find((q) => q.name === limitParam)?.value);
    return {
      kind: 'offset',
      param: offset,
      ...(limitParam ? { limitParam } : {}),
      pageSize: Number.isInteger(size) && size > 0 ? size : (exchange.arrays[0]?.length ?? 100),
    };
  }
  return null;
}

/** What is wrong with the dialog's choices, in plain words, or null. */
export function saveProblem(table: string, paginate: Pagination | null, maxPages: number): string | null {
  if (table.trim() === '') return 'Name the table.';
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 1000)
    return 'The page limit is a whole number from 1 to 1,000.';
  if (paginate?.kind === 'cursor' && (paginate.cursorPath.trim() === '' || paginate.param.trim() === ''))
    return 'Say where the next cursor is in the response and which parameter sends it back.';
  if ((paginate?.kind === 'page' || paginate?.kind === 'offset') && paginate.param.trim() === '')
    return 'Name the query parameter that selects the page.';
  if (paginate?.kind === 'offset' && !(paginate.pageSize > 0)) return 'Give the number of items per page.';
  return null;
}
