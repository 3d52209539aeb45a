import type { DuckDBConnection } from '@duckdb/node-api';
import { parseDuckDBError, QueryError } from './query-error.js';

/** Options every running query accepts. */
export interface RunOptions {
  /** Values for `?` / `$1` placeholders. */
  params?: unknown[];
  /** Stop the query after this many milliseconds. */
  timeoutMs?: number;
  /** Stop the query when this signal aborts. */
  signal?: AbortSignal;
}

/** Why a query was interrupted, if it was. */
export type StopReason = 'cancel' | 'timeout';

/** Watches one query on one connection: interrupts it on timeout, abort or `cancel()`. */
export interface QueryWatch {
  readonly reason: StopReason | undefined;
  cancel(): void;
  /** Call when the query settled; stops timers and listeners. */
  stop(): void;
}

/**
 * Arms the timeout and abort signal for a query on `conn`. The interrupt is repeated until `stop()`, because an
 * interrupt sent before the engine registered the query as active would otherwise be lost.
 */
export function watchQuery(conn: DuckDBConnection, opts: RunOptions): QueryWatch {
  let reason: StopReason | undefined;
  let repeat: NodeJS.Timeout | undefined;
  let stopped = false;
  const interrupt = (why: StopReason) => {
    if (stopped || reason) return;
    reason = why;
    conn.interrupt();
    repeat = setInterval(() => conn.interrupt(), 25);
  };
  const timer =
    opts.timeoutMs === undefined ? undefined : setTimeout(() => interrupt('timeout'), opts.timeoutMs);
  const onAbort = () => interrupt('cancel');
  if (opts.signal?.aborted) interrupt('cancel');
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    get reason() {
      return reason;
    },
    cancel: () => interrupt('cancel'),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (repeat) clearInterval(repeat);
      opts.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Formats milliseconds for people: `800 ms`, `5 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The error to throw for a failed query: a plain cancel/timeout message when we stopped it, else the parsed engine error. */
export function queryFailure(
  err: unknown,
  sql: string,
  reason: StopReason | undefined,
  opts: { timeoutMs?: number; prefixBytes?: number } = {},
): QueryError {
  if (reason) {
    const engineMessage = err instanceof Error ? err.message : String(err);
    const timeout = reason === 'timeout';
    return new QueryError(
      timeout
        ? `The query took longer than ${formatDuration(opts.timeoutMs ?? 0)} and was stopped.`
        : 'The query was cancelled.',
      {
        sql,
        engineMessage,
        errorClass: 'Interrupt Error',
        hints: timeout
          ? ['Filter or aggregate more to make it faster, or allow more time with a longer timeout.']
          : [],
        cause: err,
      },
    );
  }
  return parseDuckDBError(err, sql, opts.prefixBytes === undefined ? {} : { prefixBytes: opts.prefixBytes });
}
