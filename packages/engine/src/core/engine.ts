import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SightlineError } from '../errors.js';
import type { ColumnInfo, ColumnProfile, JsonRow, QueryResult, TableInfo } from '../types.js';
import { type ActorCopyOptions, ActorOrderedCopies } from './actor-copies.js';
import { describeTable, listTables } from './catalog.js';
import { type ExportOptions, type ExportResult, exportData } from './export.js';
import { queryFailure, type RunOptions, watchQuery } from './query-watch.js';
import { chunkRows, resultShape, toEngineParams } from './rows.js';
import { type RunningQuery, startQuery } from './running-query.js';
import { isSingleSelect, limitedSelect } from './statements.js';

/** How to open the embedded database. */
export interface EngineOptions {
  readOnly?: boolean;
  /** DuckDB memory limit, e.g. `2GB`; default min(4 GB, 60% of RAM). */
  memoryLimit?: string;
  /** Worker threads; default DuckDB's (one per core). */
  threads?: number;
  /** Where large work spills to disk; default DuckDB's (`<db>.tmp`). */
  tempDirectory?: string;
  /**
   * Keep actor-ordered copies of large event tables for metrics (see ActorOrderedCopies): worth it in a long-lived
   * process such as the workbench server, not in a one-command CLI. Not with `readOnly`.
   */
  actorCopies?: boolean | ActorCopyOptions;
}

/** Options of `Engine.query`. */
export interface QueryOptions extends RunOptions {
  /** Read at most this many rows; `truncated` tells whether more existed. */
  maxRows?: number;
}

/** A batch of rows from `Engine.stream`. */
export interface RowBatch {
  columns: ColumnInfo[];
  rows: JsonRow[];
}

// UTC makes TIMESTAMPTZ arithmetic (date_trunc, casts to DATE) the same on every machine.
const SESSION_SETUP =
  "SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET TimeZone = 'UTC';";

/** The default memory limit: min(4 GB, 60% of RAM), in MiB as DuckDB accepts it. */
export function defaultMemoryLimit(totalBytes = totalmem()): string {
  const bytes = Math.min(4 * 1024 ** 3, totalBytes * 0.6);
  return `${Math.floor(bytes / 1024 ** 2)}MiB`;
}

/**
 * What may change a database's data: `generation` is bumped when a possible write starts and when it ends,
 * `underWay` counts those not ended (statements that are not a SELECT, connections from `connect()`). Per database
 * file, not per Engine: two opens of one file in one process share one DuckDB instance (DuckDBInstance.fromCache,
 * which hands out a new wrapper object each time, so the file's path is the key).
 */
interface WriteState {
  generation: number;
  underWay: number;
  /**
   * True once an Engine with actor copies opened the file: only then are statements checked for writes (a prepare of
   * each, about 4 ms for a metric's SQL), which nothing else needs.
   */
  tracked: boolean;
}
const WRITE_STATE = new Map<string, WriteState>();

function writeStateFor(dbPath: string): WriteState {
  const fresh = { generation: 0, underWay: 0, tracked: false };
  if (dbPath === ':memory:' || dbPath === '') return fresh;
  const key = resolve(dbPath);
  const known = WRITE_STATE.get(key);
  if (known) return known;
  WRITE_STATE.set(key, fresh);
  return fresh;
}

/**
 * The embedded DuckDB database: one instance shared by all callers, one fresh connection per query (so queries
 * overlap), with timeouts, cancel, paging, catalog and export. Values come back JSON-safe (shared spec/cli.md).
 */
export class Engine {
  private readonly live = new Set<DuckDBConnection>();
  private closed = false;
  /** What may change data, shared by every Engine on this DuckDB instance (see WriteState). */
  private readonly writes: WriteState;
  /** Actor-ordered copies of large tables for metrics, when enabled (EngineOptions.actorCopies). */
  readonly actorCopies: ActorOrderedCopies | null;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly dbPath: string,
    copies?: boolean | ActorCopyOptions,
  ) {
    const writes = writeStateFor(dbPath);
    if (copies) writes.tracked = true;
    this.writes = writes;
    this.actorCopies = copies
      ? new ActorOrderedCopies(
          {
            generation: () => writes.generation,
            writersOpen: () => writes.underWay > 0,
            runInternal: (sql) => this.runInternal(sql),
          },
          copies === true ? {} : copies,
        )
      : null;
  }

  /** Opens (or creates) the database file at `dbPath`; `:memory:` gives a throwaway in-memory database. */
  static async open(dbPath: string, opts: EngineOptions = {}): Promise<Engine> {
    const config: Record<string, string> = { memory_limit: opts.memoryLimit ?? defaultMemoryLimit() };
    if (opts.threads !== undefined) config.threads = String(opts.threads);
    if (opts.tempDirectory !== undefined) config.temp_directory = opts.tempDirectory;
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    // Files go through DuckDB's instance cache so two opens in one process share one database (two separate
    // instances on one file in one process would not see each other's locks and could corrupt it).
    const instance =
      dbPath === ':memory:' || dbPath === ''
        ? await DuckDBInstance.create(dbPath, config)
        : await DuckDBInstance.fromCache(dbPath, config);
    return new Engine(instance, dbPath, opts.readOnly ? false : opts.actorCopies);
  }

  /** A fresh connection on the shared instance, progress tracking on. The caller closes it (`closeSync()`). */
  async connect(): Promise<DuckDBConnection> {
    const conn = await this.newConnection(SESSION_SETUP);
    // The caller may write anything until it closes the connection: a write under way until then.
    const end = this.startWrite();
    const close = conn.closeSync.bind(conn);
    conn.closeSync = () => {
      end();
      close();
    };
    return conn;
  }

  /** Counts a possible write as under way and bumps the generation; the returned `end` (idempotent) ends it. */
  private startWrite(): () => void {
    const writes = this.writes;
    writes.generation++;
    writes.underWay++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      writes.underWay--;
      writes.generation++;
    };
  }

  /**
   * Counts `sql` as a write under way when it may change data (anything but one SELECT; SQL that does not parse
   * counts too) until the returned function is called, once the statement is over. `select` is the caller's answer
   * to "is it one SELECT?" when it has one. Nothing is checked unless actor copies are kept for this file.
   */
  private async noteWrites(conn: DuckDBConnection, sql: string, select?: boolean): Promise<() => void> {
    if (!this.writes.tracked) return () => undefined;
    if (select ?? (await isOneSelect(conn, sql))) return () => undefined;
    return this.startWrite();
  }

  /** Runs the engine's own SQL (the actor copies) on its own connection, not counted as a write. */
  private async runInternal(sql: string): Promise<Record<string, unknown>[]> {
    const conn = await this.openConnection();
    try {
      const result = await conn.runAndReadAll(sql);
      return result.getRowObjectsJson() as Record<string, unknown>[];
    } finally {
      this.closeConnection(conn);
    }
  }

  /** Runs `sql` (one or more statements; the last one's rows are returned) on its own connection. */
  async query(sql: string, opts: QueryOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    const conn = await this.openConnection();
    const watch = watchQuery(conn, opts);
    let prefixBytes: number | undefined;
    let endWrites = (): void => undefined;
    try {
      const params = toEngineParams(opts.params);
      const max = opts.maxRows;
      // One SELECT or not: needed to cut the rows in SQL, and to know whether it may write (see noteWrites).
      const select =
        (max !== undefined && !params) || this.writes.tracked ? await isOneSelect(conn, sql) : false;
      endWrites = await this.noteWrites(conn, sql, select);
      // Results are always materialized: a streamed DuckDB result that fails part-way ends like a finished one
      // (node-api 1.5 doesn't surface duckdb_result_error), which would silently lose rows. With maxRows, a
      // single SELECT is cut in SQL (LIMIT max + 1) so only what is needed is computed.
      let runSql = sql;
      if (max !== undefined && !params && select) {
        const limited = limitedSelect(sql, max + 1);
        runSql = limited.sql;
        prefixBytes = limited.prefixBytes;
      }
      const result = await conn.run(runSql, params ?? []);
      const shape = resultShape(result);
      const rows: JsonRow[] = [];
      let truncated = false;
      for (
        let chunk = await result.fetchChunk();
        chunk && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        if (max !== undefined && rows.length + chunk.rowCount > max) {
          rows.push(...chunkRows(chunk, shape, max - rows.length));
          truncated = true;
          break;
        }
        rows.push(...chunkRows(chunk, shape));
      }
      return {
        columns: shape.columns,
        rows,
        rowCount: rows.length,
        truncated,
        elapsedMs: performance.now() - started,
      };
    } catch (err) {
      throw queryFailure(err, sql, watch.reason, { ...opts, prefixBytes });
    } finally {
      endWrites();
      watch.stop();
      this.closeConnection(conn);
    }
  }

  /**
   * The rows of `sql` in batches of about 2048. The result is materialized in DuckDB first (it spills to disk
   * past the memory limit): a streamed result that fails part-way would end like a finished one and lose rows.
   */
  async *stream(sql: string, opts: RunOptions = {}): AsyncIterable<RowBatch> {
    const conn = await this.openConnection();
    const watch = watchQuery(conn, opts);
    const endWrites = await this.noteWrites(conn, sql);
    try {
      let result: Awaited<ReturnType<DuckDBConnection['stream']>>;
      try {
        result = await conn.run(sql, toEngineParams(opts.params) ?? []);
      } catch (err) {
        throw queryFailure(err, sql, watch.reason, opts);
      }
      const shape = resultShape(result);
      while (true) {
        let chunk: Awaited<ReturnType<typeof result.fetchChunk>>;
        try {
          chunk = await result.fetchChunk();
        } catch (err) {
          throw queryFailure(err, sql, watch.reason, opts);
        }
        if (!chunk || chunk.rowCount === 0) return;
        yield { columns: shape.columns, rows: chunkRows(chunk, shape) };
      }
    } finally {
      endWrites();
      watch.stop();
      this.closeConnection(conn);
    }
  }

  /** Starts `sql` in the background; `result` keeps the rows for paging without running the query again. */
  start(sql: string, opts: RunOptions = {}): RunningQuery {
    return startQuery(
      {
        openConnection: () => this.openConnection(),
        closeConnection: (c) => this.closeConnection(c),
        owns: (c) => this.live.has(c),
        noteWrites: (c, text) => this.noteWrites(c, text),
      },
      sql,
      opts,
    );
  }

  /** User tables in schema `main`, sorted by name, with exact row counts. */
  tables(): Promise<TableInfo[]> {
    return listTables(this);
  }

  /** Per-column profile of `table`; an unknown table gets an error naming close matches. */
  describe(table: string): Promise<ColumnProfile[]> {
    return describeTable(this, table);
  }

  /** Writes a table (by name) or the result of SQL to csv/parquet/json/xlsx (by extension or `format`). */
  exportTo(tableOrSql: string, path: string, opts: ExportOptions = {}): Promise<ExportResult> {
    return exportData(this, tableOrSql, path, opts);
  }

  /** Interrupts running queries, drops kept results and closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.live) {
      conn.interrupt();
      conn.closeSync();
    }
    this.live.clear();
    this.instance.closeSync();
  }

  /** A tracked connection whose engine errors carry exact positions (errors_as_json); closed by the engine. */
  private async openConnection(): Promise<DuckDBConnection> {
    const conn = await this.newConnection(`${SESSION_SETUP} SET errors_as_json = true;`);
    if (this.closed) {
      conn.closeSync();
      this.assertOpen();
    }
    this.live.add(conn);
    return conn;
  }

  private async newConnection(setup: string): Promise<DuckDBConnection> {
    this.assertOpen();
    const conn = await this.instance.connect();
    await conn.run(setup);
    return conn;
  }

  private closeConnection(conn: DuckDBConnection): void {
    if (!this.live.delete(conn)) return;
    conn.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new SightlineError('The workspace database was already closed.', {
        kind: 'internal',
        hints: ['Open the workspace again.'],
      });
    }
  }
}

/** True when `sql` is exactly one SELECT; SQL that does not parse is not (running it gives the error). */
function isOneSelect(conn: DuckDBConnection, sql: string): Promise<boolean> {
  return isSingleSelect(conn, sql).catch(() => false);
}
