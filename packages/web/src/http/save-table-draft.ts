import type { Pagination } from './http-types.js';

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
