import {
  BIGINT,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBTimestampTZValue,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import type { LogColumn, LogValue } from './log-format.js';

type Convert = (v: Exclude<LogValue, null>) => DuckDBValue;

/** Each column type's vector type (JSON goes in as text, which its column takes) and value conversion. */
const COLUMN: Record<LogColumn['type'], { type: DuckDBType; convert: Convert }> = {
  TIMESTAMPTZ: { type: TIMESTAMPTZ, convert: (v) => new DuckDBTimestampTZValue(BigInt(v)) },
  VARCHAR: { type: VARCHAR, convert: (v) => String(v) },
  JSON: { type: VARCHAR, convert: (v) => String(v) },
  // Not a 32-bit integer (e.g. a syslog pid past 2^31): unknown, rather than failing the import or wrapping around.
  INTEGER: { type: INTEGER, convert: (v) => int32OrNull(Number(v)) },
  BIGINT: { type: BIGINT, convert: (v) => BigInt(v) },
  DOUBLE: { type: DOUBLE, convert: (v) => Number(v) },
};

function int32OrNull(n: number): number | null {
  return Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : null;
}

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/**
 * A staging table filled through DuckDB's appender (fixed-column formats). Rows are gathered into columns and
 * appended a chunk of 2048 at a time: half the time of appending value by value, which was about half of a log
 * import's time (docs/benchmarks.md).
 */
export class RowTable {
  readonly #appender: DuckDBAppender;
  readonly #types: DuckDBType[];
  readonly #converts: Convert[];
  #columns: DuckDBValue[][];
  #buffered = 0;
  #rows = 0;

  private constructor(appender: DuckDBAppender, columns: LogColumn[]) {
    this.#appender = appender;
    this.#types = columns.map((c) => COLUMN[c.type].type);
    this.#converts = columns.map((c) => COLUMN[c.type].convert);
    this.#columns = columns.map(() => []);
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
    const converts = this.#converts;
    const columns = this.#columns;
    for (let i = 0; i < converts.length; i++) {
      const v = values[i];
      columns[i]!.push(v === null || v === undefined ? null : converts[i]!(v));
    }
    this.#rows++;
    if (++this.#buffered === CHUNK_ROWS) this.#appendChunk();
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Writes what is buffered and closes the appender (closed even when the write fails). */
  close(): void {
    try {
      this.#appendChunk();
      this.#appender.flushSync();
    } finally {
      this.#appender.closeSync();
    }
  }

  #appendChunk(): void {
    if (this.#buffered === 0) return;
    try {
      const chunk = DuckDBDataChunk.create(this.#types, this.#buffered);
      chunk.setColumns(this.#columns);
      this.#appender.appendDataChunk(chunk);
    } finally {
      this.#columns = this.#types.map(() => []);
      this.#buffered = 0;
    }
  }
}
