import { renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { tableExists } from './catalog.js';
import type { Engine } from './engine.js';
import { jsonSafeExpression } from './json-projection.js';
import { parseDuckDBError } from './query-error.js';
import { writeXlsx } from './xlsx-writer.js';

/** The file formats `exportTo` writes. */
export type ExportFormat = 'csv' | 'parquet' | 'json' | 'xlsx';

/** Options of `Engine.exportTo`. */
export interface ExportOptions {
  /** Overrides the format the file extension implies. */
  format?: ExportFormat;
}

/** What an export wrote. */
export interface ExportResult {
  rows: number;
  path: string;
  format: ExportFormat;
}

const FORMATS: readonly ExportFormat[] = ['csv', 'parquet', 'json', 'xlsx'];

/** The export format for `path` (from its extension) unless `format` is given; unknown ones are a user error. */
export function exportFormatFor(path: string, format?: string): ExportFormat {
  const wanted = (format ?? extname(path).slice(1)).toLowerCase();
  if ((FORMATS as readonly string[]).includes(wanted)) return wanted as ExportFormat;
  const what =
    format === undefined ? `the extension "${extname(path) || '(none)'}"` : `the format "${format}"`;
  throw new SightlineError(`Can't export to ${path}: ${what} is not one Sightline can write.`, {
    kind: 'user',
    hints: [`Use one of: ${FORMATS.map((f) => `.${f}`).join(', ')}.`],
  });
}

/**
 * Exports a table (when `tableOrSql` names one in `main`) or the result of SQL. csv/parquet/json go through
 * DuckDB's `COPY` (json with columns projected to the cli.md value rules); xlsx is streamed with exceljs.
 * Writes `<path>.tmp` and renames it, so a failed export leaves no half-written file.
 */
export async function exportData(
  engine: Engine,
  tableOrSql: string,
  path: string,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const format = exportFormatFor(path, opts.format);
  const isTable = await tableExists(engine, tableOrSql);
  const sql = isTable ? `SELECT * FROM main.${quoteIdent(tableOrSql)}` : tableOrSql.replace(/[\s;]+$/, '');
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  try {
    const rows =
      format === 'xlsx' ? await writeXlsx(engine, sql, tmp) : await copyTo(engine, sql, tmp, format);
    renameSync(tmp, path);
    return { rows, path, format };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

async function copyTo(engine: Engine, sql: string, tmp: string, format: Exclude<ExportFormat, 'xlsx'>) {
  const conn = await engine.connect();
  try {
    await conn.run('SET errors_as_json = true');
    const types = await columnTypes(conn, sql);
    const options = {
      csv: 'FORMAT csv, HEADER true',
      parquet: 'FORMAT parquet',
      json: 'FORMAT json, ARRAY true',
    };
    const prefix = format === 'json' ? `COPY (SELECT ${jsonProjection(types)} FROM (\n` : 'COPY (\n';
    const copy = `${prefix}${sql}\n)${format === 'json' ? ')' : ''} TO ${quoteString(tmp)} (${options[format]})`;
    try {
      const reader = await conn.runAndReadAll(copy);
      return Number(reader.getColumns()[0]?.[0] ?? 0);
    } catch (err) {
      throw parseDuckDBError(err, sql, { prefixBytes: Buffer.byteLength(prefix) });
    }
  } finally {
    conn.closeSync();
  }
}

/** Names and types of the columns `sql` returns, without running it (errors point into `sql`). */
async function columnTypes(
  conn: DuckDBConnection,
  sql: string,
): Promise<{ name: string; type: DuckDBType }[]> {
  try {
    const prepared = await conn.prepare(sql);
    try {
      return Array.from({ length: prepared.columnCount }, (_, i) => ({
        name: prepared.columnName(i),
        type: prepared.columnType(i),
      }));
    } finally {
      prepared.destroySync();
    }
  } catch (err) {
    throw parseDuckDBError(err, sql);
  }
}

function jsonProjection(columns: { name: string; type: DuckDBType }[]): string {
  return columns
    .map(({ name, type }, i) => {
      // Positional references keep duplicate or odd column names working.
      const ref = `#${i + 1}`;
      const expr = jsonSafeExpression(ref, type);
      return expr === undefined ? `${ref} AS ${quoteIdent(name)}` : `${expr} AS ${quoteIdent(name)}`;
    })
    .join(', ');
}
