import type { ExprNode } from './ast/expr-nodes.js';
import type { QueryNode } from './ast/query-nodes.js';
import type { Dialect } from './dialect.js';
import { genExpr } from './generate/expr.js';
import { genQuery } from './generate/query.js';

/** Options of `toSql`. */
export interface ToSqlOptions {
  /** One clause per line, nested queries indented, CTE comments as `-- lines` (default false: one line, no comments). */
  pretty?: boolean;
}

/** Anything `toSql` can render: a query or expression node, or a builder holding a query. */
export type SqlInput = QueryNode | ExprNode | { readonly node: QueryNode };

const QUERY_KINDS = new Set(['select', 'setOp', 'rawQuery']);

/** Renders a query or expression as SQL text in `dialect`. */
export function toSql(input: SqlInput, dialect: Dialect, options: ToSqlOptions = {}): string {
  const ctx = { dialect, pretty: options.pretty ?? false, depth: 0 };
  const node = 'node' in input ? input.node : input;
  return QUERY_KINDS.has(node.kind) ? genQuery(node as QueryNode, ctx) : genExpr(node as ExprNode, ctx);
}
