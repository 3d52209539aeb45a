import type {
  BetweenNode,
  BinaryNode,
  BinaryOp,
  BitFlagNode,
  ExprNode,
  InNode,
  IntDivNode,
  LikeNode,
  LogicNode,
  UnaryNode,
} from '../ast/expr-nodes.js';
import { type QueryInput, toQuery } from './query-input.js';
import { type ExprInput, toExpr } from './values.js';

function binary(op: BinaryOp, left: ExprInput, right: ExprInput): BinaryNode {
  return { kind: 'binary', op, left: toExpr(left), right: toExpr(right) };
}

/** `a = b`. */
export const eq = (a: ExprInput, b: ExprInput) => binary('=', a, b);
/** `a <> b`. */
export const neq = (a: ExprInput, b: ExprInput) => binary('<>', a, b);
/** `a < b`. */
export const lt = (a: ExprInput, b: ExprInput) => binary('<', a, b);
/** `a <= b`. */
export const lte = (a: ExprInput, b: ExprInput) => binary('<=', a, b);
/** `a > b`. */
export const gt = (a: ExprInput, b: ExprInput) => binary('>', a, b);
/** `a >= b`. */
export const gte = (a: ExprInput, b: ExprInput) => binary('>=', a, b);
/** `a IS DISTINCT FROM b` (NULL-safe inequality). */
export const isDistinct = (a: ExprInput, b: ExprInput) => binary('IS DISTINCT FROM', a, b);
/** `a IS NOT DISTINCT FROM b` (NULL-safe equality). */
export const isNotDistinct = (a: ExprInput, b: ExprInput) => binary('IS NOT DISTINCT FROM', a, b);
/** `a + b`. */
export const add = (a: ExprInput, b: ExprInput) => binary('+', a, b);
/** `a - b`. */
export const sub = (a: ExprInput, b: ExprInput) => binary('-', a, b);
/** `a * b`. */
export const mul = (a: ExprInput, b: ExprInput) => binary('*', a, b);
/** `a / b`, always as floating-point division (PostgreSQL would truncate integers). */
export const div = (a: ExprInput, b: ExprInput) => binary('/', a, b);
/** `a % b`. */
export const mod = (a: ExprInput, b: ExprInput) => binary('%', a, b);

/** `a >> b` (bit shift right). */
export const shiftRight = (a: ExprInput, b: ExprInput) => binary('>>', a, b);
/**
 * The BIGINT with only bit `bit` set (0 <= bit <= 62), for sets of small numbers kept as bits. Past bit 62 every
 * dialect fails (PostgreSQL would otherwise shift modulo 64 and answer wrongly).
 */
export function bitFlag(bit: ExprInput): BitFlagNode {
  return { kind: 'bitFlag', bit: toExpr(bit) };
}

/** `a & b` (bitwise and). */
export const bitAnd = (a: ExprInput, b: ExprInput) => binary('&', a, b);

/** Integer division truncating toward zero. */
export function intDiv(a: ExprInput, b: ExprInput): IntDivNode {
  return { kind: 'intDiv', left: toExpr(a), right: toExpr(b) };
}

/** String concatenation `a || b || ...` (NULL if any part is NULL). */
export function concat(first: ExprInput, ...rest: ExprInput[]): ExprNode {
  return rest.reduce<ExprNode>((acc, part) => binary('||', acc, part), toExpr(first));
}

function logic(op: 'AND' | 'OR', args: ExprInput[]): ExprNode {
  const nodes = args.map(toExpr);
  if (nodes.length === 0) return toExpr(op === 'AND');
  if (nodes.length === 1) return nodes[0]!;
  return { kind: 'logic', op, args: nodes } satisfies LogicNode;
}

/** `a AND b AND ...` (TRUE when empty). */
export const and = (...args: ExprInput[]) => logic('AND', args);
/** `a OR b OR ...` (FALSE when empty). */
export const or = (...args: ExprInput[]) => logic('OR', args);

/** `NOT x`. */
export function not(x: ExprInput): UnaryNode {
  return { kind: 'unary', op: 'NOT', arg: toExpr(x) };
}

/** `-x`. */
export function neg(x: ExprInput): UnaryNode {
  return { kind: 'unary', op: '-', arg: toExpr(x) };
}

/** `x IS NULL`. */
export function isNull(x: ExprInput): UnaryNode {
  return { kind: 'unary', op: 'IS NULL', arg: toExpr(x) };
}

/** `x IS NOT NULL`. */
export function isNotNull(x: ExprInput): UnaryNode {
  return { kind: 'unary', op: 'IS NOT NULL', arg: toExpr(x) };
}

/**
 * `x IN (a, b, ...)` or `x IN (subquery)`; an empty list is FALSE. `asTable`: the list may be written as a table of
 * values where the dialect filters faster so (see `InNode.asTable`).
 */
export function isIn(x: ExprInput, list: ExprInput[] | QueryInput, opts: { asTable?: boolean } = {}): InNode {
  const target = Array.isArray(list) ? list.map(toExpr) : toQuery(list);
  return {
    kind: 'in',
    expr: toExpr(x),
    list: target,
    negated: false,
    ...(opts.asTable && { asTable: true }),
  };
}

/** `x NOT IN (...)`; an empty list is TRUE. */
export function notIn(x: ExprInput, list: ExprInput[] | QueryInput): InNode {
  return { ...isIn(x, list), negated: true };
}

/** `x BETWEEN low AND high` (both ends inclusive). */
export function between(x: ExprInput, low: ExprInput, high: ExprInput): BetweenNode {
  return { kind: 'between', expr: toExpr(x), low: toExpr(low), high: toExpr(high), negated: false };
}

/** `x NOT BETWEEN low AND high`. */
export function notBetween(x: ExprInput, low: ExprInput, high: ExprInput): BetweenNode {
  return { ...between(x, low, high), negated: true };
}

/** `x LIKE pattern` (`\` escapes `%` and `_` in every dialect). */
export function like(x: ExprInput, pattern: ExprInput): LikeNode {
  return { kind: 'like', op: 'LIKE', expr: toExpr(x), pattern: toExpr(pattern), negated: false };
}

/** `x ILIKE pattern` (case-insensitive LIKE). */
export function ilike(x: ExprInput, pattern: ExprInput): LikeNode {
  return { kind: 'like', op: 'ILIKE', expr: toExpr(x), pattern: toExpr(pattern), negated: false };
}

/** `x NOT LIKE pattern`. */
export function notLike(x: ExprInput, pattern: ExprInput): LikeNode {
  return { ...like(x, pattern), negated: true };
}
