import { useState } from 'react';
import type { Catalog, LiveTable } from '../api/types.js';
import { formatCount } from '../format/format.js';

/** How a live table is named in SQL: bare in the default schema, `schema.table` elsewhere (quoted when needed). */
export function liveTableName(t: Pick<LiveTable, 'schema' | 'table'>): string {
  const q = (n: string) => (/^[a-z_][a-z0-9_]*$/.test(n) ? n : `"${n.replaceAll('"', '""')}"`);
  return t.schema === 'public' ? q(t.table) : `${q(t.schema)}.${q(t.table)}`;
}

/** The catalog's live connections; each opens to list its tables, and a table opens in a tab that runs there. */
export function ConnectionList(props: {
  connections: Catalog['connections'];
  load(name: string): Promise<LiveTable[]>;
  onOpenTable(connection: string, sqlName: string): void;
}) {
  const [open, setOpen] = useState<Record<string, LiveTable[] | 'loading' | { error: string }>>({});
  const toggle = (name: string) => {
    if (open[name] !== undefined) {
      setOpen(({ [name]: _gone, ...rest }) => rest);
      return;
    }
    setOpen((o) => ({ ...o, [name]: 'loading' }));
    props.load(name).then(
      (tables) => setOpen((o) => ({ ...o, [name]: tables })),
      (err: unknown) =>
        setOpen((o) => ({
          ...o,
          [name]: { error: err instanceof Error ? err.message : 'The tables could not be listed.' },
        })),
    );
  };
  return (
    <ul className="catalog-list">
      {props.connections.map((c) => {
        const state = open[c.name];
        return (
          <li key={c.name}>
            <div className="catalog-table">
              <button
                type="button"
                className="catalog-toggle"
                aria-expanded={state !== undefined}
                aria-label={`${state !== undefined ? 'Hide' : 'Show'} tables of ${c.name}`}
                onClick={() => toggle(c.name)}
              >
                {state !== undefined ? '▾' : '▸'}
              </button>
              <span className="catalog-name catalog-connection-name" title={c.url}>
                <span className="type-icon" aria-hidden="true">
                  ⇄
                </span>{' '}
                {c.name}
              </span>
              <span className="catalog-count">{c.kind}</span>
            </div>
            {state === 'loading' ? <p className="catalog-hint muted">Listing tables…</p> : null}
            {state !== undefined && typeof state === 'object' && 'error' in state ? (
              <p className="catalog-hint error" role="alert">
                {state.error}
              </p>
            ) : null}
            {Array.isArray(state) ? (
              <ul className="catalog-columns">
                {state.length === 0 ? <li className="catalog-hint muted">No tables.</li> : null}
                {state.map((t) => {
                  const name = liveTableName(t);
                  return (
                    <li key={`${t.schema}.${t.table}`}>
                      <button
                        type="button"
                        className="catalog-column"
                        onClick={() => props.onOpenTable(c.name, name)}
                        title={`Open ${name} in a new tab that runs on ${c.name}`}
                      >
                        <span className="catalog-column-name">{name}</span>
                        <span className="catalog-column-type">
                          {t.estimated ? '~' : ''}
                          {formatCount(t.rows)}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
