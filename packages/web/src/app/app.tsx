import {
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { Catalog, ImportOutcome, ImportSource, LiveTable } from '../api/types.js';
import { CatalogPanel } from '../catalog/catalog-panel.js';
import { errorSpan } from '../editor/error-marks.js';
import { type RunRequest, SqlEditor, type SqlEditorHandle } from '../editor/sql-editor.js';
import { ImportScreen } from '../import/import-screen.js';
import { dialectFor, type QueryTarget } from '../query/target.js';
import { type QueryRun, type SortOrder, useQueryRuns } from '../query/use-query-runs.js';
import { sortedSql } from '../sql/result-sql.js';
import {
  addHistory,
  closeTab,
  type HistoryEntry,
  loadHistory,
  loadTabs,
  newTab,
  saveTabs,
  type TabsState,
} from '../tabs/tabs-store.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { appCommands } from './app-commands.js';
import { type AreaId, type AreaProps, isAreaId } from './areas.js';
import { CommandPalette } from './command-palette.js';
import { ExplainPanel } from './explain-panel.js';
import { HistoryList } from './history-list.js';
import { ResultPanel } from './result-panel.js';
import { clampShare, Splitter } from './splitter.js';
import { TabBar } from './tab-bar.js';
import { TopBar } from './top-bar.js';
import { UploadProgress } from './upload-progress.js';
import { useTheme } from './use-theme.js';
import { useUpload } from './use-upload.js';
import { useWindowDrop } from './use-window-drop.js';

// Each area other than SQL is its own lazily loaded chunk, so the first paint stays small.
const AREA_VIEWS: Record<Exclude<AreaId, 'sql'>, LazyExoticComponent<(p: AreaProps) => ReactNode>> = {
  ask: lazy(() => import('../ask/ask-area.js')),
  metrics: lazy(() => import('../metrics/metrics-area.js')),
  logs: lazy(() => import('../logs/logs-area.js')),
  api: lazy(() => import('../http/api-area.js')),
  lessons: lazy(() => import('../lessons/lessons-area.js')),
};

const AREA_ORDER = ['ask', 'metrics', 'logs', 'api', 'lessons'] as const;

const READ_ONLY = /^\s*(select|with|from|values|show|describe|summarize|explain|pragma|table)\b/i;

function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The workbench: catalog on the left, query tabs with the editor in the middle, the result below. */
export function App({ api, storage }: { api: ApiClient; storage: Storage }) {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [tabs, setTabs] = useState<TabsState>(() => loadTabs(storage));
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(storage));
  const [showHistory, setShowHistory] = useState(false);
  const [importing, setImporting] = useState<{ source: ImportSource; fileName: string } | null>(null);
  const [notice, setNotice] = useState<(ShownError & { tone?: 'error' | 'warning' }) | null>(null);
  const [sampleBusy, setSampleBusy] = useState(false);
  const [palette, setPalette] = useState(false);
  const [explaining, setExplaining] = useState<string | null>(null);
  const [editorShare, setEditorShare] = useState(() =>
    clampShare(Number(storage.getItem('sightline.editorShare')) || 38),
  );
  const [theme, setTheme] = useTheme(storage);
  const [area, setAreaState] = useState<AreaId>(() => {
    const saved = storage.getItem('sightline.area');
    return isAreaId(saved) ? saved : 'sql';
  });
  const [opened, setOpened] = useState<ReadonlySet<AreaId>>(() => new Set([area]));
  // Bumped to open the Lessons area afresh on the lesson an error links to.
  const [lessonsKey, setLessonsKey] = useState(0);
  const setArea = useCallback(
    (next: AreaId) => {
      setAreaState(next);
      setOpened((o) => (o.has(next) ? o : new Set([...o, next])));
      storage.setItem('sightline.area', next);
    },
    [storage],
  );
  const editor = useRef<SqlEditorHandle>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refreshCatalog = useCallback(() => {
    api.catalog().then(
      (c) => {
        setCatalog(c);
        setCatalogError(null);
      },
      (err: unknown) =>
        setCatalogError(
          err instanceof ApiRequestError ? err.message : 'The list of tables could not be loaded.',
        ),
    );
  }, [api]);
  const onEnd = useCallback(
    (run: QueryRun) => {
      if (run.sort) return;
      // A statement that may change tables (CREATE, DROP, INSERT...) refreshes the catalog.
      if (run.state === 'done' && !READ_ONLY.test(run.userSql)) refreshCatalog();
      setHistory((h) =>
        addHistory(storage, h, {
          sql: run.userSql,
          at: new Date().toISOString(),
          ok: run.state === 'done',
          state: run.state === 'done' || run.state === 'cancelled' ? run.state : 'error',
          rowCount: run.state === 'done' ? run.rowCount : null,
          elapsedMs: run.elapsedMs,
        }),
      );
    },
    [storage, refreshCatalog],
  );
  const { runs, start, cancel } = useQueryRuns(api, onEnd);
  const active = tabs.tabs.find((t) => t.id === tabs.active) ?? tabs.tabs[0]!;
  const run = runs[active.id];

  useEffect(refreshCatalog, [refreshCatalog]);

  useEffect(() => {
    const t = setTimeout(() => saveTabs(storage, tabs), 300);
    return () => clearTimeout(t);
  }, [storage, tabs]);

  const target: QueryTarget | undefined = useMemo(() => {
    if (active.on === undefined) return undefined;
    const kind = catalog?.connections.find((c) => c.name === active.on)?.kind ?? 'postgres';
    return { on: active.on, kind };
  }, [active.on, catalog]);

  // The tables of the live connections tabs run on, fetched once each (for autocomplete).
  const [liveTables, setLiveTables] = useState<Record<string, LiveTable[] | 'loading'>>({});
  useEffect(() => {
    const name = active.on;
    if (name === undefined || liveTables[name] !== undefined) return;
    setLiveTables((m) => ({ ...m, [name]: 'loading' }));
    api.connectionCatalog(name).then(
      (c) => setLiveTables((m) => ({ ...m, [name]: c.tables })),
      () => setLiveTables((m) => ({ ...m, [name]: [] })),
    );
  }, [api, active.on, liveTables]);

  const loadConnectionTables = useCallback(
    async (name: string) => {
      const { tables } = await api.connectionCatalog(name);
      setLiveTables((m) => ({ ...m, [name]: tables }));
      return tables;
    },
    [api],
  );

  const schema = useMemo(() => {
    const out: Record<string, string[]> = {};
    if (active.on !== undefined) {
      const live = liveTables[active.on];
      for (const t of Array.isArray(live) ? live : []) {
        out[t.schema === 'public' ? t.table : `${t.schema}.${t.table}`] = t.columns.map((c) => c.name);
      }
      return out;
    }
    for (const t of catalog?.tables ?? []) out[t.table] = t.columns.map((c) => c.name);
    return out;
  }, [catalog, active.on, liveTables]);

  const runRequest = useCallback(
    (req: RunRequest) => {
      if (req.sql.trim() === '') {
        setNotice({
          message: 'There is no SQL to run in this tab.',
          hints: ['Write a query, e.g. SELECT 1.'],
        });
        return;
      }
      setNotice(null);
      editor.current?.showError(null);
      void start(tabs.active, req.sql, {
        userSql: req.sql,
        base: req.base,
        sort: null,
        ...(target ? { target } : {}),
      });
    },
    [start, tabs.active, target],
  );

  const openInNewTab = useCallback(
    (sql: string, title?: string, runIt = false, on?: string) => {
      const tab = newTab(tabs.tabs, sql, title, on);
      setTabs((s) => ({ tabs: [...s.tabs, tab], active: tab.id }));
      setArea('sql');
      const kind = catalog?.connections.find((c) => c.name === on)?.kind ?? 'postgres';
      if (runIt)
        void start(tab.id, sql, {
          userSql: sql,
          base: 0,
          sort: null,
          ...(on === undefined ? {} : { target: { on, kind } }),
        });
    },
    [start, tabs.tabs, setArea, catalog],
  );

  // The engine's error position, underlined in the editor (only for the SQL as written, not a sorted re-run).
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const pos =
      run?.state === 'error' && !run.sort && run.error && 'position' in run.error
        ? run.error.position
        : undefined;
    if (!pos) {
      e.showError(null);
      return;
    }
    e.showError(errorSpan(active.sql, run!.base + pos.offset));
  }, [run, active.sql]);

  const applyCandidate = (candidate: string) => {
    const pos = run?.error && 'position' in run.error ? run.error.position : undefined;
    if (!run || !pos) return;
    const span = errorSpan(active.sql, run.base + pos.offset);
    editor.current?.replace(span.from, span.to, candidate);
    editor.current?.focus();
  };

  const applyFix = (sql: string) => {
    if (!run || sql === '') return;
    editor.current?.replace(run.base, run.base + run.userSql.length, sql);
    editor.current?.focus();
  };

  const onSort = (sort: SortOrder) => {
    if (!run) return;
    void start(active.id, sortedSql(run.userSql, sort.column, sort.direction, dialectFor(run.target)), {
      userSql: run.userSql,
      base: run.base,
      sort,
      ...(run.target ? { target: run.target } : {}),
    });
  };

  // Ctrl/Cmd+K opens the command palette (captured before the editor sees the key).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        e.stopPropagation();
        setPalette((p) => !p);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // Esc cancels the running query of the shown tab.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && run && (run.state === 'running' || run.state === 'starting')) {
        void cancel(active.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, cancel, active.id]);

  const { upload, startUpload } = useUpload({
    onStart: () => setNotice(null),
    onDone: (info) => setImporting({ source: { upload: info.id }, fileName: info.name }),
    onFail: setNotice,
  });
  const dragging = useWindowDrop(startUpload);

  const onImported = (outcome: ImportOutcome) => {
    setImporting(null);
    refreshCatalog();
    setNotice(
      outcome.rejected > 0
        ? {
            message: `Imported ${outcome.rows.toLocaleString('en-US')} rows into ${outcome.table}; ${outcome.rejected.toLocaleString('en-US')} ${outcome.rejected === 1 ? 'row' : 'rows'} didn't fit and ${outcome.rejected === 1 ? 'was' : 'were'} set aside.`,
            tone: 'warning',
            hints: [
              `They are kept with the table: \`sightline rejects ${outcome.table}\` lists them with their lines and reasons.`,
            ],
          }
        : null,
    );
    openInNewTab(`SELECT * FROM ${quoteName(outcome.table)}`, outcome.table, true);
  };

  const loadSample = async () => {
    setSampleBusy(true);
    try {
      await api.createSample();
      refreshCatalog();
      openInNewTab(
        'SELECT event, count(*) AS events\nFROM events\nGROUP BY event\nORDER BY events DESC',
        'Sample',
        true,
      );
    } catch (err) {
      const info = err instanceof ApiRequestError ? err.info : null;
      setNotice(info ?? { message: 'The sample data could not be created.', hints: [] });
    } finally {
      setSampleBusy(false);
    }
  };

  const commands = appCommands({
    run: () => editor.current && runRequest(editor.current.runRequest()),
    cancel: () => void cancel(active.id),
    format: () => editor.current?.format(),
    newTab: () => openInNewTab(''),
    closeTab: () => setTabs((s) => closeTab(s, active.id)),
    importFile: () => fileInput.current?.click(),
    showHistory: () => setShowHistory(true),
    theme,
    setTheme,
    tables: (catalog?.tables ?? []).map((t) => t.table),
    openTable: (t) => openInNewTab(`SELECT * FROM ${quoteName(t)}`, t, true),
  });

  const running = new Set(
    Object.entries(runs)
      .filter(([, r]) => r.state === 'running' || r.state === 'starting')
      .map(([id]) => id),
  );

  return (
    <div className="app">
      <TopBar
        area={area}
        onArea={setArea}
        historyOpen={showHistory}
        onHistory={() => setShowHistory((v) => !v)}
        onPalette={() => setPalette(true)}
        theme={theme}
        onTheme={setTheme}
        fileInput={fileInput}
        onFile={startUpload}
      />
      <CatalogPanel
        catalog={catalog}
        loadError={catalogError}
        onOpenTable={(t) => openInNewTab(`SELECT * FROM ${quoteName(t)}`, t, true)}
        onInsert={(text) => {
          const sep = active.sql === '' || /\s$/.test(active.sql) ? '' : ' ';
          setTabs((s) => ({
            ...s,
            tabs: s.tabs.map((t) => (t.id === active.id ? { ...t, sql: t.sql + sep + text } : t)),
          }));
        }}
        onImport={() => fileInput.current?.click()}
        onSample={loadSample}
        sampleBusy={sampleBusy}
        loadConnection={loadConnectionTables}
        onOpenLiveTable={(on, name) => openInNewTab(`SELECT *\nFROM ${name}\nLIMIT 1000`, name, true, on)}
        onImportFile={(name) => setImporting({ source: { file: name }, fileName: name })}
      />
      {/* An area stays mounted once opened (hidden when another is shown), so its results survive a visit to SQL. */}
      {AREA_ORDER.filter((a) => a === area || opened.has(a)).map((a) => (
        <main
          key={a === 'lessons' ? `lessons-${lessonsKey}` : a}
          className="work area-view"
          aria-label={a}
          hidden={a !== area}
        >
          <Suspense fallback={<div className="area-loading muted">Loading…</div>}>
            <AreaView
              area={a}
              props={{
                api,
                catalog,
                refreshCatalog,
                openSql: openInNewTab,
                storage,
                theme,
                active: a === area,
              }}
            />
          </Suspense>
        </main>
      ))}
      <main className="work" hidden={area !== 'sql'}>
        <TabBar
          tabs={tabs.tabs}
          active={active.id}
          running={running}
          onSelect={(id) => setTabs((s) => ({ ...s, active: id }))}
          onClose={(id) => {
            const queryId = runs[id]?.queryId;
            if (queryId) void api.dropQuery(queryId).catch(() => undefined);
            setTabs((s) => closeTab(s, id));
          }}
          onAdd={() => openInNewTab('')}
        />
        <div className="editor-area" style={{ height: `${editorShare}%` }}>
          <div className="editor-toolbar">
            <button
              type="button"
              className="btn primary"
              onClick={() => editor.current && runRequest(editor.current.runRequest())}
              disabled={run?.state === 'running'}
              title="Run the selection, or everything (Ctrl/Cmd+Enter)"
            >
              ▶ Run <kbd>Ctrl+Enter</kbd>
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => editor.current?.format()}
              title="Format (Shift+Alt+F)"
            >
              Format
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                const sql = editor.current?.runRequest().sql.trim() ?? '';
                setExplaining(sql === '' ? null : sql);
              }}
              title="Explain what the query (or the selected part) does, clause by clause"
            >
              Explain
            </button>
            <label className="run-on">
              <span className="muted small">Run on</span>
              <select
                aria-label="Run on"
                value={active.on ?? ''}
                onChange={(e) => {
                  const on = e.target.value === '' ? undefined : e.target.value;
                  setTabs((s) => ({
                    ...s,
                    tabs: s.tabs.map((t) => {
                      if (t.id !== s.active) return t;
                      const { on: _old, ...rest } = t;
                      return on === undefined ? rest : { ...rest, on };
                    }),
                  }));
                }}
              >
                <option value="">this workspace (DuckDB)</option>
                {(catalog?.connections ?? []).map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.kind}, pushed down)
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small">Select part of the SQL to run only that.</span>
          </div>
          <SqlEditor
            ref={editor}
            value={active.sql}
            schema={schema}
            label={`SQL of ${active.title}`}
            onChange={(sql) =>
              setTabs((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === s.active ? { ...t, sql } : t)) }))
            }
            onRun={runRequest}
          />
        </div>
        <Splitter
          share={editorShare}
          onChange={(v) => {
            setEditorShare(v);
            storage.setItem('sightline.editorShare', String(Math.round(v)));
          }}
        />
        {upload ? <UploadProgress upload={upload} /> : null}
        {explaining !== null ? (
          <ExplainPanel api={api} sql={explaining} onClose={() => setExplaining(null)} />
        ) : null}
        {notice ? (
          <div className="notice">
            <ErrorMessage error={notice} tone={notice.tone ?? 'error'} />
            <button
              type="button"
              className="btn ghost small"
              onClick={() => setNotice(null)}
              aria-label="Dismiss"
            >
              ✕
            </button>
          </div>
        ) : null}
        <ResultPanel
          key={active.id}
          api={api}
          run={run}
          onCancel={() => void cancel(active.id)}
          onSort={onSort}
          onUseCandidate={applyCandidate}
          onApplyFix={applyFix}
          onLesson={(id) => {
            // The Lessons area opens the lesson stored here (any id the error teacher uses).
            storage.setItem('sightline.lessons.current', id);
            setLessonsKey((k) => k + 1);
            setArea('lessons');
          }}
          onOpenSql={(sql) => openInNewTab(sql, undefined, true, run?.target?.on)}
        />
      </main>
      {showHistory ? (
        <HistoryList
          history={history}
          onOpen={(sql) => {
            openInNewTab(sql);
            setShowHistory(false);
          }}
          onClose={() => setShowHistory(false)}
        />
      ) : null}
      {palette ? (
        <CommandPalette
          commands={commands}
          onClose={() => {
            setPalette(false);
            editor.current?.focus();
          }}
        />
      ) : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div>Drop the file to import it</div>
        </div>
      ) : null}
      {importing ? (
        <div className="modal-backdrop">
          <ImportScreen
            api={api}
            source={importing.source}
            fileName={importing.fileName}
            onImported={onImported}
            onClose={() => setImporting(null)}
          />
        </div>
      ) : null}
    </div>
  );
}

function AreaView({ area, props }: { area: Exclude<AreaId, 'sql'>; props: AreaProps }) {
  const View = AREA_VIEWS[area];
  return <View {...props} />;
}
