import {
  asc,
  column,
  count,
  countDistinct,
  type Dialect,
  desc,
  duckdbDialect,
  isNull,
  max,
  min,
  rawQuery,
  select,
  star,
  subqueryRef,
  toSql,
} from '@sightline/sql';

/** The editor's SQL as a FROM item: it only ever enters generated SQL as a subquery. */
export function userSource(sql: string) {
  return subqueryRef(rawQuery(sql), 'result');
}

/** The user's query re-run ordered by one column (the grid's sort; the engine sorts, not the browser). */
export function sortedSql(
  sql: string,
  col: string,
  direction: 'asc' | 'desc',
  dialect: Dialect = duckdbDialect(),
): string {
  const term = direction === 'asc' ? asc(column(col)) : desc(column(col));
  return toSql(select(star()).from(userSource(sql)).orderBy(term), dialect);
}

/** Rows, NULLs, distinct values, min and max of one result column. */
export function profileSql(sql: string, col: string, dialect: Dialect = duckdbDialect()): string {
  const c = column(col);
  return toSql(
    select({
      rows: count(),
      nulls: count(star(), { filter: isNull(c) }),
      distinct: countDistinct(c),
      min: min(c),
      max: max(c),
    }).from(userSource(sql)),
    dialect,
  );
}

/** The five most frequent values of one result column. */
export function topValuesSql(sql: string, col: string, dialect: Dialect = duckdbDialect()): string {
  const c = column(col);
  return toSql(
    select({ value: c, count: count() })
      .from(userSource(sql))
      .groupBy(c)
      .orderBy(desc(column('count')), asc(c))
      .limit(5),
    dialect,
  );
}
