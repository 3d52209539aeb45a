import { positionFromOffset, QueryError } from '../../core/query-error.js';
import { SightlineError } from '../../errors.js';
import { scrubSecret } from '../redact.js';

/** The fields of a PostgreSQL error that matter here (pg's DatabaseError carries them). */
interface PgErrorFields {
  message: string;
  code?: string;
  position?: string;
  hint?: string;
  detail?: string;
}

function isPgError(err: unknown): err is Error & PgErrorFields {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

/** Where a connection points, for messages (never the password). */
export interface Target {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
}

/** UTF-16 offset of PostgreSQL's 1-based character (code point) position. */
function codePointToOffset(sql: string, position: number): number {
  let i = 0;
  for (let seen = 1; seen < position && i < sql.length; seen++)
    i += (sql.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why a query was stopped by Sightline itself, if it was. */
export type StopReason = 'timeout' | 'cancel';

/**
 * Turns an error from running `sql` into a QueryError: the server's message as a sentence, the position as
 * line/column, and the server's hint. Cancellations Sightline asked for become plain "stopped" messages.
 */
export function queryFailure(
  err: unknown,
  sql: string,
  stopped?: { reason: StopReason; timeoutMs?: number },
): Error {
  if (err instanceof SightlineError) return err;
  if (!isPgError(err)) {
    const text = err instanceof Error ? err.message : String(err);
    return new QueryError(`The connection to PostgreSQL failed while running the query: ${text}.`, {
      sql,
      engineMessage: text,
      errorClass: 'Connection Error',
      hints: ['Run the query again; if it keeps failing, check that the database server is up.'],
      cause: err,
    });
  }
  const details = { sql, engineMessage: err.message, errorClass: `PostgreSQL ${err.code}`, cause: err };
  if (err.code === '57014' && stopped) {
    return stopped.reason === 'timeout'
      ? new QueryError(`The query took longer than ${(stopped.timeoutMs ?? 0) / 1000} s and was stopped.`, {
          ...details,
          hints: ['Give it more time with --timeout, or narrow it down (a WHERE clause, a LIMIT).'],
        })
      : new QueryError('The query was cancelled.', details);
  }
  const offset = err.position ? codePointToOffset(sql, Number(err.position)) : undefined;
  const position = offset === undefined ? undefined : positionFromOffset(sql, offset);
  const where = position ? ` (line ${position.line}, col ${position.column})` : '';
  const hints = err.hint ? [err.hint] : [];
  let sentence = capitalise(err.message.replace(/[.!]+$/u, ''));
  const relation = /^relation "(.+)" does not exist$/u.exec(err.message);
  const syntax = /^syntax error at or near (.+)$/u.exec(err.message);
  if (relation) {
    sentence = `Table "${relation[1]}" doesn't exist in this database`;
    hints.push('See the tables with: sightline tables --on NAME');
  } else if (syntax) {
    sentence = `The SQL has a syntax error near ${syntax[1]}`;
  } else if (err.message === 'syntax error at end of input') {
    sentence = 'The SQL ends too early';
  }
  if (err.detail) hints.push(err.detail);
  return new QueryError(`${sentence}${where}.`, { ...details, ...(position ? { position } : {}), hints });
}

/** Turns a failed connect into one plain sentence per cause; the password never appears in it. */
export function connectFailure(err: unknown, t: Target, timeoutMs: number): SightlineError {
  const at = `${t.host}:${t.port}`;
  const raw = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const make = (message: string, hints: string[]) =>
    new SightlineError(message, { kind: 'user', hints, cause: err });
  const passwordHint =
    'Give the password in the URL (postgres://USER:PASSWORD@HOST/DB), in PGPASSWORD, or in ~/.pgpass (mode 0600).';
  if (code === '28P01')
    return make(`PostgreSQL at ${at} refused the password for user "${t.user}".`, [passwordHint]);
  if (/client password must be a string|no password/iu.test(raw)) {
    return make(`PostgreSQL at ${at} asked for a password for user "${t.user}", but none was given.`, [
      passwordHint,
    ]);
  }
  if (code === '3D000') {
    return make(`There is no database named "${t.database}" at ${at}.`, [
      'Check the database name at the end of the URL (e.g. postgres://USER@HOST:5432/DATABASE).',
    ]);
  }
  if (code === '28000') {
    return make(`PostgreSQL at ${at} does not let user "${t.user}" in: ${scrubSecret(raw, t.password)}.`, [
      'Check the user name, or ask the database owner to allow this user from your machine (pg_hba.conf).',
    ]);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return make(`The host "${t.host}" could not be found.`, [
      'Check the host name in the URL, and your network or VPN.',
    ]);
  }
  if (code === 'ECONNREFUSED') {
    return make(`Nothing accepts connections at ${at} (connection refused).`, [
      'Check the host and port, and that the PostgreSQL server is running.',
    ]);
  }
  if (/timeout/iu.test(raw) || code === 'ETIMEDOUT') {
    return make(`PostgreSQL at ${at} did not answer within ${timeoutMs / 1000} s.`, [
      'Check the host and port (a firewall may drop the connection), or try again later.',
    ]);
  }
  return make(
    `Could not connect to PostgreSQL at ${at}: ${scrubSecret(raw, t.password).replace(/[.!]+$/u, '')}.`,
    ['Check the connection URL with: sightline connections'],
  );
}
