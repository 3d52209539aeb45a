import type { HttpRequestSpec, KeyValue } from './http-types.js';

const VARIABLE = /(\{\{[^{}]*\}\})/;
// Characters that read well in a query string and need no escaping there.
const READABLE: [RegExp, string][] = [
  [/%2C/g, ','],
  [/%3A/g, ':'],
  [/%2F/g, '/'],
  [/%40/g, '@'],
  [/%24/g, '$'],
  [/%5B/g, '['],
  [/%5D/g, ']'],
];

/** Escapes a query-string part for the URL field, leaving `{{variables}}` and readable characters as typed. */
export function encodeQueryPart(text: string): string {
  return text
    .split(VARIABLE)
    .map((part, i) =>
      i % 2 === 1 ? part : READABLE.reduce((s, [re, ch]) => s.replace(re, ch), encodeURIComponent(part)),
    )
    .join('');
}

/** Reads a query-string part as a value (`+` is a space; a stray `%` is kept as written). */
export function decodeQueryPart(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Splits `a=1&b=2` into rows (all ticked). */
export function parseQueryString(query: string): KeyValue[] {
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return { name: decodeQueryPart(name), value: decodeQueryPart(value), enabled: true };
    });
}

/** The URL as the URL field shows it: the address followed by the ticked query rows. */
export function composeUrl(spec: Pick<HttpRequestSpec, 'url' | 'query'>): string {
  const params = spec.query
    .filter((q) => q.enabled && q.name !== '')
    .map((q) => `${encodeQueryPart(q.name)}${q.value === '' ? '' : `=${encodeQueryPart(q.value)}`}`);
  if (params.length === 0) return spec.url;
  return `${spec.url}${spec.url.includes('?') ? '&' : '?'}${params.join('&')}`;
}

/**
 * The request after the URL field was edited to `text`: the part before `?` is the address, the query string
 * becomes the ticked rows (unticked rows are kept, after them). A `#fragment` is never sent, so it is dropped.
 */
export function applyUrlText<T extends Pick<HttpRequestSpec, 'url' | 'query'>>(spec: T, text: string): T {
  const noFragment = text.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  const url = q < 0 ? noFragment : noFragment.slice(0, q);
  const query = q < 0 ? [] : parseQueryString(noFragment.slice(q + 1));
  return { ...spec, url, query: [...query, ...spec.query.filter((r) => !r.enabled)] };
}

/** A request whose address still carries a query string (from a cURL command) with it moved into the rows. */
export function normalizeUrl<T extends Pick<HttpRequestSpec, 'url' | 'query'>>(spec: T): T {
  if (!spec.url.includes('?')) return spec;
  const moved = applyUrlText({ url: spec.url, query: [] }, spec.url);
  return { ...spec, url: moved.url, query: [...moved.query, ...spec.query] };
}
