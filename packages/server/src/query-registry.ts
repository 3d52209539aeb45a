import {
  type ColumnInfo,
  type Engine,
  isTeachable,
  type LiveConnection,
  type PagedResult,
  QueryError,
  type RunningQuery,
  readLiveSchema,
  readSchema,
  startLiveQuery,
  teachError,
} from '@sightline/engine';
import { ApiError, type ErrorBody, toErrorBody } from './errors.js';

/** Where a query is in its life. */
export type QueryState = 'running' | 'done' | 'error' | 'cancelled';

/** What `GET /api/queries/:id` answers. */
export interface QueryStatus {
  id: string;
  state: QueryState;
  /** DuckDB's estimate in percent (null while unknown; 100 when finished). */
  progress: number | null;
  elapsedMs: number;
  columns?: ColumnInfo[];
  rowCount?: number;
  /** True when a live database's result was cut to its first rows (`rowCount` of them are kept). */
  truncated?: boolean;
  /** The live connection the query ran on (absent: the workspace). */
  on?: string;
  error?: ErrorBody['error'];
}

/** Limits of a registry: how long and how many finished results are kept. */
export interface QueryRegistryOptions {
  /** Drop a finished result this long after it was last read (default 30 minutes). */
  ttlMs?: number;
  /** Keep at most this many finished results, least recently read dropped first (default 20). */
  maxResults?: number;
  /** The clock (for tests). */
  now?: () => number;
  /** Opens a stored live connection by name (queries with `on` run there, pushed down). */
  openLive?: (name: string) => Promise<LiveConnection>;
}

interface Entry {
  running: RunningQuery;
  on?: string;
  state: QueryState;
  cancelRequested: boolean;
  result?: PagedResult;
  error?: ErrorBody['error'];
  elapsedMs?: number;
  lastUsed: number;
}

/**
 * The server's running and finished queries. Finished results are kept (as engine PagedResults) for paging and
 * dropped after a TTL or when more than `maxResults` are kept; dropping frees the engine's temp table.
 */
export class QueryRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxResults: number;
  private readonly now: () => number;
  private readonly openLive: ((name: string) => Promise<LiveConnection>) | undefined;

  constructor(
    private readonly engine: Engine,
    opts: QueryRegistryOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 30 * 60_000;
    this.maxResults = opts.maxResults ?? 20;
    this.now = opts.now ?? Date.now;
    this.openLive = opts.openLive;
  }

  /** Starts `sql` in the background (on the workspace, or pushed down to the live connection `on`); returns its id. */
  start(sql: string, opts: { timeoutMs?: number; on?: string } = {}): string {
    this.sweep();
    const timeout = opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs };
    let running: RunningQuery;
    if (opts.on === undefined) running = this.engine.start(sql, timeout);
    else {
      const open = this.openLive;
      if (!open) throw new ApiError('bad_request', 'This server cannot reach live connections.');
      const on = opts.on;
      running = startLiveQuery(() => open(on), sql, timeout);
    }
    const entry: Entry = { running, state: 'running', cancelRequested: false, lastUsed: this.now() };
    if (opts.on !== undefined) entry.on = opts.on;
    this.entries.set(running.id, entry);
    running.result.then(
      (result) => {
        entry.elapsedMs = running.progress().elapsedMs;
        if (!this.entries.has(running.id)) {
          void result.close().catch(() => undefined);
          return;
        }
        entry.result = result;
        entry.state = 'done';
        this.sweep();
      },
      async (err: unknown) => {
        entry.elapsedMs = running.progress().elapsedMs;
        const cancelled =
          entry.cancelRequested &&
          ((err instanceof QueryError && err.errorClass === 'Interrupt Error') || entry.on !== undefined);
        const error = toErrorBody(err).error;
        if (!cancelled) await this.teach(sql, err, error, entry.on);
        entry.error = error;
        entry.state = cancelled ? 'cancelled' : 'error';
      },
    );
    return running.id;
  }

  /**
   * Puts the error teacher's words in a failed query's error: the plain sentence, the likely cause in this
   * workspace's schema and a fix; the engine's own hints stay after them. Never fails the error it explains.
   */
  private async teach(sql: string, err: unknown, error: ErrorBody['error'], on?: string): Promise<void> {
    if (!isTeachable(err)) return;
    try {
      const lesson = teachError(err, { sql, schema: await this.schemaOf(on) });
      error.message = lesson.title;
      error.hints = [lesson.detail, ...error.hints.filter((h) => h !== lesson.detail)];
      error.lesson = lesson;
    } catch {
      // The engine's message is still there.
    }
  }

  /** The tables the teacher reasons about: the workspace's, or (for a live query) that database's. */
  private async schemaOf(on: string | undefined) {
    if (on === undefined || !this.openLive) return readSchema(this.engine);
    const conn = await this.openLive(on);
    try {
      return await readLiveSchema(conn);
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  /** The state, progress and (when done) shape of a query. */
  status(id: string): QueryStatus {
    const entry = this.get(id);
    const progress = entry.running.progress();
    const status: QueryStatus = {
      id,
      state: entry.state,
      progress: entry.state === 'running' ? progress.percent : entry.state === 'done' ? 100 : null,
      elapsedMs: Math.round(entry.elapsedMs ?? progress.elapsedMs),
    };
    if (entry.result) {
      status.columns = entry.result.columns;
      status.rowCount = entry.result.rowCount;
      if (entry.result.truncated) status.truncated = true;
    }
    if (entry.on !== undefined) status.on = entry.on;
    if (entry.error) status.error = entry.error;
    return status;
  }

  /** Rows `offset .. offset+limit-1` of a finished query; a query that is not done is a conflict. */
  async page(id: string, offset: number, limit: number) {
    const entry = this.get(id);
    if (!entry.result) throw notReady(entry.state);
    return {
      columns: entry.result.columns,
      rowCount: entry.result.rowCount,
      offset,
      rows: await entry.result.page(offset, limit),
    };
  }

  /** Asks a running query to stop; a finished one is left as it is. Returns the status after the request. */
  cancel(id: string): QueryStatus {
    const entry = this.get(id);
    if (entry.state === 'running') {
      entry.cancelRequested = true;
      entry.running.cancel();
    }
    return this.status(id);
  }

  /** Waits until the query is no longer running (for tests and the CLI's synchronous paths). */
  async settled(id: string): Promise<QueryStatus> {
    const entry = this.get(id);
    await entry.running.result.catch(() => undefined);
    // The result's own handlers ran first (registered earlier), so the state is final here.
    return this.status(id);
  }

  /** Forgets a query, cancelling it when it still runs and freeing its kept result. */
  async drop(id: string): Promise<void> {
    const entry = this.get(id);
    this.entries.delete(id);
    await this.release(entry);
  }

  /** Cancels every running query and frees every kept result. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.release(e)));
  }

  /** Ids of the queries kept now (running and finished). */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  private get(id: string): Entry {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry) {
      throw new ApiError('not_found', `There is no query with id "${id}".`, [
        'Results are kept for a while after they were last read; run the query again.',
      ]);
    }
    entry.lastUsed = this.now();
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    const finished = [...this.entries.entries()].filter(([, e]) => e.state !== 'running');
    for (const [id, e] of finished) {
      if (now - e.lastUsed > this.ttlMs) {
        this.entries.delete(id);
        void this.release(e);
      }
    }
    const kept = finished
      .filter(([id]) => this.entries.has(id))
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [id, e] of kept.slice(0, Math.max(0, kept.length - this.maxResults))) {
      this.entries.delete(id);
      void this.release(e);
    }
  }

  private async release(entry: Entry): Promise<void> {
    if (entry.state === 'running') {
      entry.cancelRequested = true;
      entry.running.cancel();
      const result = await entry.running.result.catch(() => undefined);
      await result?.close().catch(() => undefined);
      return;
    }
    await entry.result?.close().catch(() => undefined);
  }
}

function notReady(state: QueryState): ApiError {
  if (state === 'running')
    return new ApiError('conflict', 'The query is still running, so it has no rows yet.', [
      'Wait until its state is "done", then ask for rows again.',
    ]);
  if (state === 'cancelled')
    return new ApiError('conflict', 'The query was cancelled, so it has no rows.', [
      'Run it again to see rows.',
    ]);
  return new ApiError('conflict', 'The query failed, so it has no rows.', [
    'Read its error with GET /api/queries/:id, fix the SQL and run it again.',
  ]);
}
