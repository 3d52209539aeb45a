import type { DuckDBConnection } from '@duckdb/node-api';
import { SightlineError } from '../errors.js';

const TYPE_SHAPE = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/;

/** True when `type` looks like a plain SQL type name (`BIGINT`, `DECIMAL(10,2)`, `VARCHAR[]`): safe to splice. */
export function isTypeName(type: string): boolean {
  return TYPE_SHAPE.test(type.trim());
}

/**
 * Checks the user's column types against the columns a file has and against DuckDB's type names; returns them
 * normalised as DuckDB spells them.
 */
export async function checkColumnTypes(
  conn: DuckDBConnection,
  requested: Record<string, string> | undefined,
  columns: string[],
  source: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, type] of Object.entries(requested ?? {})) {
    const match =
      columns.find((c) => c === name) ?? columns.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!match)
      throw new SightlineError(`"${source}" has no column "${name}", so its type can't be set.`, {
        hints: [`Its columns are: ${columns.join(', ')}.`],
      });
    const bad = () =>
      new SightlineError(`"${type}" is not a type Sightline knows (asked for column "${name}").`, {
        hints: ['Use a type like BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, DATE, TIMESTAMP or BOOLEAN.'],
      });
    if (!isTypeName(type)) throw bad();
    try {
      const r = await conn.runAndReadAll(`SELECT typeof(CAST(NULL AS ${type.trim()})) AS t`);
      out[match] = String(r.getRowObjectsJson()[0]?.t);
    } catch {
      throw bad();
    }
  }
  return out;
}
