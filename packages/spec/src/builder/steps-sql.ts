import {
  and,
  asc,
  avg,
  cast,
  column,
  count,
  countDistinct,
  type Dialect,
  dateTrunc,
  desc,
  type ExprNode,
  eq,
  type FromNode,
  max,
  min,
  type OrderNode,
  percentileCont,
  type SelectBuilder,
  select,
  star,
  sum,
} from '@sightline/sql';
import { filterExpr, isZonedType } from './conditions.js';
import { parseFormula } from './formula-parse.js';
import { formulaToSql, isDateType } from './formula-sql.js';
import { aggregateName, didYouMean, groupName } from './names.js';
import type {
  AggregateFn,
  CustomColumnStep,
  FilterStep,
  JoinStep,
  SortStep,
  SummarizeStep,
} from './schema.js';

/** A column of a step's output; `type` is the engine's type name when known. */
export interface ColumnInfo {
  name: string;
  type?: string;
}

/** A compile problem: what is wrong, what to do, and where (0-based step index, character in a formula). */
export interface BuilderCompileError {
  message: string;
  hints: string[];
  step?: number;
  position?: number;
}

/** Thrown inside the compiler, returned as a Result by `compileBuilder`. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly hints: string[] = [],
    readonly position?: number,
  ) {
    super(message);
  }
}

/** The rows flowing between steps: where they are read from, their columns (when known) and current order. */
export interface Flow {
  from: FromNode;
  /** Where the rows are, for messages: `in orders`, `after step 2`. */
  place: string;
  columns: ColumnInfo[] | undefined;
  order: OrderNode[];
  now: string | undefined;
  dialect: Dialect;
}

/** Fails when `name` is not a column of `columns` (unknown columns are not checked). */
export function requireColumn(
  name: string,
  columns: ColumnInfo[] | undefined,
  place: string,
  what = 'Column',
): void {
  if (!columns || columns.some((c) => c.name === name)) return;
  const names = columns.map((c) => c.name);
  const close = didYouMean(name, names);
  throw new StepError(
    `${what} "${name}" doesn't exist ${place}.`,
    close.length
      ? close.map((c) => `Did you mean "${c}"?`)
      : [`Columns here: ${names.slice(0, 20).join(', ')}.`],
  );
}

function typeOf(columns: ColumnInfo[] | undefined) {
  return (name: string) => columns?.find((c) => c.name === name)?.type;
}

/** `SELECT * FROM prev WHERE ...`. */
export function filterSql(
  step: FilterStep,
  flow: Flow,
): { query: SelectBuilder; columns: ColumnInfo[] | undefined } {
  for (const c of step.conditions) requireColumn(c.column, flow.columns, flow.place);
  const where = filterExpr(step, { now: flow.now, typeOf: typeOf(flow.columns) });
  return { query: select().from(flow.from).where(where), columns: flow.columns };
}

/** `SELECT *, formula AS name FROM prev`. */
export function customColumnSql(
  step: CustomColumnStep,
  flow: Flow,
): { query: SelectBuilder; columns: ColumnInfo[] | undefined } {
  if (flow.columns?.some((c) => c.name === step.name)) {
    throw new StepError(`A column named "${step.name}" exists already.`, [
      'Give the new column another name.',
    ]);
  }
  const parsed = parseFormula(step.formula);
  if (!parsed.ok) throw new StepError(parsed.error.message, parsed.error.hints, parsed.error.position);
  const names = flow.columns?.map((c) => c.name);
  const compiled = formulaToSql(parsed.value, flow.dialect, {
    ...(names ? { columns: names } : {}),
    typeOf: typeOf(flow.columns),
    place: flow.place,
  });
  if (!compiled.ok)
    throw new StepError(compiled.error.message, compiled.error.hints, compiled.error.position);
  const query = select(star(), { [step.name]: compiled.value }).from(flow.from);
  return { query, columns: flow.columns && [...flow.columns, { name: step.name }] };
}

const PERCENTILES: Partial<Record<AggregateFn, number>> = {
  median: 0.5,
  p25: 0.25,
  p75: 0.75,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
};

function aggregateExpr(fn: AggregateFn, col: string | undefined): ExprNode {
  const x = col === undefined ? undefined : column(col);
  const fraction = PERCENTILES[fn];
  if (fraction !== undefined) return percentileCont(fraction, x!);
  switch (fn) {
    case 'count':
      return count(x);
    case 'count_distinct':
      return countDistinct(x!);
    case 'sum':
      return sum(x!);
    case 'avg':
      return avg(x!);
    case 'min':
      return min(x!);
    default:
      return max(x!);
  }
}

/** `SELECT groups, aggregates FROM prev GROUP BY groups`. */
export function summarizeSql(
  step: SummarizeStep,
  flow: Flow,
): { query: SelectBuilder; columns: ColumnInfo[] | undefined } {
  const items: (ExprNode | Record<string, ExprNode>)[] = [];
  const groups: ExprNode[] = [];
  const out: ColumnInfo[] = [];
  const add = (name: string, expr: ExprNode, type?: string) => {
    if (out.some((c) => c.name === name))
      throw new StepError(`Two outputs of the summary are named "${name}".`, [
        'Give one of them another name.',
      ]);
    items.push(expr.kind === 'column' && expr.name === name ? expr : { [name]: expr });
    out.push(type === undefined ? { name } : { name, type });
  };
  for (const g of step.groupBy) {
    requireColumn(g.column, flow.columns, flow.place);
    const type = typeOf(flow.columns)(g.column);
    const col = column(g.column);
    const expr = g.bucket ? dateTrunc(g.bucket, isDateType(type) ? cast(col, 'TIMESTAMP') : col) : col;
    groups.push(expr);
    // A zoned timestamp stays zoned when truncated; anything else becomes a TIMESTAMP.
    add(groupName(g), expr, g.bucket && !isZonedType(type) ? 'TIMESTAMP' : type);
  }
  for (const a of step.aggregates) {
    if (a.column !== undefined) requireColumn(a.column, flow.columns, flow.place);
    add(aggregateName(a), aggregateExpr(a.fn, a.column), a.fn.startsWith('count') ? 'BIGINT' : undefined);
  }
  const query = select(...items)
    .from(flow.from)
    .groupBy(...groups);
  return { query, columns: flow.columns && out };
}

/** The ORDER BY terms of a sort step (NULLs last). */
export function sortOrder(step: SortStep, flow: Flow): OrderNode[] {
  return step.by.map((b) => {
    requireColumn(b.column, flow.columns, flow.place);
    return b.dir === 'desc' ? desc(column(b.column)) : asc(column(b.column));
  });
}

/** `SELECT "l".*, "r"."x", ... FROM prev AS "l" JOIN item AS "r" ON ...`; right columns taken on the left get `_2`. */
export function joinSql(
  step: JoinStep,
  flow: Flow,
  right: FromNode,
  rightColumns: ColumnInfo[] | undefined,
  rightPlace: string,
): { query: SelectBuilder; columns: ColumnInfo[] | undefined } {
  for (const k of step.on) {
    requireColumn(k.left, flow.columns, flow.place, 'Key column');
    requireColumn(k.right, rightColumns, rightPlace, 'Key column');
  }
  let picked: ColumnInfo[];
  if (step.columns) {
    for (const c of step.columns) requireColumn(c, rightColumns, rightPlace);
    picked = step.columns.map((name) => rightColumns?.find((c) => c.name === name) ?? { name });
  } else if (rightColumns) {
    picked = rightColumns.filter((c) => !step.on.some((k) => k.right === c.name));
  } else {
    throw new StepError('The columns of the joined data are not known here.', [
      'List the columns to keep from it.',
    ]);
  }
  const taken = new Set((flow.columns ?? []).map((c) => c.name));
  const out: ColumnInfo[] = [...(flow.columns ?? [])];
  const entries: (ExprNode | Record<string, ExprNode>)[] = [star('l')];
  for (const c of picked) {
    let name = c.name;
    for (let i = 2; taken.has(name); i++) name = `${c.name}_${i}`;
    taken.add(name);
    const ref = column(c.name, 'r');
    entries.push(name === c.name ? ref : { [name]: ref });
    out.push(c.type === undefined ? { name } : { name, type: c.type });
  }
  const on = and(...step.on.map((k) => eq(column(k.left, 'l'), column(k.right, 'r'))));
  const left = { ...flow.from, alias: 'l' } as FromNode;
  const query = select(...entries)
    .from(left)
    .join(right, { type: step.kind.toUpperCase() as 'LEFT', on });
  return { query, columns: flow.columns && out };
}
