import { type ReactNode, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { formatDuration } from '../format/format.js';
import { ErrorMessage } from '../ui/error-message.js';
import { explainMetric } from './explain-text.js';
import type { ExplainAnswer, MetricAnswer } from './metric-answer.js';
import { count } from './metric-format.js';
import type { MetricKind } from './metric-state.js';

/** The counts of `stats` a person cares about, in words, per metric (the keys differ between metrics). */
const STAT_LABELS: Record<MetricKind, [string, string][]> = {
  funnel: [
    ['actors_entered', 'users entered the funnel'],
    ['actors_excluded', 'removed by exclusions'],
    ['actors_considered', 'users in the rows read'],
    ['rows_considered', 'rows read'],
    ['rows_ignored', 'rows ignored (no user id)'],
    ['rows_without_time', 'rows without a time'],
  ],
  retention: [
    ['actors', 'users'],
    ['start_rows', 'start events'],
    ['rows', 'rows read'],
    ['ignored_rows', 'rows ignored (no user id)'],
  ],
  active: [
    ['actors', 'users active at least once'],
    ['rows', 'rows read'],
    ['ignored_rows', 'rows ignored (no user id)'],
  ],
  abtest: [
    ['actors', 'users assigned'],
    ['multi_variant_actors', 'users in more than one variant (first one kept)'],
    ['rows', 'rows read'],
    ['ignored_rows', 'rows ignored (no variant, value, user or time)'],
  ],
};

/** The stats as "14,960 users entered the funnel · 906,422 rows read · ...", skipping zeros that say nothing. */
export function statsLine(metric: MetricKind, stats: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, label] of STAT_LABELS[metric]) {
    const v = stats[key];
    if (v === undefined || v === null) continue;
    const n = Number(v);
    if (!Number.isFinite(n)) continue;
    if (n === 0 && /excluded|without|multi|ignored/.test(key)) continue;
    parts.push(`${count(n)} ${label}`);
  }
  return parts.join(' · ');
}

/** A metric's result with what makes it trustworthy: warnings first, counts, options, "Open as SQL" and "Explain". */
export function ResultFrame(props: {
  metric: MetricKind;
  title: string;
  answer: MetricAnswer;
  api: ApiClient;
  onOpenSql(): void;
  children: ReactNode;
}) {
  const { answer } = props;
  const [explain, setExplain] = useState<{ open: boolean; steps?: ExplainAnswer['steps']; error?: string }>({
    open: false,
  });
  const toggleExplain = () => {
    if (explain.open) {
      setExplain({ ...explain, open: false });
      return;
    }
    setExplain({ ...explain, open: true });
    if (explain.steps) return;
    props.api.request<ExplainAnswer>('POST', '/explain', { sql: answer.sql }).then(
      (r) =>
        setExplain((e) =>
          r.ok
            ? { ...e, steps: r.steps ?? [] }
            : { ...e, error: r.reason ?? 'The SQL could not be explained.' },
        ),
      (err: unknown) =>
        setExplain((e) => ({
          ...e,
          error: err instanceof ApiRequestError ? err.message : 'The SQL could not be explained.',
        })),
    );
  };
  const options = Object.entries(answer.options).filter(([k]) => k !== 'engine');
  return (
    <section className="metric-result" aria-label={`${props.title} result`}>
      <div className="metric-result-head">
        <div>
          <h2>{props.title}</h2>
          <p className="muted small" data-testid="metric-stats">
            {statsLine(props.metric, answer.stats)} · computed in {formatDuration(answer.elapsedMs)} by{' '}
            {String(answer.options.engine ?? 'duckdb') === 'duckdb'
              ? 'the workspace (DuckDB)'
              : String(answer.options.engine)}
            {answer.readFromCopy ? (
              <span title="For large tables Sightline keeps a copy with each user's rows together, which makes metrics faster. It has the same rows, so the numbers are the same as on the table; the SQL shown reads the table itself.">
                , from its copy of the table ordered by user
              </span>
            ) : null}
          </p>
        </div>
        <div className="metric-result-actions">
          <button
            type="button"
            className="btn small"
            onClick={props.onOpenSql}
            title="Open the SQL behind this result in a new editor tab"
          >
            Open as SQL
          </button>
          <button type="button" className="btn small" aria-expanded={explain.open} onClick={toggleExplain}>
            Explain
          </button>
        </div>
      </div>
      {answer.warnings.map((w) => (
        <ErrorMessage key={w} tone="warning" error={{ message: w, hints: [] }} />
      ))}
      {explain.open ? (
        <div className="explain-panel" data-testid="explain-panel">
          <h3>What these numbers mean</h3>
          {explainMetric(props.metric, answer.options, answer.stats).map((p) => (
            <p key={p}>{p}</p>
          ))}
          <h3>How they were computed</h3>
          <p className="muted small">
            One SQL query, run where the data is; each step below is a part of it (open it with "Open as
            SQL").
          </p>
          {explain.error ? <p className="error-text">{explain.error}</p> : null}
          {explain.steps ? (
            <ol className="explain-steps">
              {explain.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the explanation's steps are in order and may repeat.
                <li key={`${i}-${s.clause}`}>
                  <code>{s.clause}</code> {s.text}
                </li>
              ))}
            </ol>
          ) : explain.error ? null : (
            <p className="muted small">Reading the SQL…</p>
          )}
        </div>
      ) : null}
      {props.children}
      <details className="metric-options">
        <summary>Options in force and how the columns were picked</summary>
        <dl>
          {options.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
        {answer.roles.length ? (
          <ul className="small muted">
            {answer.roles.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
      </details>
    </section>
  );
}
