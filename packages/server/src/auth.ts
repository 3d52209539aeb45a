import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from './errors.js';

/** The cookie that carries the token once the page was opened with `?token=`. */
export const TOKEN_COOKIE = 'sightline_token';

/** True when `given` equals `expected`, in time that does not depend on where they differ. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Rejects requests whose Host is not one of `allowedHosts` (defeats DNS rebinding) and whose Origin, when
 * present, is not `http(s)://` one of them (defeats cross-site requests from other tabs).
 */
export function hostGuard(allowedHosts: string[]): MiddlewareHandler {
  // Read on every request: startServer fills the list once the port is known.
  const allowed = { has: (host: string) => allowedHosts.some((h) => h.toLowerCase() === host) };
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (!allowed.has(host)) {
      throw new ApiError('forbidden_host', `This server does not answer to the host name "${host}".`, [
        `Open it as ${allowedHosts[0] ?? 'the address `sightline open` printed'}.`,
      ]);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowed.has(originHost(origin))) {
      throw new ApiError('forbidden_origin', 'Requests from other web sites are not allowed.', [
        'Use the Sightline page itself, or call the API without an Origin header (e.g. from a script).',
      ]);
    }
    await next();
  };
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * Requires the token as `Authorization: Bearer TOKEN` or the `sightline_token` cookie. A page opened with a
 * valid `?token=` gets the cookie (HttpOnly, SameSite=Strict) and is redirected to the same URL without it.
 */
export function tokenAuth(token: string): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const fromQuery = url.searchParams.get('token');
    if (fromQuery !== null && c.req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      if (!tokenMatches(fromQuery, token)) throw unauthorized('The token in this link is not valid.');
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 302);
    }
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (tokenMatches(bearer, token) || tokenMatches(getCookie(c, TOKEN_COOKIE), token)) return next();
    throw unauthorized(
      header === undefined && getCookie(c, TOKEN_COOKIE) === undefined
        ? 'This request has no access token.'
        : 'The access token of this request is not valid.',
    );
  };
}

function unauthorized(message: string): ApiError {
  return new ApiError('unauthorized', message, [
    'Open the link that `sightline open` printed (it carries the token), or send it as `Authorization: Bearer TOKEN`.',
  ]);
}
