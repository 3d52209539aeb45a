import type { LiveConnection } from '@sightline/engine';

/** A live database's table as the catalog shows it: schema, name, rows, columns. */
export interface LiveCatalogTable {
  table: string;
  schema: string;
  rows: number;
  /** True when `rows` is the planner's estimate. */
  estimated: boolean;
  columns: { name: string; type: string }[];
}

// information_schema is standard SQL, so this reads any connector's columns, not only PostgreSQL's.
const COLUMNS_SQL = `SELECT table_schema, table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY table_schema, table_name, ordinal_position`;

/** Tables of a live database with their columns, for the catalog and the editor's autocomplete. */
export async function liveCatalog(conn: LiveConnection): Promise<LiveCatalogTable[]> {
  const [tables, columns] = await Promise.all([conn.tables(), conn.query(COLUMNS_SQL, { maxRows: 50_000 })]);
  const bySchemaTable = new Map<string, { name: string; type: string }[]>();
  for (const row of columns.rows) {
    const key = `${String(row.table_schema)}.${String(row.table_name)}`;
    const list = bySchemaTable.get(key) ?? [];
    list.push({ name: String(row.column_name), type: String(row.data_type).toUpperCase() });
    bySchemaTable.set(key, list);
  }
  return tables.map((t) => ({
    table: t.table,
    schema: t.schema,
    rows: t.rows,
    estimated: t.estimated,
    columns: bySchemaTable.get(`${t.schema}.${t.table}`) ?? [],
  }));
}
