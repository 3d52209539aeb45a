import { useEffect, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';

/** What POST /api/explain answers. */
export type Explanation =
  | { ok: true; steps: { clause: string; text: string }[] }
  | { ok: false; reason: string };

/** "group by" -> "Group by": clause names as headings. */
export function clauseLabel(clause: string): string {
  return clause.charAt(0).toUpperCase() + clause.slice(1);
}

/** "Explain this query": what each clause of the SQL does, in plain words and in the order they apply. */
export function ExplainPanel(props: { api: ApiClient; sql: string; onClose(): void }) {
  const { api, sql } = props;
  const [answer, setAnswer] = useState<Explanation | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setAnswer(null);
    setError(null);
    api.request<Explanation>('POST', '/explain', { sql }, ctl.signal).then(setAnswer, (err: unknown) => {
      if (!ctl.signal.aborted)
        setError(
          err instanceof ApiRequestError ? err.info : { message: 'The explanation failed.', hints: [] },
        );
    });
    return () => ctl.abort();
  }, [api, sql]);
  return (
    <section className="explain-panel" aria-label="What this query does" data-testid="explain-panel">
      <header>
        <h3>What this query does</h3>
        <button
          type="button"
          className="btn ghost small"
          onClick={props.onClose}
          aria-label="Close the explanation"
        >
          ✕
        </button>
      </header>
      {error ? <ErrorMessage error={error} /> : null}
      {!answer && !error ? <p className="muted">Reading the query…</p> : null}
      {answer && !answer.ok ? <p className="muted">{answer.reason}</p> : null}
      {answer?.ok ? (
        <ol className="explain-steps">
          {answer.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps are a fixed list read once
            <li key={i}>
              <span className="explain-clause">{clauseLabel(s.clause)}</span>
              <span>{s.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="muted small">
        Worked out from the query itself on this computer: nothing is run and nothing is sent anywhere.
      </p>
    </section>
  );
}
