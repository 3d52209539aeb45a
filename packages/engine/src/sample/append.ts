import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';

/** One integer column to append: its values, and the value (if any) that stands for NULL. */
export interface IntColumn {
  values: ArrayLike<number | null>;
  noneIs?: number;
}

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
  try {
    for (let i = 0; i < rows; i++) {
      for (const column of columns) {
        const value = column.values[i];
        if (value === null || value === undefined || value === column.noneIs) appender.appendNull();
        else appender.appendInteger(value);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
