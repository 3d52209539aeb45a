import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '@sightline/testkit';
import { queryRows } from './duck.js';

/** A fresh in-memory DuckDB and temp folder for one test file. */
export async function importFixture() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const dir = tempDir('sightline-import-');
  return {
    conn,
    dir: dir.path,
    scratchDir: `${dir.path}/scratch`,
    close: () => {
      conn.closeSync();
      instance.closeSync();
      dir.cleanup();
    },
  };
}

/** Every table in the database (all schemas) with its row count and a content checksum, to prove nothing changed. */
export async function snapshot(conn: Awaited<ReturnType<DuckDBInstance['connect']>>): Promise<string[]> {
  const tables = await queryRows(
    conn,
    'SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY schema_name, table_name',
  );
  const out: string[] = [];
  for (const t of tables) {
    const name = `"${String(t.schema_name)}"."${String(t.table_name)}"`;
    const [r] = await queryRows(conn, `SELECT count(*) AS n, coalesce(sum(hash(x)), 0) AS h FROM ${name} x`);
    out.push(`${name}:${r?.n}:${r?.h}`);
  }
  return out;
}
