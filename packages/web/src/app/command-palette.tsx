// biome-ignore-all lint/a11y/useFocusableInteractive: options are reached with aria-activedescendant from the input
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the input handles the keys (arrows, Enter, Esc)
// biome-ignore-all lint/a11y/noStaticElementInteractions: a click on the backdrop closes the palette, as Esc does
import { useEffect, useRef, useState } from 'react';

/** One action of the command palette. */
export interface Command {
  id: string;
  label: string;
  /** Shown at the right, e.g. the keyboard shortcut. */
  hint?: string;
  run(): void;
}

/** Commands whose label contains every word of `query` (case-insensitive), in their given order. */
export function filterCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
}

/** Ctrl/Cmd+K: type to find an action (run, new tab, import, theme, open a table...), Enter runs it. */
export function CommandPalette(props: { commands: Command[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = filterCommands(props.commands, query).slice(0, 12);
  useEffect(() => input.current?.focus(), []);

  const pick = (c: Command | undefined) => {
    if (!c) return;
    props.onClose();
    c.run();
  };
  return (
    <div className="modal-backdrop palette-backdrop" onClick={props.onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          className="palette-input"
          placeholder="Type a command or a table name…"
          aria-label="Command"
          aria-controls="palette-list"
          aria-activedescendant={shown[index] ? `cmd-${shown[index].id}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') pick(shown[index]);
            else if (e.key === 'Escape') props.onClose();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <div id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
          {shown.map((c, i) => (
            <div
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === index}
              className={i === index ? 'on' : ''}
              onMouseEnter={() => setIndex(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              <span>{c.label}</span>
              {c.hint ? <kbd>{c.hint}</kbd> : null}
            </div>
          ))}
          {shown.length === 0 ? <div className="muted">No command matches “{query}”.</div> : null}
        </div>
      </div>
    </div>
  );
}
