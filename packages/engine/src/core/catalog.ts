import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { ColumnProfile, JsonValue, TableInfo } from '../types.js';
import type { Engine } from './engine.js';

const USER_TABLES = `SELECT table_name, column_count FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
  AND NOT starts_with(table_name, '__sightline_') ORDER BY table_name`;

/** User tables in schema `main` (never `sightline_meta`), sorted by name, with exact row counts. */
export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const { rows } = await engine.query(USER_TABLES);
  if (rows.length === 0) return [];
  const counts = await engine.query(
    rows
      .map((r, i) => `SELECT ${i} AS i, count(*)::BIGINT AS n FROM main.${quoteIdent(String(r.table_name))}`)
      .join('\nUNION ALL\n'),
  );
  const byIndex = new Map(counts.rows.map((r) => [Number(r.i), Number(r.n)]));
  return rows.map((r, i) => ({
    table: String(r.table_name),
    rows: byIndex.get(i) ?? 0,
    columns: Number(r.column_count),
  }));
}

/**
 * Profiles every column of `table` in two queries: one for null/distinct counts and min/max of all columns,
 * one for the top five values of all columns (each a list of {value, count} keeping the column's type).
 */
export async function describeTable(engine: Engine, table: string): Promise<ColumnProfile[]> {
  const name = await resolveTable(engine, table);
  const cols = await engine.query(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 ORDER BY column_index`,
    { params: [name] },
  );
  if (cols.rows.length === 0) return [];
  const from = `main.${quoteIdent(name)}`;
  const columns = cols.rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
  const stats = columns.map((c, i) => {
    const q = quoteIdent(c.name);
    const orderable = isOrderable(c.type);
    return [
      `count(*) - count(${q}) AS n${i}`,
      orderable ? `count(DISTINCT ${q}) AS d${i}` : `count(DISTINCT ${q}::VARCHAR) AS d${i}`,
      orderable ? `min(${q}) AS lo${i}` : `NULL AS lo${i}`,
      orderable ? `max(${q}) AS hi${i}` : `NULL AS hi${i}`,
    ].join(', ');
  });
  const tops = columns.map((c, i) => {
    // MAP and UNION values cannot be grouped or ordered; they get no top values.
    if (!isOrderable(c.type)) return `[] AS t${i}`;
    const q = quoteIdent(c.name);
    return `(SELECT coalesce(list({'value': v, 'count': n} ORDER BY n DESC, v), [])
      FROM (SELECT ${q} AS v, count(*)::BIGINT AS n FROM ${from} WHERE ${q} IS NOT NULL
            GROUP BY 1 ORDER BY n DESC, v LIMIT 5)) AS t${i}`;
  });
  const [s, t] = await Promise.all([
    engine.query(`SELECT ${stats.join(',\n')} FROM ${from}`),
    engine.query(`SELECT ${tops.join(',\n')}`),
  ]);
  const srow = s.rows[0] ?? {};
  const trow = t.rows[0] ?? {};
  return columns.map((c, i) => ({
    column: c.name,
    type: c.type,
    nulls: Number(srow[`n${i}`] ?? 0),
    distinct: Number(srow[`d${i}`] ?? 0),
    min: srow[`lo${i}`] ?? null,
    max: srow[`hi${i}`] ?? null,
    top: ((trow[`t${i}`] ?? []) as { value: JsonValue; count: JsonValue }[]).map((e) => ({
      value: e.value,
      count: Number(e.count),
    })),
  }));
}

function isOrderable(type: string): boolean {
  return !/^(MAP|UNION)\b/.test(type) && !type.includes('MAP(');
}

/** The exact name of a user table in `main`; unknown names get an error naming close matches. */
export async function resolveTable(engine: Engine, table: string): Promise<string> {
  const { rows } = await engine.query(USER_TABLES);
  const names = rows.map((r) => String(r.table_name));
  if (names.includes(table)) return table;
  const folded = names.filter((n) => n.toLowerCase() === table.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  const close = closeMatches(table, names);
  throw new SightlineError(
    `Table "${table}" doesn't exist in this workspace.${close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
    {
      kind: 'user',
      hints:
        names.length === 0
          ? ['The workspace has no tables yet; import a file first (sightline import FILE).']
          : [`Tables here: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}.`],
    },
  );
}

/** True when `name` is a user table in schema `main`. */
export async function tableExists(engine: Engine, name: string): Promise<boolean> {
  const { rows } = await engine.query(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
     AND NOT temporary AND table_name = ${quoteString(name)}`,
  );
  return rows.length > 0;
}

/** Names within a small edit distance of `wanted` (or containing it), closest first, at most three. */
export function closeMatches(wanted: string, names: string[]): string[] {
  const w = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return names
    .map((n) => ({ n, d: editDistance(w, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= limit || (w.length >= 3 && n.toLowerCase().includes(w)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map(({ n }) => n);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
