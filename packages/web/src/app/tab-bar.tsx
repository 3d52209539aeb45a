import type { EditorTab } from '../tabs/tabs-store.js';

/** The editor tabs: switch, close, add. */
export function TabBar(props: {
  tabs: EditorTab[];
  active: string;
  running: Set<string>;
  onSelect(id: string): void;
  onClose(id: string): void;
  onAdd(): void;
}) {
  return (
    <div className="tab-bar" role="tablist" aria-label="Queries">
      {props.tabs.map((t) => (
        <div key={t.id} className={`tab ${t.id === props.active ? 'active' : ''}`}>
          <button
            type="button"
            role="tab"
            aria-selected={t.id === props.active}
            className="tab-title"
            onClick={() => props.onSelect(t.id)}
          >
            {props.running.has(t.id) ? (
              <>
                <span className="dot" title="running" />
                <span className="visually-hidden">(running)</span>
              </>
            ) : null}
            {t.title}
          </button>
          <button
            type="button"
            className="tab-close"
            aria-label={`Close ${t.title}`}
            onClick={() => props.onClose(t.id)}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="tab-add"
        aria-label="New query tab"
        title="New query tab"
        onClick={props.onAdd}
      >
        +
      </button>
    </div>
  );
}
