import { closeMatches, type Engine } from '@sightline/engine';
import { ApiError } from './errors.js';

/** A workspace table with its columns, as the catalog lists it. */
export interface CatalogTable {
  table: string;
  rows: number;
  columns: { name: string; type: string }[];
}

/** Every user table of the workspace with its columns and types, one query for all columns. */
export async function listColumns(engine: Engine): Promise<Map<string, { name: string; type: string }[]>> {
  const { rows } = await engine.query(
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
       AND table_name IN (SELECT table_name FROM duckdb_tables()
                          WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary)
     ORDER BY table_name, column_index`,
  );
  const out = new Map<string, { name: string; type: string }[]>();
  for (const r of rows) {
    const table = String(r.table_name);
    const list = out.get(table) ?? [];
    list.push({ name: String(r.column_name), type: String(r.data_type) });
    out.set(table, list);
  }
  return out;
}

/** The exact name of the workspace table `name` (case-insensitive when unambiguous), else a `not_found`. */
export async function resolveTableName(engine: Engine, name: string): Promise<string> {
  const { rows } = await engine.query(
    `SELECT table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  const names = rows.map((r) => String(r.table_name));
  if (names.includes(name)) return name;
  const folded = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  const close = closeMatches(name, names);
  throw new ApiError(
    'not_found',
    `Table "${name}" doesn't exist in this workspace.${close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
    names.length === 0
      ? ['The workspace has no tables yet; import a file first.']
      : [`Tables here: ${names.slice(0, 10).join(', ')}.`],
  );
}

/** The column `name` of `columns` (exact, else case-insensitive), else a `not_found` naming close matches. */
export function resolveColumn<T extends { name: string }>(table: string, columns: T[], name: string): T {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const folded = columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  const close = closeMatches(
    name,
    columns.map((c) => c.name),
  );
  throw new ApiError(
    'not_found',
    `Column "${name}" doesn't exist in table "${table}".${close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
    [
      `Columns of ${table}: ${columns
        .slice(0, 10)
        .map((c) => c.name)
        .join(', ')}.`,
    ],
  );
}
