import { useEffect, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { ShownError } from '../ui/error-message.js';
import type { EventSourceInfo } from './metric-answer.js';
import type { SourceState } from './metric-state.js';

/** The event table's columns, detected roles and event names (with counts), reloaded when the source changes. */
export function useEventSource(api: ApiClient, source: SourceState) {
  const [info, setInfo] = useState<EventSourceInfo | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [loading, setLoading] = useState(false);
  const { from, on, actorCol, eventCol, timeCol } = source;
  useEffect(() => {
    if (!from) {
      setInfo(null);
      setError(null);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .request<EventSourceInfo>('POST', '/metrics/source', {
        from,
        ...(on ? { on } : {}),
        ...(actorCol ? { actorCol } : {}),
        ...(eventCol ? { eventCol } : {}),
        ...(timeCol ? { timeCol } : {}),
      })
      .then(
        (r) => {
          if (!live) return;
          setInfo(r);
          setError(null);
        },
        (err: unknown) => {
          if (!live) return;
          setInfo(null);
          setError(
            err instanceof ApiRequestError
              ? err.info
              : { message: `The table ${from} could not be read.`, hints: [] },
          );
        },
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, from, on, actorCol, eventCol, timeCol]);
  return { info, error, loading };
}

/** The tables of a live connection as `schema.table` (null when there is no connection or it can't be listed). */
export function useLiveTables(api: ApiClient, on: string): string[] | null {
  const [tables, setTables] = useState<string[] | null>(null);
  useEffect(() => {
    setTables(null);
    if (!on) return;
    let live = true;
    api.connectionCatalog(on).then(
      (r) => live && setTables(r.tables.map((t) => `${t.schema}.${t.table}`)),
      () => live && setTables(null),
    );
    return () => {
      live = false;
    };
  }, [api, on]);
  return tables;
}
