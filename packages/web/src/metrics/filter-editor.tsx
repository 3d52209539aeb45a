import { useEffect, useId, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { count } from './metric-format.js';
import { FILTER_OPS, type FilterOp, type FilterState } from './metric-state.js';

/** The most frequent values of a column, fetched once per column to suggest filter values. */
function useValues(api: ApiClient, from: string, on: string, column: string) {
  const [values, setValues] = useState<{ value: unknown; count: number }[]>([]);
  useEffect(() => {
    if (!column || !from) {
      setValues([]);
      return;
    }
    let live = true;
    api
      .request<{ values: { value: unknown; count: number }[] }>('POST', '/metrics/values', {
        from,
        column,
        ...(on ? { on } : {}),
      })
      .then(
        (r) => live && setValues(r.values),
        () => live && setValues([]),
      );
    return () => {
      live = false;
    };
  }, [api, from, on, column]);
  return values;
}

function FilterRow(props: {
  filter: FilterState;
  columns: { name: string; type: string }[];
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: FilterState | null): void;
}) {
  const { filter } = props;
  const list = useId();
  const values = useValues(props.api, props.from, props.on, filter.column);
  const noValue = filter.op === 'is_null' || filter.op === 'is_not_null';
  return (
    <div className="filter-row">
      <span className="muted small">where</span>
      <label className="field">
        <span className="visually-hidden">Property</span>
        <select value={filter.column} onChange={(e) => props.onChange({ ...filter, column: e.target.value })}>
          <option value="">Pick a property…</option>
          {props.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="visually-hidden">Comparison</span>
        <select
          value={filter.op}
          onChange={(e) => props.onChange({ ...filter, op: e.target.value as FilterOp })}
        >
          {FILTER_OPS.map(([op, words]) => (
            <option key={op} value={op}>
              {words}
            </option>
          ))}
        </select>
      </label>
      {noValue ? null : (
        <label className="field">
          <span className="visually-hidden">Value</span>
          <input
            list={list}
            value={filter.value}
            placeholder={filter.op === 'in' || filter.op === 'not_in' ? 'a, b, c' : 'value'}
            onChange={(e) => props.onChange({ ...filter, value: e.target.value })}
          />
          <datalist id={list}>
            {values.map((v) => (
              <option key={String(v.value)} value={String(v.value)}>
                {`${String(v.value)} (${count(v.count)})`}
              </option>
            ))}
          </datalist>
        </label>
      )}
      <button
        type="button"
        className="btn ghost small"
        aria-label="Remove this filter"
        onClick={() => props.onChange(null)}
      >
        ×
      </button>
    </div>
  );
}

/** Property filters of one event: column, comparison and value (values of the column suggested with counts). */
export function FilterEditor(props: {
  filters: FilterState[];
  columns: { name: string; type: string }[];
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: FilterState[]): void;
}) {
  return (
    <div className="filters">
      {props.filters.map((f, i) => (
        <FilterRow
          // biome-ignore lint/suspicious/noArrayIndexKey: filters have no identity besides their place.
          key={i}
          filter={f}
          columns={props.columns}
          api={props.api}
          from={props.from}
          on={props.on}
          onChange={(next) =>
            props.onChange(
              next === null
                ? props.filters.filter((_, j) => j !== i)
                : props.filters.map((x, j) => (j === i ? next : x)),
            )
          }
        />
      ))}
    </div>
  );
}
