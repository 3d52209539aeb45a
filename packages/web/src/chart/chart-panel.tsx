import { useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { Column, Row } from '../api/types.js';
import { typeKind } from '../format/format.js';
import { runToEnd } from '../query/run-to-end.js';
import { dialectFor, type QueryTarget } from '../query/target.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import {
  AGGREGATE_LABELS,
  AGGREGATES,
  type ChartSpec,
  MARK_LABELS,
  MARKS,
  TIME_UNITS,
} from './chart-spec.js';
import { chartSql } from './chart-sql.js';
import { chartTheme } from './chart-theme.js';
import { suggestChart } from './suggest-chart.js';
import { toVegaLite } from './vega-spec.js';
import { VegaView, type VegaViewHandle } from './vega-view.js';

/** Props of the chart builder. */
export interface ChartPanelProps {
  api: ApiClient;
  /** The user's SQL; the chart's aggregate query wraps it. */
  sql: string;
  columns: Column[];
  /** Opens generated SQL in a new editor tab. */
  onOpenSql?(sql: string): void;
  /** Where the result's query ran: the chart's aggregate runs there too, in its dialect. */
  target?: QueryTarget;
}

function Picker(props: {
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  onChange(v: string | null): void;
  allowNone?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        aria-label={props.label}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
      >
        {props.allowNone !== undefined ? <option value="">{props.allowNone}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chart builder: pick kind, x, y, colour and aggregate; the engine aggregates; Vega-Lite draws; PNG/SVG export. */
export default function ChartPanel(props: ChartPanelProps) {
  const { api, sql, columns, target } = props;
  const [spec, setSpec] = useState<ChartSpec>(() => suggestChart(columns));
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cut, setCut] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const view = useRef<VegaViewHandle>(null);
  const dialect = useMemo(() => dialectFor(target), [target]);
  const on = target?.on;
  const built = useMemo(() => chartSql(sql, spec, dialect), [sql, spec, dialect]);
  const [themeTick, setThemeTick] = useState(0);

  useEffect(() => {
    const obs = new MutationObserver(() => setThemeTick((t) => t + 1));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);

  useEffect(() => {
    if (!built.ok) return;
    const ctl = new AbortController();
    setError(null);
    runToEnd(api, built.sql, built.limit + 1, ctl.signal, on).then(
      (page) => {
        setCut(page.rows.length > built.limit);
        setRows(page.rows.slice(0, built.limit));
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setRows(null);
        setError(
          err instanceof ApiRequestError ? err.info : { message: 'The chart query failed.', hints: [] },
        );
      },
    );
    return () => ctl.abort();
  }, [api, built, on]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeTick re-reads the CSS colours
  const vl = useMemo(
    () => (rows ? toVegaLite(spec, rows, columns, chartTheme()) : null),
    [rows, spec, columns, themeTick],
  );

  const set = (patch: Partial<ChartSpec>) => setSpec((s) => ({ ...s, ...patch }));
  const all = columns.map((c) => ({ value: c.name, label: c.name }));
  const numbers = columns
    .filter((c) => typeKind(c.type) === 'number')
    .map((c) => ({ value: c.name, label: c.name }));
  const xIsTime =
    columns.some((c) => c.name === spec.x && typeKind(c.type) === 'timestamp') ||
    columns.some((c) => c.name === spec.x && typeKind(c.type) === 'date');
  const grouped = spec.mark !== 'scatter' && spec.mark !== 'histogram';

  const save = async (kind: 'png' | 'svg') => {
    try {
      const url = await view.current?.toImage(kind);
      if (!url) return;
      const a = document.createElement('a');
      a.href = url;
      a.download = `chart.${kind}`;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      setError({
        message: `The ${kind.toUpperCase()} could not be made: ${err instanceof Error ? err.message : String(err)}`,
        hints: [],
      });
    }
  };

  return (
    <div className="chart-panel" data-testid="chart-panel">
      <form className="chart-controls" aria-label="Chart builder" onSubmit={(e) => e.preventDefault()}>
        <Picker
          label="Chart"
          value={spec.mark}
          options={MARKS.map((m) => ({ value: m, label: MARK_LABELS[m] }))}
          onChange={(v) => v && set({ mark: v as ChartSpec['mark'] })}
        />
        <Picker
          label={spec.mark === 'pie' ? 'Slices' : spec.mark === 'histogram' ? 'Values' : 'X axis'}
          value={spec.x}
          options={spec.mark === 'histogram' ? numbers : all}
          onChange={(v) => {
            const kind = typeKind(columns.find((c) => c.name === v)?.type ?? '');
            set({ x: v, timeUnit: kind === 'timestamp' ? 'day' : 'none' });
          }}
        />
        {xIsTime && grouped ? (
          <Picker
            label="Group dates by"
            value={spec.timeUnit}
            options={TIME_UNITS.map((u) => ({ value: u, label: u === 'none' ? 'exact value' : u }))}
            onChange={(v) => set({ timeUnit: (v ?? 'none') as ChartSpec['timeUnit'] })}
          />
        ) : null}
        {spec.mark !== 'histogram' ? (
          <Picker
            label={spec.mark === 'heatmap' || spec.mark === 'scatter' ? 'Y axis' : 'Value'}
            value={spec.y}
            options={spec.mark === 'heatmap' ? all : numbers}
            onChange={(v) => set({ y: v })}
            allowNone={spec.mark === 'scatter' || spec.mark === 'heatmap' ? '(choose)' : '(rows)'}
          />
        ) : null}
        {grouped ? (
          <Picker
            label="Aggregate"
            value={spec.aggregate}
            options={AGGREGATES.map((a) => ({ value: a, label: AGGREGATE_LABELS[a] }))}
            onChange={(v) => v && set({ aggregate: v as ChartSpec['aggregate'] })}
          />
        ) : spec.mark === 'histogram' ? (
          <label className="field">
            <span>Bins</span>
            <input
              type="number"
              min={1}
              max={200}
              value={spec.bins}
              onChange={(e) => set({ bins: Math.min(Math.max(Number(e.target.value) || 1, 1), 200) })}
            />
          </label>
        ) : null}
        {spec.mark !== 'pie' && spec.mark !== 'histogram' ? (
          <Picker
            label={spec.mark === 'heatmap' ? 'Colour (value)' : 'Colour'}
            value={spec.color}
            options={spec.mark === 'heatmap' ? numbers : all}
            onChange={(v) => set({ color: v })}
            allowNone={spec.mark === 'heatmap' ? '(rows)' : '(none)'}
          />
        ) : null}
        <div className="chart-export">
          <button type="button" className="btn small" onClick={() => save('png')} disabled={!vl}>
            PNG
          </button>
          <button type="button" className="btn small" onClick={() => save('svg')} disabled={!vl}>
            SVG
          </button>
        </div>
      </form>
      {!built.ok ? <p className="muted pad">{built.error}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {cut ? (
        <p className="warning">
          Only the first {built.ok ? built.limit.toLocaleString('en-US') : ''}{' '}
          {spec.mark === 'scatter' ? 'points' : 'groups'} are drawn. Group dates by a larger unit or filter
          the query to see everything.
        </p>
      ) : null}
      {vl && built.ok ? <VegaView ref={view} spec={vl} /> : null}
      {built.ok ? (
        <details className="show-sql">
          <summary>Show the SQL behind this chart</summary>
          <pre>{built.sql}</pre>
          {props.onOpenSql ? (
            <button
              type="button"
              className="btn small"
              onClick={() => built.ok && props.onOpenSql?.(built.sql)}
            >
              Open this SQL in a new tab
            </button>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
