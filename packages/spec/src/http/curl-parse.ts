import type { HttpAuth, HttpBody, HttpMethod, HttpPair, HttpRequestSpec } from './schema.js';
import { HTTP_METHODS } from './schema.js';
import { splitShellWords } from './shell-words.js';
import { parseQueryString, splitUrl } from './url-parts.js';

/** The outcome of reading a cURL command: the request, plus notes on what was ignored. */
export type CurlParse = { ok: true; value: HttpRequestSpec; notes: string[] } | { ok: false; error: string };

type DataPart = { kind: 'raw' | 'urlencode' | 'json'; text: string };

const VALUE_OPTIONS: Record<string, string> = {
  '-X': 'method',
  '--request': 'method',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-ascii': 'data',
  '--data-raw': 'data-raw',
  '--data-binary': 'data',
  '--data-urlencode': 'data-urlencode',
  '--json': 'json',
  '-u': 'user',
  '--user': 'user',
  '--url': 'url',
  '-A': 'agent',
  '--user-agent': 'agent',
  '-e': 'referer',
  '--referer': 'referer',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '-F': 'form',
  '--form': 'form',
  '-o': 'ignore-value',
  '--output': 'ignore-value',
  '-m': 'ignore-value',
  '--max-time': 'ignore-value',
  '--connect-timeout': 'ignore-value',
  '-w': 'ignore-value',
  '--write-out': 'ignore-value',
  '--retry': 'ignore-value',
  '-x': 'proxy',
  '--proxy': 'proxy',
};

const FLAG_OPTIONS: Record<string, string> = {
  '-G': 'get',
  '--get': 'get',
  '-I': 'head',
  '--head': 'head',
  '-k': 'insecure',
  '--insecure': 'insecure',
  '--compressed': 'ignore',
  '-L': 'ignore',
  '--location': 'ignore',
  '-s': 'ignore',
  '--silent': 'ignore',
  '-S': 'ignore',
  '--show-error': 'ignore',
  '-v': 'ignore',
  '--verbose': 'ignore',
  '-i': 'ignore',
  '--include': 'ignore',
  '-f': 'ignore',
  '--fail': 'ignore',
  '-g': 'ignore',
  '--globoff': 'ignore',
  '-N': 'ignore',
  '--no-buffer': 'ignore',
  '--http1.1': 'ignore',
  '--http2': 'ignore',
};

const API_KEY_HEADERS = /^(x-)?api[-_]?key$/i;
const API_KEY_PARAMS = /^api[-_]?key$/i;

function decodeBase64Utf8(text: string): string | null {
  try {
    const bin = atob(text);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

function looksLikeForm(text: string): boolean {
  return text.split('&').every((p) => /^[^=&\s]+=[^&\s]*$/.test(p));
}

function formFields(parts: DataPart[]): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const p of parts) {
    if (p.kind === 'urlencode') {
      const eq = p.text.indexOf('=');
      fields.push(
        eq < 0 ? { name: p.text, value: '' } : { name: p.text.slice(0, eq), value: p.text.slice(eq + 1) },
      );
    } else {
      for (const q of parseQueryString(p.text)) fields.push({ name: q.name, value: q.value });
    }
  }
  return fields;
}

function encodeDataPart(p: DataPart): string {
  if (p.kind !== 'urlencode') return p.text;
  const eq = p.text.indexOf('=');
  if (eq < 0) return encodeURIComponent(p.text);
  return `${p.text.slice(0, eq)}=${encodeURIComponent(p.text.slice(eq + 1))}`;
}

function takeHeader(headers: HttpPair[], name: string): string | undefined {
  const i = headers.findIndex((h) => h.name.toLowerCase() === name);
  if (i < 0) return undefined;
  const [h] = headers.splice(i, 1);
  return h!.value;
}

function bodyFrom(parts: DataPart[], headers: HttpPair[], notes: string[]): HttpBody {
  if (parts.length === 0) return { kind: 'none' };
  const text = parts.map(encodeDataPart).join('&');
  const ctIndex = headers.findIndex((h) => h.name.toLowerCase() === 'content-type');
  const ct = ctIndex < 0 ? undefined : headers[ctIndex]!.value;
  const essence = ct === undefined ? undefined : ct.split(';')[0]!.trim().toLowerCase();
  if (parts.some((p) => p.kind === 'json') || essence === 'application/json' || essence?.endsWith('+json')) {
    if (ct !== undefined && ct.trim().toLowerCase() === 'application/json') headers.splice(ctIndex, 1);
    return { kind: 'json', text: parts.map((p) => p.text).join('') };
  }
  if (essence === undefined || essence === 'application/x-www-form-urlencoded') {
    if (parts.every((p) => p.kind === 'urlencode' || looksLikeForm(p.text))) {
      if (essence !== undefined) takeHeader(headers, 'content-type');
      return { kind: 'form', fields: formFields(parts) };
    }
    if (essence === undefined && looksLikeJson(text)) {
      notes.push(
        'The body is JSON but the command sets no Content-Type; Sightline sends it as application/json.',
      );
      return { kind: 'json', text };
    }
    if (essence !== undefined) takeHeader(headers, 'content-type');
    return { kind: 'raw', text, contentType: ct ?? 'application/x-www-form-urlencoded' };
  }
  takeHeader(headers, 'content-type');
  return { kind: 'raw', text, contentType: ct! };
}

function authFrom(headers: HttpPair[], query: HttpPair[], user: string | undefined): HttpAuth {
  if (user !== undefined) {
    const colon = user.indexOf(':');
    return colon < 0
      ? { kind: 'basic', username: user, password: '' }
      : { kind: 'basic', username: user.slice(0, colon), password: user.slice(colon + 1) };
  }
  const authHeaders = headers.filter((h) => h.name.toLowerCase() === 'authorization');
  if (authHeaders.length === 1) {
    const value = authHeaders[0]!.value;
    const bearer = /^Bearer\s+(.+)$/i.exec(value);
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value);
    const decoded = basic ? decodeBase64Utf8(basic[1]!) : null;
    if (bearer || decoded?.includes(':')) {
      takeHeader(headers, 'authorization');
      if (bearer) return { kind: 'bearer', token: bearer[1]! };
      const colon = decoded!.indexOf(':');
      return { kind: 'basic', username: decoded!.slice(0, colon), password: decoded!.slice(colon + 1) };
    }
  }
  const keyHeader = headers.filter((h) => API_KEY_HEADERS.test(h.name));
  if (keyHeader.length === 1) {
    headers.splice(headers.indexOf(keyHeader[0]!), 1);
    return { kind: 'apiKey', name: keyHeader[0]!.name, value: keyHeader[0]!.value, in: 'header' };
  }
  const keyParam = query.filter((q) => API_KEY_PARAMS.test(q.name));
  if (keyParam.length === 1) {
    query.splice(query.indexOf(keyParam[0]!), 1);
    return { kind: 'apiKey', name: keyParam[0]!.name, value: keyParam[0]!.value, in: 'query' };
  }
  return { kind: 'none' };
}

function headerPair(raw: string): HttpPair | null {
  const colon = raw.indexOf(':');
  if (colon < 0) {
    const semi = /^([^;\s]+);$/.exec(raw.trim());
    return semi ? { name: semi[1]!, value: '', enabled: true } : null;
  }
  const value = raw.slice(colon + 1).trim();
  if (value === '') return null;
  return { name: raw.slice(0, colon).trim(), value, enabled: true };
}

/** Expands `-sSL` into `-s -S -L` and `-XPOST` into `-X POST`. */
function expandShort(word: string): string[] {
  if (!/^-[A-Za-z]/.test(word) || word.length <= 2) return [word];
  const first = word.slice(0, 2);
  if (VALUE_OPTIONS[first]) return [first, word.slice(2)];
  const letters = word.slice(1).split('');
  if (letters.every((l) => FLAG_OPTIONS[`-${l}`])) return letters.map((l) => `-${l}`);
  return [word];
}

/**
 * Reads a cURL command (as typed, from Chrome's "Copy as cURL (bash)", or from Postman) into a request spec.
 * Placeholders `$NAME` become `{{NAME}}`; options Sightline cannot honour are listed in `notes`.
 */
export function parseCurl(text: string): CurlParse {
  if (/\^"|\^\r?\n/.test(text)) {
    return {
      ok: false,
      error:
        'This is a cURL command for the Windows command prompt (with ^ escapes); copy it as cURL (bash) instead.',
    };
  }
  const split = splitShellWords(text.trim());
  if (!split.ok) return { ok: false, error: `The cURL command can't be read: ${split.error}` };
  const words = split.value.flatMap(expandShort);
  if (words[0] === 'curl' || words[0] === 'curl.exe') words.shift();
  else if (!words[0] || !/^(https?:\/\/|\{\{)/i.test(words[0])) {
    return { ok: false, error: 'This is not a cURL command: it should start with "curl".' };
  }
  const notes: string[] = [];
  const headers: HttpPair[] = [];
  const data: DataPart[] = [];
  const urls: string[] = [];
  let method: string | undefined;
  let user: string | undefined;
  let get = false;
  let head = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const valued = VALUE_OPTIONS[w];
    if (valued) {
      const v = words[++i];
      if (v === undefined) return { ok: false, error: `The option ${w} needs a value after it.` };
      if (valued === 'method') method = v.toUpperCase();
      else if (valued === 'header') {
        const h = headerPair(v);
        if (h) headers.push(h);
      } else if (
        valued === 'data' ||
        valued === 'data-raw' ||
        valued === 'data-urlencode' ||
        valued === 'json'
      ) {
        const fromFile =
          ((valued === 'data' || valued === 'json') && v.startsWith('@')) ||
          (valued === 'data-urlencode' && /^[^=]*@/.test(v));
        if (fromFile) {
          notes.push(
            `The body part ${v} comes from a file, which Sightline can't read from a cURL command; paste its content in the body.`,
          );
          continue;
        }
        data.push({
          kind: valued === 'data-urlencode' ? 'urlencode' : valued === 'json' ? 'json' : 'raw',
          text: v,
        });
      } else if (valued === 'user') user = v;
      else if (valued === 'url') urls.push(v);
      else if (valued === 'agent') headers.push({ name: 'User-Agent', value: v, enabled: true });
      else if (valued === 'referer') headers.push({ name: 'Referer', value: v, enabled: true });
      else if (valued === 'cookie') {
        if (v.includes('=')) headers.push({ name: 'Cookie', value: v, enabled: true });
        else notes.push(`Cookies from the file ${v} were left out; copy them into a Cookie header.`);
      } else if (valued === 'form')
        notes.push(`Multipart form fields (-F ${v}) aren't supported yet and were left out.`);
      else if (valued === 'proxy') notes.push('The proxy option was ignored: Sightline connects directly.');
      continue;
    }
    const flag = FLAG_OPTIONS[w];
    if (flag) {
      if (flag === 'get') get = true;
      else if (flag === 'head') head = true;
      else if (flag === 'insecure')
        notes.push('-k (skip certificate checks) was ignored: Sightline always checks certificates.');
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      notes.push(`The option ${w} was ignored.`);
      continue;
    }
    urls.push(w);
  }
  if (urls.length === 0) return { ok: false, error: 'The cURL command has no URL.' };
  if (urls.length > 1)
    notes.push(`The command has ${urls.length} URLs; only the first one (${urls[0]}) is used.`);
  const { base, query } = splitUrl(urls[0]!);
  if (get && data.length > 0) {
    for (const p of data) query.push(...parseQueryString(encodeDataPart(p)));
    data.length = 0;
  }
  const body = bodyFrom(data, headers, notes);
  const auth = authFrom(headers, query, user);
  const implied = head ? 'HEAD' : body.kind !== 'none' ? 'POST' : 'GET';
  const m = method ?? implied;
  if (!(HTTP_METHODS as readonly string[]).includes(m)) {
    return { ok: false, error: `The method ${m} isn't supported; use one of ${HTTP_METHODS.join(', ')}.` };
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) || base.startsWith('{{') ? base : `http://${base}`;
  return {
    ok: true,
    value: { version: 1, method: m as HttpMethod, url, query, headers, body, auth },
    notes,
  };
}
