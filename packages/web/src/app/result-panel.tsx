import { lazy, Suspense, useCallback, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { formatCount, formatDuration } from '../format/format.js';
import { ColumnProfile } from '../grid/column-profile.js';
import { ResultGrid } from '../grid/result-grid.js';
import type { QueryRun, SortOrder } from '../query/use-query-runs.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';

const ChartPanel = lazy(() => import('../chart/chart-panel.js'));

/** Props of `ResultPanel`. */
export interface ResultPanelProps {
  api: ApiClient;
  run: QueryRun | undefined;
  onCancel(): void;
  onSort(sort: SortOrder): void;
  onUseCandidate(candidate: string): void;
  onApplyFix(sql: string): void;
  /** Opens the lesson that covers an error. */
  onLesson?(id: string): void;
  /** Opens generated SQL (a chart's or a profile's) in a new tab. */
  onOpenSql(sql: string): void;
}

/** Saves a blob as a file through a temporary link. */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The lower half: status (rows, elapsed, progress, Cancel), the grid or the chart, exports, errors. */
export function ResultPanel(props: ResultPanelProps) {
  const { run, api } = props;
  const [view, setView] = useState<'table' | 'chart'>('table');
  const [profile, setProfile] = useState<string | null>(null);
  const [exportError, setExportError] = useState<ShownError | null>(null);
  const [exporting, setExporting] = useState(false);
  const queryId = run?.queryId ?? null;
  const load = useCallback(
    (offset: number, limit: number) => {
      if (!queryId) return Promise.reject(new Error('No result yet.'));
      return api.rows(queryId, offset, limit);
    },
    [api, queryId],
  );

  if (!run) {
    return (
      <section className="result empty-state" aria-label="Result">
        <p>
          Run a query to see its rows here. Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+
          <kbd>Enter</kbd> on a Mac) to run everything, or select part of the SQL to run only that.
        </p>
      </section>
    );
  }

  const running = run.state === 'running' || run.state === 'starting';
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      download(await api.exportSql(run.sql, 'csv', 'result.csv'), 'result.csv');
    } catch (err) {
      setExportError(
        err instanceof ApiRequestError ? err.info : { message: 'The export failed.', hints: [] },
      );
    } finally {
      setExporting(false);
    }
  };
  const profiled = run.columns.find((c) => c.name === profile);

  return (
    <section className="result" aria-label="Result">
      <div className="result-bar">
        <div className="result-status" role="status" aria-live="polite" data-testid="result-status">
          {running ? (
            <>
              <span className="spinner" aria-hidden="true" />
              <span>
                Running… {run.progress === null ? '' : `${Math.round(run.progress)}% · `}
                {formatDuration(run.elapsedMs)}
              </span>
              <progress
                className="progress"
                max={100}
                {...(run.progress === null ? {} : { value: run.progress })}
                aria-label="Query progress"
              />
            </>
          ) : run.state === 'done' ? (
            <span>
              {run.truncated ? 'first ' : ''}
              <strong>{formatCount(run.rowCount)}</strong> {run.rowCount === 1 ? 'row' : 'rows'} ·{' '}
              {formatDuration(run.elapsedMs)}
              {run.target?.on ? ` · ran on ${run.target.on}` : ''}
              {run.sort ? ` · sorted by ${run.sort.column} ${run.sort.direction === 'asc' ? '↑' : '↓'}` : ''}
              {run.truncated ? (
                <span className="muted">
                  {' '}
                  · only the first rows of a live database's answer are kept: aggregate in SQL or add a LIMIT
                </span>
              ) : null}
            </span>
          ) : run.state === 'cancelled' ? (
            <span>Cancelled after {formatDuration(run.elapsedMs)}. Nothing was changed.</span>
          ) : (
            <span className="error-text">The query failed.</span>
          )}
        </div>
        <div className="result-actions">
          {running ? (
            <button type="button" className="btn danger" onClick={props.onCancel} title="Cancel (Esc)">
              Cancel <kbd>Esc</kbd>
            </button>
          ) : null}
          {run.state === 'done' ? (
            <>
              <div className="segmented" role="tablist" aria-label="Show the result as">
                <button
                  type="button"
                  role="tab"
                  aria-selected={view === 'table'}
                  className={view === 'table' ? 'on' : ''}
                  onClick={() => setView('table')}
                >
                  Table
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={view === 'chart'}
                  className={view === 'chart' ? 'on' : ''}
                  onClick={() => setView('chart')}
                >
                  Chart
                </button>
              </div>
              <button type="button" className="btn" onClick={exportCsv} disabled={exporting}>
                {exporting ? 'Exporting…' : 'Export CSV'}
              </button>
            </>
          ) : null}
        </div>
      </div>
      {exportError ? <ErrorMessage error={exportError} /> : null}
      {running ? (
        <p className="empty-state">
          The rows appear here as soon as the query finishes. Press <kbd>Esc</kbd> or Cancel to stop it;
          nothing is changed by stopping.
        </p>
      ) : null}
      {run.state === 'error' && run.error ? (
        <div className="result-error">
          <ErrorMessage
            error={run.error}
            onUse={props.onUseCandidate}
            onFix={props.onApplyFix}
            {...(props.onLesson ? { onLesson: props.onLesson } : {})}
          />
        </div>
      ) : null}
      {run.state === 'done' && run.rowCount === 0 ? (
        <p className="empty-state">
          The query ran and matched no rows. If it has a WHERE clause, one of its conditions removed every
          row: try removing them one at a time.
        </p>
      ) : null}
      {run.state === 'done' && run.rowCount > 0 && view === 'table' ? (
        <div className="result-body">
          <ResultGrid
            columns={run.columns}
            rowCount={run.rowCount}
            resultKey={`${run.serial}:${run.queryId}`}
            load={load}
            sort={run.sort}
            onSort={(column, direction) => props.onSort({ column, direction })}
            onProfile={setProfile}
          />
          {profiled ? (
            <ColumnProfile
              api={api}
              sql={run.sql}
              column={profiled}
              onClose={() => setProfile(null)}
              onOpenSql={props.onOpenSql}
              {...(run.target ? { target: run.target } : {})}
            />
          ) : null}
        </div>
      ) : null}
      {run.state === 'done' && run.rowCount > 0 && view === 'chart' ? (
        <Suspense fallback={<p className="muted pad">Loading the chart builder…</p>}>
          <ChartPanel
            api={api}
            sql={run.userSql}
            columns={run.columns}
            onOpenSql={props.onOpenSql}
            {...(run.target ? { target: run.target } : {})}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
