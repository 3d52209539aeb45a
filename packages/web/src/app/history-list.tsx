import { formatCount, formatDuration } from '../format/format.js';
import type { HistoryEntry } from '../tabs/tabs-store.js';

/** Past queries, newest first; clicking one opens it in a new tab. */
export function HistoryList(props: { history: HistoryEntry[]; onOpen(sql: string): void; onClose(): void }) {
  return (
    <aside className="history" aria-label="Query history">
      <div className="profile-head">
        <h3>History</h3>
        <button
          type="button"
          className="btn ghost small"
          onClick={props.onClose}
          aria-label="Close the history"
        >
          ✕
        </button>
      </div>
      {props.history.length === 0 ? <p className="muted">Queries you run appear here.</p> : null}
      <ul>
        {props.history.map((h) => (
          <li key={h.at + h.sql}>
            <button
              type="button"
              className="history-item"
              onClick={() => props.onOpen(h.sql)}
              title="Open in a new tab"
            >
              <code>{h.sql.length > 140 ? `${h.sql.slice(0, 140)}…` : h.sql}</code>
              <span className="muted">
                {h.ok
                  ? `${formatCount(h.rowCount ?? 0)} rows`
                  : h.state === 'cancelled'
                    ? 'cancelled'
                    : 'failed'}{' '}
                · {formatDuration(h.elapsedMs)} · {new Date(h.at).toLocaleTimeString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
