import { useState } from 'react';
import type { Catalog, LiveTable } from '../api/types.js';
import { formatCount } from '../format/format.js';
import { TypeIcon } from '../grid/type-icon.js';
import { ConnectionList } from './connection-list.js';
import { FileList } from './file-list.js';

/** Props of `CatalogPanel`. */
export interface CatalogPanelProps {
  catalog: Catalog | null;
  loadError: string | null;
  onOpenTable(table: string): void;
  onInsert(text: string): void;
  onImport(): void;
  onSample(): void;
  sampleBusy: boolean;
  /** Lists a live connection's tables. */
  loadConnection(name: string): Promise<LiveTable[]>;
  /** Opens a live table in a new tab that runs on its connection. */
  onOpenLiveTable(connection: string, sqlName: string): void;
  /** Opens the import screen on a file of the workspace's files/ folder. */
  onImportFile(name: string): void;
}

/** Filters tables by a search over table and column names (case-insensitive). */
export function filterCatalog(catalog: Catalog, search: string): Catalog['tables'] {
  const q = search.trim().toLowerCase();
  if (q === '') return catalog.tables;
  return catalog.tables.filter(
    (t) => t.table.toLowerCase().includes(q) || t.columns.some((c) => c.name.toLowerCase().includes(q)),
  );
}

/** The data catalog on the left: workspace tables (columns, types, row counts), connections, files, search. */
export function CatalogPanel(props: CatalogPanelProps) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const { catalog } = props;
  const tables = catalog ? filterCatalog(catalog, search) : [];
  return (
    <nav className="catalog" aria-label="Data catalog">
      <div className="catalog-head">
        <h2>Data</h2>
        <button type="button" className="btn small" onClick={props.onImport}>
          + Add file
        </button>
      </div>
      <label className="search">
        <span className="visually-hidden">Search tables and columns</span>
        <input
          type="search"
          placeholder="Search tables and columns"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      {props.loadError ? (
        <p className="catalog-empty error" role="alert">
          {props.loadError}
        </p>
      ) : null}
      {catalog && catalog.tables.length === 0 ? (
        <div className="catalog-empty">
          <p>
            <strong>Your workspace is empty.</strong> Drop a CSV, Excel, JSON, Parquet or log file anywhere on
            this page, or try the sample product data.
          </p>
          <button type="button" className="btn primary" onClick={props.onSample} disabled={props.sampleBusy}>
            {props.sampleBusy ? 'Creating the sample data…' : 'Load sample data'}
          </button>
        </div>
      ) : null}
      <h3 className="catalog-section">
        Tables <span className="muted">{catalog ? catalog.tables.length : ''}</span>
      </h3>
      <ul className="catalog-list">
        {tables.map((t) => {
          const expanded = open[t.table] ?? search.trim() !== '';
          return (
            <li key={t.table}>
              <div className="catalog-table">
                <button
                  type="button"
                  className="catalog-toggle"
                  aria-expanded={expanded}
                  aria-label={`${expanded ? 'Hide' : 'Show'} columns of ${t.table}`}
                  onClick={() => setOpen((o) => ({ ...o, [t.table]: !expanded }))}
                >
                  {expanded ? '▾' : '▸'}
                </button>
                <button
                  type="button"
                  className="catalog-name"
                  onClick={() => props.onOpenTable(t.table)}
                  title={`Open ${t.table} in a new tab`}
                >
                  {t.table}
                </button>
                <span className="catalog-count" title={`${formatCount(t.rows)} rows`}>
                  {formatCount(t.rows)}
                </span>
              </div>
              {expanded ? (
                <ul className="catalog-columns">
                  {t.columns.map((c) => (
                    <li key={c.name}>
                      <button
                        type="button"
                        className="catalog-column"
                        onClick={() =>
                          props.onInsert(
                            /^[a-z_][a-z0-9_]*$/.test(c.name) ? c.name : `"${c.name.replaceAll('"', '""')}"`,
                          )
                        }
                        title={`${c.name}: ${c.type}. Click to insert into the editor.`}
                      >
                        <TypeIcon type={c.type} />
                        <span className="catalog-column-name">{c.name}</span>
                        <span className="catalog-column-type">{c.type.toLowerCase()}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
        {catalog && catalog.tables.length > 0 && tables.length === 0 ? (
          <li className="catalog-empty">No table or column matches “{search}”.</li>
        ) : null}
      </ul>
      <h3 className="catalog-section">
        Connections <span className="muted">{catalog ? catalog.connections.length : ''}</span>
      </h3>
      {catalog && catalog.connections.length > 0 ? (
        <ConnectionList
          connections={catalog.connections}
          load={props.loadConnection}
          onOpenTable={props.onOpenLiveTable}
        />
      ) : null}
      {catalog && catalog.connections.length === 0 ? (
        <p className="catalog-hint muted">
          None yet. Add one with <code>sightline connect NAME postgres://…</code>
        </p>
      ) : null}
      <h3 className="catalog-section">
        Files <span className="muted">{catalog ? catalog.files.length : ''}</span>
      </h3>
      {catalog ? <FileList files={catalog.files} onImport={props.onImportFile} /> : null}
    </nav>
  );
}
