import type { ColumnNode, ExprNode, LiteralNode, ParamNode, RawNode, StarNode } from '../ast/expr-nodes.js';
import { SqlBuildError } from '../errors.js';

/** What builder helpers accept where an expression goes: a node, or a plain value that becomes a literal. */
export type ExprInput = ExprNode | string | number | bigint | boolean | null;

/** A literal value (strings are never identifiers). */
export function literal(value: LiteralNode['value']): LiteralNode {
  return { kind: 'literal', value };
}

/** A column reference: `column('Order ID')` -> `"Order ID"`, `column('x', 't')` -> `"t"."x"`. */
export function column(name: string, table?: string): ColumnNode {
  return table === undefined ? { kind: 'column', name } : { kind: 'column', name, table };
}

/** `*`, or `"t".*` with a table name. */
export function star(table?: string): StarNode {
  return table === undefined ? { kind: 'star' } : { kind: 'star', table };
}

/** A positional parameter: `param(1)` -> `$1` in every dialect. */
export function param(index: number): ParamNode {
  if (!Number.isInteger(index) || index < 1) {
    throw new SqlBuildError(`A parameter number must be a whole number from 1 up, got ${index}`);
  }
  return { kind: 'param', index };
}

/** Raw SQL text, inserted verbatim. Use only for SQL you wrote yourself, never for user values. */
export function raw(sql: string): RawNode {
  return { kind: 'raw', sql };
}

const EXPR_KINDS: ReadonlySet<string> = new Set<ExprNode['kind']>([
  'literal',
  'column',
  'star',
  'param',
  'raw',
  'binary',
  'logic',
  'unary',
  'in',
  'between',
  'like',
  'cast',
  'case',
  'fn',
  'window',
  'dateTrunc',
  'atTimeZone',
  'epoch',
  'fromEpoch',
  'interval',
  'regexp',
  'list',
  'intDiv',
  'subqueryExpr',
  'bytewise',
  'listMinAtLeast',
  'exactSeconds',
  'epochMicros',
  'bitFlag',
]);

/**
 * True when `value` is an expression node. A select record such as `{ kind: caseWhen(...) }` is not one: its
 * `kind` holds a node, not one of the node kinds.
 */
export function isExprNode(value: unknown): value is ExprNode {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return typeof value.kind === 'string' && EXPR_KINDS.has(value.kind);
}

/** Turns a builder input into a node: nodes pass through, plain values become literals. */
export function toExpr(value: ExprInput): ExprNode {
  return isExprNode(value) ? value : literal(value);
}
