import type {
  CteNode,
  FromNode,
  JoinNode,
  RawQueryNode,
  SelectItemNode,
  SelectNode,
  SetOpNode,
  SubqueryRefNode,
  TableRefNode,
  ValuesRefNode,
} from '../ast/query-nodes.js';
import { SqlBuildError } from '../errors.js';
import { and } from './operators.js';
import { type OrderInput, toOrder } from './order.js';
import { type QueryInput, toQuery } from './query-input.js';
import { type ExprInput, isExprNode, toExpr } from './values.js';

/** A select-list entry: an expression (kept under its own name) or `{ alias: expression, ... }`. */
export type SelectInput = ExprInput | Record<string, ExprInput>;

/** A FROM item, or a plain string naming a table. */
export type FromInput = FromNode | string;

/** Options of `join`. */
export interface JoinOptions {
  type?: JoinNode['type'];
  on?: ExprInput;
  using?: string[];
  lateral?: boolean;
}

function toSelectItems(input: SelectInput): SelectItemNode[] {
  if (typeof input === 'object' && input !== null && !isExprNode(input)) {
    return Object.entries(input).map(([alias, expr]) => ({ expr: toExpr(expr), alias }));
  }
  return [{ expr: toExpr(input) }];
}

function toFrom(input: FromInput): FromNode {
  return typeof input === 'string' ? table(input) : input;
}

/** An immutable SELECT builder; every method returns a new builder, `node` is the plain tree. */
export class SelectBuilder {
  constructor(readonly node: SelectNode) {}

  private with$(patch: Partial<SelectNode>): SelectBuilder {
    return new SelectBuilder({ ...this.node, ...patch });
  }

  /** Adds common table expressions (in order). */
  with(...ctes: CteNode[]): SelectBuilder {
    return this.with$({ with: [...this.node.with, ...ctes] });
  }
  /** Adds select-list entries. */
  select(...items: SelectInput[]): SelectBuilder {
    return this.with$({ items: [...this.node.items, ...items.flatMap(toSelectItems)] });
  }
  /** `SELECT DISTINCT`. */
  distinct(on = true): SelectBuilder {
    return this.with$({ distinct: on });
  }
  /** Adds FROM items (a string names a table). */
  from(...items: FromInput[]): SelectBuilder {
    return this.with$({ from: [...this.node.from, ...items.map(toFrom)] });
  }
  /** Adds a join (INNER by default). */
  join(item: FromInput, options: JoinOptions = {}): SelectBuilder {
    const type = options.type ?? (options.on === undefined && !options.using ? 'CROSS' : 'INNER');
    const join: JoinNode = { type, item: toFrom(item), lateral: options.lateral ?? false };
    if (options.on !== undefined) join.on = toExpr(options.on);
    if (options.using) join.using = options.using;
    if (type !== 'CROSS' && join.on === undefined && !join.using) {
      throw new SqlBuildError(`A ${type} join needs an "on" condition or "using" columns`);
    }
    return this.with$({ joins: [...this.node.joins, join] });
  }
  /** Adds WHERE conditions (joined with AND). */
  where(...conds: ExprInput[]): SelectBuilder {
    const all = this.node.where ? [this.node.where, ...conds] : conds;
    return all.length ? this.with$({ where: and(...all) }) : this;
  }
  /** Adds GROUP BY expressions. */
  groupBy(...exprs: ExprInput[]): SelectBuilder {
    return this.with$({ groupBy: [...this.node.groupBy, ...exprs.map(toExpr)] });
  }
  /** Adds HAVING conditions (joined with AND). */
  having(...conds: ExprInput[]): SelectBuilder {
    const all = this.node.having ? [this.node.having, ...conds] : conds;
    return all.length ? this.with$({ having: and(...all) }) : this;
  }
  /** Adds ORDER BY terms. */
  orderBy(...terms: OrderInput[]): SelectBuilder {
    return this.with$({ orderBy: [...this.node.orderBy, ...terms.map(toOrder)] });
  }
  /** `LIMIT n`. */
  limit(n: ExprInput): SelectBuilder {
    return this.with$({ limit: toExpr(n) });
  }
  /** `OFFSET n`. */
  offset(n: ExprInput): SelectBuilder {
    return this.with$({ offset: toExpr(n) });
  }
  /** This query as a FROM item: `(SELECT ...) AS alias`. */
  as(alias: string, columns?: string[]): SubqueryRefNode {
    return subqueryRef(this, alias, columns);
  }
}

/** Starts a SELECT: `select(column('a'), { n: count() }).from('t')`. Plain strings are literals. */
export function select(...items: SelectInput[]): SelectBuilder {
  return new SelectBuilder({
    kind: 'select',
    with: [],
    distinct: false,
    items: items.flatMap(toSelectItems),
    from: [],
    joins: [],
    groupBy: [],
    orderBy: [],
  });
}

/** A table reference: `table('events')`, `table(['analytics', 'events'], 'e')`. */
export function table(name: string | [schema: string, name: string], alias?: string): TableRefNode {
  const node: TableRefNode =
    typeof name === 'string' ? { kind: 'table', name } : { kind: 'table', schema: name[0], name: name[1] };
  if (alias !== undefined) node.alias = alias;
  return node;
}

/** A subquery FROM item `(query) AS alias(columns)`. */
export function subqueryRef(query: QueryInput, alias: string, columns?: string[]): SubqueryRefNode {
  const node: SubqueryRefNode = { kind: 'subquery', query: toQuery(query), alias };
  if (columns) node.columns = columns;
  return node;
}

/** A VALUES list as a FROM item: `values([[1, 'a']], 't', ['id', 'name'])`. */
export function values(rows: ExprInput[][], alias: string, columns: string[]): ValuesRefNode {
  if (rows.length === 0) throw new SqlBuildError('A VALUES list needs at least one row');
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new SqlBuildError(`Each VALUES row needs ${columns.length} values, one got ${row.length}`);
    }
  }
  return { kind: 'values', rows: rows.map((r) => r.map(toExpr)), alias, columns };
}

/** User SQL as a query node (trailing semicolons dropped); it enters generated SQL only as a subquery or CTE. */
export function rawQuery(sql: string): RawQueryNode {
  const trimmed = sql.replace(/[\s;]+$/u, '');
  if (trimmed.trim() === '') throw new SqlBuildError('The SQL text is empty');
  return { kind: 'rawQuery', sql: trimmed };
}

/** A common table expression; `comment` becomes `-- ...` lines above it in pretty output. */
export function cte(name: string, query: QueryInput, comment?: string): CteNode {
  const node: CteNode = { name, query: toQuery(query) };
  if (comment !== undefined) node.comment = comment;
  return node;
}

function setOp(op: SetOpNode['op'], queries: QueryInput[]): SetOpNode {
  if (queries.length < 2) throw new SqlBuildError(`${op} needs at least two queries`);
  return { kind: 'setOp', op, with: [], queries: queries.map(toQuery), orderBy: [] };
}

/** `q1 UNION ALL q2 ...`. */
export const unionAll = (...queries: QueryInput[]) => setOp('UNION ALL', queries);
/** `q1 UNION q2 ...` (duplicates removed). */
export const union = (...queries: QueryInput[]) => setOp('UNION', queries);
/** `q1 INTERSECT q2 ...`. */
export const intersect = (...queries: QueryInput[]) => setOp('INTERSECT', queries);
/** `q1 EXCEPT q2 ...`. */
export const except = (...queries: QueryInput[]) => setOp('EXCEPT', queries);

/** Adds CTEs, ORDER BY or LIMIT to a set operation. */
export function withSetOptions(
  node: SetOpNode,
  options: { with?: CteNode[]; orderBy?: OrderInput[]; limit?: ExprInput },
): SetOpNode {
  const next: SetOpNode = {
    ...node,
    with: [...node.with, ...(options.with ?? [])],
    orderBy: [...node.orderBy, ...(options.orderBy ?? []).map(toOrder)],
  };
  if (options.limit !== undefined) next.limit = toExpr(options.limit);
  return next;
}
