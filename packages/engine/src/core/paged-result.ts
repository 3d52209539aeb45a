import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { ColumnInfo, JsonRow } from '../types.js';
import { chunkRows, type ResultShape, resultShape } from './rows.js';
import type { ConnectionSource } from './running-query.js';

/** A finished query's result, kept by the engine so pages can be read without running the query again. */
export interface PagedResult {
  columns: ColumnInfo[];
  rowCount: number;
  /** True when only the first rows were kept (see MemoryPagedResult). */
  readonly truncated?: boolean;
  /** Rows `offset` .. `offset + limit - 1` in the query's order. */
  page(offset: number, limit: number): Promise<JsonRow[]>;
  /** Frees the kept result (drops its temp table); later `page` calls fail. */
  close(): Promise<void>;
}

/**
 * A result materialised into a temp table on a connection pinned to it. The table was filled by
 * `CREATE TEMP TABLE ... AS` with `preserve_insertion_order` on, so its rowids follow the query's order and a
 * page is a rowid range (which DuckDB prunes without scanning the whole table).
 */
export class TablePagedResult implements PagedResult {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly table: string,
    private readonly shape: ResultShape,
    readonly rowCount: number,
    private readonly source: ConnectionSource,
  ) {}

  /** Reads the shape and row count of a filled temp table and wraps it. */
  static async create(
    conn: DuckDBConnection,
    table: string,
    source: ConnectionSource,
  ): Promise<TablePagedResult> {
    const probe = await conn.run(`SELECT * FROM temp.main.${quoteIdent(table)} LIMIT 0`);
    const count = await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM temp.main.${quoteIdent(table)}`);
    const rows = Number(count.getColumns()[0]![0] as bigint);
    return new TablePagedResult(conn, table, resultShape(probe), rows, source);
  }

  get columns(): ColumnInfo[] {
    return this.shape.columns;
  }

  page(offset: number, limit: number): Promise<JsonRow[]> {
    const run = async () => {
      if (this.closed || !this.source.owns(this.conn)) {
        throw new SightlineError('This result was already closed.', {
          kind: 'internal',
          hints: ['Run the query again to read its rows.'],
        });
      }
      const from = Math.max(0, Math.floor(offset));
      const to = from + Math.max(0, Math.floor(limit));
      const result = await this.conn.run(
        `SELECT * FROM temp.main.${quoteIdent(this.table)} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`,
        [BigInt(from), BigInt(to)],
      );
      const rows: JsonRow[] = [];
      for (const chunk of await result.fetchAllChunks()) rows.push(...chunkRows(chunk, this.shape));
      return rows;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    try {
      if (this.source.owns(this.conn))
        await this.conn.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(this.table)}`);
    } finally {
      this.source.closeConnection(this.conn);
    }
  }
}

/** A small result (e.g. of `SHOW TABLES` or several statements) kept in memory. */
export class MemoryPagedResult implements PagedResult {
  constructor(
    readonly columns: ColumnInfo[],
    private readonly rows: JsonRow[],
    /** True when the rows were cut at a cap (a live database's result is kept only up to a limit). */
    readonly truncated = false,
  ) {}

  get rowCount(): number {
    return this.rows.length;
  }

  async page(offset: number, limit: number): Promise<JsonRow[]> {
    return this.rows.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
  }

  async close(): Promise<void> {}
}
