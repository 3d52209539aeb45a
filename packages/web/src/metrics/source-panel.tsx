import type { Catalog } from '../api/types.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import type { EventSourceInfo } from './metric-answer.js';
import { METRICS, type MetricKind, type MetricsState, type SourceState } from './metric-state.js';

const ROLES = [
  ['actorCol', 'actor', 'User id'],
  ['eventCol', 'event', 'Event name'],
  ['timeCol', 'time', 'Time'],
] as const;

/** The names to offer, with the current one kept even when the list doesn't have it (a live table typed as `t`). */
function withCurrent(names: string[], current: string): string[] {
  return current === '' || names.includes(current) ? names : [current, ...names];
}

/** The left column: which metric, which events table (and where it runs), the detected columns, the date range. */
export function SourcePanel(props: {
  state: MetricsState;
  catalog: Catalog | null;
  info: EventSourceInfo | null;
  error: ShownError | null;
  loading: boolean;
  /** The tables of the connection `on` (schema.table), null while unknown (then the name is typed). */
  liveTables: string[] | null;
  onMetric(m: MetricKind): void;
  onSource(s: SourceState): void;
  onRange(patch: Partial<Pick<MetricsState, 'since' | 'until' | 'tz'>>): void;
}) {
  const { state, info } = props;
  const s = state.source;
  const set = (patch: Partial<SourceState>) => props.onSource({ ...s, ...patch });
  const connections = props.catalog?.connections ?? [];
  const tables = props.catalog?.tables ?? [];
  const perUserAb = state.metric === 'abtest' && state.abtest.mode === 'table';
  return (
    <aside className="metrics-side" aria-label="Metric and data">
      <fieldset className="side-group plain-fieldset">
        <legend className="side-title">Metric</legend>
        {METRICS.map((m) => (
          <button
            key={m.id}
            type="button"
            className={m.id === state.metric ? 'metric-pick on' : 'metric-pick'}
            aria-pressed={m.id === state.metric}
            onClick={() => props.onMetric(m.id)}
          >
            <span className="metric-pick-label">{m.label}</span>
            <span className="metric-pick-title">{m.title}</span>
          </button>
        ))}
      </fieldset>
      {perUserAb ? null : (
        <div className="side-group">
          <h2 className="side-title">Events</h2>
          {connections.length > 0 ? (
            <label className="field">
              <span>Compute in</span>
              <select value={s.on} onChange={(e) => set({ on: e.target.value })}>
                <option value="">This workspace (DuckDB)</option>
                {connections.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.kind})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {s.on && props.liveTables === null ? (
            <label className="field">
              <span>Table</span>
              <input
                value={s.from}
                placeholder="schema.table"
                onChange={(e) => set({ from: e.target.value, actorCol: '', eventCol: '', timeCol: '' })}
              />
            </label>
          ) : (
            <label className="field">
              <span>Table</span>
              <select
                value={s.from}
                onChange={(e) => set({ from: e.target.value, actorCol: '', eventCol: '', timeCol: '' })}
              >
                <option value="">Pick a table…</option>
                {withCurrent(s.on ? (props.liveTables ?? []) : tables.map((t) => t.table), s.from).map(
                  (t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ),
                )}
              </select>
            </label>
          )}
          {props.error ? <ErrorMessage error={props.error} /> : null}
          {info ? (
            <div className="roles" data-testid="roles">
              <p className="muted small">Columns found (change one if the guess is wrong):</p>
              {ROLES.map(([key, role, label]) => (
                <label className="field" key={key}>
                  <span>{label}</span>
                  <select value={s[key]} onChange={(e) => set({ [key]: e.target.value })}>
                    <option value="">{info.roles[role]} (detected)</option>
                    {info.columns
                      .filter((c) => c.name !== info.roles[role])
                      .map((c) => (
                        <option key={c.name} value={c.name}>
                          {c.name}
                        </option>
                      ))}
                  </select>
                </label>
              ))}
            </div>
          ) : props.loading ? (
            <p className="muted small">Reading the table…</p>
          ) : null}
        </div>
      )}
      {state.metric === 'abtest' ? null : (
        <div className="side-group">
          <h2 className="side-title">Dates</h2>
          <div className="date-range">
            <label className="field">
              <span>From</span>
              <input
                type="date"
                value={state.since}
                onChange={(e) => props.onRange({ since: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Until (not included)</span>
              <input
                type="date"
                value={state.until}
                onChange={(e) => props.onRange({ until: e.target.value })}
              />
            </label>
          </div>
          <label className="field">
            <span>Time zone (days and weeks)</span>
            <input value={state.tz} onChange={(e) => props.onRange({ tz: e.target.value })} />
          </label>
        </div>
      )}
    </aside>
  );
}
