import { type BuilderQuery, parseBuilderQuery } from '@sightline/spec';
import { useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';

/**
 * SQL pasted or edited by hand: turned back into steps when it stays within the builder's grammar
 * (POST /api/builder/parse); otherwise it becomes the starting point and steps can be added on top.
 */
export function EditAsSql(props: {
  api: ApiClient;
  initial: string;
  /** The steps read back; `reason` says what changed or why the SQL stays one SQL step. */
  onSteps(query: BuilderQuery, reason?: string): void;
  onSource(sql: string): void;
  onClose(): void;
}) {
  const [sql, setSql] = useState(props.initial);
  const [note, setNote] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    setBusy(true);
    setNote(null);
    try {
      const res = await props.api.request<{ query: unknown; exact: boolean; reason?: string }>(
        'POST',
        '/builder/parse',
        { sql },
      );
      const parsed = parseBuilderQuery(res.query);
      if (parsed.ok) {
        props.onSteps(parsed.value, res.exact ? undefined : res.reason);
        return;
      }
      setNote({ message: parsed.error, hints: [] });
    } catch (err) {
      const info = err instanceof ApiRequestError ? err.info : null;
      setNote({
        message: info?.message ?? "This SQL can't be turned into steps.",
        hints: [...(info?.hints ?? []), 'Use it as the starting point instead: steps can be added after it.'],
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ask-edit-sql">
      <label className="field">
        SQL (paste or edit; it turns into steps when it can)
        <textarea
          className="ask-textarea mono"
          value={sql}
          spellCheck={false}
          onChange={(e) => setSql(e.target.value)}
          rows={12}
        />
      </label>
      {note ? <ErrorMessage error={note} tone="warning" /> : null}
      <div className="ask-actions">
        <button
          type="button"
          className="btn primary small"
          disabled={busy || sql.trim() === ''}
          onClick={apply}
        >
          Turn into steps
        </button>
        <button
          type="button"
          className="btn small"
          disabled={sql.trim() === ''}
          onClick={() => props.onSource(sql)}
        >
          Start from this SQL
        </button>
        <button type="button" className="btn ghost small" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
