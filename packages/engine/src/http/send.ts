import type { IncomingMessage } from 'node:http';
import {
  type HttpEnvironment,
  type HttpRedirect,
  type HttpRequestSpec,
  type HttpTimings,
  maskSecretsInText,
  resolveVariables,
  secretStrings,
} from '@sightline/spec';
import { isSightlineError, SightlineError } from '../errors.js';
import { decodedStream, pruneBodies, readBody } from './body-sink.js';
import { type HopControl, openHop } from './hop.js';
import { networkError, timeoutError } from './http-errors.js';
import { buildOutgoing, type OutgoingRequest } from './outgoing.js';

/** The safety limits of one exchange. */
export interface HttpLimits {
  /** DNS + TCP + TLS, per hop (default 10 s). */
  connectTimeoutMs: number;
  /** The whole exchange: redirects and body included (default 30 s). */
  totalTimeoutMs: number;
  /** Largest decompressed body (default 50 MB). */
  maxBodyBytes: number;
  /** Bodies over this are streamed to a file; this much is kept in memory (default 1 MB). */
  inlineBodyBytes: number;
  /** Most redirects followed (default 10). */
  maxRedirects: number;
}

/** The limits used when none are given. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 50 * 1024 * 1024,
  inlineBodyBytes: 1024 * 1024,
  maxRedirects: 10,
};

/** Options of `sendHttp`. */
export interface SendHttpOptions {
  environment?: HttpEnvironment;
  limits?: Partial<HttpLimits>;
  /** May the request reach loopback and private networks? (false when the workbench listens beyond 127.0.0.1) */
  allowPrivate: boolean;
  signal?: AbortSignal;
  /** Where bodies over the inline limit are saved (the workspace's tmp/http); older ones are pruned. */
  bodyDir: string;
  /** Extra certificate authorities to trust (PEM), e.g. a company's own; the system ones are trusted too. */
  ca?: string;
}

/** A finished exchange: the final answer, with its body (the head in memory, all of it in `bodyFile` if large). */
export interface HttpExchange {
  /** The URL that answered, secrets masked. */
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  size: number;
  contentType: string | null;
  timings: HttpTimings;
  redirects: HttpRedirect[];
  body: Buffer;
  bodyTruncated: boolean;
  bodyFile?: string;
  /** Secret strings of this request, to mask anything shown (never shown themselves). */
  secrets: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function pairs(res: IncomingMessage): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    out.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
  return out;
}

function redirected(out: OutgoingRequest, status: number, next: URL): OutgoingRequest {
  const toGet = status === 303 || ((status === 301 || status === 302) && out.method === 'POST');
  const sameOrigin = next.origin === out.url.origin;
  const drop = new Set([
    ...(toGet ? ['content-type', 'content-length'] : []),
    ...(sameOrigin ? [] : ['authorization', 'cookie', 'proxy-authorization']),
  ]);
  return {
    url: next,
    method: toGet && out.method !== 'HEAD' ? 'GET' : out.method,
    headers: out.headers.filter(([n]) => !drop.has(n.toLowerCase())),
    body: toGet ? null : out.body,
  };
}

/**
 * Sends a request (variables filled from the environment) with node:http/https, following redirects, measuring
 * the phases, decompressing, and enforcing the limits. A 4xx/5xx answer is an exchange, not an error; no answer is
 * a SightlineError in plain words, with any secret masked.
 */
export async function sendHttp(request: HttpRequestSpec, opts: SendHttpOptions): Promise<HttpExchange> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  const secrets = secretStrings(request, opts.environment);
  const mask = (t: string) => maskSecretsInText(t, secrets);
  const resolved = resolveVariables(request, opts.environment);
  if (!resolved.ok) {
    throw new SightlineError(resolved.error, {
      hints: ['Choose an environment that defines it, add it to the environment, or type the value in.'],
    });
  }
  let out = buildOutgoing(resolved.value);
  pruneBodies(opts.bodyDir);
  const started = performance.now();
  const control: HopControl = { phase: 'connecting', abort: () => {} };
  let host = out.url.host;
  const totalTimer = setTimeout(
    () => control.abort(timeoutError(host, limits.totalTimeoutMs, control.phase, 'total')),
    limits.totalTimeoutMs,
  );
  const onAbort = () => control.abort(new SightlineError(`The request to ${host} was cancelled.`));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const redirects: HttpRedirect[] = [];
  const visited = [`${out.method} ${out.url.href}`];
  try {
    if (opts.signal?.aborted) throw new SightlineError(`The request to ${host} was cancelled.`);
    for (;;) {
      host = out.url.host;
      const port = out.url.port || (out.url.protocol === 'https:' ? '443' : '80');
      let hop: Awaited<ReturnType<typeof openHop>>;
      try {
        hop = await openHop(out, {
          allowPrivate: opts.allowPrivate,
          connectTimeoutMs: limits.connectTimeoutMs,
          control,
          ...(opts.ca ? { ca: opts.ca } : {}),
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'SIGHTLINE_CONNECT_TIMEOUT') {
          throw timeoutError(host, limits.connectTimeoutMs, 'connecting', 'connect');
        }
        throw networkError(host, port, err);
      }
      const { res, timings } = hop;
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.resume();
        res.destroy();
        let next: URL;
        try {
          next = new URL(location, out.url);
        } catch {
          throw new SightlineError(
            `${host} redirected to "${mask(location)}", which isn't a valid address.`,
            {
              hints: ['The server is misconfigured; ask its owners, or call the final address directly.'],
            },
          );
        }
        redirects.push({ status, location: mask(next.href) });
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new SightlineError(
            `${host} redirected to a ${next.protocol}// address, which Sightline doesn't follow.`,
          );
        }
        out = redirected(out, status, next);
        const key = `${out.method} ${out.url.href}`;
        if (visited.includes(key)) {
          const chain = [...visited.map((v) => v.split(' ')[1]!), out.url.href].map(mask).join(' → ');
          throw new SightlineError(`The request to ${host} redirects in a loop: ${chain}.`, {
            hints: [
              'The server sends you back to an address it already sent you to; it needs fixing on its side (or a missing cookie or login).',
            ],
          });
        }
        if (redirects.length > limits.maxRedirects) {
          throw new SightlineError(
            `The request to ${host} was redirected more than ${limits.maxRedirects} times.`,
            {
              hints: [
                `Call the last address (${mask(next.href)}) directly, or check why the server keeps redirecting.`,
              ],
            },
          );
        }
        visited.push(key);
        continue;
      }
      const noBody = out.method === 'HEAD' || status === 204 || status === 304;
      if (noBody) res.resume();
      const body = noBody
        ? { head: Buffer.alloc(0), size: 0, truncated: false, file: undefined }
        : await readBody(decodedStream(res, res.headers['content-encoding']), {
            host,
            inlineBytes: limits.inlineBodyBytes,
            maxBytes: limits.maxBodyBytes,
            dir: opts.bodyDir,
          }).catch((err) => {
            throw isSightlineError(err) ? err : networkError(host, port, err);
          });
      return {
        url: mask(out.url.href),
        status,
        statusText: res.statusMessage ?? '',
        headers: pairs(res),
        size: body.size,
        contentType: res.headers['content-type'] ?? null,
        timings: { ...timings, total: performance.now() - started },
        redirects,
        body: body.head,
        bodyTruncated: body.truncated,
        ...(body.file ? { bodyFile: body.file } : {}),
        secrets,
      };
    }
  } catch (err) {
    const e = isSightlineError(err) ? err : networkError(host, '', err);
    throw new SightlineError(mask(e.message), { kind: e.kind, hints: e.hints.map(mask), cause: err });
  } finally {
    clearTimeout(totalTimer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
