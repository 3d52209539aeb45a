import type { CteNode, FromNode, JoinNode, QueryNode, SelectNode, SetOpNode } from '../ast/query-nodes.js';
import { deeper, type GenContext, nl } from './context.js';
import { genExpr, genOrder } from './expr.js';

const WRAP_ITEMS_OVER = 80;

function commentLines(comment: string, ctx: GenContext): string {
  const pad = nl(ctx);
  return comment
    .split(/\r\n|\r|\n/u)
    .map((line) => `-- ${line}`.trimEnd())
    .join(pad);
}

function genWith(ctes: CteNode[], ctx: GenContext): string {
  const d = ctx.dialect;
  const blocks = ctes.map((c, i) => {
    const head = `${i === 0 ? 'WITH ' : ''}${d.quoteIdent(c.name)} AS ${genParenQuery(c.query, ctx)}`;
    return ctx.pretty && c.comment !== undefined ? `${commentLines(c.comment, ctx)}${nl(ctx)}${head}` : head;
  });
  return blocks.join(`,${nl(ctx)}`);
}

function genFromItem(item: FromNode, ctx: GenContext): string {
  const d = ctx.dialect;
  const cols = (names: string[] | undefined) =>
    names?.length ? `(${names.map((n) => d.quoteIdent(n)).join(', ')})` : '';
  switch (item.kind) {
    case 'table': {
      const name =
        item.schema === undefined
          ? d.quoteIdent(item.name)
          : `${d.quoteIdent(item.schema)}.${d.quoteIdent(item.name)}`;
      return item.alias === undefined ? name : `${name} AS ${d.quoteIdent(item.alias)}`;
    }
    case 'subquery':
      return `${genParenQuery(item.query, ctx)} AS ${d.quoteIdent(item.alias)}${cols(item.columns)}`;
    case 'values': {
      const rows = item.rows.map((r) => `(${r.map((e) => genExpr(e, ctx)).join(', ')})`).join(', ');
      return `(VALUES ${rows}) AS ${d.quoteIdent(item.alias)}${cols(item.columns)}`;
    }
    case 'dateSeries': {
      const ts = d.typeName('TIMESTAMP');
      const series = `generate_series(CAST(${genExpr(item.start, ctx)} AS ${ts}), CAST(${genExpr(item.stop, ctx)} AS ${ts}), ${genExpr(item.step, ctx)})`;
      const v = d.quoteIdent('d');
      const inner = `SELECT CAST(${v} AS ${d.typeName('DATE')}) AS ${d.quoteIdent(item.column)} FROM ${series} AS ${d.quoteIdent('series')}(${v})`;
      return `(${inner}) AS ${d.quoteIdent(item.alias)}`;
    }
  }
}

function genJoin(join: JoinNode, ctx: GenContext): string {
  const head = `${join.type} JOIN ${join.lateral ? 'LATERAL ' : ''}${genFromItem(join.item, ctx)}`;
  if (join.on) return `${head} ON ${genExpr(join.on, ctx)}`;
  if (join.using) return `${head} USING (${join.using.map((c) => ctx.dialect.quoteIdent(c)).join(', ')})`;
  return head;
}

function genSelect(node: SelectNode, ctx: GenContext): string {
  const d = ctx.dialect;
  const parts: string[] = [];
  if (node.with.length) parts.push(genWith(node.with, ctx));
  const items = node.items.length
    ? node.items.map((it) =>
        it.alias === undefined
          ? genExpr(it.expr, ctx)
          : `${genExpr(it.expr, ctx)} AS ${d.quoteIdent(it.alias)}`,
      )
    : ['*'];
  const head = node.distinct ? 'SELECT DISTINCT' : 'SELECT';
  const oneLine = items.join(', ');
  if (ctx.pretty && items.length > 1 && oneLine.length > WRAP_ITEMS_OVER) {
    parts.push(`${head}${nl(deeper(ctx))}${items.join(`,${nl(deeper(ctx))}`)}`);
  } else {
    parts.push(`${head} ${oneLine}`);
  }
  if (node.from.length) parts.push(`FROM ${node.from.map((f) => genFromItem(f, ctx)).join(', ')}`);
  for (const j of node.joins) parts.push(genJoin(j, ctx));
  if (node.where) parts.push(`WHERE ${genExpr(node.where, ctx)}`);
  if (node.groupBy.length) parts.push(`GROUP BY ${node.groupBy.map((e) => genExpr(e, ctx)).join(', ')}`);
  if (node.having) parts.push(`HAVING ${genExpr(node.having, ctx)}`);
  if (node.orderBy.length) parts.push(`ORDER BY ${genOrder(node.orderBy, ctx)}`);
  if (node.limit) parts.push(`LIMIT ${genExpr(node.limit, ctx)}`);
  if (node.offset) parts.push(`OFFSET ${genExpr(node.offset, ctx)}`);
  return parts.join(nl(ctx));
}

function needsParens(q: QueryNode): boolean {
  if (q.kind !== 'select') return true;
  return q.with.length > 0 || q.orderBy.length > 0 || q.limit !== undefined || q.offset !== undefined;
}

function genSetOp(node: SetOpNode, ctx: GenContext): string {
  const parts: string[] = [];
  if (node.with.length) parts.push(genWith(node.with, ctx));
  const branches = node.queries.map((q) => (needsParens(q) ? genParenQuery(q, ctx) : genQuery(q, ctx)));
  parts.push(branches.join(`${nl(ctx)}${node.op}${nl(ctx)}`));
  if (node.orderBy.length) parts.push(`ORDER BY ${genOrder(node.orderBy, ctx)}`);
  if (node.limit) parts.push(`LIMIT ${genExpr(node.limit, ctx)}`);
  return parts.join(nl(ctx));
}

/** Renders a query at the context's depth. */
export function genQuery(node: QueryNode, ctx: GenContext): string {
  switch (node.kind) {
    case 'select':
      return genSelect(node, ctx);
    case 'setOp':
      return genSetOp(node, ctx);
    case 'rawQuery':
      return node.sql;
  }
}

/** Renders a query in parentheses, indented one level deeper; raw SQL sits on its own lines (a trailing `--` comment stays harmless). */
export function genParenQuery(node: QueryNode, ctx: GenContext): string {
  if (node.kind === 'rawQuery') return `(\n${node.sql}\n)`;
  const inner = deeper(ctx);
  if (!ctx.pretty) return `(${genQuery(node, inner)})`;
  return `(${nl(inner)}${genQuery(node, inner)}${nl(ctx)})`;
}
