import { SECRET_MASK } from './exchange.js';
import type { HttpEnvironment, HttpRequestSpec } from './schema.js';
import { fillTemplate, findVariables, mapRequestStrings } from './variables.js';

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'apikey',
]);

function isPlaceholderOnly(text: string): boolean {
  return /^\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}$/.test(text);
}

function maskValue(text: string): string {
  return text === '' || isPlaceholderOnly(text) ? text : SECRET_MASK;
}

/** Secrets shorter than this are not searched for in free text: masking every "1" or "ab" would garble it. */
export const MIN_MASKED_LENGTH = 4;

/** Every secret string a request could reveal once resolved: secret variables and auth values (also encoded). */
export function secretStrings(request: HttpRequestSpec, environment?: HttpEnvironment): string[] {
  const vars = environment?.variables ?? [];
  const out = new Set<string>();
  for (const v of vars) if (v.secret && v.value !== '') out.add(v.value);
  const resolve = (t: string) => fillTemplate(t, (n) => vars.find((v) => v.name === n)?.value);
  const a = request.auth;
  const add = (t: string) => {
    const r = resolve(t);
    if (r.length >= 1) out.add(r);
  };
  if (a.kind === 'bearer') add(a.token);
  if (a.kind === 'apiKey') add(a.value);
  if (a.kind === 'basic') {
    add(a.password);
    const pair = `${resolve(a.username)}:${resolve(a.password)}`;
    out.add(base64Utf8(pair));
  }
  for (const h of request.headers)
    if (SENSITIVE_HEADERS.has(h.name.toLowerCase()) && h.value !== '') add(h.value);
  for (const s of [...out]) {
    const enc = encodeURIComponent(s);
    if (enc !== s) out.add(enc);
  }
  return [...out].filter((x) => x.length >= MIN_MASKED_LENGTH).sort((x, y) => y.length - x.length);
}

/** Base64 of a string's UTF-8 bytes (browser-safe). */
export function base64Utf8(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Replaces each secret inside a text by the mask (for logs, errors and anything shown). */
export function maskSecretsInText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join(SECRET_MASK);
  return out;
}

/**
 * The request as history keeps it: auth values and sensitive headers masked (a `{{variable}}` stays, it is not
 * a secret), and any secret value typed literally anywhere masked too.
 */
export function maskRequest(request: HttpRequestSpec, environment?: HttpEnvironment): HttpRequestSpec {
  const secrets = secretStrings(request, environment).filter((s) => !findVariables(s).length);
  const scrubbed = mapRequestStrings(request, (t) => maskSecretsInText(t, secrets));
  const a = scrubbed.auth;
  return {
    ...scrubbed,
    headers: scrubbed.headers.map((h) =>
      SENSITIVE_HEADERS.has(h.name.toLowerCase()) ? { ...h, value: maskValue(h.value) } : h,
    ),
    auth:
      a.kind === 'bearer'
        ? { kind: 'bearer', token: maskValue(a.token) }
        : a.kind === 'basic'
          ? { ...a, password: maskValue(a.password) }
          : a.kind === 'apiKey'
            ? { ...a, value: maskValue(a.value) }
            : a,
  };
}

/** The environment as the API shows it: each secret's value replaced by the mask. */
export function maskEnvironment(environment: HttpEnvironment): HttpEnvironment {
  return {
    ...environment,
    variables: environment.variables.map((v) => (v.secret ? { ...v, value: SECRET_MASK } : v)),
  };
}
