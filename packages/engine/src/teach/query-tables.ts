import type { SqlPosition } from '../core/query-error.js';
import type { SchemaTable } from './lesson.js';
import { identifierOf, isWord, RESERVED_WORDS, type SqlToken } from './sql-tokens.js';

/** A table named in FROM or JOIN, with the alias it goes by and its schema entry when known. */
export interface TableRef {
  name: string;
  alias: string;
  /** Index of the token naming the table. */
  token: number;
  /** Index of the last token of the reference (the alias, or the name). */
  lastToken: number;
  info?: SchemaTable;
}

const NOT_ALIAS = new Set([
  ...RESERVED_WORDS,
  'join',
  'inner',
  'left',
  'right',
  'full',
  'outer',
  'cross',
  'natural',
  'semi',
  'anti',
  'asof',
  'positional',
  'qualify',
]);

/** The tables the SQL reads in FROM and JOIN clauses (found from tokens, so it works on SQL that fails). */
export function queryTables(tokens: SqlToken[], schema: SchemaTable[]): TableRef[] {
  const refs: TableRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'from', 'join') && !(tokens[i]?.text === ',' && inFromList(tokens, i))) continue;
    let j = i + 1;
    let name = identifierOf(tokens[j]);
    if (name === undefined || (tokens[j]?.kind === 'word' && NOT_ALIAS.has(tokens[j]!.value))) continue;
    const nameToken = j;
    let qualified = name;
    while (tokens[j + 1]?.text === '.' && identifierOf(tokens[j + 2]) !== undefined) {
      j += 2;
      name = identifierOf(tokens[j])!;
      qualified = `${qualified}.${name}`;
    }
    let alias = name;
    let last = j;
    if (isWord(tokens[j + 1], 'as') && identifierOf(tokens[j + 2]) !== undefined) {
      alias = identifierOf(tokens[j + 2])!;
      last = j + 2;
    } else if (identifierOf(tokens[j + 1]) !== undefined && !NOT_ALIAS.has(tokens[j + 1]!.value)) {
      alias = identifierOf(tokens[j + 1])!;
      last = j + 1;
    }
    // Live databases name tables outside their default schema as `schema.table`.
    const info = (qualified !== name ? findTable(schema, qualified) : undefined) ?? findTable(schema, name);
    refs.push({
      name: info?.table ?? name,
      alias,
      token: nameToken,
      lastToken: last,
      ...(info ? { info } : {}),
    });
  }
  return refs;
}

function inFromList(tokens: SqlToken[], comma: number): boolean {
  let depth = 0;
  for (let k = comma - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.text === ')') depth++;
    else if (t.text === '(') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && t.kind === 'word' && RESERVED_WORDS.has(t.value)) return t.value === 'from';
  }
  return false;
}

/** The schema entry of `name` (exact first, then case-insensitive). */
export function findTable(schema: SchemaTable[], name: string): SchemaTable | undefined {
  return (
    schema.find((t) => t.table === name) ?? schema.find((t) => t.table.toLowerCase() === name.toLowerCase())
  );
}

/** True when `table` has a column called `column` (case-insensitive, as DuckDB binds). */
export function hasColumn(table: SchemaTable | undefined, column: string): boolean {
  return table?.columns.some((c) => c.name.toLowerCase() === column.toLowerCase()) ?? false;
}

/** The type of `column` in `table`, if known. */
export function columnType(table: SchemaTable | undefined, column: string): string | undefined {
  return table?.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.type;
}

/** ` (line L, col C)` for a position, or an empty string. */
export function at(position: SqlPosition | undefined): string {
  return position ? ` (line ${position.line}, col ${position.column})` : '';
}

/** How a table is named in prose: `users`, or `users (u)` when it has an alias. */
export function tableLabel(ref: TableRef): string {
  return ref.alias === ref.name ? ref.name : `${ref.name} (${ref.alias})`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listWords(items: string[], joiner = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

/** An identifier as SQL: bare when it is a plain lower-case name, else double-quoted. */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED_WORDS.has(name)
    ? name
    : `"${name.replaceAll('"', '""')}"`;
}
