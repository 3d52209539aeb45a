import type { ExprNode, OrderNode } from './expr-nodes.js';

/** A named table, optionally schema-qualified and aliased. */
export interface TableRefNode {
  kind: 'table';
  name: string;
  schema?: string;
  alias?: string;
}

/** A subquery in FROM: `(SELECT ...) AS alias(columns)`. */
export interface SubqueryRefNode {
  kind: 'subquery';
  query: QueryNode;
  alias: string;
  columns?: string[];
}

/** `(VALUES (...), (...)) AS alias(columns)`. */
export interface ValuesRefNode {
  kind: 'values';
  rows: ExprNode[][];
  alias: string;
  columns: string[];
}

/** One row per step from `start` to `stop` inclusive, as a DATE column (`generate_series` of dates). */
export interface DateSeriesRefNode {
  kind: 'dateSeries';
  start: ExprNode;
  stop: ExprNode;
  step: ExprNode;
  alias: string;
  column: string;
}

/** Anything that can follow FROM or JOIN. */
export type FromNode = TableRefNode | SubqueryRefNode | ValuesRefNode | DateSeriesRefNode;

/** A join onto the previous FROM items. */
export interface JoinNode {
  type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  item: FromNode;
  lateral: boolean;
  on?: ExprNode;
  using?: string[];
}

/** A select-list entry. */
export interface SelectItemNode {
  expr: ExprNode;
  alias?: string;
}

/** A common table expression; `comment` is printed as `-- lines` above it in pretty output. */
export interface CteNode {
  name: string;
  query: QueryNode;
  comment?: string;
}

/** A SELECT statement. */
export interface SelectNode {
  kind: 'select';
  with: CteNode[];
  distinct: boolean;
  items: SelectItemNode[];
  from: FromNode[];
  joins: JoinNode[];
  where?: ExprNode;
  groupBy: ExprNode[];
  having?: ExprNode;
  orderBy: OrderNode[];
  limit?: ExprNode;
  offset?: ExprNode;
}

/** `q1 UNION [ALL] q2 ...` (also INTERSECT / EXCEPT). */
export interface SetOpNode {
  kind: 'setOp';
  op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT';
  with: CteNode[];
  queries: QueryNode[];
  orderBy: OrderNode[];
  limit?: ExprNode;
}

/** A query given as SQL text (e.g. from the editor); it only ever appears as a subquery or CTE body. */
export interface RawQueryNode {
  kind: 'rawQuery';
  sql: string;
}

/** Any query. */
export type QueryNode = SelectNode | SetOpNode | RawQueryNode;
