import {
  add,
  assumeUtc,
  type CteNode,
  caseWhen,
  cast,
  column,
  cte,
  dateTrunc,
  div,
  type ExprNode,
  epoch,
  eq,
  type FromNode,
  fn,
  fromEpoch,
  literal,
  mul,
  rawQuery,
  select,
  sub,
  subqueryRef,
  table,
} from '@sightline/sql';
import type { EventTable, TimeKind } from '../metrics/index.js';

/** A calendar period used by retention cohorts and stickiness histograms (weeks start on Monday). */
export type Period = 'day' | 'week' | 'month';

/** The event table's source as a FROM item: the named table, or the user's query as a subquery. */
export function eventSource(events: Pick<EventTable, 'source'>, alias: string): FromNode {
  const src = events.source;
  if ('sql' in src) return subqueryRef(rawQuery(src.sql), alias);
  return table(src.schema === undefined ? src.table : [src.schema, src.table], alias);
}

/** The first day (a DATE) of the calendar `period` containing the TIMESTAMPTZ `ts`, in time zone `tz`. */
export function periodStart(period: Period, ts: ExprNode, tz: string): ExprNode {
  return cast(dateTrunc(period, ts, { tz: literal(tz) }), 'DATE');
}

/**
 * A period's number on a continuous integer scale, from the DATE it starts on: consecutive periods differ by 1,
 * so "k periods later" is a subtraction. Days count from 1970-01-01; Mondays are 4 mod 7 there, so weeks divide
 * exactly; months are year * 12 + month.
 */
export function periodNumber(period: Period, start: ExprNode): ExprNode {
  if (period === 'month') {
    const part = (name: string) => cast(fn('date_part', literal(name), start), 'BIGINT');
    return add(mul(part('year'), 12), part('month'));
  }
  const days = div(epoch(cast(start, 'TIMESTAMP')), 86_400);
  return cast(period === 'day' ? days : div(add(days, 3), 7), 'BIGINT');
}

/**
 * In UTC, a day or week number straight from the stored time (days since 1970-01-01; weeks counted as in
 * `periodNumber`), with no calendar lookup: the cheap path for the usual case.
 */
export function utcPeriodNumber(period: 'day' | 'week', kind: TimeKind, value: ExprNode): ExprNode {
  const days = fn('floor', div(epochSeconds(kind, value), 86_400));
  return cast(period === 'day' ? days : fn('floor', div(add(days, 3), 7)), 'BIGINT');
}

/** The first day (a DATE) of the day or week numbered `n` by `utcPeriodNumber` / `periodNumber`. */
export function periodFromNumber(period: 'day' | 'week', n: ExprNode): ExprNode {
  const days = period === 'day' ? n : sub(mul(n, 7), 3);
  return add(dateLiteral('1970-01-01'), cast(days, 'INTEGER'));
}

/** A DATE literal. */
export function dateLiteral(date: string): ExprNode {
  return cast(literal(date), 'DATE');
}

/** Seconds in the buckets used to look up local periods: every UTC offset in use since 1972 is a multiple of 15 min. */
const QUARTER_HOUR = 900;

/** The quarter-hour (since 1970, UTC) holding a time value stored as `kind`, as a BIGINT. */
export function quarterOf(kind: TimeKind, value: ExprNode): ExprNode {
  return cast(fn('floor', div(epochSeconds(kind, value), QUARTER_HOUR)), 'BIGINT');
}

/**
 * A CTE mapping each quarter-hour found in `rows.quarter` to the local period (in `tz`) of its first and of its
 * last second. Converting every row to local time is the costly part of calendar bucketing; this converts a few
 * thousand quarter-hours instead. Where the two differ (a boundary inside the quarter-hour, only possible with
 * an odd historical offset) `localPeriod` falls back to converting the row itself, so the result stays exact.
 */
export function quarterPeriodsCte(name: string, rows: string, period: Period, tz: string): CteNode {
  const start = mul(column('quarter'), QUARTER_HOUR);
  return cte(
    name,
    select(column('quarter'), {
      first_period: periodStart(period, fromEpoch(start, 's'), tz),
      last_period: periodStart(period, fromEpoch(add(start, QUARTER_HOUR - 1), 's'), tz),
    }).from(select(column('quarter')).distinct().from(rows).as('q')),
    `The ${period} in ${tz} of each quarter-hour holding rows (looked up once per quarter-hour, not per row).`,
  );
}

/** The local period of a row: from its quarter-hour (`q`), or from its own time where the quarter-hour straddles two. */
export function localPeriod(period: Period, ts: ExprNode, tz: string, q: string): ExprNode {
  return caseWhen(
    [[eq(column('first_period', q), column('last_period', q)), column('first_period', q)]],
    periodStart(period, ts, tz),
  );
}

/** A time value of the given storage kind (a column, or an aggregate of one) as a TIMESTAMPTZ. */
export function asTimestamptz(kind: TimeKind, value: ExprNode): ExprNode {
  switch (kind) {
    case 'timestamptz':
      return value;
    case 'timestamp':
      return assumeUtc(value);
    case 'epoch_s':
      return fromEpoch(value, 's');
    case 'epoch_ms':
      return fromEpoch(value, 'ms');
    case 'text':
      return cast(value, 'TIMESTAMPTZ');
  }
}

/**
 * Seconds since the epoch of a stored time value, without going through a zoned timestamp where the storage
 * allows it (a naive timestamp counts as UTC, metrics.md section 0): converting every row to TIMESTAMPTZ costs
 * more than the rest of a metric's first step.
 */
export function epochSeconds(kind: TimeKind, value: ExprNode): ExprNode {
  switch (kind) {
    case 'timestamptz':
    case 'timestamp':
      return epoch(value);
    case 'epoch_s':
      return cast(value, 'DOUBLE');
    case 'epoch_ms':
      return div(value, 1000);
    case 'text':
      return epoch(cast(value, 'TIMESTAMPTZ'));
  }
}

/** Whether the earliest stored value is also the earliest instant (true for every kind but text). */
export function ordersLikeTime(kind: TimeKind): boolean {
  return kind !== 'text';
}
