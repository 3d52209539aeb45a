import { AGGREGATE_FNS, type AggregateFn, BUCKETS, type Bucket, type ColumnInfo } from '@sightline/spec';
import { ColumnSelect } from './column-select.js';
import type { StepDraft } from './draft.js';
import { kindOf } from './filter-editor.js';

type SummarizeDraft = Extract<StepDraft, { type: 'summarize' }>;

const FN_LABELS: Record<AggregateFn, string> = {
  count: 'Count of rows',
  count_distinct: 'Count of distinct',
  sum: 'Sum of',
  avg: 'Average of',
  median: 'Median of',
  p25: '25th percentile of',
  p75: '75th percentile of',
  p90: '90th percentile of',
  p95: '95th percentile of',
  p99: '99th percentile of',
  min: 'Smallest',
  max: 'Largest',
};

const NUMERIC_ONLY = new Set<AggregateFn>(['sum', 'avg', 'median', 'p25', 'p75', 'p90', 'p95', 'p99']);

/** The summarise step's editor: what to compute (count, sum...) and per which groups (dates by week, month...). */
export function SummarizeEditor(props: {
  step: SummarizeDraft;
  columns: ColumnInfo[];
  onChange(step: SummarizeDraft): void;
}) {
  const { step, columns } = props;
  const groups = step.groupBy ?? [];
  const numeric = columns.filter((c) => kindOf(c.type) === 'number');
  return (
    <div className="ask-rows">
      {step.aggregates.map((a, i) => {
        const pickable = NUMERIC_ONLY.has(a.fn) && numeric.length > 0 ? numeric : columns;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: edited in place by position
          <div className="ask-row" key={i}>
            <span className="ask-word">{i === 0 ? 'compute' : 'and'}</span>
            <select
              aria-label="Calculation"
              className="ask-input"
              value={a.fn}
              onChange={(e) => {
                const fn = e.target.value as AggregateFn;
                const next = fn === 'count' ? { fn } : { fn, column: a.column ?? pickable[0]?.name ?? '' };
                props.onChange({
                  ...step,
                  aggregates: step.aggregates.map((x, j) => (j === i ? next : x)),
                });
              }}
            >
              {AGGREGATE_FNS.map((fn) => (
                <option key={fn} value={fn}>
                  {FN_LABELS[fn]}
                </option>
              ))}
            </select>
            {a.fn === 'count' ? null : (
              <ColumnSelect
                columns={pickable}
                value={a.column ?? ''}
                label="Column to calculate"
                onChange={(column) =>
                  props.onChange({
                    ...step,
                    aggregates: step.aggregates.map((x, j) => (j === i ? { ...x, column } : x)),
                  })
                }
              />
            )}
            {step.aggregates.length > 1 ? (
              <button
                type="button"
                className="btn ghost small"
                aria-label={`Remove calculation ${i + 1}`}
                onClick={() =>
                  props.onChange({ ...step, aggregates: step.aggregates.filter((_, j) => j !== i) })
                }
              >
                ✕
              </button>
            ) : null}
          </div>
        );
      })}
      {groups.map((g, i) => {
        const isDate = kindOf(columns.find((c) => c.name === g.column)?.type) === 'date';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: edited in place by position
          <div className="ask-row" key={`g${i}`}>
            <span className="ask-word">{i === 0 ? 'per' : 'and'}</span>
            <ColumnSelect
              columns={columns}
              value={g.column}
              label="Group by column"
              onChange={(column) => {
                const date = kindOf(columns.find((c) => c.name === column)?.type) === 'date';
                const next = date ? { column, bucket: g.bucket ?? ('week' as Bucket) } : { column };
                props.onChange({ ...step, groupBy: groups.map((x, j) => (j === i ? next : x)) });
              }}
            />
            {isDate ? (
              <select
                aria-label="Date bucket"
                className="ask-input"
                value={g.bucket ?? ''}
                onChange={(e) => {
                  const bucket = e.target.value as Bucket | '';
                  const next = bucket === '' ? { column: g.column } : { column: g.column, bucket };
                  props.onChange({ ...step, groupBy: groups.map((x, j) => (j === i ? next : x)) });
                }}
              >
                <option value="">exact time</option>
                {BUCKETS.map((b) => (
                  <option key={b} value={b}>
                    by {b}
                  </option>
                ))}
              </select>
            ) : null}
            <button
              type="button"
              className="btn ghost small"
              aria-label={`Remove group ${i + 1}`}
              onClick={() => props.onChange({ ...step, groupBy: groups.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>
        );
      })}
      <div className="ask-row">
        <button
          type="button"
          className="btn ghost small ask-add-line"
          onClick={() => props.onChange({ ...step, aggregates: [...step.aggregates, { fn: 'count' }] })}
        >
          + Calculation
        </button>
        <button
          type="button"
          className="btn ghost small ask-add-line"
          onClick={() => {
            const first = columns.find((c) => !groups.some((g) => g.column === c.name)) ?? columns[0];
            if (!first) return;
            const date = kindOf(first.type) === 'date';
            const next = date ? { column: first.name, bucket: 'week' as Bucket } : { column: first.name };
            props.onChange({ ...step, groupBy: [...groups, next] });
          }}
        >
          + Group
        </button>
      </div>
    </div>
  );
}
