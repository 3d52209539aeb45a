import type { HttpPair } from './schema.js';

/** Decodes a query-string component (`+` is a space); a malformed escape is kept as written. */
export function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Encodes a query-string component, leaving `{{variable}}` placeholders readable. */
export function encodeQueryComponent(text: string): string {
  return text
    .split(/(\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

/** Splits `a=1&b=2` into pairs (decoded). */
export function parseQueryString(text: string): HttpPair[] {
  if (text === '') return [];
  return text
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return { name: decodeQueryComponent(name), value: decodeQueryComponent(value), enabled: true };
    });
}

/** Builds `a=1&b=2` from the enabled pairs. */
export function formatQueryString(
  pairs: readonly { name: string; value: string; enabled?: boolean }[],
): string {
  return pairs
    .filter((p) => p.enabled !== false)
    .map((p) => `${encodeQueryComponent(p.name)}=${encodeQueryComponent(p.value)}`)
    .join('&');
}

/** Splits a URL (which may start with `{{base_url}}`) into the part before `?` and its query pairs. */
export function splitUrl(url: string): { base: string; query: HttpPair[] } {
  const noHash = url.split('#')[0]!;
  const q = noHash.indexOf('?');
  if (q < 0) return { base: noHash, query: [] };
  return { base: noHash.slice(0, q), query: parseQueryString(noHash.slice(q + 1)) };
}

/** The URL with the enabled query pairs appended. */
export function joinUrl(
  base: string,
  pairs: readonly { name: string; value: string; enabled?: boolean }[],
): string {
  const qs = formatQueryString(pairs);
  if (qs === '') return base;
  return `${base}${base.includes('?') ? '&' : '?'}${qs}`;
}

/** Parses an HTTP Link header into rel -> URL (`<https://…?page=2>; rel="next"`). */
export function parseLinkHeader(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '');
    if (!rel) continue;
    for (const r of rel[1]!.trim().split(/\s+/))
      if (out[r.toLowerCase()] === undefined) out[r.toLowerCase()] = m[1]!;
  }
  return out;
}
