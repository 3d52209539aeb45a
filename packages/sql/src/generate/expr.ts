import type { ExprNode, FnNode, FrameBound, LiteralNode, OrderNode, WindowNode } from '../ast/expr-nodes.js';
import { SqlBuildError } from '../errors.js';
import type { GenContext } from './context.js';
import { genParenQuery } from './query.js';

const ATOM = 10;

const BINARY_PREC: Record<string, number> = {
  '*': 7,
  '/': 7,
  '%': 7,
  '+': 6,
  '-': 6,
  '||': 5,
  // PostgreSQL's (and DuckDB's) "any other operator" level: below + and -, above comparisons.
  '>>': 5,
  '&': 5,
};

/** Binding strength of a node's top operator (higher binds tighter); decides where parentheses go. */
function prec(node: ExprNode): number {
  switch (node.kind) {
    case 'binary':
      return BINARY_PREC[node.op] ?? 4;
    case 'logic':
      return node.op === 'AND' ? 2 : 1;
    case 'unary':
      return node.op === 'NOT' ? 3 : node.op === '-' ? 8 : 4;
    case 'in':
    case 'between':
    case 'like':
      return 4;
    case 'raw':
      return 0;
    case 'literal':
      return (typeof node.value === 'number' || typeof node.value === 'bigint') && node.value < 0 ? 8 : ATOM;
    default:
      return ATOM;
  }
}

const ASSOCIATIVE = new Set(['+', '*', '||', 'AND', 'OR']);

/** Renders `child` as an operand of an operator with precedence `parentPrec`, adding parentheses if needed. */
function operand(
  child: ExprNode,
  ctx: GenContext,
  parentPrec: number,
  side: 'left' | 'right',
  op?: string,
): string {
  const text = genExpr(child, ctx);
  const p = prec(child);
  const sameAssoc = op !== undefined && ASSOCIATIVE.has(op) && opOf(child) === op;
  // AND inside OR needs no parentheses, but a reader should not have to know that.
  // Likewise bit operators (`(m >> b) & 1`): few readers know their precedence.
  const bitOps = ['>>', '&'];
  const forClarity =
    (op === 'OR' && opOf(child) === 'AND') ||
    (bitOps.includes(opOf(child) ?? '') && opOf(child) !== op) ||
    (bitOps.includes(op ?? '') && child.kind === 'binary' && opOf(child) !== op);
  const needs =
    forClarity ||
    p < parentPrec ||
    (p === parentPrec && !(side === 'left' && parentPrec !== 4) && !sameAssoc);
  return needs ? `(${text})` : text;
}

function opOf(node: ExprNode): string | undefined {
  return node.kind === 'binary' || node.kind === 'logic' ? node.op : undefined;
}

function genLiteral(node: LiteralNode, ctx: GenContext): string {
  const v = node.value;
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return Object.is(v, -0) ? '0' : String(v);
    const word = Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return `CAST('${word}' AS ${ctx.dialect.typeName('DOUBLE')})`;
  }
  return ctx.dialect.quoteString(v);
}

/** Renders ORDER BY terms (nulls placement always explicit). */
export function genOrder(terms: OrderNode[], ctx: GenContext): string {
  return terms.map((t) => `${genExpr(t.expr, ctx)} ${t.dir} NULLS ${t.nulls}`).join(', ');
}

function genBound(bound: FrameBound, ctx: GenContext): string {
  switch (bound.type) {
    case 'preceding':
    case 'following':
      return `${operand(bound.offset, ctx, ATOM, 'left')} ${bound.type.toUpperCase()}`;
    default:
      return bound.type.toUpperCase();
  }
}

function genWindowSpec(node: WindowNode, ctx: GenContext): string {
  const parts: string[] = [];
  if (node.partitionBy.length)
    parts.push(`PARTITION BY ${node.partitionBy.map((e) => genExpr(e, ctx)).join(', ')}`);
  if (node.orderBy.length) parts.push(`ORDER BY ${genOrder(node.orderBy, ctx)}`);
  if (node.frame) {
    const f = node.frame;
    parts.push(`${f.mode} BETWEEN ${genBound(f.start, ctx)} AND ${genBound(f.end, ctx)}`);
  }
  return `(${parts.join(' ')})`;
}

function genFn(node: FnNode, ctx: GenContext): string {
  const args = node.args.map((a) => genExpr(a, ctx)).join(', ');
  const order = node.orderBy?.length ? ` ORDER BY ${genOrder(node.orderBy, ctx)}` : '';
  let text = `${node.name}(${node.distinct ? 'DISTINCT ' : ''}${args}${order})`;
  if (node.withinGroup?.length) text += ` WITHIN GROUP (ORDER BY ${genOrder(node.withinGroup, ctx)})`;
  if (node.filter) text += ` FILTER (WHERE ${genExpr(node.filter, ctx)})`;
  return text;
}

function genWindow(node: WindowNode, ctx: GenContext): string {
  const spec = genWindowSpec(node, ctx);
  if (node.fn.distinct) {
    const [arg, ...more] = node.fn.args;
    if (!arg || more.length || node.fn.orderBy?.length) {
      throw new SqlBuildError(`A DISTINCT ${node.fn.name} over a window takes exactly one argument`);
    }
    const filter = node.fn.filter ? genExpr(node.fn.filter, ctx) : undefined;
    return ctx.dialect.distinctWindowAggregate(node.fn.name, genExpr(arg, ctx), filter, spec);
  }
  return `${genFn(node.fn, ctx)} OVER ${spec}`;
}

/** Renders an expression in the context's dialect. */
export function genExpr(node: ExprNode, ctx: GenContext): string {
  const d = ctx.dialect;
  switch (node.kind) {
    case 'literal':
      return genLiteral(node, ctx);
    case 'column':
      return node.table === undefined
        ? d.quoteIdent(node.name)
        : `${d.quoteIdent(node.table)}.${d.quoteIdent(node.name)}`;
    case 'star':
      return node.table === undefined ? '*' : `${d.quoteIdent(node.table)}.*`;
    case 'param':
      return `$${node.index}`;
    case 'raw':
      return node.sql;
    case 'binary': {
      const p = prec(node);
      const left = operand(node.left, ctx, p, 'left', node.op);
      const right = operand(node.right, ctx, p, 'right', node.op);
      return node.op === '/' ? d.divide(left, right) : `${left} ${node.op} ${right}`;
    }
    case 'logic':
      return node.args.map((a) => operand(a, ctx, prec(node), 'left', node.op)).join(` ${node.op} `);
    case 'unary': {
      const arg = operand(node.arg, ctx, prec(node), node.op === 'NOT' || node.op === '-' ? 'right' : 'left');
      if (node.op === 'NOT') return `NOT ${arg}`;
      if (node.op === '-') return arg.startsWith('-') ? `-(${arg})` : `-${arg}`;
      return `${arg} ${node.op}`;
    }
    case 'in': {
      const x = operand(node.expr, ctx, 4, 'left');
      const not = node.negated ? 'NOT ' : '';
      if (Array.isArray(node.list)) {
        if (node.list.length === 0) return node.negated ? 'TRUE' : 'FALSE';
        if (node.asTable && ctx.dialect.inListAsTable) {
          const rows = node.list.map((e) => `(${genExpr(e, ctx)})`).join(', ');
          return `${x} ${not}IN (SELECT "value" FROM (VALUES ${rows}) AS "wanted"("value"))`;
        }
        return `${x} ${not}IN (${node.list.map((e) => genExpr(e, ctx)).join(', ')})`;
      }
      return `${x} ${not}IN ${genParenQuery(node.list, ctx)}`;
    }
    case 'between':
      return `${operand(node.expr, ctx, 4, 'left')} ${node.negated ? 'NOT ' : ''}BETWEEN ${operand(node.low, ctx, 5, 'left')} AND ${operand(node.high, ctx, 5, 'left')}`;
    case 'like':
      return `${operand(node.expr, ctx, 4, 'left')} ${node.negated ? 'NOT ' : ''}${node.op} ${operand(node.pattern, ctx, 4, 'right')} ESCAPE '\\'`;
    case 'cast':
      return `CAST(${genExpr(node.expr, ctx)} AS ${d.typeName(node.type)})`;
    case 'case': {
      const whens = node.whens.map((w) => `WHEN ${genExpr(w.when, ctx)} THEN ${genExpr(w.result, ctx)}`);
      const otherwise = node.else ? ` ELSE ${genExpr(node.else, ctx)}` : '';
      return `CASE ${whens.join(' ')}${otherwise} END`;
    }
    case 'fn':
      return genFn(node, ctx);
    case 'window':
      return genWindow(node, ctx);
    case 'dateTrunc':
      return d.dateTrunc(node.unit, genExpr(node.expr, ctx), node.tz ? genExpr(node.tz, ctx) : undefined);
    case 'atTimeZone':
      return d.atTimeZone(operand(node.expr, ctx, ATOM, 'left'), operand(node.tz, ctx, ATOM, 'left'));
    case 'epoch':
      return d.epoch(genExpr(node.expr, ctx));
    case 'fromEpoch':
      return d.fromEpoch(operand(node.expr, ctx, ATOM, 'left'), node.unit);
    case 'interval': {
      const a = node.amount;
      const lit =
        a.kind === 'literal' && typeof a.value === 'number' && Number.isFinite(a.value) ? a.value : undefined;
      return d.interval(genExpr(a, ctx), node.unit, lit);
    }
    case 'regexp': {
      const x = operand(node.expr, ctx, ATOM, 'left');
      const p = operand(node.pattern, ctx, ATOM, 'left');
      return node.op === 'match' ? d.regexpMatch(x, p) : d.regexpExtract(x, p, node.group);
    }
    case 'list': {
      const args = node.args.map((a) => operand(a, ctx, ATOM, 'left'));
      if (node.op === 'value') return d.listValue(args);
      if (node.op === 'length') return d.listLength(args[0]!);
      if (node.op === 'sorted') return d.sortedList(args[0]!);
      // A column takes the slice as it is; anything else is parenthesised (PostgreSQL needs `(f(x))[2:]`).
      if (node.op === 'tail')
        return node.args[0]!.kind === 'column' ? `${args[0]!}[2:]` : `(${args[0]!})[2:]`;
      return d.listContains(args[0]!, args[1]!);
    }
    case 'intDiv':
      return d.intDiv(operand(node.left, ctx, 7, 'left'), operand(node.right, ctx, 7, 'right'));
    case 'subqueryExpr':
      return `${node.op === 'exists' ? 'EXISTS ' : ''}${genParenQuery(node.query, ctx)}`;
    case 'listMinAtLeast': {
      if (!d.listMinAtLeast) throw new SqlBuildError(`The ${d.name} dialect has no listMinAtLeast`);
      return d.listMinAtLeast(genExpr(node.list, ctx), genExpr(node.value, ctx), node.strict === true);
    }
    case 'exactSeconds': {
      const start = genExpr(node.start, ctx);
      const end = genExpr(node.end, ctx);
      return d.exactSeconds ? d.exactSeconds(start, end) : `(${d.epoch(end)} - ${d.epoch(start)})`;
    }
    case 'bitFlag': {
      const bit = genExpr(node.bit, ctx);
      if (!d.bitFlag) throw new SqlBuildError(`The ${d.name} dialect has no bitFlag`);
      return d.bitFlag(bit);
    }
    case 'epochMicros': {
      const x = genExpr(node.expr, ctx);
      if (!d.epochMicros) throw new SqlBuildError(`The ${d.name} dialect has no epochMicros`);
      return d.epochMicros(x);
    }
    case 'bytewise': {
      const x = operand(node.expr, ctx, ATOM, 'left');
      return d.bytewise ? d.bytewise(x) : x;
    }
  }
}
