import type { RefObject } from 'react';
import { AREAS, type AreaId } from './areas.js';
import type { Theme } from './use-theme.js';

/** The bar at the top: name, History, Import, Commands (Ctrl/Cmd+K), theme switch, and the hidden file picker. */
export function TopBar(props: {
  area: AreaId;
  onArea(area: AreaId): void;
  historyOpen: boolean;
  onHistory(): void;
  onPalette(): void;
  theme: Theme;
  onTheme(theme: Theme): void;
  fileInput: RefObject<HTMLInputElement | null>;
  onFile(file: File): void;
}) {
  const other: Theme = props.theme === 'dark' ? 'light' : 'dark';
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◉
        </span>
        Sightline
      </div>
      <nav className="area-nav" aria-label="Areas">
        {AREAS.map((a) => (
          <button
            key={a.id}
            type="button"
            className="area-link"
            aria-current={props.area === a.id ? 'page' : undefined}
            title={a.title}
            onClick={() => props.onArea(a.id)}
          >
            {a.label}
          </button>
        ))}
      </nav>
      <div className="top-actions">
        <button
          type="button"
          className="btn ghost"
          onClick={props.onHistory}
          aria-pressed={props.historyOpen}
        >
          History
        </button>
        <button type="button" className="btn ghost" onClick={() => props.fileInput.current?.click()}>
          Import file…
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={props.onPalette}
          title="Find any action (Ctrl/Cmd+K)"
        >
          Commands <kbd>Ctrl+K</kbd>
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={() => props.onTheme(other)}
          aria-label={`Switch to the ${other} theme`}
          title="Light or dark theme"
        >
          {props.theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <input
          ref={props.fileInput}
          type="file"
          tabIndex={-1}
          className="visually-hidden"
          aria-label="Choose a file to import"
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) props.onFile(f);
            e.target.value = '';
          }}
        />
      </div>
    </header>
  );
}
