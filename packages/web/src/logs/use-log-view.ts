import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ApiRequestError } from '../api/client.js';
import type { ShownError } from '../ui/error-message.js';
import type {
  LogFacet,
  LogFilter,
  LogPatterns,
  LogRoles,
  LogRolesAnswer,
  LogRowsPage,
  LogTimeline,
  LogView,
} from './log-types.js';

/** What the Logs area shows for the current view, as the answers arrive. */
export interface LogViewData {
  timeline: LogTimeline | null;
  facets: LogFacet[] | null;
  patterns: LogPatterns | null;
  rows: LogRowsPage | null;
  loading: boolean;
  error: ShownError | null;
}

const PAGE = 100;
const EMPTY: LogViewData = {
  timeline: null,
  facets: null,
  patterns: null,
  rows: null,
  loading: false,
  error: null,
};

const shown = (err: unknown): ShownError =>
  err instanceof ApiRequestError
    ? { message: err.info.message, hints: err.info.hints }
    : { message: err instanceof Error ? err.message : String(err), hints: [] };

/** The state of the Logs view (table, roles, range, facet selections, search, pattern) and its data. */
export function useLogView(api: ApiClient, table: string | null) {
  const [answer, setAnswer] = useState<LogRolesAnswer | null>(null);
  const [roles, setRoles] = useState<LogRoles | null>(null);
  const [range, setRange] = useState<{ from: string; to: string } | undefined>();
  const [filters, setFilters] = useState<LogFilter[]>([]);
  const [search, setSearch] = useState('');
  const [pattern, setPattern] = useState<string | undefined>();
  const [data, setData] = useState<LogViewData>(EMPTY);
  const generation = useRef(0);

  useEffect(() => {
    setAnswer(null);
    setRoles(null);
    setRange(undefined);
    setFilters([]);
    setSearch('');
    setPattern(undefined);
    setData(EMPTY);
    if (!table) return;
    let live = true;
    setData({ ...EMPTY, loading: true });
    api.request<LogRolesAnswer>('POST', '/logs/roles', { table }).then(
      (a) => {
        if (!live) return;
        setAnswer(a);
        setRoles(a.roles);
      },
      (err) => live && setData({ ...EMPTY, error: shown(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, table]);

  const view = useMemo<LogView | null>(
    () =>
      table && roles
        ? {
            table,
            roles,
            filters,
            ...(range ? { range } : {}),
            ...(search.trim() ? { search: search.trim() } : {}),
            ...(pattern !== undefined ? { pattern } : {}),
          }
        : null,
    [table, roles, range, filters, search, pattern],
  );

  useEffect(() => {
    if (!view) return;
    const gen = ++generation.current;
    const current = () => gen === generation.current;
    setData((d) => ({ ...d, loading: true, error: null }));
    const fail = (err: unknown) => current() && setData((d) => ({ ...d, loading: false, error: shown(err) }));
    const timeline = api.request<LogTimeline>('POST', '/logs/timeline', view);
    const facets = api.request<{ facets: LogFacet[] }>('POST', '/logs/facets', view);
    const rows = api.request<LogRowsPage>('POST', '/logs/rows', { ...view, limit: PAGE });
    const patterns = api.request<LogPatterns>('POST', '/logs/patterns', view);
    timeline.then((t) => current() && setData((d) => ({ ...d, timeline: t })), fail);
    facets.then((f) => current() && setData((d) => ({ ...d, facets: f.facets })), fail);
    rows.then((r) => current() && setData((d) => ({ ...d, rows: r })), fail);
    patterns.then((p) => current() && setData((d) => ({ ...d, patterns: p })), fail);
    Promise.allSettled([timeline, facets, rows, patterns]).then(
      () => current() && setData((d) => ({ ...d, loading: false })),
    );
  }, [api, view]);

  const loadMore = useCallback(async () => {
    if (!view || !data.rows?.more) return;
    const gen = generation.current;
    const offset = data.rows.offset + data.rows.rows.length;
    try {
      const next = await api.request<LogRowsPage>('POST', '/logs/rows', { ...view, offset, limit: PAGE });
      if (gen !== generation.current) return;
      setData((d) =>
        d.rows ? { ...d, rows: { ...next, offset: d.rows.offset, rows: [...d.rows.rows, ...next.rows] } } : d,
      );
    } catch (err) {
      setData((d) => ({ ...d, error: shown(err) }));
    }
  }, [api, view, data.rows]);

  const toggleValue = useCallback((column: string, value: LogFilter['values'][number]) => {
    setFilters((fs) => {
      const f = fs.find((x) => x.column === column);
      if (!f) return [...fs, { column, values: [value] }];
      const values = f.values.includes(value) ? f.values.filter((v) => v !== value) : [...f.values, value];
      return values.length
        ? fs.map((x) => (x.column === column ? { column, values } : x))
        : fs.filter((x) => x.column !== column);
    });
  }, []);

  const sqlOfView = useCallback(async () => {
    if (!view) return null;
    return (await api.request<{ sql: string }>('POST', '/logs/sql', view)).sql;
  }, [api, view]);

  const clearAll = useCallback(() => {
    setRange(undefined);
    setFilters([]);
    setSearch('');
    setPattern(undefined);
  }, []);

  return {
    answer,
    roles,
    setRoles,
    range,
    setRange,
    filters,
    setFilters,
    toggleValue,
    search,
    setSearch,
    pattern,
    setPattern,
    data,
    loadMore,
    sqlOfView,
    clearAll,
  };
}

/** Everything `useLogView` returns. */
export type LogViewState = ReturnType<typeof useLogView>;
