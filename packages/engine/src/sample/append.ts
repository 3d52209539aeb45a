import { type DuckDBConnection, DuckDBDataChunk, INTEGER } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';

/** One integer column to append: its values, and the value (if any) that stands for NULL. */
export interface IntColumn {
  values: ArrayLike<number | null>;
  noneIs?: number;
}

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** Creates a temporary table of INTEGER columns and fills it through the DuckDB appender. */
export async function appendIntegerTable(
  conn: DuckDBConnection,
  table: string,
  names: readonly string[],
  columns: readonly IntColumn[],
  rows: number,
): Promise<void> {
  const defs = names.map((name) => `${quoteIdent(name)} INTEGER`).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} (${defs})`);
  const appender = await conn.createAppender(table, 'main', 'temp');
  const types = columns.map(() => INTEGER);
  try {
    // A chunk of 2048 rows at a time: about half the time of appending value by value.
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const size = Math.min(CHUNK_ROWS, rows - start);
      const chunk = DuckDBDataChunk.create(types, size);
      chunk.setColumns(
        columns.map((column) => {
          const out: (number | null)[] = new Array(size);
          for (let i = 0; i < size; i++) {
            const value = column.values[start + i];
            out[i] = value === null || value === undefined || value === column.noneIs ? null : value;
          }
          return out;
        }),
      );
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
