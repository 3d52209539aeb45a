import type { Catalog } from '../api/types.js';
import { formatBytes } from '../format/format.js';

/** The files in the workspace's files/ folder; clicking one opens the import screen on it. */
export function FileList(props: { files: Catalog['files']; onImport(name: string): void }) {
  if (props.files.length === 0)
    return <p className="catalog-hint muted">Files you keep in the workspace's files folder show here.</p>;
  return (
    <ul className="catalog-list">
      {props.files.map((f) => (
        <li key={f.name} className="catalog-table">
          <button
            type="button"
            className="catalog-name"
            onClick={() => props.onImport(f.name)}
            title={`Import ${f.name} into a table`}
          >
            <span className="type-icon" aria-hidden="true">
              ▤
            </span>{' '}
            {f.name}
          </button>
          <span className="catalog-count">{formatBytes(f.bytes)}</span>
        </li>
      ))}
    </ul>
  );
}
