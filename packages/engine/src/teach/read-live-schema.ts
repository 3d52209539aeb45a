import type { LiveConnection } from '../connections/types.js';
import type { SchemaTable } from './lesson.js';

/** PostgreSQL's type names as the teacher reads them (the names DuckDB uses for the same types). */
const PG_TYPES: Record<string, string> = {
  smallint: 'SMALLINT',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  numeric: 'DECIMAL',
  real: 'REAL',
  'double precision': 'DOUBLE',
  text: 'VARCHAR',
  'character varying': 'VARCHAR',
  character: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  'timestamp without time zone': 'TIMESTAMP',
  'time without time zone': 'TIME',
  interval: 'INTERVAL',
  json: 'JSON',
  jsonb: 'JSON',
  uuid: 'UUID',
};

/**
 * The tables and columns of a live PostgreSQL database for the error teacher (tables outside `public` are named
 * `schema.table`). Empty for other kinds of connection, or when the catalog can't be read.
 */
export async function readLiveSchema(conn: LiveConnection): Promise<SchemaTable[]> {
  if (conn.kind !== 'postgres') return [];
  let rows: Record<string, unknown>[];
  try {
    rows = (
      await conn.query(
        `SELECT table_schema AS s, table_name AS t, column_name AS c, data_type AS d
         FROM information_schema.columns
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
         ORDER BY table_schema, table_name, ordinal_position`,
        { maxRows: 20_000, timeoutMs: 5_000 },
      )
    ).rows;
  } catch {
    return [];
  }
  const tables = new Map<string, SchemaTable>();
  for (const r of rows) {
    const name = r.s === 'public' ? String(r.t) : `${String(r.s)}.${String(r.t)}`;
    const table = tables.get(name) ?? { table: name, columns: [] };
    const type = String(r.d);
    table.columns.push({ name: String(r.c), type: PG_TYPES[type] ?? type.toUpperCase() });
    tables.set(name, table);
  }
  return [...tables.values()];
}
