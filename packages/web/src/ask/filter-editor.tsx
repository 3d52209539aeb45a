import type { ColumnInfo, FilterCondition, FilterOp, FilterValue } from '@sightline/spec';
import { typeKind } from '../format/format.js';
import { ColumnSelect } from './column-select.js';
import type { StepDraft } from './draft.js';

type FilterDraft = Extract<StepDraft, { type: 'filter' }>;
type Kind = 'number' | 'text' | 'date' | 'boolean' | 'other';

const OP_LABELS: Record<FilterOp, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  between: 'is between',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  last: 'is in the last',
  this: 'is in this',
  previous: 'is in the previous',
  before: 'is before',
  after: 'is after',
};

const OPS: Record<Kind, FilterOp[]> = {
  number: ['=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  text: ['=', '!=', 'contains', 'starts_with', 'ends_with', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  date: ['last', 'this', 'previous', 'before', 'after', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['=', 'is_empty', 'is_not_empty'],
  other: ['=', '!=', 'is_empty', 'is_not_empty'],
};

/** The kind of a column for the operators it offers (dates and timestamps alike). */
export function kindOf(type: string | undefined): Kind {
  if (!type) return 'text';
  const k = typeKind(type);
  return k === 'timestamp' ? 'date' : k;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A condition for `op` on `column`, keeping what still fits (the value, when the op takes one). */
export function conditionFor(column: string, op: FilterOp, prev?: FilterCondition): FilterCondition {
  switch (op) {
    case 'between':
      return { column, op, values: prev?.values?.length === 2 ? prev.values : ['', ''] };
    case 'in':
    case 'not_in':
      return { column, op, values: prev?.values ?? (prev?.value !== undefined ? [prev.value] : []) };
    case 'is_empty':
    case 'is_not_empty':
      return { column, op };
    case 'last':
      return { column, op, n: prev?.n ?? 30, unit: 'day' };
    case 'this':
    case 'previous':
      return { column, op, unit: 'month' };
    case 'before':
    case 'after':
      return {
        column,
        op,
        value: typeof prev?.value === 'string' && /^\d{4}-/.test(prev.value) ? prev.value : today(),
      };
    default:
      return { column, op, value: prev?.value ?? '' };
  }
}

function typed(text: string, kind: Kind): FilterValue {
  if (kind === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
}

/** The filter step's editor: conditions (column, operator for its type, value or date preset), all/any. */
export function FilterEditor(props: {
  step: FilterDraft;
  columns: ColumnInfo[];
  onChange(step: FilterDraft): void;
}) {
  const { step, columns } = props;
  const set = (i: number, c: FilterCondition) =>
    props.onChange({ ...step, conditions: step.conditions.map((x, j) => (j === i ? c : x)) });
  return (
    <div className="ask-rows">
      {step.conditions.map((c, i) => {
        const kind = kindOf(columns.find((x) => x.name === c.column)?.type);
        const ops = OPS[kind].includes(c.op) ? OPS[kind] : [c.op, ...OPS[kind]];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions are edited in place by position
          <div className="ask-row" key={i}>
            {i > 0 ? (
              <select
                aria-label="Combine conditions"
                className="ask-input narrow"
                value={step.combine ?? 'and'}
                onChange={(e) => props.onChange({ ...step, combine: e.target.value as 'and' | 'or' })}
              >
                <option value="and">and</option>
                <option value="or">or</option>
              </select>
            ) : (
              <span className="ask-word">where</span>
            )}
            <ColumnSelect
              columns={columns}
              value={c.column}
              label="Filter column"
              onChange={(name) => {
                const k = kindOf(columns.find((x) => x.name === name)?.type);
                set(i, conditionFor(name, OPS[k].includes(c.op) ? c.op : (OPS[k][0] as FilterOp)));
              }}
            />
            <select
              aria-label="Condition"
              className="ask-input"
              value={c.op}
              onChange={(e) => set(i, conditionFor(c.column, e.target.value as FilterOp, c))}
            >
              {ops.map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[op]}
                </option>
              ))}
            </select>
            <ValueInputs condition={c} kind={kind} onChange={(x) => set(i, x)} />
            {step.conditions.length > 1 ? (
              <button
                type="button"
                className="btn ghost small"
                aria-label={`Remove condition ${i + 1}`}
                onClick={() =>
                  props.onChange({ ...step, conditions: step.conditions.filter((_, j) => j !== i) })
                }
              >
                ✕
              </button>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        className="btn ghost small ask-add-line"
        onClick={() =>
          props.onChange({
            ...step,
            conditions: [...step.conditions, conditionFor(columns[0]?.name ?? '', '=')],
          })
        }
      >
        + Condition
      </button>
    </div>
  );
}

function ValueInputs(props: { condition: FilterCondition; kind: Kind; onChange(c: FilterCondition): void }) {
  const { condition: c, kind } = props;
  const inputType = kind === 'number' ? 'number' : 'text';
  switch (c.op) {
    case 'is_empty':
    case 'is_not_empty':
      return null;
    case 'between':
      return (
        <>
          {[0, 1].map((k) => (
            <input
              key={k}
              aria-label={k === 0 ? 'From' : 'To'}
              className="ask-input value"
              type={kind === 'date' ? 'date' : inputType}
              value={String(c.values?.[k] ?? '')}
              onChange={(e) => {
                const values = [...(c.values ?? ['', ''])];
                values[k] = typed(e.target.value, kind);
                props.onChange({ ...c, values });
              }}
            />
          ))}
        </>
      );
    case 'in':
    case 'not_in':
      return (
        <input
          aria-label="Values, separated by commas"
          placeholder="a, b, c"
          className="ask-input value wide"
          value={(c.values ?? []).join(', ')}
          onChange={(e) =>
            props.onChange({
              ...c,
              values: e.target.value
                .split(',')
                .map((v) => v.trim())
                .filter((v) => v !== '')
                .map((v) => typed(v, kind)),
            })
          }
        />
      );
    case 'last':
      return (
        <>
          <input
            aria-label="How many"
            className="ask-input narrow"
            type="number"
            min={1}
            value={c.n ?? 30}
            onChange={(e) =>
              props.onChange({ ...c, n: Math.max(1, Math.floor(Number(e.target.value) || 1)) })
            }
          />
          <select
            aria-label="Unit"
            className="ask-input"
            value={c.unit ?? 'day'}
            onChange={(e) => props.onChange({ ...c, unit: e.target.value as 'day' })}
          >
            <option value="day">days</option>
            <option value="week">weeks</option>
            <option value="month">months</option>
          </select>
        </>
      );
    case 'this':
    case 'previous':
      return (
        <select
          aria-label="Period"
          className="ask-input"
          value={c.unit ?? 'month'}
          onChange={(e) => props.onChange({ ...c, unit: e.target.value as 'month' })}
        >
          <option value="week">week</option>
          <option value="month">month</option>
          <option value="quarter">quarter</option>
          <option value="year">year</option>
        </select>
      );
    case 'before':
    case 'after':
      return (
        <input
          aria-label="Date"
          className="ask-input value"
          type="date"
          value={String(c.value ?? '')}
          onChange={(e) => props.onChange({ ...c, value: e.target.value })}
        />
      );
    default:
      return kind === 'boolean' ? (
        <select
          aria-label="Value"
          className="ask-input"
          value={String(c.value ?? 'true')}
          onChange={(e) => props.onChange({ ...c, value: e.target.value === 'true' })}
        >
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      ) : (
        <input
          aria-label="Value"
          className="ask-input value"
          type={inputType}
          value={String(c.value ?? '')}
          onChange={(e) => props.onChange({ ...c, value: typed(e.target.value, kind) })}
        />
      );
  }
}
