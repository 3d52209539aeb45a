import {
  add,
  and,
  atTimeZone,
  between,
  cast,
  coalesce,
  column,
  dateTrunc,
  type ExprNode,
  eq,
  fn,
  gt,
  gte,
  ilike,
  interval,
  isIn,
  lt,
  lte,
  neq,
  notIn,
  or,
  sub,
} from '@sightline/sql';
import type { FilterCondition, FilterStep } from './schema.js';

/** What a condition needs to know beyond itself. */
export interface ConditionContext {
  /** The moment "today" is computed from (ISO timestamp with offset); default the engine's clock (`now()`). */
  now?: string;
  /** Column types when known (e.g. `TIMESTAMP WITH TIME ZONE`), to read zoned timestamps in the condition's zone. */
  typeOf?: (column: string) => string | undefined;
}

/** True for types holding an absolute instant (their calendar date depends on the time zone). */
export function isZonedType(type: string | undefined): boolean {
  return type !== undefined && /TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE/iu.test(type);
}

/** Escapes LIKE wildcards so the text matches literally (the AST's LIKE uses `\` as its escape character). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (ch) => `\\${ch}`);
}

/** Today's date in `tz`: `CAST(timezone(tz, now()) AS DATE)` (DuckDB spelling). */
export function todayExpr(tz: string, now: string | undefined): ExprNode {
  const instant = now === undefined ? fn('now') : cast(now, 'TIMESTAMPTZ');
  return cast(atTimeZone(instant, tz), 'DATE');
}

const PERIOD_MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/** The span of one `unit` (week, month, quarter, year) as an interval. */
function periodInterval(unit: 'week' | 'month' | 'quarter' | 'year', times = 1): ExprNode {
  return unit === 'week' ? interval(times, 'week') : interval(PERIOD_MONTHS[unit] * times, 'month');
}

/** First and last day (inclusive DATEs) of a relative date preset. */
function presetRange(c: FilterCondition, today: ExprNode): [ExprNode, ExprNode] {
  const unit = c.unit!;
  if (c.op === 'last') {
    const span = interval(c.n!, unit as 'day' | 'week' | 'month');
    return [cast(add(sub(today, span), interval(1, 'day')), 'DATE'), today];
  }
  const start = dateTrunc(unit as 'week', cast(today, 'TIMESTAMP'));
  const period = unit as 'week' | 'month' | 'quarter' | 'year';
  if (c.op === 'this') {
    return [cast(start, 'DATE'), cast(sub(add(start, periodInterval(period)), interval(1, 'day')), 'DATE')];
  }
  return [cast(sub(start, periodInterval(period)), 'DATE'), cast(sub(start, interval(1, 'day')), 'DATE')];
}

/** The calendar date of a column, in `tz` when the column holds zoned timestamps. */
function columnDate(name: string, tz: string, ctx: ConditionContext): ExprNode {
  const col = column(name);
  return cast(isZonedType(ctx.typeOf?.(name)) ? atTimeZone(col, tz) : col, 'DATE');
}

/** Text types (PostgreSQL has no ILIKE on numbers or dates, so those are cast to text first). */
export function isTextType(type: string | undefined): boolean {
  return (
    type === undefined ||
    /^(VARCHAR|TEXT|CHAR|CHARACTER|CHARACTER VARYING|STRING|BPCHAR|NAME)\b/iu.test(type.trim())
  );
}

function asText(name: string, ctx: ConditionContext): ExprNode {
  return isTextType(ctx.typeOf?.(name)) ? column(name) : cast(column(name), 'TEXT');
}

/** One condition as a SQL boolean expression (values become escaped literals). */
export function conditionExpr(c: FilterCondition, ctx: ConditionContext): ExprNode {
  const col = column(c.column);
  const v = c.value!;
  switch (c.op) {
    case '=':
      return eq(col, v);
    case '!=':
      return neq(col, v);
    case '<':
      return lt(col, v);
    case '<=':
      return lte(col, v);
    case '>':
      return gt(col, v);
    case '>=':
      return gte(col, v);
    case 'between':
      return between(col, c.values![0]!, c.values![1]!);
    case 'in':
      return isIn(col, c.values!);
    case 'not_in':
      return notIn(col, c.values!);
    case 'contains':
      return ilike(asText(c.column, ctx), `%${escapeLike(String(v))}%`);
    case 'starts_with':
      return ilike(asText(c.column, ctx), `${escapeLike(String(v))}%`);
    case 'ends_with':
      return ilike(asText(c.column, ctx), `%${escapeLike(String(v))}`);
    case 'is_empty':
      return eq(coalesce(cast(col, 'TEXT'), ''), '');
    case 'is_not_empty':
      return neq(coalesce(cast(col, 'TEXT'), ''), '');
    case 'before':
      return lt(cast(col, 'DATE'), cast(String(v), 'DATE'));
    case 'after':
      return gt(cast(col, 'DATE'), cast(String(v), 'DATE'));
    case 'last':
    case 'this':
    case 'previous': {
      const tz = c.tz ?? 'UTC';
      const [low, high] = presetRange(c, todayExpr(tz, ctx.now));
      return between(columnDate(c.column, tz, ctx), low, high);
    }
  }
}

/** A filter step's WHERE condition. */
export function filterExpr(step: FilterStep, ctx: ConditionContext): ExprNode {
  const parts = step.conditions.map((c) => conditionExpr(c, ctx));
  if (parts.length === 1) return parts[0]!;
  return step.combine === 'or' ? or(...parts) : and(...parts);
}
