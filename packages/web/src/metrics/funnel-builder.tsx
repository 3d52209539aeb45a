import type { ApiClient } from '../api/client.js';
import { EventMatchEditor, EventSelect } from './event-picker.js';
import type { EventSourceInfo } from './metric-answer.js';
import { eventState, type FunnelState } from './metric-state.js';

const ORDERS = [
  ['ordered', 'In this order (other events may happen between)'],
  ['strict', 'In this order, nothing in between'],
  ['any', 'In any order'],
] as const;

/** The funnel's step builder: steps with filters, window, order, anchor, exclusions and breakdown. */
export function FunnelBuilder(props: {
  value: FunnelState;
  source: EventSourceInfo | null;
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: FunnelState): void;
}) {
  const f = props.value;
  const set = (patch: Partial<FunnelState>) => props.onChange({ ...f, ...patch });
  const n = f.steps.length;
  const columns = (props.source?.columns ?? []).filter(
    (c) => c.name !== props.source?.roles.time && c.name !== props.source?.roles.actor,
  );
  const stepNumbers = Array.from({ length: n }, (_, i) => i + 1);
  return (
    <div className="builder" data-testid="funnel-builder">
      <ol className="steps">
        {f.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the funnel.
          <li key={i} className="step">
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            <EventMatchEditor
              label={`Step ${i + 1}`}
              hideLabel
              value={s}
              source={props.source}
              api={props.api}
              from={props.from}
              on={props.on}
              onChange={(next) => set({ steps: f.steps.map((x, j) => (j === i ? next : x)) })}
            />
            <div className="step-actions">
              <button
                type="button"
                className="btn ghost small"
                aria-label={`Move step ${i + 1} up`}
                disabled={i === 0}
                onClick={() => {
                  const steps = [...f.steps];
                  [steps[i - 1], steps[i]] = [steps[i]!, steps[i - 1]!];
                  set({ steps });
                }}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn ghost small"
                aria-label={`Remove step ${i + 1}`}
                disabled={n <= 2}
                onClick={() =>
                  set({
                    steps: f.steps.filter((_, j) => j !== i),
                    exclusions: f.exclusions.filter((x) => x.to <= n - 1),
                  })
                }
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn small"
        disabled={n >= 20}
        onClick={() => set({ steps: [...f.steps, eventState()] })}
      >
        + Add step
      </button>
      <div className="builder-options">
        <label className="field">
          <span>Within</span>
          <input
            className="short"
            value={f.window}
            onChange={(e) => set({ window: e.target.value })}
            aria-describedby="funnel-window-hint"
          />
          <span id="funnel-window-hint" className="hint">
            of step 1 (30m, 12h, 14d, 2w)
          </span>
        </label>
        <label className="field">
          <span>Steps happen</span>
          <select value={f.order} onChange={(e) => set({ order: e.target.value as FunnelState['order'] })}>
            {ORDERS.map(([v, words]) => (
              <option key={v} value={v}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Start from</span>
          <select value={f.anchor} onChange={(e) => set({ anchor: e.target.value as FunnelState['anchor'] })}>
            <option value="any_entry">Any step 1 (the best attempt counts)</option>
            <option value="first_entry">Only the first step 1 of each user</option>
          </select>
        </label>
        <label className="field">
          <span>Break down by</span>
          <select
            value={f.breakdown}
            disabled={f.order === 'any'}
            title={f.order === 'any' ? 'A breakdown needs a first step: pick an order' : undefined}
            onChange={(e) => set({ breakdown: e.target.value })}
          >
            <option value="">Nothing</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="exclusions">
        {f.exclusions.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an exclusion is its place in the list.
          <div className="filter-row" key={i}>
            <span className="muted small">Remove users who do</span>
            <EventSelect
              label="Excluded event"
              hideLabel
              value={x.event}
              events={props.source?.events ?? []}
              onChange={(event) =>
                set({ exclusions: f.exclusions.map((y, j) => (j === i ? { ...y, event } : y)) })
              }
            />
            <span className="muted small">between step</span>
            <select
              aria-label="From step"
              value={x.from}
              onChange={(e) =>
                set({
                  exclusions: f.exclusions.map((y, j) =>
                    j === i ? { ...y, from: Number(e.target.value) } : y,
                  ),
                })
              }
            >
              {stepNumbers.slice(0, -1).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <span className="muted small">and</span>
            <select
              aria-label="To step"
              value={x.to}
              onChange={(e) =>
                set({
                  exclusions: f.exclusions.map((y, j) =>
                    j === i ? { ...y, to: Number(e.target.value) } : y,
                  ),
                })
              }
            >
              {stepNumbers.slice(1).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn ghost small"
              aria-label="Remove this exclusion"
              onClick={() => set({ exclusions: f.exclusions.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn ghost small"
          disabled={f.order === 'any'}
          title={f.order === 'any' ? 'Exclusions need an order of steps' : undefined}
          onClick={() => set({ exclusions: [...f.exclusions, { event: '', from: 1, to: n }] })}
        >
          + Exclude users who do an event between steps
        </button>
      </div>
    </div>
  );
}
