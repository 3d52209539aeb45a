import type { KeyValue } from './http-types.js';
import { TemplateInput } from './template-input.js';

/**
 * Name/value rows with a tick to leave one out without deleting it. The last row is always blank: typing in it
 * adds a row.
 */
export function KvEditor(props: {
  rows: KeyValue[];
  onChange(rows: KeyValue[]): void;
  variables: readonly string[] | null;
  what: string;
  namePlaceholder: string;
  valuePlaceholder: string;
  /** Form fields have no tick. */
  noToggle?: boolean;
}) {
  const { rows, onChange } = props;
  const shown = [...rows, { name: '', value: '', enabled: true }];
  const update = (i: number, patch: Partial<KeyValue>) => {
    if (i === rows.length) onChange([...rows, { name: '', value: '', enabled: true, ...patch }]);
    else onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  return (
    <table className="kv-table">
      <tbody>
        {shown.map((row, i) => {
          const blank = i === rows.length;
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
            <tr key={i} className={row.enabled ? undefined : 'off'}>
              {props.noToggle ? null : (
                <td className="kv-tick">
                  {blank ? null : (
                    <input
                      type="checkbox"
                      checked={row.enabled}
                      aria-label={`Send ${props.what} ${row.name || n}`}
                      onChange={(e) => update(i, { enabled: e.target.checked })}
                    />
                  )}
                </td>
              )}
              <td className="kv-name">
                <TemplateInput
                  value={row.name}
                  onChange={(name) => update(i, { name })}
                  variables={props.variables}
                  label={blank ? `New ${props.what} name` : `${props.what} ${n} name`}
                  placeholder={blank ? props.namePlaceholder : ''}
                />
              </td>
              <td className="kv-value">
                <TemplateInput
                  value={row.value}
                  onChange={(value) => update(i, { value })}
                  variables={props.variables}
                  label={blank ? `New ${props.what} value` : `${props.what} ${row.name || n} value`}
                  placeholder={blank ? props.valuePlaceholder : ''}
                />
              </td>
              <td className="kv-remove">
                {blank ? null : (
                  <button
                    type="button"
                    className="btn ghost small"
                    aria-label={`Remove ${props.what} ${row.name || n}`}
                    title="Remove"
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
