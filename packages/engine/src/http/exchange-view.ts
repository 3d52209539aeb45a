import { readFileSync } from 'node:fs';
import { type HttpExchangeView, maskSecretsInText, suggestArrays } from '@sightline/spec';
import { bigIntegersAsText, parseJsonLossless } from './lossless-json.js';
import type { HttpExchange } from './send.js';

/** True when a content type (or the body itself) says JSON. */
export function isJsonContent(contentType: string | null, head: Buffer): boolean {
  if (contentType && /[/+]json\b/i.test(contentType)) return true;
  const start = head.subarray(0, 64).toString('utf8').trimStart();
  return start.startsWith('{') || start.startsWith('[');
}

/**
 * Parses the whole body as JSON (from the file when it was large); undefined when it isn't JSON. With `lossless`,
 * integers beyond 2^53 stay exact (see lossless-json.ts), for saving as a table.
 */
export function exchangeJson(exchange: HttpExchange, opts: { lossless?: boolean } = {}): unknown {
  if (!isJsonContent(exchange.contentType, exchange.body)) return undefined;
  try {
    const text = exchange.bodyFile ? readFileSync(exchange.bodyFile, 'utf8') : exchange.body.toString('utf8');
    return opts.lossless ? parseJsonLossless(text) : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 4096).includes(0);
}

/** The exchange as the API and UI show it: text body (first 1 MB), parsed JSON, suggested arrays, secrets masked. */
export function toExchangeView(exchange: HttpExchange): HttpExchangeView {
  const mask = (t: string) => maskSecretsInText(t, exchange.secrets);
  const binary = looksBinary(exchange.body);
  const json = binary ? undefined : bigIntegersAsText(exchangeJson(exchange, { lossless: true }));
  return {
    url: exchange.url,
    status: exchange.status,
    statusText: exchange.statusText,
    headers: exchange.headers.map(([n, v]) => [n, mask(v)]),
    size: exchange.size,
    contentType: exchange.contentType,
    timings: exchange.timings,
    redirects: exchange.redirects,
    body: binary ? '' : mask(exchange.body.toString('utf8')),
    bodyTruncated: exchange.bodyTruncated,
    ...(exchange.bodyFile ? { bodyFile: exchange.bodyFile } : {}),
    ...(binary ? { binary: true } : {}),
    ...(json !== undefined && !exchange.bodyTruncated ? { json } : {}),
    arrays: json === undefined ? [] : suggestArrays(json),
  };
}
