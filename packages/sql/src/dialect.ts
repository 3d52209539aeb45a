import type { EpochUnit, IntervalUnit, SqlType, TruncUnit } from './ast/types.js';

/**
 * Everything that differs between SQL engines. The shared generator (generate/) renders the tree and asks the
 * dialect for these pieces; it receives and returns SQL text. Operands it is handed are already parenthesised
 * where needed, and what it returns must be safe to use as an operand (wrap in parentheses when in doubt).
 */
export interface Dialect {
  /** Engine name, e.g. `duckdb` or `postgres`. */
  readonly name: string;
  /** Quotes an identifier; throws SqlBuildError when the engine cannot represent it. */
  quoteIdent(name: string): string;
  /** Quotes a string literal. */
  quoteString(value: string): string;
  /** The engine's spelling of a type. */
  typeName(type: SqlType): string;
  /** `left / right` as floating-point division. */
  divide(left: string, right: string): string;
  /** Integer division truncating toward zero (integer operands). */
  intDiv(left: string, right: string): string;
  /** Start of `unit` (weeks on Monday) as a TIMESTAMP; with `tz`, the TIMESTAMPTZ is read as local time there. */
  dateTrunc(unit: TruncUnit, expr: string, tz?: string): string;
  /** SQL-standard `expr AT TIME ZONE tz`. */
  atTimeZone(expr: string, tz: string): string;
  /** Seconds since the epoch (or interval length) as DOUBLE. */
  epoch(expr: string): string;
  /** TIMESTAMPTZ from epoch seconds or milliseconds. */
  fromEpoch(expr: string, unit: EpochUnit): string;
  /** An interval; `literalAmount` is set when the amount is a plain number. */
  interval(amount: string, unit: IntervalUnit, literalAmount?: number): string;
  /** Partial regular-expression match (boolean). */
  regexpMatch(expr: string, pattern: string): string;
  /** First match (group 0) or its n-th group; NULL when there is no match. */
  regexpExtract(expr: string, pattern: string, group: number): string;
  /** A list (array) value from items. */
  listValue(items: string[]): string;
  /** Number of elements of a list. */
  listLength(list: string): string;
  /** Whether the list holds the item (NULL for a NULL list). */
  listContains(list: string, item: string): string;
  /** Aggregate: the non-NULL values of `x`, ascending, repeats kept, as a list (NULL when there is none). */
  sortedList(x: string): string;
  /**
   * `name(DISTINCT arg) [FILTER (WHERE filter)] OVER window` - PostgreSQL has no DISTINCT aggregates over a
   * window, so its dialect writes an equivalent. `window` is the parenthesised window specification.
   */
  distinctWindowAggregate(name: string, arg: string, filter: string | undefined, window: string): string;
  /** Text that compares and sorts bytewise (code point order), ignoring the database's collation. */
  bytewise?(expr: string): string;
  /** The smallest element of `list` that is >= `value` (`strict`: >), NULL when none (e.g. the next event time). */
  listMinAtLeast?(list: string, value: string, strict?: boolean): string;
  /** Seconds from `start` to `end` as DOUBLE, computed exactly (microseconds) before the one rounding. */
  exactSeconds?(start: string, end: string): string;
  /** Whole microseconds since 1970-01-01 UTC (BIGINT) of a TIMESTAMP (as UTC) or TIMESTAMPTZ. */
  epochMicros?(ts: string): string;
  /** The BIGINT with only bit `bit` set (0..62); must fail past 62. */
  bitFlag?(bit: string): string;
  /**
   * True when an IN list marked `asTable` runs faster as `IN (SELECT ... FROM (VALUES ...))`: DuckDB runs that as a
   * hash join and pushes its filter into the scan, where it tests a plain IN list row by row after reading.
   */
  inListAsTable?: boolean;
}
