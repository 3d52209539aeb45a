const SECRET_PARAMS = /([?&](?:password|passwd|pwd|sslpassword)=)[^&#]*/giu;

/**
 * The URL with its password hidden, for every printed or logged place:
 * `postgres://user:secret@host:5432/db` -> `postgres://user:***@host:5432/db`. Also hides `?password=`.
 * Works on malformed URLs too (text between `//user:` and the last `@` before the host is hidden).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^/?#]*@/iu, '$1:***@')
    .replace(SECRET_PARAMS, '$1***');
}

/** Removes `secret` (as typed and URL-encoded) from a message, for errors that quote what a driver said. */
export function scrubSecret(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  return out;
}
