import type { ApiClient } from '../api/client.js';
import { EventMatchEditor } from './event-picker.js';
import type { EventSourceInfo } from './metric-answer.js';
import type { RetentionState } from './metric-state.js';

/** Segmented buttons for a small set of choices. */
export function Segmented<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange(v: T): void;
}) {
  return (
    <fieldset className="field plain-fieldset">
      <legend>{props.label}</legend>
      <div className="segmented">
        {props.options.map(([v, words]) => (
          <button
            key={v}
            type="button"
            className={v === props.value ? 'on' : undefined}
            aria-pressed={v === props.value}
            onClick={() => props.onChange(v)}
          >
            {words}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** The retention builder: the cohort's start event, what counts as coming back, period and count of periods. */
export function RetentionBuilder(props: {
  value: RetentionState;
  source: EventSourceInfo | null;
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: RetentionState): void;
}) {
  const r = props.value;
  const set = (patch: Partial<RetentionState>) => props.onChange({ ...r, ...patch });
  const common = { source: props.source, api: props.api, from: props.from, on: props.on };
  return (
    <div className="builder" data-testid="retention-builder">
      <EventMatchEditor
        label="Cohort: users who do"
        value={r.start}
        onChange={(start) => set({ start })}
        {...common}
      />
      <EventMatchEditor
        label="Come back when they do"
        emptyLabel="Any event"
        value={r.returnAny ? { event: '', filters: [] } : r.ret}
        onChange={(ret) => set({ ret, returnAny: ret.event === '' })}
        {...common}
      />
      <div className="builder-options">
        <Segmented
          label="Period"
          value={r.period}
          options={[
            ['day', 'Daily'],
            ['week', 'Weekly'],
            ['month', 'Monthly'],
          ]}
          onChange={(period) => set({ period })}
        />
        <label className="field">
          <span>Periods shown</span>
          <input
            className="short"
            type="number"
            min={1}
            max={60}
            value={r.periods}
            onChange={(e) => set({ periods: Math.max(1, Math.min(60, Number(e.target.value) || 1)) })}
          />
        </label>
        <label className="field">
          <span>Cohort by</span>
          <select
            value={r.cohort}
            onChange={(e) => set({ cohort: e.target.value as RetentionState['cohort'] })}
          >
            <option value="first_time">First time they did it</option>
            <option value="recurring">Every period they did it</option>
          </select>
        </label>
        <label className="field">
          <span>Counts as retained</span>
          <select
            value={r.criterion}
            onChange={(e) => set({ criterion: e.target.value as RetentionState['criterion'] })}
          >
            <option value="on">Back in exactly that period</option>
            <option value="on_or_after">Back in that period or later</option>
          </select>
        </label>
      </div>
    </div>
  );
}
