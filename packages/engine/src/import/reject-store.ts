import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { listTables, queryRows } from './duck.js';
import type { RejectedRow } from './types.js';

/** Schema and table where the rows rejected by each import are kept. */
export const META_SCHEMA = 'sightline_meta';
const REJECTS = `${META_SCHEMA}.rejects`;

/** Creates `sightline_meta.rejects` when missing (call inside the commit transaction). */
export async function ensureRejectsTable(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA}`);
  await conn.run(
    `CREATE TABLE IF NOT EXISTS ${REJECTS} (table_name VARCHAR NOT NULL, file VARCHAR, line BIGINT, column_name VARCHAR, reason VARCHAR, raw VARCHAR, imported_at TIMESTAMPTZ DEFAULT current_timestamp)`,
  );
}

/**
 * Records the rejects of one import of `table` (inside the caller's transaction). `replace` drops the rejects of
 * earlier imports of the table first (modes create and replace); append keeps them. Rows go through a scratch
 * NDJSON file so that any number of them is one statement.
 */
export async function saveRejects(
  conn: DuckDBConnection,
  table: string,
  rows: RejectedRow[],
  replace: boolean,
  scratchDir: string,
): Promise<void> {
  await ensureRejectsTable(conn);
  if (replace) await conn.run(`DELETE FROM ${REJECTS} WHERE table_name = $1`, [table]);
  if (rows.length === 0) return;
  const path = join(
    scratchDir,
    `rejects-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.ndjson`,
  );
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  await conn.run(
    `INSERT INTO ${REJECTS} (table_name, file, line, column_name, reason, raw) SELECT $1, file, line, "column", reason, raw FROM read_json(${quoteString(path)}, format = 'newline_delimited', columns = {file: 'VARCHAR', line: 'BIGINT', "column": 'VARCHAR', reason: 'VARCHAR', raw: 'VARCHAR'})`,
    [table],
  );
}

/** The rows rejected when `table` was imported, in file and line order (for `sightline rejects TABLE`). */
export async function listRejects(conn: DuckDBConnection, table: string): Promise<RejectedRow[]> {
  const tables = await listTables(conn);
  if (!tables.has(table))
    throw new SightlineError(`Table "${table}" doesn't exist in this workspace.`, {
      hints: ['Run `sightline tables` to see the tables there are.'],
    });
  const [meta] = await queryRows(
    conn,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${META_SCHEMA}' AND table_name = 'rejects'`,
  );
  if (Number(meta?.n) === 0) return [];
  const rows = await queryRows(
    conn,
    `SELECT file, line, column_name, reason, raw FROM ${REJECTS} WHERE table_name = $1 ORDER BY imported_at, file, line`,
    [table],
  );
  return rows.map((r) => ({
    file: String(r.file),
    line: Number(r.line),
    column: r.column_name === null ? null : String(r.column_name),
    reason: String(r.reason),
    raw: String(r.raw),
  }));
}
