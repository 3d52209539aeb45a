import type {
  BytewiseNode,
  CaseNode,
  CastNode,
  FnNode,
  ListMinAtLeastNode,
  ListNode,
  RegexpNode,
  SubqueryExprNode,
} from '../ast/expr-nodes.js';
import type { SqlType } from '../ast/types.js';
import { SqlBuildError } from '../errors.js';
import { type OrderInput, toOrder } from './order.js';
import { type QueryInput, toQuery } from './query-input.js';
import { type ExprInput, star, toExpr } from './values.js';

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options of an aggregate call. */
export interface AggOptions {
  distinct?: boolean;
  filter?: ExprInput;
  orderBy?: OrderInput[];
}

/** A function call by name, e.g. `fn('lower', column('x'))`; the name must be a plain word. */
export function fn(name: string, ...args: ExprInput[]): FnNode {
  if (!FUNCTION_NAME.test(name)) {
    throw new SqlBuildError(`"${name}" is not a valid function name (letters, digits and _ only)`);
  }
  return { kind: 'fn', name, args: args.map(toExpr) };
}

/** An aggregate call with optional DISTINCT, ORDER BY and FILTER (WHERE ...). */
export function agg(name: string, args: ExprInput[], options: AggOptions = {}): FnNode {
  const node: FnNode = fn(name, ...args);
  if (options.distinct) node.distinct = true;
  if (options.orderBy?.length) node.orderBy = options.orderBy.map(toOrder);
  if (options.filter !== undefined) node.filter = toExpr(options.filter);
  return node;
}

/** Adds `FILTER (WHERE cond)` to an aggregate. */
export function filter(aggregate: FnNode, cond: ExprInput): FnNode {
  return { ...aggregate, filter: toExpr(cond) };
}

/** `count(*)`, or `count(x)` with an argument. */
export function count(x?: ExprInput, options: Omit<AggOptions, 'distinct'> = {}): FnNode {
  return agg('count', [x === undefined ? star() : x], options);
}

/** `count(DISTINCT x)`; inside `over(...)` the PostgreSQL dialect rewrites it (see dialects/postgres.ts). */
export function countDistinct(x: ExprInput, options: Omit<AggOptions, 'distinct'> = {}): FnNode {
  return agg('count', [x], { ...options, distinct: true });
}

/** `sum(x)`. */
export const sum = (x: ExprInput, options?: AggOptions) => agg('sum', [x], options);
/** `avg(x)`. */
export const avg = (x: ExprInput, options?: AggOptions) => agg('avg', [x], options);
/** `min(x)`. */
export const min = (x: ExprInput, options?: AggOptions) => agg('min', [x], options);
/** `max(x)`. */
export const max = (x: ExprInput, options?: AggOptions) => agg('max', [x], options);
/** `array_agg(x)`: a list (DuckDB) or array (PostgreSQL) of the values. */
export const arrayAgg = (x: ExprInput, options?: AggOptions) => agg('array_agg', [x], options);

/** `percentile_cont(fraction) WITHIN GROUP (ORDER BY x)`; 0.5 is the median (mean of the middle two). */
export function percentileCont(
  fraction: number,
  orderBy: OrderInput,
  options: { filter?: ExprInput } = {},
): FnNode {
  if (!(fraction >= 0 && fraction <= 1))
    throw new SqlBuildError(`A percentile must be within 0 and 1, got ${fraction}`);
  const node: FnNode = { ...fn('percentile_cont', fraction), withinGroup: [toOrder(orderBy)] };
  if (options.filter !== undefined) node.filter = toExpr(options.filter);
  return node;
}

/** `coalesce(a, b, ...)`. */
export const coalesce = (...args: ExprInput[]) => fn('coalesce', ...args);
/** `nullif(a, b)`. */
export const nullif = (a: ExprInput, b: ExprInput) => fn('nullif', a, b);
/** `greatest(a, b, ...)` (NULLs are skipped in both engines). */
export const greatest = (...args: ExprInput[]) => fn('greatest', ...args);
/** `least(a, b, ...)` (NULLs are skipped in both engines). */
export const least = (...args: ExprInput[]) => fn('least', ...args);

/** `CAST(x AS type)`, the type spelled by the dialect. */
export function cast(x: ExprInput, type: SqlType): CastNode {
  return { kind: 'cast', expr: toExpr(x), type };
}

/** `CASE WHEN c1 THEN v1 ... ELSE otherwise END`. */
export function caseWhen(whens: [ExprInput, ExprInput][], otherwise?: ExprInput): CaseNode {
  if (whens.length === 0) throw new SqlBuildError('A CASE needs at least one WHEN branch');
  const node: CaseNode = {
    kind: 'case',
    whens: whens.map(([w, t]) => ({ when: toExpr(w), result: toExpr(t) })),
  };
  if (otherwise !== undefined) node.else = toExpr(otherwise);
  return node;
}

/** True when `x` matches `pattern` anywhere (a partial match). Pattern syntax: the common subset of RE2 and POSIX ARE. */
export function regexpMatch(x: ExprInput, pattern: ExprInput): RegexpNode {
  return { kind: 'regexp', op: 'match', expr: toExpr(x), pattern: toExpr(pattern), group: 0 };
}

/** The first match of `pattern` in `x` (`group` 0 = whole match, n = n-th group); NULL when it does not match. */
export function regexpExtract(x: ExprInput, pattern: ExprInput, group = 0): RegexpNode {
  if (!Number.isInteger(group) || group < 0)
    throw new SqlBuildError(`A regexp group must be 0 or more, got ${group}`);
  return { kind: 'regexp', op: 'extract', expr: toExpr(x), pattern: toExpr(pattern), group };
}

/** A list (array) value `[a, b]` / `ARRAY[a, b]`; it needs at least one item so its type is known. */
export function listValue(...items: ExprInput[]): ListNode {
  if (items.length === 0)
    throw new SqlBuildError('A list value needs at least one item (cast NULL for an empty one)');
  return { kind: 'list', op: 'value', args: items.map(toExpr) };
}

/** Number of elements of a list (0 for an empty list, NULL for NULL). */
export function listLength(list: ExprInput): ListNode {
  return { kind: 'list', op: 'length', args: [toExpr(list)] };
}

/** True when `list` holds `item`, false when not, NULL when the list is NULL. */
export function listContains(list: ExprInput, item: ExprInput): ListNode {
  return { kind: 'list', op: 'contains', args: [toExpr(list), toExpr(item)] };
}

/**
 * Aggregate: the group's non-NULL values of `x` as a list in ascending order, repeats kept; NULL when there is none.
 * Each engine gets its fastest spelling (DuckDB sorts after collecting: its ordered aggregate is slower).
 */
export function sortedList(x: ExprInput): ListNode {
  return { kind: 'list', op: 'sorted', args: [toExpr(x)] };
}

/** The list without its first element (`list[2:]`, the same in both dialects); empty for a list of one. */
export function listTail(list: ExprInput): ListNode {
  return { kind: 'list', op: 'tail', args: [toExpr(list)] };
}

/** A scalar subquery `(SELECT ...)` used as a value. */
export function subquery(query: QueryInput): SubqueryExprNode {
  return { kind: 'subqueryExpr', op: 'scalar', query: toQuery(query) };
}

/** `EXISTS (SELECT ...)`. */
export function exists(query: QueryInput): SubqueryExprNode {
  return { kind: 'subqueryExpr', op: 'exists', query: toQuery(query) };
}

/** Text compared and sorted by its bytes (code point order) on every engine, e.g. for a deterministic row order. */
export function bytewise(x: ExprInput): BytewiseNode {
  return { kind: 'bytewise', expr: toExpr(x) };
}

/** The smallest element of `list` that is >= `value`, NULL when none (e.g. the next event time at or after t). */
export function listMinAtLeast(list: ExprInput, value: ExprInput): ListMinAtLeastNode {
  return { kind: 'listMinAtLeast', list: toExpr(list), value: toExpr(value) };
}

/** The smallest element of `list` that is > `value`, NULL when none (e.g. the next event time after t). */
export function listMinAbove(list: ExprInput, value: ExprInput): ListMinAtLeastNode {
  return { kind: 'listMinAtLeast', list: toExpr(list), value: toExpr(value), strict: true };
}
