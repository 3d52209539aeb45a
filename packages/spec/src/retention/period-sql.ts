import {
  add,
  cast,
  dateTrunc,
  div,
  type ExprNode,
  epoch,
  type FromNode,
  fn,
  literal,
  mul,
  rawQuery,
  subqueryRef,
  table,
} from '@sightline/sql';
import type { EventTable } from '../metrics/index.js';

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

/** A DATE literal. */
export function dateLiteral(date: string): ExprNode {
  return cast(literal(date), 'DATE');
}
