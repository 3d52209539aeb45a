import type { ExprNode, FrameBound, FrameNode, OrderNode, WindowNode } from '../ast/expr-nodes.js';
import { SqlBuildError } from '../errors.js';
import { type ExprInput, isExprNode, toExpr } from './values.js';

/** An ordering term, or an expression (sorted ascending, NULLs last). */
export type OrderInput = OrderNode | ExprInput;

/** Ascending order; NULLs last unless told otherwise (written out so both engines agree). */
export function asc(x: ExprInput, nulls: 'FIRST' | 'LAST' = 'LAST'): OrderNode {
  return { expr: toExpr(x), dir: 'ASC', nulls };
}

/** Descending order; NULLs last unless told otherwise (PostgreSQL alone would put them first). */
export function desc(x: ExprInput, nulls: 'FIRST' | 'LAST' = 'LAST'): OrderNode {
  return { expr: toExpr(x), dir: 'DESC', nulls };
}

function isOrderNode(value: OrderInput): value is OrderNode {
  return typeof value === 'object' && value !== null && !isExprNode(value) && 'dir' in value;
}

/** Turns an order input into an ordering term. */
export function toOrder(value: OrderInput): OrderNode {
  return isOrderNode(value) ? value : asc(value);
}

/** Frame bound `UNBOUNDED PRECEDING`. */
export const unboundedPreceding = (): FrameBound => ({ type: 'unbounded preceding' });
/** Frame bound `UNBOUNDED FOLLOWING`. */
export const unboundedFollowing = (): FrameBound => ({ type: 'unbounded following' });
/** Frame bound `CURRENT ROW`. */
export const currentRow = (): FrameBound => ({ type: 'current row' });
/** Frame bound `offset PRECEDING` (a row count for ROWS, a value or interval for RANGE). */
export const preceding = (offset: ExprInput): FrameBound => ({ type: 'preceding', offset: toExpr(offset) });
/** Frame bound `offset FOLLOWING`. */
export const following = (offset: ExprInput): FrameBound => ({ type: 'following', offset: toExpr(offset) });

/** `ROWS BETWEEN start AND end`. */
export function rowsBetween(start: FrameBound, end: FrameBound): FrameNode {
  return { mode: 'ROWS', start, end };
}

/** `RANGE BETWEEN start AND end`. */
export function rangeBetween(start: FrameBound, end: FrameBound): FrameNode {
  return { mode: 'RANGE', start, end };
}

/** Window specification of `over(...)`. */
export interface OverOptions {
  partitionBy?: ExprInput[];
  orderBy?: OrderInput[];
  frame?: FrameNode;
}

/** `fn(...) OVER (PARTITION BY ... ORDER BY ... frame)`. */
export function over(call: ExprNode, options: OverOptions = {}): WindowNode {
  if (call.kind !== 'fn')
    throw new SqlBuildError('Only a function or aggregate call can have a window (OVER)');
  const node: WindowNode = {
    kind: 'window',
    fn: call,
    partitionBy: (options.partitionBy ?? []).map(toExpr),
    orderBy: (options.orderBy ?? []).map(toOrder),
  };
  if (options.frame) node.frame = options.frame;
  return node;
}
