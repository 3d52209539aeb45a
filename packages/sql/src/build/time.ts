import type {
  AtTimeZoneNode,
  DateTruncNode,
  EpochMicrosNode,
  EpochNode,
  ExactSecondsNode,
  ExprNode,
  FromEpochNode,
  IntervalNode,
} from '../ast/expr-nodes.js';
import type { DateSeriesRefNode } from '../ast/query-nodes.js';
import type { EpochUnit, IntervalUnit, TruncUnit } from '../ast/types.js';
import { sub } from './operators.js';
import { type ExprInput, toExpr } from './values.js';

/**
 * Start of the calendar `unit` containing `x` (weeks start on Monday), as a TIMESTAMP without zone.
 * With `tz`, `x` must be a TIMESTAMPTZ: it is first turned into local time in that zone.
 */
export function dateTrunc(unit: TruncUnit, x: ExprInput, options: { tz?: ExprInput } = {}): DateTruncNode {
  const node: DateTruncNode = { kind: 'dateTrunc', unit, expr: toExpr(x) };
  if (options.tz !== undefined) node.tz = toExpr(options.tz);
  return node;
}

/** `x AT TIME ZONE tz`: a TIMESTAMPTZ becomes local time in `tz`; a TIMESTAMP is read as local time in `tz`. */
export function atTimeZone(x: ExprInput, tz: ExprInput): AtTimeZoneNode {
  return { kind: 'atTimeZone', expr: toExpr(x), tz: toExpr(tz) };
}

/** Reads a TIMESTAMP without zone as UTC, giving a TIMESTAMPTZ. */
export function assumeUtc(x: ExprInput): AtTimeZoneNode {
  return atTimeZone(x, 'UTC');
}

/** Seconds since 1970-01-01 UTC of a timestamp (a naive one counts as UTC), or an interval's length, as DOUBLE. */
export function epoch(x: ExprInput): EpochNode {
  return { kind: 'epoch', expr: toExpr(x) };
}

/** A TIMESTAMPTZ from epoch seconds (`'s'`) or milliseconds (`'ms'`). */
export function fromEpoch(x: ExprInput, unit: EpochUnit = 's'): FromEpochNode {
  return { kind: 'fromEpoch', expr: toExpr(x), unit };
}

/** Exact seconds from `start` to `end` (DOUBLE), computed from epochs so calendar units never creep in. */
export function secondsBetween(start: ExprInput, end: ExprInput): ExprNode {
  return sub(epoch(end), epoch(start));
}

/** An interval of `amount` units (`amount` may be a column or parameter; days, weeks and months take integers). */
export function interval(amount: ExprInput, unit: IntervalUnit): IntervalNode {
  return { kind: 'interval', amount: toExpr(amount), unit };
}

/** A FROM item with one DATE row per `step` (default 1 day) from `start` to `stop` inclusive. */
export function dateSeries(
  start: ExprInput,
  stop: ExprInput,
  options: { alias: string; column: string; step?: ExprNode },
): DateSeriesRefNode {
  return {
    kind: 'dateSeries',
    start: toExpr(start),
    stop: toExpr(stop),
    step: options.step ?? interval(1, 'day'),
    alias: options.alias,
    column: options.column,
  };
}

/** Whole microseconds since the epoch (BIGINT) of a TIMESTAMP (read as UTC) or TIMESTAMPTZ: exact integer math. */
export function epochMicros(x: ExprInput): EpochMicrosNode {
  return { kind: 'epochMicros', expr: toExpr(x) };
}

/** Seconds from `start` to `end` (DOUBLE), exact to the microsecond on every engine (no float difference of epochs). */
export function exactSecondsBetween(start: ExprInput, end: ExprInput): ExactSecondsNode {
  return { kind: 'exactSeconds', start: toExpr(start), end: toExpr(end) };
}
