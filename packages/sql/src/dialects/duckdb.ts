import type { IntervalUnit, SqlType } from '../ast/types.js';
import type { Dialect } from '../dialect.js';
import { quoteIdent, quoteString } from '../quote.js';

const TYPES: Partial<Record<SqlType, string>> = { TEXT: 'VARCHAR', 'TEXT[]': 'VARCHAR[]' };

const INTERVAL_FN: Record<IntervalUnit, string> = {
  second: 'to_seconds',
  minute: 'to_minutes',
  hour: 'to_hours',
  day: 'to_days',
  week: 'to_weeks',
  month: 'to_months',
};

/** The DuckDB dialect (embedded engine). */
export function duckdbDialect(): Dialect {
  return {
    name: 'duckdb',
    quoteIdent,
    quoteString,
    typeName: (type) => TYPES[type] ?? type,
    divide: (l, r) => `${l} / ${r}`,
    intDiv: (l, r) => `(${l} // ${r})`,
    // timezone(tz, timestamptz) is DuckDB's AT TIME ZONE: local wall-clock time in tz (ICU, DST-aware).
    dateTrunc: (unit, x, tz) => `date_trunc('${unit}', ${tz === undefined ? x : `timezone(${tz}, ${x})`})`,
    atTimeZone: (x, tz) => `timezone(${tz}, ${x})`,
    epoch: (x) => `epoch(${x})`,
    // epoch_ms(BIGINT) is exact to the millisecond; it gives a naive UTC timestamp, made zoned with timezone('UTC').
    fromEpoch: (x, unit) =>
      unit === 's' ? `to_timestamp(${x})` : `timezone('UTC', epoch_ms(CAST(${x} AS BIGINT)))`,
    interval: (amount, unit, lit) =>
      lit === undefined ? `${INTERVAL_FN[unit]}(${amount})` : `INTERVAL '${lit} ${unit}'`,
    regexpMatch: (x, p) => `regexp_matches(${x}, ${p})`,
    // regexp_extract returns '' when nothing matches; the CASE makes that NULL as in PostgreSQL.
    regexpExtract: (x, p, g) =>
      `CASE WHEN regexp_matches(${x}, ${p}) THEN regexp_extract(${x}, ${p}, ${g}) END`,
    listValue: (items) => `[${items.join(', ')}]`,
    listLength: (list) => `len(${list})`,
    listContains: (list, item) => `list_contains(${list}, ${item})`,
    // Sorting after collecting is faster than DuckDB's ordered aggregate (array_agg(x ORDER BY x)).
    sortedList: (x) => `list_sort(array_agg(${x}) FILTER (WHERE ${x} IS NOT NULL))`,
    // DuckDB fails on a shift out of range (1 << 63 and beyond).
    bitFlag: (bit) => `(CAST(1 AS BIGINT) << CAST(${bit} AS INTEGER))`,
    epochMicros: (x) => `epoch_us(${x})`,
    // Whole microseconds, then one rounding; TIMESTAMPTZ subtraction would go through ICU calendars (slow).
    exactSeconds: (a, b) => `(CAST(epoch_us(${b}) - epoch_us(${a}) AS DOUBLE) / 1000000)`,
    // A hash join on a VALUES list has its filter pushed into the scan; a plain IN list is tested after reading.
    inListAsTable: true,
    // A vectorised filter over the list; the lambda parameter cannot clash with a column of the generated SQL.
    listMinAtLeast: (list, v, strict) =>
      `list_min(list_filter(${list}, lambda sl_item: sl_item ${strict ? '>' : '>='} ${v}))`,
    distinctWindowAggregate: (name, arg, filter, window) =>
      `${name}(DISTINCT ${arg})${filter === undefined ? '' : ` FILTER (WHERE ${filter})`} OVER ${window}`,
  };
}
