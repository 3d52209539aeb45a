import type { HttpEnvironment, HttpRequestSpec } from './schema.js';
import { encodeQueryComponent, splitUrl } from './url-parts.js';

/** A piece of a shell word: literal text, or a `$NAME` the shell fills in (how secrets are exported). */
type Piece = { text: string } | { shellVar: string };

/** Options of `toCurl`: mask secrets as `$NAME` shell variables, resolve `{{variables}}` from an environment. */
export interface ToCurlOptions {
  maskSecrets: boolean;
  environment?: HttpEnvironment;
}

const PLACEHOLDER = /(\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\})/;

function shellName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
}

function placeholderName(part: string): string {
  return part.replace(/^\{\{\s*|\s*\}\}$/g, '');
}

function quotePieces(pieces: Piece[]): string {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if ('text' in p && last && 'text' in last) merged[merged.length - 1] = { text: last.text + p.text };
    else if (!('text' in p) || p.text !== '') merged.push(p);
  }
  if (merged.every((p) => 'text' in p)) {
    const text = merged.map((p) => ('text' in p ? p.text : '')).join('');
    return `'${text.replace(/'/g, `'\\''`)}'`;
  }
  const inner = merged
    .map((p) => ('text' in p ? p.text.replace(/([\\"$`])/g, '\\$1') : `\${${p.shellVar}}`))
    .join('');
  return `"${inner}"`;
}

/**
 * The request as a cURL command (one option per line). With `maskSecrets`, auth values and secret variables are
 * written as shell variables (`$TOKEN`) and never as their value; other `{{variables}}` are filled from the
 * environment when it defines them.
 */
export function toCurl(request: HttpRequestSpec, options: ToCurlOptions): string {
  const vars = new Map((options.environment?.variables ?? []).map((v) => [v.name, v]));
  const pieces = (text: string, encode?: (t: string) => string): Piece[] =>
    text.split(PLACEHOLDER).flatMap((part, i): Piece[] => {
      if (i % 2 === 0) return [{ text: encode ? encode(part) : part }];
      const name = placeholderName(part);
      const v = vars.get(name);
      if (v === undefined) return [{ text: part }];
      if (v.secret && options.maskSecrets) return [{ shellVar: shellName(name) }];
      return [{ text: encode ? encode(v.value) : v.value }];
    });
  const secretPieces = (text: string, fallback: string, encode?: (t: string) => string): Piece[] => {
    if (!options.maskSecrets || text === '') return pieces(text, encode);
    const only = /^\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}$/.exec(text);
    return [{ shellVar: shellName(only ? only[1]! : fallback) }];
  };
  const lines: string[] = [];
  const auth = request.auth;
  const { base, query: urlQuery } = splitUrl(request.url);
  const urlPieces: Piece[] = pieces(base);
  const queryPairs: { name: Piece[]; value: Piece[] }[] = [...urlQuery, ...request.query]
    .filter((q) => q.enabled)
    .map((q) => ({ name: pieces(q.name, encodeURIComponent), value: pieces(q.value, encodeURIComponent) }));
  if (auth.kind === 'apiKey' && auth.in === 'query') {
    queryPairs.push({
      name: pieces(auth.name, encodeURIComponent),
      value: secretPieces(auth.value, 'API_KEY', encodeURIComponent),
    });
  }
  queryPairs.forEach((q, i) => {
    urlPieces.push({ text: i === 0 ? '?' : '&' }, ...q.name, { text: '=' }, ...q.value);
  });
  const body = request.body;
  const hasBody = body.kind !== 'none' && !(body.kind === 'form' && body.fields.length === 0);
  const implied = hasBody ? 'POST' : 'GET';
  if (request.method === 'HEAD') lines.push('--head');
  else if (request.method !== implied) lines.push(`-X ${request.method}`);
  for (const h of request.headers) {
    if (!h.enabled) continue;
    const head = pieces(h.name);
    lines.push(
      `-H ${quotePieces(h.value === '' ? [...head, { text: ';' }] : [...head, { text: ': ' }, ...pieces(h.value)])}`,
    );
  }
  if (auth.kind === 'bearer') {
    lines.push(
      `-H ${quotePieces([{ text: 'Authorization: Bearer ' }, ...secretPieces(auth.token, 'TOKEN')])}`,
    );
  } else if (auth.kind === 'basic') {
    lines.push(
      `-u ${quotePieces([...pieces(auth.username), { text: ':' }, ...secretPieces(auth.password, 'PASSWORD')])}`,
    );
  } else if (auth.kind === 'apiKey' && auth.in === 'header') {
    lines.push(
      `-H ${quotePieces([...pieces(auth.name), { text: ': ' }, ...secretPieces(auth.value, 'API_KEY')])}`,
    );
  }
  if (body.kind === 'json') {
    lines.push(`-H 'Content-Type: application/json'`, `--data-raw ${quotePieces(pieces(body.text))}`);
  } else if (body.kind === 'raw') {
    if (body.contentType !== '')
      lines.push(`-H ${quotePieces([{ text: 'Content-Type: ' }, ...pieces(body.contentType)])}`);
    lines.push(`--data-raw ${quotePieces(pieces(body.text))}`);
  } else if (body.kind === 'form') {
    for (const f of body.fields) {
      if (/^[A-Za-z0-9_.\-[\]]+$/.test(f.name)) {
        lines.push(`--data-urlencode ${quotePieces([{ text: `${f.name}=` }, ...pieces(f.value)])}`);
      } else {
        const enc = [
          ...pieces(f.name, encodeQueryComponent),
          { text: '=' },
          ...pieces(f.value, encodeURIComponent),
        ];
        lines.push(`--data-raw ${quotePieces(enc)}`);
      }
    }
  }
  return [`curl ${quotePieces(urlPieces)}`, ...lines].join(' \\\n  ');
}
