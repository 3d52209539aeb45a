import type { ApiClient } from '../api/client.js';
import type { Catalog } from '../api/types.js';
import { EventMatchEditor } from './event-picker.js';
import type { EventSourceInfo } from './metric-answer.js';
import type { AbTestState } from './metric-state.js';
import { Segmented } from './retention-builder.js';

/** The A/B builder: assignments plus a goal event (the usual case), or a table with one row per user. */
export function AbTestBuilder(props: {
  value: AbTestState;
  catalog: Catalog | null;
  source: EventSourceInfo | null;
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: AbTestState): void;
}) {
  const a = props.value;
  const set = (patch: Partial<AbTestState>) => props.onChange({ ...a, ...patch });
  const tables = props.catalog?.tables ?? [];
  const perUser = tables.find((t) => t.table === a.table)?.columns ?? [];
  return (
    <div className="builder" data-testid="abtest-builder">
      <Segmented
        label="The data"
        value={a.mode}
        options={[
          ['events', 'Assignments + a goal event'],
          ['table', 'One row per user'],
        ]}
        onChange={(mode) => set({ mode })}
      />
      {a.mode === 'events' ? (
        <>
          <label className="field">
            <span>Who saw which variant (assignments)</span>
            <select value={a.assignments} onChange={(e) => set({ assignments: e.target.value })}>
              <option value="">Pick a table…</option>
              {tables.map((t) => (
                <option key={t.table} value={t.table}>
                  {t.table}
                </option>
              ))}
            </select>
          </label>
          <EventMatchEditor
            label="Converts when they do (after being assigned)"
            value={a.goal}
            source={props.source}
            api={props.api}
            from={props.from}
            on={props.on}
            onChange={(goal) => set({ goal })}
          />
          <div className="builder-options">
            <label className="field">
              <span>Within (optional)</span>
              <input
                className="short"
                value={a.window}
                placeholder="no limit"
                onChange={(e) => set({ window: e.target.value })}
              />
            </label>
          </div>
        </>
      ) : (
        <div className="builder-options">
          <label className="field">
            <span>Table (one row per user)</span>
            <select
              value={a.table}
              onChange={(e) => set({ table: e.target.value, variantCol: '', outcomeCol: '' })}
            >
              <option value="">Pick a table…</option>
              {tables.map((t) => (
                <option key={t.table} value={t.table}>
                  {t.table}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Variant column</span>
            <select value={a.variantCol} onChange={(e) => set({ variantCol: e.target.value })}>
              <option value="">Pick a column…</option>
              {perUser.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Metric column (0/1 or a number)</span>
            <select value={a.outcomeCol} onChange={(e) => set({ outcomeCol: e.target.value })}>
              <option value="">Pick a column…</option>
              {perUser.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="builder-options">
        <label className="field">
          <span>Control variant</span>
          <input
            className="short"
            value={a.control}
            placeholder="auto"
            title="Empty: the variant named control, else the first by name"
            onChange={(e) => set({ control: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Confidence</span>
          <select value={a.confidence} onChange={(e) => set({ confidence: Number(e.target.value) })}>
            <option value={0.9}>90%</option>
            <option value={0.95}>95%</option>
            <option value={0.99}>99%</option>
          </select>
        </label>
      </div>
    </div>
  );
}
