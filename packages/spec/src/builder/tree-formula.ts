import type { FormulaNode, FormulaOp } from './formula-parse.js';
import {
  arr,
  callOf,
  castOf,
  columnName,
  constant,
  intConstant,
  kids,
  obj,
  outOfGrammar,
  type TreeNode,
  textConstant,
} from './sql-tree.js';

const COMPARE: Record<string, FormulaOp> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '<>',
  COMPARE_LESSTHAN: '<',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHAN: '>',
  COMPARE_GREATERTHANOREQUALTO: '>=',
};

/** SQL function name -> formula function, for calls whose arguments map one to one. */
const PLAIN_CALLS: Record<string, string> = {
  upper: 'UPPER',
  lower: 'LOWER',
  trim: 'TRIM',
  length: 'LEN',
  left: 'LEFT',
  right: 'RIGHT',
  concat: 'CONCAT',
  abs: 'ABS',
  floor: 'FLOOR',
  ceil: 'CEIL',
  round: 'ROUND',
  substr: 'MID',
  replace: 'REPLACE',
  power: 'POWER',
  sqrt: 'SQRT',
};

const DATE_PARTS: Record<string, string> = { year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR' };
const ARITH = new Set(['+', '-', '*', '/']);

const at = 0;

/** Maps a SQL expression of DuckDB's tree back to a formula; throws OutOfGrammar for anything a formula can't say. */
export function treeToFormula(node: TreeNode): FormulaNode {
  const col = columnName(node);
  if (col !== undefined) return { kind: 'column', name: col, at };
  const c = constant(node);
  if (c) {
    if (typeof c.value === 'number') return { kind: 'number', value: c.value, at };
    if (typeof c.value === 'string') return { kind: 'string', value: c.value, at };
    if (typeof c.value === 'boolean') return { kind: 'bool', value: c.value, at };
    return outOfGrammar('NULL in a computed column');
  }
  const cmp = COMPARE[String(node.type)];
  if (node.class === 'COMPARISON' && cmp) {
    return {
      kind: 'binary',
      op: cmp,
      left: treeToFormula(obj(node.left)),
      right: treeToFormula(obj(node.right)),
      at,
    };
  }
  if (node.class === 'CONJUNCTION') {
    const name = node.type === 'CONJUNCTION_AND' ? 'AND' : 'OR';
    return { kind: 'call', name, args: kids(node).map(treeToFormula), at };
  }
  if (node.type === 'OPERATOR_NOT') return call('NOT', kids(node));
  if (node.type === 'OPERATOR_IS_NULL') return call('ISBLANK', kids(node));
  if (node.type === 'OPERATOR_IS_NOT_NULL')
    return { kind: 'call', name: 'NOT', args: [call('ISBLANK', kids(node))], at };
  if (node.type === 'OPERATOR_COALESCE') return call('COALESCE', kids(node));
  if (node.class === 'CASE') return caseToIf(node);
  const days = daysBetween(node);
  if (days) return days;
  const part = datePart(node);
  if (part) return part;
  const text = castOf(node, 'VARCHAR');
  if (text) return call('TEXT', [text]);
  const date = castOf(node, 'DATE');
  if (date) return call('DATE', [date]);
  if (node.class === 'FUNCTION') return functionToFormula(node);
  return outOfGrammar(`${describeNode(node)} in a computed column`);
}

function call(name: string, args: TreeNode[]): FormulaNode {
  return { kind: 'call', name, args: args.map(treeToFormula), at };
}

function caseToIf(node: TreeNode): FormulaNode {
  // Several WHEN branches read as nested IFs: IF(c1, a, IF(c2, b, otherwise)).
  const checks = arr(node.case_checks).map(obj);
  const otherwise = obj(node.else_expr);
  let out: FormulaNode | undefined =
    constant(otherwise)?.value === null ? undefined : treeToFormula(otherwise);
  for (const check of checks.reverse()) {
    const args = [treeToFormula(obj(check.when_expr)), treeToFormula(obj(check.then_expr))];
    if (out) args.push(out);
    out = { kind: 'call', name: 'IF', args, at };
  }
  return out ?? outOfGrammar('a CASE without WHEN');
}

function daysBetween(node: TreeNode): FormulaNode | undefined {
  const args = callOf(node, '-');
  if (args?.length !== 2) return undefined;
  const end = castOf(args[0]!, 'DATE');
  const start = castOf(args[1]!, 'DATE');
  if (!end || !start) return undefined;
  return { kind: 'call', name: 'DAYS_BETWEEN', args: [treeToFormula(start), treeToFormula(end)], at };
}

function datePart(node: TreeNode): FormulaNode | undefined {
  const inner = castOf(node, 'BIGINT');
  const args = inner && callOf(inner, 'date_part');
  if (args?.length !== 2) return undefined;
  const name = DATE_PARTS[textConstant(args[0]!) ?? ''];
  return name ? { kind: 'call', name, args: [treeToFormula(args[1]!)], at } : undefined;
}

function functionToFormula(node: TreeNode): FormulaNode {
  const name = String(node.function_name);
  const args = callOf(node, name);
  if (!args) return outOfGrammar(`${name}(...) with DISTINCT, FILTER or ORDER BY in a computed column`);
  if (ARITH.has(name)) {
    if (args.length === 1 && name === '-') {
      const arg = treeToFormula(args[0]!);
      return { kind: 'neg', arg, at };
    }
    if (args.length === 2) {
      // The PostgreSQL dialect divides as `CAST(a AS DOUBLE PRECISION) / b`; a formula's / always divides so.
      const left = name === '/' ? (castOf(args[0]!, 'DOUBLE') ?? args[0]!) : args[0]!;
      return {
        kind: 'binary',
        op: name as FormulaOp,
        left: treeToFormula(left),
        right: treeToFormula(args[1]!),
        at,
      };
    }
  }
  if (name === 'date_trunc' && args.length === 2) {
    const unit = textConstant(args[0]!);
    // A DATE column is cast to TIMESTAMP by the compiler (see formula-sql.ts).
    const cast = castOf(args[1]!, 'TIMESTAMP');
    const x = cast && columnName(cast) !== undefined ? cast : args[1]!;
    if (unit !== undefined) {
      return {
        kind: 'call',
        name: 'DATE_TRUNC',
        args: [{ kind: 'string', value: unit, at }, treeToFormula(x)],
        at,
      };
    }
  }
  if (name === 'round' && args.length === 2 && intConstant(args[1]!) === undefined) {
    return outOfGrammar('ROUND to digits that are not a whole number');
  }
  if (name === 'round' && args[0]) {
    // The PostgreSQL dialect rounds `CAST(x AS NUMERIC)`.
    const x = castOf(args[0], 'DECIMAL') ?? args[0];
    return { kind: 'call', name: 'ROUND', args: [x, ...args.slice(1)].map(treeToFormula), at };
  }
  const formulaName = PLAIN_CALLS[name];
  if (formulaName) return { kind: 'call', name: formulaName, args: args.map(treeToFormula), at };
  return outOfGrammar(`the function ${name}, which formulas do not have`);
}

/** A short description of a tree node for reasons (`a window function`, `a subquery`...). */
export function describeNode(node: TreeNode): string {
  switch (node.class) {
    case 'WINDOW':
      return 'a window function';
    case 'SUBQUERY':
      return 'a subquery';
    case 'CAST':
      return `a CAST to ${String(obj(node.cast_type).id)}`;
    case 'STAR':
      return '*';
    default:
      return `the expression ${String(node.type ?? node.class)
        .toLowerCase()
        .replace(/_/gu, ' ')}`;
  }
}
