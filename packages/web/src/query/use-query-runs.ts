import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { ApiErrorInfo, Column } from '../api/types.js';
import type { QueryTarget } from './target.js';

/** A column order applied by re-running the query with ORDER BY. */
export interface SortOrder {
  column: string;
  direction: 'asc' | 'desc';
}

/** One run of a query in a tab, as the result panel shows it. */
export interface QueryRun {
  queryId: string | null;
  /** The SQL sent to the engine. */
  sql: string;
  /** The SQL the user wrote (without the grid's sort). */
  userSql: string;
  /** Offset of `userSql` in the editor text (it may be a selection). */
  base: number;
  state: 'starting' | 'running' | 'done' | 'error' | 'cancelled';
  progress: number | null;
  elapsedMs: number;
  columns: Column[];
  rowCount: number;
  error: ApiErrorInfo | { code: string; message: string; hints: string[] } | null;
  sort: SortOrder | null;
  /** Where it ran (absent: the workspace). */
  target?: QueryTarget;
  /** True when a live database's result was cut to its first `rowCount` rows. */
  truncated?: boolean;
  /** Increases with every run, so the grid knows to drop cached pages. */
  serial: number;
}

/** Options of a run. */
export interface StartOptions {
  userSql: string;
  base: number;
  sort: SortOrder | null;
  target?: QueryTarget;
}

function errorOf(err: unknown): QueryRun['error'] {
  if (err instanceof ApiRequestError) return err.info;
  return {
    code: 'internal',
    message: 'The request to the Sightline server failed.',
    hints: ['Reload the page.'],
  };
}

/**
 * Runs queries per tab: starts them, polls status (progress, elapsed) until they end, cancels. `onEnd` is called
 * once per finished run (for the history).
 */
export function useQueryRuns(api: ApiClient, onEnd: (run: QueryRun) => void) {
  const [runs, setRuns] = useState<Record<string, QueryRun>>({});
  const runsRef = useRef(runs);
  runsRef.current = runs;
  const serial = useRef(0);
  // Runs whose Cancel came before the server gave them an id (serial numbers).
  const cancelEarly = useRef(new Set<number>());
  const idOf = useRef(new Map<number, string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  const update = useCallback((tab: string, s: number, patch: Partial<QueryRun>) => {
    setRuns((all) => {
      const cur = all[tab];
      if (!cur || cur.serial !== s) return all;
      return { ...all, [tab]: { ...cur, ...patch } };
    });
  }, []);

  const poll = useCallback(
    (tab: string, s: number, id: string, started: QueryRun, delay: number) => {
      const timer = setTimeout(async () => {
        try {
          const st = await api.queryStatus(id);
          const patch: Partial<QueryRun> = {
            state: st.state,
            progress: st.progress,
            elapsedMs: st.elapsedMs,
            columns: st.columns ?? [],
            rowCount: st.rowCount ?? 0,
            error: st.error ?? null,
            truncated: st.truncated === true,
          };
          update(tab, s, patch);
          if (st.state === 'running') poll(tab, s, id, started, Math.min(delay * 1.5, 400));
          else endRef.current({ ...started, ...patch });
        } catch (err) {
          const patch = { state: 'error' as const, error: errorOf(err) };
          update(tab, s, patch);
          endRef.current({ ...started, ...patch });
        }
      }, delay);
      timers.current.set(tab, timer);
    },
    [api, update],
  );

  const start = useCallback(
    async (tab: string, sql: string, opts: StartOptions) => {
      const s = ++serial.current;
      const old = timers.current.get(tab);
      if (old) clearTimeout(old);
      const run: QueryRun = {
        queryId: null,
        sql,
        userSql: opts.userSql,
        base: opts.base,
        state: 'starting',
        progress: null,
        elapsedMs: 0,
        columns: [],
        rowCount: 0,
        error: null,
        sort: opts.sort,
        ...(opts.target?.on !== undefined ? { target: opts.target } : {}),
        serial: s,
      };
      const previous = runsRef.current[tab]?.queryId ?? null;
      setRuns((all) => ({ ...all, [tab]: run }));
      if (previous) void api.dropQuery(previous).catch(() => undefined);
      try {
        const { id } = await api.startQuery(sql, opts.target?.on);
        idOf.current.set(s, id);
        update(tab, s, { queryId: id, state: 'running' });
        if (cancelEarly.current.delete(s)) await api.cancelQuery(id).catch(() => undefined);
        poll(tab, s, id, { ...run, queryId: id }, 60);
      } catch (err) {
        const patch = { state: 'error' as const, error: errorOf(err) };
        update(tab, s, patch);
        endRef.current({ ...run, ...patch });
      }
    },
    [api, poll, update],
  );

  const cancel = useCallback(
    async (tab: string) => {
      const run = runsRef.current[tab];
      if (!run || (run.state !== 'running' && run.state !== 'starting')) return;
      const id = run.queryId ?? idOf.current.get(run.serial);
      if (!id) {
        cancelEarly.current.add(run.serial);
        return;
      }
      try {
        await api.cancelQuery(id);
      } catch {
        // The next status poll shows what happened.
      }
    },
    [api],
  );

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const t of all.values()) clearTimeout(t);
    };
  }, []);

  return { runs, start, cancel };
}
