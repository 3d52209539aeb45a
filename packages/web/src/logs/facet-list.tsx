import type { Cell } from '../api/types.js';
import { formatCount } from '../format/format.js';
import type { LogFacet, LogFilter } from './log-types.js';

const label = (v: Cell) => (v === null ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Facets with their top values, counts and a proportion bar; ticking values narrows the view. */
export function FacetList(props: {
  facets: LogFacet[] | null;
  filters: LogFilter[];
  severityColumn: string | null;
  onToggle(column: string, value: LogFilter['values'][number]): void;
  onClear(column: string): void;
}) {
  if (!props.facets) return <div className="log-facets muted small">Counting values…</div>;
  if (props.facets.length === 0) {
    return <div className="log-facets muted small">No column with few enough distinct values to count.</div>;
  }
  return (
    <div className="log-facets">
      {props.facets.map((f) => {
        const selected = props.filters.find((x) => x.column === f.column)?.values ?? [];
        const top = Math.max(1, ...f.values.map((v) => v.count));
        const shown = f.values.length;
        return (
          <fieldset key={f.column} className="log-facet" data-facet={f.column}>
            <legend>
              <span className="log-facet-name">{f.column}</span>
              {selected.length ? (
                <button type="button" className="btn ghost small" onClick={() => props.onClear(f.column)}>
                  Clear
                </button>
              ) : null}
            </legend>
            {f.values.map((v) => {
              const value = v.value as LogFilter['values'][number];
              const checked = selected.includes(value);
              const tone = props.severityColumn === f.column ? severityTone(v.value) : '';
              return (
                <label
                  key={label(v.value)}
                  className={checked ? 'log-facet-value checked' : 'log-facet-value'}
                >
                  <input type="checkbox" checked={checked} onChange={() => props.onToggle(f.column, value)} />
                  <span className={`log-facet-label ${tone}`} title={label(v.value)}>
                    {label(v.value)}
                  </span>
                  <span className="log-facet-count">{formatCount(v.count)}</span>
                  <span className="log-facet-bar" aria-hidden="true">
                    <span style={{ width: `${(v.count / top) * 100}%` }} />
                  </span>
                </label>
              );
            })}
            {f.distinct > shown ? (
              <div className="small muted log-facet-more">
                {formatCount(f.distinct - shown)} more {f.distinct - shown === 1 ? 'value' : 'values'}: search{' '}
                <code>{f.column}:…</code>
              </div>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}

/** `error`/`warning` class of a severity value (HTTP status or level word), for its colour mark. */
export function severityTone(v: Cell): string {
  if (typeof v === 'number')
    return v >= 500 && v < 600 ? 'sev-error' : v >= 400 && v < 500 ? 'sev-warning' : '';
  const s = String(v).toLowerCase();
  if (/^(error|err|fatal|critical|crit|alert|emerg|panic|severe)$/.test(s)) return 'sev-error';
  if (/^(warn|warning)$/.test(s)) return 'sev-warning';
  if (/^5\d\d$/.test(s)) return 'sev-error';
  if (/^4\d\d$/.test(s)) return 'sev-warning';
  return '';
}
