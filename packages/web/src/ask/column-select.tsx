import type { ColumnInfo } from '@sightline/spec';
import { TypeIcon } from '../grid/type-icon.js';

/** A column picker: the chosen column's type icon (from the grid), then the list of columns. */
export function ColumnSelect(props: {
  columns: ColumnInfo[];
  value: string;
  onChange(name: string): void;
  label: string;
  placeholder?: string;
}) {
  const { columns, value } = props;
  const current = columns.find((c) => c.name === value);
  const missing = value !== '' && !current;
  return (
    <span className="ask-column">
      {current?.type ? <TypeIcon type={current.type} /> : <span className="type-icon type-other">·</span>}
      <select
        aria-label={props.label}
        value={value}
        onChange={(e) => props.onChange(e.target.value)}
        className={missing ? 'ask-input invalid' : 'ask-input'}
      >
        {value === '' ? <option value="">{props.placeholder ?? 'Pick a column'}</option> : null}
        {missing ? <option value={value}>{value} (not here)</option> : null}
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </span>
  );
}
