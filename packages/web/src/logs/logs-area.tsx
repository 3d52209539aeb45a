import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { AreaProps } from '../app/areas.js';
import { formatCount } from '../format/format.js';
import { ErrorMessage } from '../ui/error-message.js';
import { FacetList } from './facet-list.js';
import { intervalWords, rankLogTables, timeLabel } from './log-format.js';
import { LogRows } from './log-rows.js';
import { PatternList, Template } from './pattern-list.js';
import { RolesPanel } from './roles-panel.js';
import { SearchBox } from './search-box.js';
import { TimelineChart } from './timeline-chart.js';
import { useLogView } from './use-log-view.js';
import './logs.css';
import './log-panels.css';

const TABLE_KEY = 'sightline.logs.table';

/** The Logs area: pick a log table, see its timeline, facets, patterns and lines, narrow them, open as SQL. */
export default function LogsArea(props: AreaProps) {
  const ranked = useMemo(() => rankLogTables(props.catalog), [props.catalog]);
  const all = useMemo(() => [...ranked.logs, ...ranked.others], [ranked]);
  const [table, setTable] = useState<string | null>(() => props.storage.getItem(TABLE_KEY));
  const [tab, setTab] = useState<'patterns' | 'lines'>('patterns');
  const [sqlError, setSqlError] = useState<string | null>(null);
  useEffect(() => {
    if (!props.catalog) return;
    if (table && all.includes(table)) return;
    setTable(ranked.logs[0] ?? all[0] ?? null);
  }, [props.catalog, all, ranked, table]);
  useEffect(() => {
    if (table) props.storage.setItem(TABLE_KEY, table);
  }, [table, props.storage]);

  const v = useLogView(props.api, table && all.includes(table) ? table : null);
  const { data, roles, answer } = v;

  if (!props.catalog) return <div className="area-loading muted">Loading tables…</div>;
  if (all.length === 0) return <EmptyLogs {...props} />;

  const openSql = async () => {
    try {
      const sql = await v.sqlOfView();
      if (sql) props.openSql(sql, `Logs: ${table}`, true);
    } catch (err) {
      setSqlError(err instanceof Error ? err.message : String(err));
    }
  };
  const tl = data.timeline;
  const narrowed = Boolean(v.range || v.filters.length || v.search.trim() || v.pattern !== undefined);

  return (
    <div className="logs-area">
      <div className="logs-head">
        <label className="logs-table-pick">
          <span className="small muted">Log table</span>
          <select value={table ?? ''} onChange={(e) => setTable(e.target.value)} aria-label="Log table">
            {ranked.logs.length ? (
              <optgroup label="Look like logs">
                {ranked.logs.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {ranked.others.length ? (
              <optgroup label="Other tables">
                {ranked.others.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <SearchBox
          value={v.search}
          fields={answer?.columns.map((c) => c.name) ?? []}
          onSearch={(s) => {
            v.setSearch(s);
          }}
        />
        {answer && roles ? <RolesPanel answer={answer} roles={roles} onChange={v.setRoles} /> : null}
        <button
          type="button"
          className="btn"
          onClick={openSql}
          disabled={!roles}
          title="Open the SQL of this view"
        >
          Open as SQL
        </button>
      </div>

      {answer && !answer.looksLikeLog ? (
        <ErrorMessage
          tone="warning"
          error={{
            message: `"${answer.table}" doesn't look like a log: ${answer.notLog ?? 'its columns were not recognised'}.`,
            hints: [
              'Pick the time and message columns under "How this table was read", or choose another table.',
            ],
          }}
        />
      ) : null}
      {data.error ? <ErrorMessage error={data.error} /> : null}
      {sqlError ? <ErrorMessage error={{ message: sqlError, hints: [] }} /> : null}

      <div className="logs-summary" aria-live="polite">
        {tl ? (
          <span className="logs-counts" data-testid="log-counts">
            <strong>{formatCount(tl.total)}</strong> {tl.total === 1 ? 'line' : 'lines'}
            <span className="logs-dot sev-error" aria-hidden="true" />
            <strong>{formatCount(tl.errors)}</strong> {tl.errors === 1 ? 'error' : 'errors'}
            <span className="logs-dot sev-warning" aria-hidden="true" />
            <strong>{formatCount(tl.warnings)}</strong> {tl.warnings === 1 ? 'warning' : 'warnings'}
            {tl.interval ? (
              <span className="muted">· {intervalWords(tl.interval.label)} bars, UTC</span>
            ) : null}
            {tl.interval && tl.untimed > 0 ? (
              <span className="muted">
                · {formatCount(tl.untimed)} without a readable time, not in the bars
              </span>
            ) : null}
          </span>
        ) : (
          <span className="muted">Reading the log…</span>
        )}
        {data.loading ? <span className="spinner" role="status" aria-label="Updating" /> : null}
        <span className="logs-chips">
          {v.range ? (
            <Chip label={`${rangeLabel(v.range)}`} onRemove={() => v.setRange(undefined)} what="time range" />
          ) : null}
          {v.filters.map((f) => (
            <Chip
              key={f.column}
              label={`${f.column}: ${f.values.map((x) => (x === null ? '(empty)' : String(x))).join(', ')}`}
              onRemove={() => v.setFilters(v.filters.filter((x) => x.column !== f.column))}
              what={`${f.column} filter`}
            />
          ))}
          {v.pattern !== undefined ? (
            <Chip
              label={<Template template={v.pattern} />}
              onRemove={() => v.setPattern(undefined)}
              what="pattern"
            />
          ) : null}
          {narrowed ? (
            <button type="button" className="btn ghost small" onClick={v.clearAll}>
              Clear all
            </button>
          ) : null}
        </span>
      </div>

      {tl?.buckets.length ? (
        <TimelineChart timeline={tl} zoomed={Boolean(v.range)} onRange={v.setRange} />
      ) : tl?.note ? (
        <div className="logs-note muted">{tl.note}</div>
      ) : null}

      <div className="logs-body">
        <aside className="logs-side" aria-label="Facets">
          <FacetList
            facets={data.facets}
            filters={v.filters}
            severityColumn={roles?.severity?.column ?? null}
            onToggle={v.toggleValue}
            onClear={(c) => v.setFilters(v.filters.filter((x) => x.column !== c))}
          />
        </aside>
        <section className="logs-main" aria-label={tab === 'patterns' ? 'Patterns' : 'Lines'}>
          <div className="segmented logs-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'patterns'}
              className={tab === 'patterns' ? 'on' : ''}
              onClick={() => setTab('patterns')}
            >
              Patterns{data.patterns ? ` (${formatCount(data.patterns.patterns.length)})` : ''}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'lines'}
              className={tab === 'lines' ? 'on' : ''}
              onClick={() => setTab('lines')}
            >
              Lines{tl ? ` (${formatCount(tl.total)})` : ''}
            </button>
          </div>
          {tab === 'patterns' ? (
            <PatternList patterns={data.patterns} active={v.pattern} onPick={v.setPattern} />
          ) : roles ? (
            <LogRows page={data.rows} roles={roles} total={tl?.total ?? null} onMore={v.loadMore} />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function rangeLabel(range: { from: string; to: string }): string {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const step = to - from >= 86_400_000 ? 86_400 : to - from < 120_000 ? 1 : 60;
  return `${timeLabel(from, step, true)} – ${timeLabel(to, step, new Date(from).getUTCDate() !== new Date(to).getUTCDate())}`;
}

function Chip(props: { label: ReactNode; what: string; onRemove(): void }) {
  return (
    <span className="logs-chip">
      <span className="logs-chip-label">{props.label}</span>
      <button type="button" aria-label={`Remove the ${props.what}`} onClick={props.onRemove}>
        ×
      </button>
    </span>
  );
}

function EmptyLogs(props: AreaProps) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="logs-empty">
      <h2>See what your logs say</h2>
      <p>
        Drop a log file anywhere on this window (nginx or Apache access logs, JSON lines, logfmt, syslog,
        container logs) to import it. Sightline then shows when errors spiked, the most common kinds of lines,
        and the lines themselves.
      </p>
      <button
        type="button"
        className="btn primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await props.api.request('POST', '/sample', {});
            props.refreshCatalog();
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Loading the sample…' : 'Try it on the sample data'}
      </button>
    </div>
  );
}
