import type { Parsed } from '../metrics/duration.js';
import type { HttpEnvironment, HttpRequestSpec } from './schema.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The names of the `{{variables}}` a text uses, in order of first use. */
export function findVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** Replaces each `{{name}}` by `lookup(name)`; a placeholder whose lookup is undefined stays as written. */
export function fillTemplate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole);
}

/** Applies `fn` to every string of a request a person typed (URL, query, headers, body, auth). */
export function mapRequestStrings(request: HttpRequestSpec, fn: (text: string) => string): HttpRequestSpec {
  const pairs = (xs: HttpRequestSpec['query']) =>
    xs.map((p) => ({ ...p, name: fn(p.name), value: fn(p.value) }));
  const body = request.body;
  const auth = request.auth;
  return {
    ...request,
    url: fn(request.url),
    query: pairs(request.query),
    headers: pairs(request.headers),
    body:
      body.kind === 'json'
        ? { kind: 'json', text: fn(body.text) }
        : body.kind === 'raw'
          ? { kind: 'raw', text: fn(body.text), contentType: fn(body.contentType) }
          : body.kind === 'form'
            ? { kind: 'form', fields: body.fields.map((f) => ({ name: fn(f.name), value: fn(f.value) })) }
            : body,
    auth:
      auth.kind === 'bearer'
        ? { kind: 'bearer', token: fn(auth.token) }
        : auth.kind === 'basic'
          ? { kind: 'basic', username: fn(auth.username), password: fn(auth.password) }
          : auth.kind === 'apiKey'
            ? { ...auth, name: fn(auth.name), value: fn(auth.value) }
            : auth,
  };
}

/** Every `{{variable}}` a request uses. */
export function requestVariables(request: HttpRequestSpec): string[] {
  const names: string[] = [];
  mapRequestStrings(request, (text) => {
    for (const n of findVariables(text)) if (!names.includes(n)) names.push(n);
    return text;
  });
  return names;
}

/** The request with every `{{variable}}` replaced from the environment; names a variable it lacks. */
export function resolveVariables(
  request: HttpRequestSpec,
  environment?: HttpEnvironment,
): Parsed<HttpRequestSpec> {
  const values = new Map((environment?.variables ?? []).map((v) => [v.name, v.value]));
  const missing = requestVariables(request).filter((n) => !values.has(n));
  if (missing.length > 0) {
    const list = missing.map((n) => `{{${n}}}`).join(', ');
    const where = environment ? `the environment "${environment.name}"` : 'no environment is chosen';
    return {
      ok: false,
      error: environment
        ? `The request uses ${list}, which ${where} doesn't define.`
        : `The request uses ${list}, but ${where}.`,
    };
  }
  return { ok: true, value: mapRequestStrings(request, (text) => fillTemplate(text, (n) => values.get(n))) };
}
