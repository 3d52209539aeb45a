import { useId } from 'react';
import type { ApiClient } from '../api/client.js';
import { FilterEditor } from './filter-editor.js';
import type { EventSourceInfo } from './metric-answer.js';
import { count } from './metric-format.js';
import type { EventState } from './metric-state.js';

/** A select of the table's event names, most frequent first, each with its row count. */
export function EventSelect(props: {
  label: string;
  value: string;
  events: EventSourceInfo['events'];
  onChange(event: string): void;
  /** The label of the empty choice (e.g. "any event"); without it the empty choice asks to pick one. */
  emptyLabel?: string;
  hideLabel?: boolean;
}) {
  const known = props.events.some((e) => e.name === props.value);
  return (
    <label className="field">
      <span className={props.hideLabel ? 'visually-hidden' : undefined}>{props.label}</span>
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.emptyLabel ?? 'Pick an event…'}</option>
        {props.value !== '' && !known ? <option value={props.value}>{props.value}</option> : null}
        {props.events.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name} ({count(e.count)} rows)
          </option>
        ))}
      </select>
    </label>
  );
}

/** An event plus its property filters (a funnel step, the retention start, the A/B goal). */
export function EventMatchEditor(props: {
  label: string;
  value: EventState;
  source: EventSourceInfo | null;
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: EventState): void;
  emptyLabel?: string;
  hideLabel?: boolean;
}) {
  const id = useId();
  const { value } = props;
  return (
    <div className="event-match" id={id}>
      <div className="event-match-row">
        <EventSelect
          label={props.label}
          value={value.event}
          events={props.source?.events ?? []}
          onChange={(event) => props.onChange({ ...value, event })}
          {...(props.emptyLabel ? { emptyLabel: props.emptyLabel } : {})}
          {...(props.hideLabel ? { hideLabel: true } : {})}
        />
        {value.event !== '' ? (
          <button
            type="button"
            className="btn ghost small"
            onClick={() =>
              props.onChange({ ...value, filters: [...value.filters, { column: '', op: '=', value: '' }] })
            }
            aria-label={`Add a filter to ${props.label}`}
          >
            + Filter
          </button>
        ) : null}
      </div>
      {value.filters.length > 0 ? (
        <FilterEditor
          filters={value.filters}
          columns={(props.source?.columns ?? []).filter(
            (c) => c.name !== props.source?.roles.event && c.name !== props.source?.roles.time,
          )}
          api={props.api}
          from={props.from}
          on={props.on}
          onChange={(filters) => props.onChange({ ...value, filters })}
        />
      ) : null}
    </div>
  );
}
