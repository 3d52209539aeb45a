export type * from './ast/expr-nodes.js';
export type * from './ast/query-nodes.js';
export type { EpochUnit, IntervalUnit, SqlType, TruncUnit } from './ast/types.js';
export {
  type AggOptions,
  agg,
  arrayAgg,
  avg,
  caseWhen,
  cast,
  coalesce,
  count,
  countDistinct,
  exists,
  filter,
  fn,
  greatest,
  least,
  listContains,
  listLength,
  listValue,
  max,
  min,
  nullif,
  percentileCont,
  regexpExtract,
  regexpMatch,
  subquery,
  sum,
} from './build/functions.js';
export {
  add,
  and,
  between,
  concat,
  div,
  eq,
  gt,
  gte,
  ilike,
  intDiv,
  isDistinct,
  isIn,
  isNotDistinct,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  mod,
  mul,
  neg,
  neq,
  not,
  notBetween,
  notIn,
  notLike,
  or,
  sub,
} from './build/operators.js';
export {
  asc,
  currentRow,
  desc,
  following,
  type OrderInput,
  type OverOptions,
  over,
  preceding,
  rangeBetween,
  rowsBetween,
  unboundedFollowing,
  unboundedPreceding,
} from './build/order.js';
export {
  cte,
  except,
  type FromInput,
  intersect,
  type JoinOptions,
  rawQuery,
  SelectBuilder,
  type SelectInput,
  select,
  subqueryRef,
  table,
  union,
  unionAll,
  values,
  withSetOptions,
} from './build/query.js';
export { type QueryInput, toQuery } from './build/query-input.js';
export {
  assumeUtc,
  atTimeZone,
  dateSeries,
  dateTrunc,
  epoch,
  fromEpoch,
  interval,
  secondsBetween,
} from './build/time.js';
export { column, type ExprInput, literal, param, raw, star, toExpr } from './build/values.js';
export type { Dialect } from './dialect.js';
export { duckdbDialect } from './dialects/duckdb.js';
export { postgresDialect } from './dialects/postgres.js';
export { SqlBuildError } from './errors.js';
export { quoteIdent, quoteString } from './quote.js';
export { type SqlInput, type ToSqlOptions, toSql } from './to-sql.js';
