import pg from 'pg';
import type { ConnectionSpec } from '../types.js';
import { clientTypes, PostgresConnection } from './connection.js';
import { connectFailure, type Target } from './errors.js';
import { validatePostgresUrl } from './url.js';

/** How long a connect may take before it fails with a plain "did not answer" message. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Session settings that make values come back in the forms the converters expect (UTC, ISO dates, hex bytea). */
const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,MDY -c IntervalStyle=postgres -c bytea_output=hex';

/** Opens a PostgreSQL connection; the password comes from the URL, PGPASSWORD or ~/.pgpass (pg reads them). */
export async function openPostgres(
  spec: ConnectionSpec,
  options: { connectTimeoutMs?: number } = {},
): Promise<PostgresConnection> {
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  let connection: PostgresConnection | undefined;
  const client = new pg.Client({
    connectionString: validatePostgresUrl(spec.url),
    connectionTimeoutMillis: timeoutMs,
    application_name: 'sightline',
    options: SESSION_OPTIONS,
    types: clientTypes((oid) => connection?.lookup(oid)),
  });
  const c = client as unknown as {
    host: string;
    port: number;
    user: string;
    database: string;
    password?: unknown;
  };
  const target: Target = {
    host: c.host,
    port: Number(c.port),
    user: c.user,
    database: c.database,
    ...(typeof c.password === 'string' ? { password: c.password } : {}),
  };
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw connectFailure(err, target, timeoutMs);
  }
  connection = new PostgresConnection(client, target);
  await connection.loadTypes();
  return connection;
}
