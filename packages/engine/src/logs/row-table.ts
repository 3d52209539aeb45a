import { type DuckDBAppender, type DuckDBConnection, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import type { LogColumn, LogValue } from './log-format.js';

type Put = (a: DuckDBAppender, v: Exclude<LogValue, null>) => void;

const PUT: Record<LogColumn['type'], Put> = {
  TIMESTAMPTZ: (a, v) => a.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(v))),
  VARCHAR: (a, v) => a.appendVarchar(String(v)),
  JSON: (a, v) => a.appendVarchar(String(v)),
  INTEGER: (a, v) => a.appendInteger(Number(v)),
  BIGINT: (a, v) => a.appendBigInt(BigInt(v)),
  DOUBLE: (a, v) => a.appendDouble(Number(v)),
};

/** A staging table filled row by row through DuckDB's appender (fixed-column formats). */
export class RowTable {
  readonly #appender: DuckDBAppender;
  readonly #puts: Put[];
  #rows = 0;

  private constructor(appender: DuckDBAppender, columns: LogColumn[]) {
    this.#appender = appender;
    this.#puts = columns.map((c) => PUT[c.type]);
  }

  /** Creates the table (plus a `source_file` column when `withFile`) and opens an appender on it. */
  static async create(
    conn: DuckDBConnection,
    table: string,
    columns: LogColumn[],
    withFile: boolean,
  ): Promise<RowTable> {
    const all = withFile ? [...columns, { name: 'source_file', type: 'VARCHAR' as const }] : columns;
    await conn.run(
      `CREATE TABLE ${quoteIdent(table)} (${all.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`,
    );
    return new RowTable(await conn.createAppender(table), all);
  }

  /** Appends one row (values in column order; `source_file` last when the table has it). */
  append(values: readonly LogValue[]): void {
    const a = this.#appender;
    const puts = this.#puts;
    for (let i = 0; i < puts.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) a.appendNull();
      else puts[i]!(a, v);
    }
    a.endRow();
    this.#rows++;
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Writes what is buffered and closes the appender. */
  close(): void {
    this.#appender.flushSync();
    this.#appender.closeSync();
  }
}
