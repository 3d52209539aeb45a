import {
  HTTP_METHODS,
  type HttpAuth,
  type HttpMethod,
  type HttpRequestSpec,
  type KeyValue,
} from './http-types.js';
import { normalizeUrl } from './url-query.js';

/** The part of `localStorage` this module needs (so tests can pass their own). */
export interface DraftStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const DRAFT_KEY = 'sightline.api.request.v1';
const ONLY_VARIABLES = /^\s*(\{\{\s*[^{}\s]+\s*\}\}\s*)+$/;
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
]);

/** A blank GET request. */
export function emptyRequest(): HttpRequestSpec {
  return {
    version: 1 as const,
    method: 'GET',
    url: '',
    query: [],
    headers: [],
    body: { kind: 'none' },
    auth: { kind: 'none' },
  };
}

/** Whether text pasted into the URL field is a cURL command rather than a URL. */
export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text);
}

/** The text split into plain parts and `{{variable}}` parts, for highlighting. */
export function templateParts(text: string): { text: string; variable: string | null }[] {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .filter((p) => p !== '')
    .map((p) => {
      const m = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(p);
      return { text: p, variable: m ? (m[1] ?? '') : null };
    });
}

/** The names of the variables a request uses, in order of first use. */
export function variablesUsed(spec: HttpRequestSpec): string[] {
  const texts: string[] = [spec.url];
  for (const kv of [...spec.query, ...spec.headers]) if (kv.enabled) texts.push(kv.name, kv.value);
  if (spec.body.kind === 'json' || spec.body.kind === 'raw') texts.push(spec.body.text);
  if (spec.body.kind === 'form') for (const f of spec.body.fields) texts.push(f.name, f.value);
  texts.push(...authValues(spec.auth));
  const names: string[] = [];
  for (const t of texts)
    for (const p of templateParts(t))
      if (p.variable !== null && !names.includes(p.variable)) names.push(p.variable);
  return names;
}

function authValues(auth: HttpAuth): string[] {
  switch (auth.kind) {
    case 'bearer':
      return [auth.token];
    case 'basic':
      return [auth.username, auth.password];
    case 'apiKey':
      return [auth.name, auth.value];
    default:
      return [];
  }
}

/** Whether a value may be kept on disk: empty, or only `{{variable}}` references (the secret stays in the environment). */
export function isReferenceOnly(value: string): boolean {
  return value === '' || ONLY_VARIABLES.test(value);
}

/** Whether a header carries credentials. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.trim().toLowerCase());
}

/**
 * The request without the credentials typed into it: auth values and credential headers are blanked unless they
 * only reference `{{variables}}`. What is stored in the browser goes through this.
 */
export function withoutTypedSecrets(spec: HttpRequestSpec): HttpRequestSpec {
  const keep = (v: string) => (isReferenceOnly(v) ? v : '');
  let auth: HttpAuth = spec.auth;
  if (auth.kind === 'bearer') auth = { ...auth, token: keep(auth.token) };
  else if (auth.kind === 'basic') auth = { ...auth, password: keep(auth.password) };
  else if (auth.kind === 'apiKey') auth = { ...auth, value: keep(auth.value) };
  const headers: KeyValue[] = spec.headers.map((h) =>
    isSensitiveHeader(h.name) ? { ...h, value: keep(h.value) } : h,
  );
  return { ...spec, auth, headers };
}

/** Whether the request holds credentials that would be lost on reload (typed, not referenced). */
export function hasTypedSecrets(spec: HttpRequestSpec): boolean {
  return JSON.stringify(withoutTypedSecrets(spec)) !== JSON.stringify(spec);
}

/** Keeps the request being edited (without typed credentials). */
export function saveDraft(store: DraftStore, spec: HttpRequestSpec): void {
  store.setItem(DRAFT_KEY, JSON.stringify(withoutTypedSecrets(spec)));
}

/** The request kept by `saveDraft`, or a blank one when none (valid) is kept. */
export function loadDraft(store: DraftStore): HttpRequestSpec {
  try {
    const raw = store.getItem(DRAFT_KEY);
    if (raw) {
      const parsed = asRequest(JSON.parse(raw));
      if (parsed) return parsed;
    }
  } catch {
    // A damaged value: start blank.
  }
  return emptyRequest();
}

function isKv(v: unknown): v is KeyValue {
  const o = v as KeyValue | null;
  return typeof o?.name === 'string' && typeof o.value === 'string' && typeof o.enabled === 'boolean';
}

/** A method the server sends (GET when the text is none of them). */
export function asMethod(text: string): HttpMethod {
  const upper = text.toUpperCase();
  return HTTP_METHODS.find((m) => m === upper) ?? 'GET';
}

/** A request read from an untrusted value (storage, history, a server answer), or null when it is not one. */
export function asRequest(value: unknown): HttpRequestSpec | null {
  const o = value as Partial<HttpRequestSpec> | null;
  if (!o || typeof o !== 'object' || typeof o.method !== 'string' || typeof o.url !== 'string') return null;
  const body = o.body && typeof o.body === 'object' && 'kind' in o.body ? o.body : { kind: 'none' as const };
  const auth = o.auth && typeof o.auth === 'object' && 'kind' in o.auth ? o.auth : { kind: 'none' as const };
  return normalizeUrl({
    version: 1 as const,
    method: asMethod(o.method),
    url: o.url,
    query: Array.isArray(o.query) ? o.query.filter(isKv) : [],
    headers: Array.isArray(o.headers) ? o.headers.filter(isKv) : [],
    body,
    auth,
  });
}

/** "200 OK" -> the class of answer, for the status pill's colour (the text always says the number too). */
export function statusClass(
  status: number,
): 'info' | 'success' | 'redirect' | 'client-error' | 'server-error' {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  if (status >= 200) return 'success';
  return 'info';
}

/** A request from the history, with masked secrets (`••••••`) blanked so they are typed or referenced again. */
export function clearMasked(spec: HttpRequestSpec, mask: string): HttpRequestSpec {
  const clear = (v: string) => (v.includes(mask) ? '' : v);
  let auth: HttpAuth = spec.auth;
  if (auth.kind === 'bearer') auth = { ...auth, token: clear(auth.token) };
  else if (auth.kind === 'basic') auth = { ...auth, password: clear(auth.password) };
  else if (auth.kind === 'apiKey') auth = { ...auth, value: clear(auth.value) };
  const rows = (kvs: KeyValue[]) => kvs.map((kv) => ({ ...kv, value: clear(kv.value) }));
  return { ...spec, auth, headers: rows(spec.headers), query: rows(spec.query) };
}
