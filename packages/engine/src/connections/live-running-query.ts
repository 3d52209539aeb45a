import { randomUUID } from 'node:crypto';
import { MemoryPagedResult, type PagedResult } from '../core/paged-result.js';
import type { RunningQuery } from '../core/running-query.js';
import type { LiveConnection } from './types.js';

/** Options of `startLiveQuery`. */
export interface LiveRunOptions {
  timeoutMs?: number;
  /** Rows kept for paging (default 100,000); a bigger result is cut and says so (`truncated`). */
  maxRows?: number;
}

/** The default number of rows kept from a live database's result. */
export const LIVE_MAX_ROWS = 100_000;

/**
 * Runs SQL on a live database in the background, like `Engine.start` does on the workspace: the SQL runs there
 * (pushed down), the first `maxRows` rows come back for paging, and the connection is closed when it ends.
 */
export function startLiveQuery(
  open: () => Promise<LiveConnection>,
  sql: string,
  opts: LiveRunOptions = {},
): RunningQuery {
  const id = randomUUID();
  const started = performance.now();
  const abort = new AbortController();
  let ended: number | undefined;
  const run = async (): Promise<PagedResult> => {
    const conn = await open();
    try {
      const result = await conn.query(sql, {
        signal: abort.signal,
        maxRows: opts.maxRows ?? LIVE_MAX_ROWS,
        ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      });
      return new MemoryPagedResult(result.columns, result.rows, result.truncated);
    } finally {
      ended = performance.now();
      await conn.close().catch(() => undefined);
    }
  };
  return {
    id,
    sql,
    cancel: () => abort.abort(),
    progress: () => ({ percent: null, elapsedMs: (ended ?? performance.now()) - started }),
    result: run(),
  };
}
