import type { DuckDBConnection } from '@duckdb/node-api';
import { builderFromTree, type ParseBackResult } from './parse-tree.js';

async function scalar(conn: DuckDBConnection, sql: string, param: string): Promise<string> {
  const r = await conn.runAndReadAll(sql, [param]);
  return String(r.getRows()[0]![0]);
}

/** Parse-back through a DuckDB connection, as the engine does it (json_serialize_sql / json_deserialize_sql). */
export async function parseWithDuckdb(conn: DuckDBConnection, sql: string): Promise<ParseBackResult> {
  const tree = JSON.parse(await scalar(conn, 'SELECT json_serialize_sql($1::VARCHAR)', sql));
  return builderFromTree(tree, {
    sqlText: (json) => scalar(conn, 'SELECT json_deserialize_sql($1::JSON)', json),
  });
}
