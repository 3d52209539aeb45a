import {
  and,
  assumeUtc,
  atTimeZone,
  cast,
  column,
  type ExprNode,
  eq,
  fromEpoch,
  gt,
  gte,
  isIn,
  isNotNull,
  isNull,
  like,
  literal,
  lt,
  lte,
  neq,
  notIn,
  or,
} from '@sightline/sql';
import type { EventMatch, EventTable, PropertyFilter } from './event-table.js';

/** The event time as a TIMESTAMPTZ expression, whatever its storage (metrics.md section 0). */
export function eventTime(table: EventTable, qualifier?: string): ExprNode {
  const col = column(table.time, qualifier);
  switch (table.timeKind) {
    case 'timestamptz':
      return col;
    case 'timestamp':
      return assumeUtc(col);
    case 'epoch_s':
      return fromEpoch(col, 's');
    case 'epoch_ms':
      return fromEpoch(col, 'ms');
    case 'text':
      return cast(col, 'TIMESTAMPTZ');
  }
}

/** Rows whose actor counts: neither NULL nor the empty string (metrics.md section 0). */
export function actorPresent(table: EventTable, qualifier?: string): ExprNode {
  const actor = column(table.actor, qualifier);
  return and(isNotNull(actor), neq(cast(actor, 'TEXT'), literal('')));
}

/** True for rows matching an event name and all its property filters. */
export function matchesEvent(table: EventTable, match: EventMatch, qualifier?: string): ExprNode {
  const parts: ExprNode[] = [eq(column(table.event, qualifier), literal(match.event))];
  for (const f of match.filters) parts.push(filterExpr(f, qualifier));
  return parts.length === 1 ? parts[0]! : and(...parts);
}

/** One property filter as a boolean expression; values are literals, never spliced text. */
export function filterExpr(f: PropertyFilter, qualifier?: string): ExprNode {
  const col = column(f.column, qualifier);
  const one = () => literal(f.value as string | number | boolean);
  const list = () => (f.value as (string | number | boolean)[]).map((v) => literal(v));
  switch (f.op) {
    case '=':
      return eq(col, one());
    case '!=':
      return or(neq(col, one()), isNull(col));
    case '<':
      return lt(col, one());
    case '<=':
      return lte(col, one());
    case '>':
      return gt(col, one());
    case '>=':
      return gte(col, one());
    case 'in':
      return isIn(col, list());
    case 'not_in':
      return or(notIn(col, list()), isNull(col));
    case 'is_null':
      return isNull(col);
    case 'is_not_null':
      return isNotNull(col);
    case 'contains':
      return like(cast(col, 'TEXT'), literal(`%${escapeLike(String(f.value))}%`));
  }
}

/** Local midnight of `date` (YYYY-MM-DD) in `tz`, as a TIMESTAMPTZ (metrics.md: since/until). */
export function localMidnight(date: string, tz: string): ExprNode {
  return atTimeZone(cast(literal(date), 'TIMESTAMP'), literal(tz));
}

/** Keeps rows in `[since, until)` of `time` (either bound optional). */
export function inRange(
  time: ExprNode,
  range: { since?: string; until?: string; tz: string },
): ExprNode | null {
  const parts: ExprNode[] = [];
  if (range.since) parts.push(gte(time, localMidnight(range.since, range.tz)));
  if (range.until) parts.push(lt(time, localMidnight(range.until, range.tz)));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : and(...parts);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
