import { severityKindFor, timeKindFor } from './log-format.js';
import type { LogRoles, LogRolesAnswer } from './log-types.js';

/** "How this table was read": the inferred time, severity and message columns, each changeable. */
export function RolesPanel(props: {
  answer: LogRolesAnswer;
  roles: LogRoles;
  onChange(roles: LogRoles): void;
}) {
  const { answer, roles } = props;
  const type = (name: string) => answer.columns.find((c) => c.name === name)?.type ?? '';
  const messageKey = roles.message.join('\u0000');
  const messageChoices = [
    ...(answer.roles.message.length > 1 ? [answer.roles.message] : []),
    ...answer.columns.filter((c) => /CHAR|TEXT|STRING/i.test(c.type)).map((c) => [c.name]),
  ];
  return (
    <details
      className="log-roles"
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.currentTarget.open = false;
      }}
    >
      <summary className="btn ghost small">How this table was read</summary>
      <div className="log-popover">
        <ul className="small log-reasons">
          {answer.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <div className="log-role-fields">
          <label className="field">
            <span>Time</span>
            <select
              value={roles.time?.column ?? ''}
              onChange={(e) => {
                const c = e.target.value;
                props.onChange({ ...roles, time: c ? { column: c, kind: timeKindFor(c, type(c)) } : null });
              }}
            >
              <option value="">(none)</option>
              {answer.columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Severity</span>
            <select
              value={roles.severity?.column ?? ''}
              onChange={(e) => {
                const c = e.target.value;
                props.onChange({
                  ...roles,
                  severity: c ? { column: c, kind: severityKindFor(c, type(c)) } : null,
                });
              }}
            >
              <option value="">(none)</option>
              {answer.columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Message</span>
            <select
              value={messageKey}
              onChange={(e) =>
                props.onChange({ ...roles, message: e.target.value ? e.target.value.split('\u0000') : [] })
              }
            >
              <option value="">(none)</option>
              {messageChoices.map((m) => (
                <option key={m.join('\u0000')} value={m.join('\u0000')}>
                  {m.join(' + ')}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
    </details>
  );
}
