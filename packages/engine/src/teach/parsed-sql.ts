import type { DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../core/engine.js';
import { positionFromOffset, type SqlPosition } from '../core/query-error.js';

/** A node of DuckDB's parsed-query JSON (`json_serialize_sql`); fields are read defensively. */
export type SqlNode = { readonly [key: string]: unknown };

/** The parsed SELECT statements of some SQL, or why it could not be parsed. */
export type ParsedSql =
  | { ok: true; sql: string; statements: SqlNode[] }
  | { ok: false; sql: string; reason: string; position?: SqlPosition };

/** Parses SELECT statements with DuckDB's own parser (`json_serialize_sql`); nothing is run or bound. */
export async function parseSql(source: Engine | DuckDBConnection, sql: string): Promise<ParsedSql> {
  const query = 'SELECT json_serialize_sql($1::VARCHAR) AS tree';
  const text =
    source instanceof Engine
      ? (await source.query(query, { params: [sql] })).rows[0]?.tree
      : (await source.runAndReadAll(query, [sql])).getRowObjectsJS()[0]?.tree;
  const data = JSON.parse(String(text)) as SqlNode;
  if (data.error === true) {
    const bytes = Number(data.position);
    const message = String(data.error_message ?? 'the SQL could not be parsed');
    return {
      ok: false,
      sql,
      reason: /Only SELECT/.test(message)
        ? 'Only SELECT queries can be explained.'
        : `The SQL can't be read (${message.replace(/^syntax error /, '')}), so it can't be explained yet.`,
      ...(typeof data.position === 'string' && Number.isInteger(bytes)
        ? { position: positionFromOffset(sql, charOffset(sql, bytes)) }
        : {}),
    };
  }
  const statements = nodes(data.statements)
    .map((s) => node(s.node))
    .filter((n) => n !== undefined);
  return { ok: true, sql, statements };
}

/** The character offset of a UTF-8 byte offset (DuckDB's `query_location`) in `text`. */
export function charOffset(text: string, bytes: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < bytes) {
    const code = text.codePointAt(i)!;
    seen += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code > 0xffff ? 2 : 1;
  }
  return i;
}

/** `value` as a node, if it is an object. */
export function node(value: unknown): SqlNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as SqlNode)
    : undefined;
}

/** `value` as a list of nodes (non-objects dropped). */
export function nodes(value: unknown): SqlNode[] {
  return Array.isArray(value) ? value.map(node).filter((n) => n !== undefined) : [];
}

/** `value` as a string ('' when it is not one). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Every node in the tree under `root` (depth first, parents before children). */
export function walk(root: unknown, visit: (n: SqlNode) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) walk(item, visit);
    return;
  }
  const n = node(root);
  if (!n) return;
  visit(n);
  for (const value of Object.values(n)) if (value !== null && typeof value === 'object') walk(value, visit);
}
