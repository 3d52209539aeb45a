import {
  and,
  arrayAgg,
  asc,
  caseWhen,
  cast,
  column,
  count,
  countDistinct,
  desc,
  type ExprNode,
  eq,
  exists,
  fn,
  gt,
  isIn,
  isNotNull,
  listContains,
  literal,
  max,
  min,
  not,
  notLike,
  or,
  param,
  postgresDialect,
  select,
  sub,
  subquery,
  table,
  toSql,
  unionAll,
} from '@sightline/sql';
import { closeMatches } from '../../core/catalog.js';
import { SightlineError } from '../../errors.js';
import type { ColumnProfile, JsonValue, QueryResult } from '../../types.js';
import type { LiveTableInfo } from '../types.js';

/** Runs generated SQL on the connection. */
export type Run = (sql: string, params?: unknown[]) => Promise<QueryResult>;

/** Tables whose planner estimate is below this are counted exactly; bigger ones report the estimate. */
export const EXACT_COUNT_BELOW = 100_000;

const pg = postgresDialect();
const sql = (node: Parameters<typeof toSql>[0]) => toSql(node, pg, { pretty: true });
const c = (name: string, t?: string) => column(name, t);
const PG_CLASS = table(['pg_catalog', 'pg_class'], 'c');
const PG_NAMESPACE = table(['pg_catalog', 'pg_namespace'], 'n');
const RELATION_KINDS = ['r', 'p', 'v', 'm', 'f'];

/** The query loading the connection's type cache: every non-composite type, its name and array element. */
export function typeCacheSql(): string {
  const elemIsComposite = exists(
    select(1)
      .from(table(['pg_catalog', 'pg_type'], 'e'))
      .where(eq(c('oid', 'e'), c('typelem', 't')), eq(c('typtype', 'e'), 'c')),
  );
  return sql(
    select({
      oid: cast(c('oid', 't'), 'BIGINT'),
      elem: caseWhen([[eq(c('typcategory', 't'), 'A'), cast(c('typelem', 't'), 'BIGINT')]], 0),
      display: fn('format_type', c('oid', 't'), literal(null)),
      builtin: eq(c('nspname', 'n'), 'pg_catalog'),
    })
      .from(table(['pg_catalog', 'pg_type'], 't'))
      .join(PG_NAMESPACE, { on: eq(c('oid', 'n'), c('typnamespace', 't')) })
      .where(not(eq(c('typtype', 't'), 'c')), not(elemIsComposite)),
  );
}

/** A type name for people: built-in types upper-cased like DuckDB's (`TIMESTAMP WITH TIME ZONE`). */
export function displayType(name: string, builtin: boolean): string {
  return builtin ? name.toUpperCase() : name;
}

function userRelations(): ExprNode[] {
  return [
    isIn(c('relkind', 'c'), RELATION_KINDS),
    not(isIn(c('nspname', 'n'), ['pg_catalog', 'information_schema'])),
    notLike(c('nspname', 'n'), 'pg\\_toast%'),
    notLike(c('nspname', 'n'), 'pg\\_temp\\_%'),
    not(c('relispartition', 'c')),
    fn('has_table_privilege', c('oid', 'c'), 'SELECT'),
  ];
}

/** Lists user tables and views with column counts and exact (small) or estimated (big) row counts. */
export async function listTables(run: Run): Promise<LiveTableInfo[]> {
  const columnCount = subquery(
    select(count())
      .from(table(['pg_catalog', 'pg_attribute'], 'a'))
      .where(eq(c('attrelid', 'a'), c('oid', 'c')), gt(c('attnum', 'a'), 0), not(c('attisdropped', 'a'))),
  );
  const list = await run(
    sql(
      select({
        schema: c('nspname', 'n'),
        table: c('relname', 'c'),
        kind: cast(c('relkind', 'c'), 'TEXT'),
        estimate: cast(c('reltuples', 'c'), 'BIGINT'),
        columns: columnCount,
      })
        .from(PG_CLASS)
        .join(PG_NAMESPACE, { on: eq(c('oid', 'n'), c('relnamespace', 'c')) })
        .where(...userRelations())
        .orderBy(c('schema'), c('table')),
    ),
  );
  const rows = list.rows.map((r) => ({
    schema: String(r.schema),
    table: String(r.table),
    columns: Number(r.columns),
    estimate: Number(r.estimate),
    kind: String(r.kind),
  }));
  const exact = rows.filter((r) => r.kind !== 'r' || r.estimate < EXACT_COUNT_BELOW);
  const counts = await exactCounts(run, exact);
  return rows.map((r) => {
    const n = counts?.get(r);
    return {
      schema: r.schema,
      table: r.table,
      rows: n ?? Math.max(r.estimate, 0),
      columns: r.columns,
      estimated: n === undefined,
    };
  });
}

/** Counts rows of the given tables in one statement, under a time limit; undefined when that limit is hit. */
async function exactCounts<T extends { schema: string; table: string }>(
  run: Run,
  tables: T[],
): Promise<Map<T, number> | undefined> {
  if (tables.length === 0) return new Map();
  const parts = tables.map((t, i) => select({ i, n: count() }).from(table([t.schema, t.table])));
  const query = parts.length === 1 ? parts[0]! : unionAll(...parts);
  try {
    await run("SELECT set_config('statement_timeout', '10s', false)");
    const result = await run(sql(query));
    return new Map(result.rows.map((r) => [tables[Number(r.i)]!, Number(r.n)]));
  } catch (err) {
    if (
      err instanceof SightlineError &&
      /took longer|statement timeout/iu.test(`${err.message} ${String(err.cause)}`)
    ) {
      return undefined;
    }
    throw err;
  } finally {
    await run('RESET statement_timeout');
  }
}

/** Finds `name` or `schema.name` among readable relations (search path first); errors name close matches. */
async function resolveRelation(
  run: Run,
  wanted: string,
): Promise<{ schema: string; table: string; oid: string }> {
  const dot = wanted.indexOf('.');
  const [schema, name] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot + 1)] : ['', wanted];
  const qualified = and(eq(c('nspname', 'n'), param(1)), eq(c('relname', 'c'), param(2)));
  const searchPath = fn('current_schemas', false);
  const inPath = and(eq(c('relname', 'c'), param(3)), listContains(searchPath, c('nspname', 'n')));
  const found = await run(
    sql(
      select({ schema: c('nspname', 'n'), table: c('relname', 'c'), oid: cast(c('oid', 'c'), 'BIGINT') })
        .from(PG_CLASS)
        .join(PG_NAMESPACE, { on: eq(c('oid', 'n'), c('relnamespace', 'c')) })
        .where(...userRelations(), or(qualified, inPath))
        .orderBy(desc(qualified), asc(fn('array_position', searchPath, c('nspname', 'n'))))
        .limit(1),
    ),
    [schema, name, wanted],
  );
  const hit = found.rows[0];
  if (hit) return { schema: String(hit.schema), table: String(hit.table), oid: String(hit.oid) };
  const names = (await listTables(run)).map((t) =>
    t.schema === 'public' ? t.table : `${t.schema}.${t.table}`,
  );
  const close = closeMatches(wanted, names);
  throw new SightlineError(
    `Table "${wanted}" doesn't exist in this database.${close.length ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
    {
      kind: 'user',
      hints: names.length
        ? [`Tables here: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}.`]
        : ['This database has no tables this user can read.'],
    },
  );
}

/** How a column can be profiled, from its type category. */
function profileExprs(col: ExprNode, category: string, typeOid: number) {
  const asText = cast(col, 'TEXT');
  const comparable = ['N', 'S', 'D', 'T', 'E'].includes(category);
  if (comparable) return { key: col, lo: min(col), hi: max(col) };
  if (category === 'B') return { key: col, lo: fn('bool_and', col), hi: fn('bool_or', col) };
  if (typeOid === 2950) return { key: col, lo: min(asText), hi: max(asText) };
  if (typeOid === 3802) return { key: col, lo: literal(null), hi: literal(null) };
  return { key: asText, lo: literal(null), hi: literal(null) };
}

/** Profiles every column of a table with two generated queries run in PostgreSQL. */
export async function describeRelation(run: Run, wanted: string): Promise<ColumnProfile[]> {
  const rel = await resolveRelation(run, wanted);
  const cols = await run(
    sql(
      select({
        name: c('attname', 'a'),
        type: fn('format_type', c('atttypid', 'a'), c('atttypmod', 'a')),
        builtin: eq(c('nspname', 'n'), 'pg_catalog'),
        category: cast(c('typcategory', 't'), 'TEXT'),
        oid: cast(c('atttypid', 'a'), 'BIGINT'),
      })
        .from(table(['pg_catalog', 'pg_attribute'], 'a'))
        .join(table(['pg_catalog', 'pg_type'], 't'), { on: eq(c('oid', 't'), c('atttypid', 'a')) })
        .join(PG_NAMESPACE, { on: eq(c('oid', 'n'), c('typnamespace', 't')) })
        .where(
          eq(c('attrelid', 'a'), cast(param(1), 'BIGINT')),
          gt(c('attnum', 'a'), 0),
          not(c('attisdropped', 'a')),
        )
        .orderBy(c('attnum', 'a')),
    ),
    [rel.oid],
  );
  if (cols.rows.length === 0) return [];
  const from = table([rel.schema, rel.table]);
  const columns = cols.rows.map((r, i) => {
    const col = column(String(r.name));
    return {
      i,
      col,
      name: String(r.name),
      type: displayType(String(r.type), r.builtin === true),
      ...profileExprs(col, String(r.category), Number(r.oid)),
    };
  });
  const stats = await run(
    sql(
      select(
        ...columns.map((k) => ({
          [`n${k.i}`]: sub(count(), count(k.col)),
          [`d${k.i}`]: countDistinct(k.key),
          [`lo${k.i}`]: k.lo,
          [`hi${k.i}`]: k.hi,
        })),
      ).from(from),
    ),
  );
  // One aggregate subquery per column (one scan each), cross-joined: each yields exactly one row.
  const perColumn = columns.map((k) => {
    const inner = select({ v: k.key, n: count() })
      .from(from)
      .where(isNotNull(k.col))
      .groupBy(1)
      .orderBy(desc(c('n')), asc(c('v')))
      .limit(5);
    const order = [desc(c('n')), asc(c('v'))];
    return select({
      [`tv${k.i}`]: arrayAgg(c('v'), { orderBy: order }),
      [`tn${k.i}`]: arrayAgg(c('n'), { orderBy: order }),
    })
      .from(inner.as('s'))
      .as(`t${k.i}`);
  });
  const topQuery = perColumn.slice(1).reduce((q, item) => q.join(item), select().from(perColumn[0]!));
  const tops = await run(sql(topQuery));
  const s = stats.rows[0] ?? {};
  const t = tops.rows[0] ?? {};
  return columns.map((k) => {
    const values = (t[`tv${k.i}`] ?? []) as JsonValue[];
    const counts = (t[`tn${k.i}`] ?? []) as JsonValue[];
    return {
      column: k.name,
      type: k.type,
      nulls: Number(s[`n${k.i}`] ?? 0),
      distinct: Number(s[`d${k.i}`] ?? 0),
      min: s[`lo${k.i}`] ?? null,
      max: s[`hi${k.i}`] ?? null,
      top: values.map((value, j) => ({ value, count: Number(counts[j]) })),
    };
  });
}
