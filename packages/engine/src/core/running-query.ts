import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import type { JsonRow } from '../types.js';
import { MemoryPagedResult, type PagedResult, TablePagedResult } from './paged-result.js';
import { QueryError } from './query-error.js';
import { queryFailure, type RunOptions, watchQuery } from './query-watch.js';
import { chunkRows, resultShape, toEngineParams } from './rows.js';
import { isSingleSelect } from './statements.js';

/** How far a running query is: DuckDB's estimate in percent (null while unknown) and time so far. */
export interface QueryProgress {
  percent: number | null;
  elapsedMs: number;
}

/** A query started in the background; its result is kept for paging. */
export interface RunningQuery {
  readonly id: string;
  readonly sql: string;
  cancel(): void;
  progress(): QueryProgress;
  readonly result: Promise<PagedResult>;
}

/** What a running query needs from the engine: fresh tracked connections, closed through the engine. */
export interface ConnectionSource {
  openConnection(): Promise<DuckDBConnection>;
  /** Closes `conn` unless the engine already did (idempotent). */
  closeConnection(conn: DuckDBConnection): void;
  /** False once the connection was closed (by the caller or because the engine closed). */
  owns(conn: DuckDBConnection): boolean;
  /** Counts `sql` as a possible write until the returned function is called (see ActorOrderedCopies). */
  noteWrites?(conn: DuckDBConnection, sql: string): Promise<() => void>;
}

/** Starts `sql` on its own pinned connection and materialises the result for paging (see Engine.start). */
export function startQuery(source: ConnectionSource, sql: string, opts: RunOptions = {}): RunningQuery {
  const id = randomUUID();
  const started = performance.now();
  let conn: DuckDBConnection | undefined;
  let cancelled = false;
  let done = false;
  let cancelWatch: (() => void) | undefined;

  const run = async (): Promise<PagedResult> => {
    conn = await source.openConnection();
    const pinned = conn;
    const watch = watchQuery(pinned, opts);
    cancelWatch = watch.cancel;
    if (cancelled) watch.cancel();
    let keep = false;
    try {
      const params = toEngineParams(opts.params);
      const table = `sightline_result_${id.replaceAll('-', '')}`;
      if (await isSingleSelect(pinned, sql)) {
        const prefix = `CREATE TEMP TABLE ${quoteIdent(table)} AS (\n`;
        const wrapped = `${prefix}${sql.replace(/[\s;]+$/, '')}\n)`;
        try {
          await pinned.run(wrapped, params);
          const paged = await TablePagedResult.create(pinned, table, source);
          keep = true;
          return paged;
        } catch (err) {
          const parsed = queryFailure(err, sql, watch.reason, {
            ...opts,
            prefixBytes: Buffer.byteLength(prefix),
          });
          // A trailing comment after `;` breaks the wrapping; such a query is run as it is, below.
          if (watch.reason || parsed.errorClass !== 'Parser Error') throw parsed;
        }
      }
      const endWrites = (await source.noteWrites?.(pinned, sql)) ?? (() => undefined);
      try {
        const result = await pinned.run(sql, params ?? []);
        const shape = resultShape(result);
        const rows: JsonRow[] = [];
        for (const chunk of await result.fetchAllChunks()) rows.push(...chunkRows(chunk, shape));
        return new MemoryPagedResult(shape.columns, rows);
      } finally {
        endWrites();
      }
    } catch (err) {
      throw err instanceof QueryError ? err : queryFailure(err, sql, watch.reason, opts);
    } finally {
      watch.stop();
      done = true;
      if (!keep) source.closeConnection(pinned);
    }
  };

  const result = run();
  result.catch(() => undefined);
  return {
    id,
    sql,
    result,
    cancel: () => {
      cancelled = true;
      cancelWatch?.();
    },
    progress: () => {
      const elapsedMs = performance.now() - started;
      if (done) return { percent: 100, elapsedMs };
      const pct = conn?.progress.percentage;
      return { percent: pct === undefined || pct < 0 ? null : Math.min(100, pct), elapsedMs };
    },
  };
}
