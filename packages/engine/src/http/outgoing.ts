import { base64Utf8, type HttpRequestSpec, joinUrl } from '@sightline/spec';
import { SightlineError } from '../errors.js';

/** A request ready to go on the wire: URL, method, header pairs and body bytes. */
export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: [string, string][];
  body: Buffer | null;
}

const DEFAULT_HEADERS: [string, string][] = [
  ['User-Agent', 'Sightline/0.1'],
  ['Accept', '*/*'],
  ['Accept-Encoding', 'gzip, deflate, br'],
];

function has(headers: [string, string][], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name.toLowerCase());
}

/** Turns a request whose variables are filled in into what is sent: URL with query, headers, auth and body. */
export function buildOutgoing(request: HttpRequestSpec): OutgoingRequest {
  const auth = request.auth;
  const query = request.query.filter((q) => q.enabled && q.name !== '');
  if (auth.kind === 'apiKey' && auth.in === 'query')
    query.push({ name: auth.name, value: auth.value, enabled: true });
  const text = joinUrl(request.url.trim(), query);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SightlineError(`"${request.url}" isn't a web address Sightline can call.`, {
      hints: [
        'Write the whole address, starting with https:// (or http://), e.g. https://api.example.com/v1/items.',
      ],
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SightlineError(
      `Sightline can only call http:// and https:// addresses, not ${url.protocol}//.`,
      {
        hints: ['Start the address with https:// (or http://).'],
      },
    );
  }
  const headers: [string, string][] = request.headers
    .filter((h) => h.enabled && h.name.trim() !== '')
    .map((h) => [h.name.trim(), h.value]);
  for (const [name, value] of headers) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new SightlineError(
        `The header name "${name}" isn't valid: header names can't hold spaces or symbols like ":".`,
        {
          hints: ['Write it like X-Request-Id, and put the value in the value field.'],
        },
      );
    }
    if (/[\r\n]/.test(value)) {
      throw new SightlineError(
        `The value of the header "${name}" holds a line break, which HTTP doesn't allow.`,
        {
          hints: ['Remove the line break.'],
        },
      );
    }
  }
  if (auth.kind === 'bearer' && !has(headers, 'authorization'))
    headers.push(['Authorization', `Bearer ${auth.token}`]);
  if (auth.kind === 'basic' && !has(headers, 'authorization')) {
    headers.push(['Authorization', `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`]);
  }
  if (auth.kind === 'apiKey' && auth.in === 'header') headers.push([auth.name, auth.value]);
  let body: Buffer | null = null;
  let contentType: string | null = null;
  const b = request.body;
  if (b.kind === 'json') {
    body = Buffer.from(b.text, 'utf8');
    contentType = 'application/json';
  } else if (b.kind === 'form') {
    body = Buffer.from(
      new URLSearchParams(b.fields.map((f): [string, string] => [f.name, f.value])).toString(),
      'utf8',
    );
    contentType = 'application/x-www-form-urlencoded';
  } else if (b.kind === 'raw') {
    body = Buffer.from(b.text, 'utf8');
    contentType = b.contentType === '' ? null : b.contentType;
  }
  if (body && request.method === 'GET' && body.length === 0) body = null;
  if (body && contentType && !has(headers, 'content-type')) headers.push(['Content-Type', contentType]);
  for (const d of DEFAULT_HEADERS) if (!has(headers, d[0])) headers.push([...d]);
  return { url, method: request.method, headers, body };
}
