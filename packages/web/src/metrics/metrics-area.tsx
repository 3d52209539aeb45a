import type { AbTestResult, ActiveResult, FunnelResult, RetentionResult } from '@sightline/spec';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import type { AreaProps } from '../app/areas.js';
import { chartTheme } from '../chart/chart-theme.js';
import { VegaView } from '../chart/vega-view.js';
import { formatDuration } from '../format/format.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { AbTestCard } from './ab-card.js';
import { AbTestBuilder } from './abtest-builder.js';
import { ActiveBuilder } from './active-builder.js';
import { ActiveResultView } from './active-result.js';
import { FunnelBuilder } from './funnel-builder.js';
import { FunnelResultView } from './funnel-result.js';
import type { MetricAnswer } from './metric-answer.js';
import { retentionCurve } from './metric-charts.js';
import {
  buildRequest,
  guessAssignmentTable,
  guessEventTable,
  loadState,
  METRICS,
  type MetricBody,
  type MetricKind,
  type MetricsState,
  saveState,
} from './metric-state.js';
import { ResultFrame } from './result-frame.js';
import { RetentionBuilder } from './retention-builder.js';
import { RetentionTable } from './retention-table.js';
import { SourcePanel } from './source-panel.js';
import { useEventSource, useLiveTables } from './use-event-source.js';
import './metrics.css';
import './metric-results.css';

interface Ran {
  body: MetricBody;
  answer: MetricAnswer;
}

function RetentionView(props: { result: RetentionResult; period: string; theme: string }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the CSS tokens the chart reads.
  const curve = useMemo(
    () => retentionCurve(props.result.mean_shares, props.period, chartTheme()),
    [props.result, props.period, props.theme],
  );
  return (
    <div className="metric-result-body">
      <RetentionTable result={props.result} period={props.period} />
      <section className="metric-section" aria-label="Retention curve">
        <h3>Retention curve (average of complete cells, weighted by cohort size)</h3>
        <div className="metric-chart">
          <VegaView spec={curve} />
        </div>
      </section>
    </div>
  );
}

/** The Metrics area: pick a metric and the events, build it, run it, and read a result that explains itself. */
export default function MetricsArea(props: AreaProps) {
  const { api, catalog, storage } = props;
  const [state, setState] = useState<MetricsState>(() => loadState(storage));
  const [ran, setRan] = useState<Partial<Record<MetricKind, Ran>>>({});
  const [error, setError] = useState<ShownError | null>(null);
  const [running, setRunning] = useState<{ started: number; token: number } | null>(null);
  const [now, setNow] = useState(0);
  const runToken = useRef(0);
  const inFlight = useRef<AbortController | null>(null);
  const source = useEventSource(api, state.source);
  const liveTables = useLiveTables(api, state.source.on);

  useEffect(() => saveState(storage, state), [storage, state]);

  // Defaults from the catalog: the table that looks like events, and one that looks like assignments.
  useEffect(() => {
    if (!catalog) return;
    setState((s) => {
      const has = (t: string) => catalog.tables.some((x) => x.table === t);
      let next = s;
      // A connection removed since the last visit: back to the workspace.
      if (s.source.on && !catalog.connections.some((c) => c.name === s.source.on)) {
        next = {
          ...next,
          source: { ...next.source, on: '', from: '', actorCol: '', eventCol: '', timeCol: '' },
        };
      }
      if (!next.source.on && (!next.source.from || !has(next.source.from))) {
        const from = guessEventTable(catalog);
        if (from !== next.source.from)
          next = { ...next, source: { ...next.source, from, actorCol: '', eventCol: '', timeCol: '' } };
      }
      if (!s.abtest.assignments || !has(s.abtest.assignments)) {
        const assignments = guessAssignmentTable(catalog);
        if (assignments !== s.abtest.assignments) next = { ...next, abtest: { ...next.abtest, assignments } };
      }
      return next;
    });
  }, [catalog]);

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, [running]);

  const built = useMemo(() => buildRequest(state, source.info?.columns ?? []), [state, source.info]);
  const metric = state.metric;
  const meta = METRICS.find((m) => m.id === metric)!;
  const current = ran[metric];
  const stale = current && built.ok && JSON.stringify(current.body) !== JSON.stringify(built.value);

  const run = useCallback(() => {
    if (!built.ok) {
      setError({ message: built.error, hints: [] });
      return;
    }
    const token = ++runToken.current;
    const body = built.value;
    inFlight.current?.abort();
    const ctl = new AbortController();
    inFlight.current = ctl;
    setError(null);
    setRunning({ started: performance.now(), token });
    setNow(performance.now());
    api.request<MetricAnswer>('POST', '/metrics', body, ctl.signal).then(
      (answer) => {
        if (runToken.current !== token) return;
        setRan((r) => ({ ...r, [body.metric]: { body, answer } }));
        setRunning(null);
      },
      (err: unknown) => {
        if (runToken.current !== token) return;
        setError(
          err instanceof ApiRequestError
            ? err.info
            : { message: 'The metric could not be computed.', hints: [] },
        );
        setRunning(null);
      },
    );
  }, [api, built]);

  const cancel = () => {
    runToken.current++;
    // Closing the request stops the computation on the server too.
    inFlight.current?.abort();
    inFlight.current = null;
    setRunning(null);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === 'Escape' && running) cancel();
  };

  const common = { source: source.info, api, from: state.source.from, on: state.source.on };
  const emptyCatalog = catalog !== null && catalog.tables.length === 0;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/Cmd+Enter runs from any field of the builder.
    <div className="metrics-area" onKeyDown={onKeyDown}>
      <SourcePanel
        state={state}
        catalog={catalog}
        info={source.info}
        error={source.error}
        loading={source.loading}
        liveTables={liveTables}
        onMetric={(m) => {
          setError(null);
          setState((s) => ({ ...s, metric: m }));
        }}
        onSource={(src) => setState((s) => ({ ...s, source: src }))}
        onRange={(patch) => setState((s) => ({ ...s, ...patch }))}
      />
      <div className="metrics-main">
        <header className="metrics-head">
          <h1>{meta.label}</h1>
          <p className="muted">{meta.title}</p>
        </header>
        {emptyCatalog ? (
          <div className="metrics-empty">
            <p>
              Metrics need a table of events: one row per thing a user did, with a user id, an event name and
              a time. Load the sample product data from the catalog on the left, or drop a file anywhere on
              the page.
            </p>
          </div>
        ) : (
          <>
            <div className="metrics-builder">
              {metric === 'funnel' ? (
                <FunnelBuilder
                  value={state.funnel}
                  onChange={(funnel) => setState((s) => ({ ...s, funnel }))}
                  {...common}
                />
              ) : metric === 'retention' ? (
                <RetentionBuilder
                  value={state.retention}
                  onChange={(retention) => setState((s) => ({ ...s, retention }))}
                  {...common}
                />
              ) : metric === 'active' ? (
                <ActiveBuilder
                  value={state.active}
                  onChange={(active) => setState((s) => ({ ...s, active }))}
                  {...common}
                />
              ) : (
                <AbTestBuilder
                  value={state.abtest}
                  catalog={catalog}
                  onChange={(abtest) => setState((s) => ({ ...s, abtest }))}
                  {...common}
                />
              )}
              <div className="run-row">
                <button
                  type="button"
                  className="btn primary"
                  onClick={run}
                  disabled={running !== null}
                  title="Run (Ctrl+Enter)"
                >
                  Run <kbd>Ctrl ↵</kbd>
                </button>
                {running ? (
                  <>
                    <span className="spinner" aria-hidden="true" />
                    <span className="muted small" role="status">
                      Computing… {formatDuration(Math.max(0, now - running.started))}
                    </span>
                    <button type="button" className="btn small ghost" onClick={cancel}>
                      Cancel
                    </button>
                  </>
                ) : stale ? (
                  <span className="muted small">
                    The options changed since the result below: run to update it.
                  </span>
                ) : null}
              </div>
            </div>
            {error ? <ErrorMessage error={error} /> : null}
            {current ? (
              <ResultFrame
                metric={metric}
                title={meta.label}
                answer={current.answer}
                api={api}
                onOpenSql={() =>
                  // SQL for a live connection is in its dialect: the tab runs it there (its "Run on").
                  props.openSql(current.answer.sql, meta.label, true, current.body.on)
                }
              >
                {metric === 'funnel' ? (
                  <FunnelResultView
                    result={current.answer.result as unknown as FunnelResult}
                    theme={props.theme}
                    {...(typeof current.body.options.breakdown === 'string'
                      ? { breakdown: current.body.options.breakdown }
                      : {})}
                  />
                ) : metric === 'retention' ? (
                  <RetentionView
                    result={current.answer.result as unknown as RetentionResult}
                    period={String(current.body.options.period ?? 'week')}
                    theme={props.theme}
                  />
                ) : metric === 'active' ? (
                  <ActiveResultView
                    result={current.answer.result as unknown as ActiveResult}
                    theme={props.theme}
                  />
                ) : (
                  <AbTestCard result={current.answer.result as unknown as AbTestResult} />
                )}
              </ResultFrame>
            ) : !running && !error ? (
              <p className="metrics-hint muted">
                {built.ok
                  ? 'Press Run to compute it. Every number comes with the SQL behind it and an explanation.'
                  : built.error}
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
