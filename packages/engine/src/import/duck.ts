import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';

/** A row as DuckDB's JSON converter gives it (big integers as strings). */
export type DuckRow = Record<string, unknown>;

/** Runs one statement and returns its rows as JSON-friendly objects. */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
  params?: DuckDBValue[],
): Promise<DuckRow[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as DuckRow[];
}

/** The columns (name and SQL type) a query would return, without running it. */
export async function describeQuery(
  conn: DuckDBConnection,
  sql: string,
): Promise<{ name: string; type: string }[]> {
  const rows = await queryRows(conn, `DESCRIBE ${sql}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** Columns of a table in the current schema, in order. */
export async function tableColumns(
  conn: DuckDBConnection,
  table: string,
): Promise<{ name: string; type: string }[]> {
  return describeQuery(conn, `SELECT * FROM ${quoteIdent(table)}`);
}

/** Number of rows in a table. */
export async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  const rows = await queryRows(conn, `SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return Number(rows[0]?.n ?? 0);
}

/** Names of the base tables in the connection's current schema. */
export async function listTables(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await queryRows(
    conn,
    'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema() AND NOT temporary',
  );
  return new Set(rows.map((r) => String(r.table_name)));
}

/** A table name that cannot clash with a person's table, for staging work. */
export function stagingName(kind: string): string {
  return `__sightline_${kind}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Thrown (and recognised) when the caller's AbortSignal stopped a statement. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}

/**
 * Runs a long statement, reporting DuckDB's progress (0..1) every 200 ms and interrupting it when `signal` aborts
 * (then it throws ImportCancelled).
 */
export async function runLong(
  conn: DuckDBConnection,
  sql: string,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<void> {
  if (opts.signal?.aborted) throw new ImportCancelled();
  const onAbort = () => conn.interrupt();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // DuckDB only tracks progress with its progress bar on; turn it on (without printing) for this statement.
  const restore = opts.onProgress ? await enableProgress(conn) : undefined;
  const timer = opts.onProgress
    ? setInterval(() => {
        const pct = conn.progress.percentage;
        if (pct >= 0) opts.onProgress?.(Math.min(1, pct / 100));
      }, 200)
    : undefined;
  try {
    await conn.run(sql);
  } catch (err) {
    if (opts.signal?.aborted) throw new ImportCancelled();
    throw err;
  } finally {
    if (timer) clearInterval(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (restore) await restore();
  }
  if (opts.signal?.aborted) throw new ImportCancelled();
}

async function enableProgress(conn: DuckDBConnection): Promise<() => Promise<void>> {
  const [row] = await queryRows(
    conn,
    "SELECT current_setting('enable_progress_bar') AS bar, current_setting('enable_progress_bar_print') AS print",
  );
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  return async () => {
    await conn.run(`SET enable_progress_bar = ${row?.bar === true}`);
    await conn.run(`SET enable_progress_bar_print = ${row?.print === true}`);
  };
}

/** The first line of a DuckDB error message, without the `XYZ Error:` prefix and the LINE pointer. */
export function engineMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).replace(/^[A-Za-z ]+ Error: /, '').trim();
}
