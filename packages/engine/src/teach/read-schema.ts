import type { Engine } from '../core/engine.js';
import type { SchemaTable } from './lesson.js';

/** The tables and views of schema `main` with their columns, in column order (what the teacher reasons about). */
export async function readSchema(engine: Engine): Promise<SchemaTable[]> {
  const { rows } = await engine.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main'
     ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, SchemaTable>();
  for (const r of rows) {
    const table = String(r.table_name);
    let entry = byTable.get(table);
    if (!entry) {
      entry = { table, columns: [] };
      byTable.set(table, entry);
    }
    entry.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  return [...byTable.values()];
}
