import { useEffect, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { Cell, Column } from '../api/types.js';
import { formatCell, formatCount } from '../format/format.js';
import { runToEnd } from '../query/run-to-end.js';
import { dialectFor, type QueryTarget } from '../query/target.js';
import { profileSql, topValuesSql } from '../sql/result-sql.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';

interface Profile {
  rows: number;
  nulls: number;
  distinct: number;
  min: Cell;
  max: Cell;
  top: { value: Cell; count: number }[];
}

/** The profile of one result column (computed by the engine over the whole result), shown beside the grid. */
export function ColumnProfile(props: {
  api: ApiClient;
  sql: string;
  column: Column;
  onClose(): void;
  onOpenSql?(sql: string): void;
  /** Where the result's query ran: the profile runs there too. */
  target?: QueryTarget;
}) {
  const { api, sql, column, target } = props;
  const dialect = dialectFor(target);
  const on = target?.on;
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setProfile(null);
    setError(null);
    Promise.all([
      runToEnd(api, profileSql(sql, column.name, dialect), 1, ctl.signal, on),
      runToEnd(api, topValuesSql(sql, column.name, dialect), 5, ctl.signal, on),
    ]).then(
      ([p, top]) => {
        const r = p.rows[0] ?? {};
        setProfile({
          rows: Number(r.rows ?? 0),
          nulls: Number(r.nulls ?? 0),
          distinct: Number(r.distinct ?? 0),
          min: r.min ?? null,
          max: r.max ?? null,
          top: top.rows.map((t) => ({ value: t.value ?? null, count: Number(t.count ?? 0) })),
        });
      },
      (err: unknown) => {
        if (!ctl.signal.aborted)
          setError(err instanceof ApiRequestError ? err.info : { message: 'The profile failed.', hints: [] });
      },
    );
    return () => ctl.abort();
  }, [api, sql, column.name, dialect, on]);

  const pct = (n: number) =>
    profile && profile.rows > 0 ? ` (${((n / profile.rows) * 100).toFixed(1)}%)` : '';
  return (
    <aside className="profile" aria-label={`Profile of ${column.name}`} data-testid="column-profile">
      <div className="profile-head">
        <h3>
          {column.name} <span className="muted">{column.type.toLowerCase()}</span>
        </h3>
        <button
          type="button"
          className="btn ghost small"
          onClick={props.onClose}
          aria-label="Close the profile"
        >
          ✕
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {!profile && !error ? <p className="muted">Profiling all rows…</p> : null}
      {profile ? (
        <>
          <dl className="profile-stats">
            <dt>Rows</dt>
            <dd>{formatCount(profile.rows)}</dd>
            <dt>Empty (NULL)</dt>
            <dd>
              {formatCount(profile.nulls)}
              {pct(profile.nulls)}
            </dd>
            <dt>Distinct values</dt>
            <dd>{formatCount(profile.distinct)}</dd>
            <dt>Smallest</dt>
            <dd>{formatCell(profile.min, column.type)}</dd>
            <dt>Largest</dt>
            <dd>{formatCell(profile.max, column.type)}</dd>
          </dl>
          <h4>Most frequent</h4>
          <ul className="profile-top">
            {profile.top.map((t) => (
              <li key={String(t.value)}>
                <span
                  className="profile-bar"
                  style={{ width: `${profile.rows ? (t.count / profile.rows) * 100 : 0}%` }}
                />
                <span className="profile-value">{formatCell(t.value, column.type)}</span>
                <span className="profile-count">{formatCount(t.count)}</span>
              </li>
            ))}
          </ul>
          <details className="show-sql">
            <summary>Show the SQL behind these numbers</summary>
            <pre>{profileSql(sql, column.name, dialect)}</pre>
            <pre>{topValuesSql(sql, column.name, dialect)}</pre>
            {props.onOpenSql ? (
              <button
                type="button"
                className="btn small"
                onClick={() => props.onOpenSql?.(profileSql(sql, column.name))}
              >
                Open in a new tab
              </button>
            ) : null}
          </details>
        </>
      ) : null}
    </aside>
  );
}
