// biome-ignore-all lint/a11y/noStaticElementInteractions: a press on the backdrop closes the dialog, as Esc does
import { useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { rowsOf, rowsProblem, toUpdate, type VariableRow } from './environment-draft.js';
import type { HttpApi } from './http-api.js';
import type { HttpEnvironment } from './http-types.js';

function shown(err: unknown, what: string): ShownError {
  return err instanceof ApiRequestError ? err.info : { message: `${what} failed.`, hints: [] };
}

/** A value field for a new secret: dots, with "Show" to check what you typed. */
function NewSecret(props: { value: string; onChange(v: string): void; label: string }) {
  const [reveal, setReveal] = useState(false);
  return (
    <div className="secret-field">
      <input
        type={reveal ? 'text' : 'password'}
        value={props.value}
        aria-label={props.label}
        autoComplete="new-password"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button
        type="button"
        className="btn ghost small"
        aria-pressed={reveal}
        onClick={() => setReveal((r) => !r)}
      >
        {reveal ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}

/**
 * Edits one environment's variables. A secret is stored in the workspace only: once saved it shows as dots and can
 * be replaced, never read back; requests refer to it as `{{name}}`.
 */
export function EnvironmentEditor(props: {
  http: HttpApi;
  environments: HttpEnvironment[];
  initial: string | null;
  onSaved(name: string | null): void;
  onClose(): void;
}) {
  const start = props.environments.find((e) => e.name === props.initial) ?? null;
  const [original, setOriginal] = useState<string | null>(start?.name ?? null);
  const [name, setName] = useState(start?.name ?? '');
  const [rows, setRows] = useState<VariableRow[]>(() =>
    start ? rowsOf(start) : [{ name: 'base_url', value: '', secret: false, kept: false }],
  );
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = rowsProblem(name, rows);
  const patch = (i: number, p: Partial<VariableRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));

  const pick = (envName: string) => {
    const env = props.environments.find((e) => e.name === envName) ?? null;
    setOriginal(env?.name ?? null);
    setName(env?.name ?? '');
    setRows(env ? rowsOf(env) : [{ name: 'base_url', value: '', secret: false, kept: false }]);
    setError(null);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.http.saveEnvironment(name.trim(), toUpdate(rows));
      if (original && original !== name.trim()) await props.http.deleteEnvironment(original);
      props.onSaved(name.trim());
    } catch (err) {
      setError(shown(err, 'Saving the environment'));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!original) return;
    setBusy(true);
    try {
      await props.http.deleteEnvironment(original);
      props.onSaved(null);
    } catch (err) {
      setError(shown(err, 'Deleting the environment'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="dialog env-editor"
        role="dialog"
        aria-modal="true"
        aria-label="Environment"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <div className="dialog-head">
          <h2>Environments</h2>
          <button type="button" className="btn ghost small" aria-label="Close" onClick={props.onClose}>
            ✕
          </button>
        </div>
        <div className="dialog-body">
          <div className="env-pick">
            <label className="field">
              Edit
              <select value={original ?? ''} onChange={(e) => pick(e.target.value)}>
                <option value="">A new environment</option>
                {props.environments.map((e) => (
                  <option key={e.name} value={e.name}>
                    {e.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Name
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="production" />
            </label>
          </div>
          <p className="muted small">
            Write <code>{'{{name}}'}</code> in a URL, header, body or auth field to use a variable. Secret
            values are kept in the workspace only (never in this page, the history, exports or logs): once
            saved they show as dots and can be replaced, not read.
          </p>
          <table className="env-table">
            <thead>
              <tr>
                <th>Variable</th>
                <th>Value</th>
                <th>Secret</th>
                <th>
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
                <tr key={i}>
                  <td>
                    <input
                      value={r.name}
                      aria-label={`Variable ${i + 1} name`}
                      spellCheck={false}
                      onChange={(e) => patch(i, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    {r.kept ? (
                      <div className="secret-field">
                        <span className="secret-dots" title="A stored secret: it can be replaced, not read">
                          <span aria-hidden="true">••••••••</span>
                          <span className="visually-hidden">{r.name} holds a stored secret</span>
                        </span>
                        <button
                          type="button"
                          className="btn ghost small"
                          onClick={() => patch(i, { kept: false })}
                        >
                          Replace
                        </button>
                      </div>
                    ) : r.secret ? (
                      <NewSecret
                        value={r.value}
                        onChange={(value) => patch(i, { value })}
                        label={`${r.name || `Variable ${i + 1}`} value`}
                      />
                    ) : (
                      <input
                        value={r.value}
                        aria-label={`${r.name || `Variable ${i + 1}`} value`}
                        spellCheck={false}
                        onChange={(e) => patch(i, { value: e.target.value })}
                      />
                    )}
                  </td>
                  <td className="env-secret">
                    <input
                      type="checkbox"
                      checked={r.secret}
                      aria-label={`${r.name || `Variable ${i + 1}`} is a secret`}
                      onChange={(e) =>
                        patch(i, { secret: e.target.checked, kept: false, value: r.kept ? '' : r.value })
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn ghost small"
                      aria-label={`Remove ${r.name || `variable ${i + 1}`}`}
                      onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="btn small"
            onClick={() => setRows((rs) => [...rs, { name: '', value: '', secret: false, kept: false }])}
          >
            + Add variable
          </button>
          {error ? <ErrorMessage error={error} /> : null}
        </div>
        <div className="dialog-foot">
          <div>
            {original ? (
              <button type="button" className="btn danger" disabled={busy} onClick={remove}>
                Delete {original}
              </button>
            ) : null}
          </div>
          <div>
            {problem ? <span className="muted small">{problem}</span> : null}
            <button type="button" className="btn" onClick={props.onClose}>
              Cancel
            </button>
            <button type="button" className="btn primary" disabled={busy || problem !== null} onClick={save}>
              Save
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
