import { SightlineError } from '../../errors.js';
import { redactUrl } from '../redact.js';

/** Checks a `postgres://` URL and returns it trimmed; throws a usage error saying what is wrong. */
export function validatePostgresUrl(url: string): string {
  const text = url.trim();
  const shown = redactUrl(text);
  const example = 'postgres://USER@HOST:5432/DATABASE (the password may follow USER after a colon)';
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SightlineError(`"${shown}" is not a valid connection URL.`, {
      kind: 'usage',
      hints: [`Write it like ${example}.`],
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new SightlineError(`"${shown}" is not a PostgreSQL URL (it starts with ${parsed.protocol}//).`, {
      kind: 'usage',
      hints: [`Write it like ${example}.`],
    });
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new SightlineError(`The connection URL "${shown}" names no host.`, {
      kind: 'usage',
      hints: [`Write it like ${example}.`],
    });
  }
  if (parsed.port !== '' && !(Number(parsed.port) > 0 && Number(parsed.port) < 65536)) {
    throw new SightlineError(`The port in "${shown}" is not a valid port number.`, {
      kind: 'usage',
      hints: [`Write it like ${example}.`],
    });
  }
  return text;
}
