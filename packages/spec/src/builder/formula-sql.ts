import {
  add,
  and,
  type BinaryOp,
  caseWhen,
  cast,
  column,
  type Dialect,
  dateTrunc,
  div,
  type ExprNode,
  fn,
  isNull,
  literal,
  mul,
  neg,
  not,
  or,
  sub,
  type TruncUnit,
} from '@sightline/sql';
import type { FormulaError, FormulaNode, FormulaResult } from './formula-parse.js';
import { didYouMean } from './names.js';

/** Calendar units DATE_TRUNC accepts in a formula. */
export const FORMULA_TRUNC_UNITS: readonly TruncUnit[] = [
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
];

interface FormulaContext {
  dialect: Dialect;
  columns: readonly string[] | undefined;
  typeOf: ((column: string) => string | undefined) | undefined;
  place: string;
}

/** What the formula compiler may know about its columns. */
export interface FormulaColumns {
  /** The columns a formula may read; unchecked when absent. */
  columns?: readonly string[];
  /** Column types when known (a DATE is cast to TIMESTAMP before DATE_TRUNC so both engines agree). */
  typeOf?: (column: string) => string | undefined;
  /** Where the columns are, for messages: `in orders`, `after step 2` (default `here`). */
  place?: string;
}

type Compile = (args: ExprNode[], dialect: Dialect, raw: FormulaNode[], ctx: FormulaContext) => ExprNode;

/** True for a DATE column: truncating it gives a TIMESTAMP in DuckDB but a zoned one in PostgreSQL, so it is cast first. */
export function isDateType(type: string | undefined): boolean {
  return type !== undefined && type.trim().toUpperCase() === 'DATE';
}

interface FormulaFunction {
  min: number;
  max: number;
  /** How to call it, for error messages. */
  usage: string;
  compile: Compile;
}

const datePart = (part: string) => (a: ExprNode[]) => cast(fn('date_part', part, a[0]!), 'BIGINT');

/** The functions a formula may call (upper-case names), with their SQL. */
export const FORMULA_FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  IF: {
    min: 2,
    max: 3,
    usage: 'IF(condition, value if true, value if false)',
    compile: (a) => caseWhen([[a[0]!, a[1]!]], a[2]),
  },
  AND: { min: 2, max: 20, usage: 'AND(condition, condition, ...)', compile: (a) => and(...a) },
  OR: { min: 2, max: 20, usage: 'OR(condition, condition, ...)', compile: (a) => or(...a) },
  NOT: { min: 1, max: 1, usage: 'NOT(condition)', compile: (a) => not(a[0]!) },
  ISBLANK: { min: 1, max: 1, usage: 'ISBLANK(value)', compile: (a) => isNull(a[0]!) },
  ROUND: {
    min: 1,
    max: 2,
    usage: 'ROUND(number, digits)',
    // PostgreSQL rounds to digits only NUMERIC values.
    compile: (a, d) => {
      const x = d.name === 'postgres' ? cast(a[0]!, 'NUMERIC') : a[0]!;
      return a.length === 2 ? fn('round', x, a[1]!) : fn('round', x);
    },
  },
  ABS: { min: 1, max: 1, usage: 'ABS(number)', compile: (a) => fn('abs', a[0]!) },
  FLOOR: { min: 1, max: 1, usage: 'FLOOR(number)', compile: (a) => fn('floor', a[0]!) },
  CEIL: { min: 1, max: 1, usage: 'CEIL(number)', compile: (a) => fn('ceil', a[0]!) },
  UPPER: { min: 1, max: 1, usage: 'UPPER(text)', compile: (a) => fn('upper', a[0]!) },
  LOWER: { min: 1, max: 1, usage: 'LOWER(text)', compile: (a) => fn('lower', a[0]!) },
  TRIM: { min: 1, max: 1, usage: 'TRIM(text)', compile: (a) => fn('trim', a[0]!) },
  LEN: { min: 1, max: 1, usage: 'LEN(text)', compile: (a) => fn('length', a[0]!) },
  LEFT: { min: 2, max: 2, usage: 'LEFT(text, count)', compile: (a) => fn('left', a[0]!, a[1]!) },
  RIGHT: { min: 2, max: 2, usage: 'RIGHT(text, count)', compile: (a) => fn('right', a[0]!, a[1]!) },
  CONCAT: { min: 2, max: 20, usage: 'CONCAT(text, text, ...)', compile: (a) => fn('concat', ...a) },
  COALESCE: {
    min: 2,
    max: 20,
    usage: 'COALESCE(value, fallback, ...)',
    compile: (a) => fn('coalesce', ...a),
  },
  YEAR: { min: 1, max: 1, usage: 'YEAR(date)', compile: datePart('year') },
  MONTH: { min: 1, max: 1, usage: 'MONTH(date)', compile: datePart('month') },
  DAY: { min: 1, max: 1, usage: 'DAY(date)', compile: datePart('day') },
  HOUR: { min: 1, max: 1, usage: 'HOUR(time)', compile: datePart('hour') },
  MID: {
    min: 3,
    max: 3,
    usage: 'MID(text, start, count)',
    compile: (a) => fn('substr', a[0]!, a[1]!, a[2]!),
  },
  REPLACE: {
    min: 3,
    max: 3,
    usage: 'REPLACE(text, find, put instead)',
    compile: (a) => fn('replace', a[0]!, a[1]!, a[2]!),
  },
  POWER: { min: 2, max: 2, usage: 'POWER(number, exponent)', compile: (a) => fn('power', a[0]!, a[1]!) },
  SQRT: { min: 1, max: 1, usage: 'SQRT(number)', compile: (a) => fn('sqrt', a[0]!) },
  TEXT: { min: 1, max: 1, usage: 'TEXT(value)', compile: (a) => cast(a[0]!, 'TEXT') },
  DATE: { min: 1, max: 1, usage: 'DATE(value)', compile: (a) => cast(a[0]!, 'DATE') },
  DATE_TRUNC: {
    min: 2,
    max: 2,
    usage: 'DATE_TRUNC("week", date)',
    compile: (a, _d, raw, ctx) => {
      const x =
        raw[1]?.kind === 'column' && isDateType(ctx.typeOf?.(raw[1].name)) ? cast(a[1]!, 'TIMESTAMP') : a[1]!;
      return dateTrunc((raw[0] as { value: string }).value.toLowerCase() as TruncUnit, x);
    },
  },
  DAYS_BETWEEN: {
    min: 2,
    max: 2,
    usage: 'DAYS_BETWEEN(start date, end date)',
    compile: (a) => sub(cast(a[1]!, 'DATE'), cast(a[0]!, 'DATE')),
  },
};

class FormulaCompileError extends Error {
  constructor(readonly error: FormulaError) {
    super(error.message);
  }
}

const BINARY: Record<string, (l: ExprNode, r: ExprNode) => ExprNode> = {
  '+': add,
  '-': sub,
  '*': mul,
  '/': div,
};

function compileNode(node: FormulaNode, ctx: FormulaContext): ExprNode {
  const { columns } = ctx;
  switch (node.kind) {
    case 'column': {
      if (columns && !columns.includes(node.name)) {
        throw new FormulaCompileError({
          message: `Column "${node.name}" doesn't exist ${ctx.place} (character ${node.at + 1}).`,
          position: node.at,
          hints: didYouMean(node.name, columns).map((c) => `Did you mean [${c}]?`),
        });
      }
      return column(node.name);
    }
    case 'number':
      return literal(node.value);
    case 'string':
      return literal(node.value);
    case 'bool':
      return literal(node.value);
    case 'neg':
      return neg(compileNode(node.arg, ctx));
    case 'binary': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      const arith = BINARY[node.op];
      if (arith) return arith(l, r);
      return { kind: 'binary', op: node.op as BinaryOp, left: l, right: r };
    }
    case 'call':
      return compileCall(node, ctx);
  }
}

function compileCall(node: Extract<FormulaNode, { kind: 'call' }>, ctx: FormulaContext): ExprNode {
  const f = FORMULA_FUNCTIONS[node.name];
  if (!f) {
    const close = didYouMean(node.name, Object.keys(FORMULA_FUNCTIONS));
    throw new FormulaCompileError({
      message: `There is no function ${node.name} (character ${node.at + 1}).`,
      position: node.at,
      hints: close.length
        ? close.map((c) => `Did you mean ${c}?`)
        : [`Functions: ${Object.keys(FORMULA_FUNCTIONS).join(', ')}.`],
    });
  }
  if (node.args.length < f.min || node.args.length > f.max) {
    const want = f.min === f.max ? `${f.min}` : f.max >= 20 ? `at least ${f.min}` : `${f.min} or ${f.max}`;
    throw new FormulaCompileError({
      message: `${node.name} takes ${want} value${want === '1' ? '' : 's'}, not ${node.args.length} (character ${node.at + 1}).`,
      position: node.at,
      hints: [`Write ${f.usage}.`],
    });
  }
  if (node.name === 'DATE_TRUNC') {
    const unit = node.args[0]!;
    if (unit.kind !== 'string' || !FORMULA_TRUNC_UNITS.includes(unit.value.toLowerCase() as TruncUnit)) {
      throw new FormulaCompileError({
        message: `DATE_TRUNC needs a unit in quotes first (character ${unit.at + 1}).`,
        position: unit.at,
        hints: [`Units: ${FORMULA_TRUNC_UNITS.join(', ')}; e.g. ${f.usage}.`],
      });
    }
  }
  if (
    node.name === 'ROUND' &&
    node.args[1] &&
    !(node.args[1].kind === 'number' && Number.isInteger(node.args[1].value))
  ) {
    throw new FormulaCompileError({
      message: `ROUND needs a whole number of digits (character ${node.args[1].at + 1}).`,
      position: node.args[1].at,
      hints: ['Write e.g. ROUND([price], 2).'],
    });
  }
  return f.compile(
    node.args.map((a) => compileNode(a, ctx)),
    ctx.dialect,
    node.args,
    ctx,
  );
}

/** Compiles a parsed formula to a SQL expression, checking its columns when they are known. */
export function formulaToSql(
  node: FormulaNode,
  dialect: Dialect,
  known: FormulaColumns = {},
): FormulaResult<ExprNode> {
  try {
    const ctx = { dialect, columns: known.columns, typeOf: known.typeOf, place: known.place ?? 'here' };
    return { ok: true, value: compileNode(node, ctx) };
  } catch (e) {
    if (e instanceof FormulaCompileError) return { ok: false, error: e.error };
    throw e;
  }
}

/** The columns a formula reads, in order of first use. */
export function formulaColumns(node: FormulaNode): string[] {
  const seen: string[] = [];
  const walk = (n: FormulaNode): void => {
    if (n.kind === 'column' && !seen.includes(n.name)) seen.push(n.name);
    if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    }
    if (n.kind === 'neg') walk(n.arg);
    if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(node);
  return seen;
}
