import type { HttpAuth, HttpRequestSpec } from './http-types.js';
import { isReferenceOnly, isSensitiveHeader } from './request-draft.js';

/** A credential typed into a request, to be stored as an environment secret. */
export interface ExtractedSecret {
  name: string;
  value: string;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function slug(header: string): string {
  return (
    header
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'header'
  );
}

/**
 * The request with each typed credential replaced by a `{{variable}}`, and the values to store as secrets under
 * those names (not clashing with `taken`). Auth values and credential headers (Authorization, Cookie, X-Api-Key)
 * are moved; a header's whole value is the secret (`Authorization: {{authorization}}`), so the history, which
 * keeps a placeholder but masks anything else, can give the request back whole.
 */
export function extractSecrets(
  spec: HttpRequestSpec,
  taken: readonly string[],
): { request: HttpRequestSpec; secrets: ExtractedSecret[] } {
  const names = new Set(taken);
  const secrets: ExtractedSecret[] = [];
  const move = (value: string, base: string): string => {
    if (isReferenceOnly(value)) return value;
    const name = uniqueName(base, names);
    secrets.push({ name, value });
    return `{{${name}}}`;
  };
  let auth: HttpAuth = spec.auth;
  if (auth.kind === 'bearer') auth = { ...auth, token: move(auth.token, 'token') };
  else if (auth.kind === 'basic') auth = { ...auth, password: move(auth.password, 'password') };
  else if (auth.kind === 'apiKey') auth = { ...auth, value: move(auth.value, 'api_key') };
  const headers = spec.headers.map((h) => {
    if (!isSensitiveHeader(h.name) || isReferenceOnly(h.value)) return h;
    return { ...h, value: move(h.value, slug(h.name)) };
  });
  return { request: { ...spec, auth, headers }, secrets };
}

/** The environment to keep new secrets in: the chosen one, or a new one named after the request's host. */
export function environmentFor(url: string, chosen: string | null, existing: readonly string[]): string {
  if (chosen) return chosen;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? 'default';
  let name = host;
  for (let n = 2; existing.includes(name); n++) name = `${host} ${n}`;
  return name;
}
