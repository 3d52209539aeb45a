import type { ColumnInfo } from '@sightline/spec';
import { ColumnSelect } from './column-select.js';
import type { StepDraft } from './draft.js';

type Custom = Extract<StepDraft, { type: 'customColumn' }>;
type Sort = Extract<StepDraft, { type: 'sort' }>;
type Limit = Extract<StepDraft, { type: 'limit' }>;

/** The custom column step: a name and a spreadsheet-style formula over [columns]. */
export function CustomColumnEditor(props: {
  step: Custom;
  columns: ColumnInfo[];
  onChange(s: Custom): void;
}) {
  const { step } = props;
  return (
    <div className="ask-rows">
      <div className="ask-row">
        <input
          aria-label="New column name"
          className="ask-input"
          value={step.name}
          onChange={(e) => props.onChange({ ...step, name: e.target.value })}
        />
        <span className="ask-word">=</span>
        <input
          aria-label="Formula"
          className="ask-input wide mono"
          placeholder="[price] * [quantity]"
          value={step.formula}
          onChange={(e) => props.onChange({ ...step, formula: e.target.value })}
        />
      </div>
      <p className="muted small ask-help">
        Write column names in brackets, e.g. <code>[price] * [quantity]</code> or{' '}
        <code>LOWER(TRIM([plan]))</code>. Columns here:{' '}
        {props.columns.map((c) => c.name).join(', ') || 'none yet'}.
      </p>
    </div>
  );
}

/** The sort step: columns, each largest or smallest first. */
export function SortEditor(props: { step: Sort; columns: ColumnInfo[]; onChange(s: Sort): void }) {
  const { step, columns } = props;
  return (
    <div className="ask-rows">
      {step.by.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: edited in place by position
        <div className="ask-row" key={i}>
          <span className="ask-word">{i === 0 ? 'by' : 'then'}</span>
          <ColumnSelect
            columns={columns}
            value={b.column}
            label="Sort column"
            onChange={(column) =>
              props.onChange({ ...step, by: step.by.map((x, j) => (j === i ? { ...x, column } : x)) })
            }
          />
          <select
            aria-label="Direction"
            className="ask-input"
            value={b.dir ?? 'asc'}
            onChange={(e) =>
              props.onChange({
                ...step,
                by: step.by.map((x, j) => (j === i ? { ...x, dir: e.target.value as 'asc' | 'desc' } : x)),
              })
            }
          >
            <option value="desc">largest first</option>
            <option value="asc">smallest first</option>
          </select>
          {step.by.length > 1 ? (
            <button
              type="button"
              className="btn ghost small"
              aria-label={`Remove sort column ${i + 1}`}
              onClick={() => props.onChange({ ...step, by: step.by.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        className="btn ghost small ask-add-line"
        onClick={() =>
          props.onChange({ ...step, by: [...step.by, { column: columns[0]?.name ?? '', dir: 'asc' }] })
        }
      >
        + Then by
      </button>
    </div>
  );
}

/** The limit step: how many rows to keep. */
export function LimitEditor(props: { step: Limit; onChange(s: Limit): void }) {
  return (
    <div className="ask-row">
      <span className="ask-word">keep the first</span>
      <input
        aria-label="Number of rows"
        className="ask-input narrow"
        type="number"
        min={0}
        value={props.step.n}
        onChange={(e) =>
          props.onChange({ ...props.step, n: Math.max(0, Math.floor(Number(e.target.value) || 0)) })
        }
      />
      <span className="ask-word">rows</span>
    </div>
  );
}
