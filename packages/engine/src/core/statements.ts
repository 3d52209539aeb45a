import { type DuckDBConnection, StatementType } from '@duckdb/node-api';

/** True when `sql` is exactly one SELECT statement (so it can be wrapped as a subquery). */
export async function isSingleSelect(conn: DuckDBConnection, sql: string): Promise<boolean> {
  const extracted = await conn.extractStatements(sql);
  if (extracted.count !== 1) return false;
  const prepared = await extracted.prepare(0);
  try {
    return prepared.statementType === StatementType.SELECT;
  } finally {
    prepared.destroySync();
  }
}

/** `sql` wrapped as `SELECT * FROM (sql) LIMIT n`, and the bytes put before it (for error positions). */
export function limitedSelect(sql: string, limit: number): { sql: string; prefixBytes: number } {
  const prefix = 'SELECT * FROM (\n';
  const body = sql.replace(/[\s;]+$/u, '');
  return {
    sql: `${prefix}${body}\n) AS sightline_limited LIMIT ${Math.max(0, Math.floor(limit))}`,
    prefixBytes: Buffer.byteLength(prefix),
  };
}
