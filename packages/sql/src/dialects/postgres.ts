import type { IntervalUnit, SqlType } from '../ast/types.js';
import type { Dialect } from '../dialect.js';
import { SqlBuildError } from '../errors.js';
import { quoteIdent, quoteString } from '../quote.js';

const TYPES: Partial<Record<SqlType, string>> = {
  DOUBLE: 'DOUBLE PRECISION',
  'DOUBLE[]': 'DOUBLE PRECISION[]',
  BLOB: 'BYTEA',
  JSON: 'JSONB',
};

const MAKE_INTERVAL_ARG: Record<IntervalUnit, string> = {
  second: 'secs',
  minute: 'mins',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
};

/** PostgreSQL silently truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
const MAX_IDENT_BYTES = 63;

function pgQuoteIdent(name: string): string {
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_IDENT_BYTES) {
    throw new SqlBuildError(
      `The name "${name}" is ${bytes} bytes long; PostgreSQL allows at most ${MAX_IDENT_BYTES}`,
    );
  }
  return quoteIdent(name);
}

/**
 * `count(DISTINCT x) OVER (...)` does not exist in PostgreSQL. Equivalent used here: aggregate the frame's non-NULL
 * values as keys of a jsonb object (duplicate keys collapse), then count the keys. It stays one expression (no
 * self-join or query rewrite needed), works for ROWS and RANGE frames, and gives 0 for an empty frame like count.
 * Values are compared by their text form, which is exact for integers, text, dates and timestamps.
 */
function distinctWindowAggregate(
  name: string,
  arg: string,
  filter: string | undefined,
  window: string,
): string {
  if (name.toLowerCase() !== 'count') {
    throw new SqlBuildError(
      `PostgreSQL cannot compute ${name}(DISTINCT ...) over a window; only count is rewritten`,
    );
  }
  const keep = `(${arg}) IS NOT NULL${filter === undefined ? '' : ` AND (${filter})`}`;
  const keys = `jsonb_object_agg(CAST(${arg} AS TEXT), 1) FILTER (WHERE ${keep}) OVER ${window}`;
  return `COALESCE(CAST(jsonb_array_length(jsonb_path_query_array(${keys}, '$.keyvalue()')) AS BIGINT), 0)`;
}

/** The PostgreSQL dialect (live connections). */
export function postgresDialect(): Dialect {
  return {
    name: 'postgres',
    quoteIdent: pgQuoteIdent,
    quoteString,
    typeName: (type) => TYPES[type] ?? type,
    // PostgreSQL divides integers by truncating; the engines agree only when both divide as double.
    divide: (l, r) => `CAST(${l} AS DOUBLE PRECISION) / ${r}`,
    intDiv: (l, r) => `(${l} / ${r})`,
    dateTrunc: (unit, x, tz) =>
      `date_trunc('${unit}', ${tz === undefined ? x : `(${x} AT TIME ZONE ${tz})`})`,
    atTimeZone: (x, tz) => `(${x} AT TIME ZONE ${tz})`,
    epoch: (x) => `CAST(EXTRACT(EPOCH FROM ${x}) AS DOUBLE PRECISION)`,
    // to_timestamp(double) rounds to microseconds; numeric division keeps milliseconds exact before that.
    fromEpoch: (x, unit) => (unit === 's' ? `to_timestamp(${x})` : `to_timestamp(${x} / 1000.0)`),
    interval: (amount, unit, lit) =>
      lit === undefined
        ? `make_interval(${MAKE_INTERVAL_ARG[unit]} => ${amount})`
        : `INTERVAL '${lit} ${unit}'`,
    regexpMatch: (x, p) => `(${x} ~ ${p})`,
    // regexp_match returns the groups, or the whole match when the pattern has none: wrap it so group 0 is the match.
    regexpExtract: (x, p, g) => `(regexp_match(${x}, '(' || ${p} || ')'))[${g + 1}]`,
    listValue: (items) => `ARRAY[${items.join(', ')}]`,
    // cardinality is INTEGER; DuckDB's len is BIGINT, and both engines should hand back the same type.
    listLength: (list) => `CAST(cardinality(${list}) AS BIGINT)`,
    sortedList: (x) => `array_agg(${x} ORDER BY ${x}) FILTER (WHERE ${x} IS NOT NULL)`,
    listContains: (list, item) =>
      `CASE WHEN ${list} IS NULL THEN NULL ELSE COALESCE(${item} = ANY(${list}), FALSE) END`,
    distinctWindowAggregate,
    // The "C" collation compares bytes; UTF-8 byte order is code point order.
    bytewise: (x) => `(${x} COLLATE "C")`,
    // PostgreSQL shifts modulo 64; a power of two past 2^62 does not fit a BIGINT and fails instead.
    bitFlag: (bit) => `CAST(power(2, ${bit}) AS BIGINT)`,
    // EXTRACT(EPOCH ...) is an exact NUMERIC since PostgreSQL 14: times 10^6 it is a whole number.
    epochMicros: (x) => `CAST(EXTRACT(EPOCH FROM ${x}) * 1000000 AS BIGINT)`,
    // EXTRACT(EPOCH ...) is NUMERIC: the difference is exact, then rounded once.
    exactSeconds: (a, b) => `CAST(EXTRACT(EPOCH FROM ${b}) - EXTRACT(EPOCH FROM ${a}) AS DOUBLE PRECISION)`,
    listMinAtLeast: (list, v, strict) =>
      `(SELECT min("sl_item") FROM unnest(${list}) AS "sl_items"("sl_item") WHERE "sl_item" ${strict ? '>' : '>='} ${v})`,
  };
}
