import { aggregateName, groupName } from './names.js';
import { type Aggregate, type AggregateFn, BUCKETS, type GroupBy, type SummarizeStep } from './schema.js';
import {
  aliasOf,
  arr,
  callOf,
  castOf,
  columnName,
  constant,
  intConstant,
  kids,
  obj,
  outOfGrammar,
  sameExpr,
  str,
  type TreeNode,
  textConstant,
} from './sql-tree.js';
import { describeNode } from './tree-formula.js';

// A summary (GROUP BY and aggregates) of DuckDB's parse tree, read back as a summarize step.

const PERCENTILE_FN: Record<string, AggregateFn> = {
  '0.5': 'median',
  '0.25': 'p25',
  '0.75': 'p75',
  '0.9': 'p90',
  '0.95': 'p95',
  '0.99': 'p99',
};
const PLAIN_AGG: Record<string, AggregateFn> = {
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
  median: 'median',
};
/** Aggregate functions a summary step can hold. */
export const AGG_NAMES = new Set([
  'count_star',
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'quantile_cont',
]);
function groupEntry(expr: TreeNode): GroupBy {
  const col = columnName(expr);
  if (col !== undefined) return { column: col };
  const args = callOf(expr, 'date_trunc');
  const bucket = args?.length === 2 ? textConstant(args[0]!) : undefined;
  const bucketed = args?.[1] ? columnName(castOf(args[1], 'TIMESTAMP') ?? args[1]) : undefined;
  if (bucket && (BUCKETS as readonly string[]).includes(bucket) && bucketed !== undefined) {
    return { column: bucketed, bucket: bucket as GroupBy['bucket'] & string };
  }
  return outOfGrammar('grouping by an expression (add it as a custom column first)');
}

function aggColumn(node: TreeNode | undefined): string {
  const col = node && columnName(node);
  return col ?? outOfGrammar('a summary of an expression (add it as a custom column first)');
}

function aggregateEntry(item: TreeNode): Aggregate {
  const name = str(item.function_name) ?? '';
  if (item.class !== 'FUNCTION' || !AGG_NAMES.has(name))
    return outOfGrammar(`${describeNode(item)} in a summary`);
  if (item.filter !== null && item.filter !== undefined) return outOfGrammar('an aggregate with FILTER');
  const args = kids(item);
  const orders = arr(obj(item.order_bys).orders).map(obj);
  const distinct = item.distinct === true;
  if (name === 'count_star' && args.length === 0) return { fn: 'count' };
  if (name === 'count' && args.length === 1 && orders.length === 0) {
    return { fn: distinct ? 'count_distinct' : 'count', column: aggColumn(args[0]) };
  }
  if (distinct) return outOfGrammar(`${name}(DISTINCT ...)`);
  const plain = PLAIN_AGG[name];
  if (plain && args.length === 1 && orders.length === 0) return { fn: plain, column: aggColumn(args[0]) };
  if (name === 'quantile_cont') {
    const [fraction, column] =
      args.length === 1 && orders.length === 1 && orders[0]!.type !== 'DESCENDING'
        ? [constant(args[0]!)?.value, obj(orders[0]!.expression)]
        : args.length === 2 && orders.length === 0
          ? [constant(args[1]!)?.value, args[0]!]
          : [undefined, undefined];
    const fn = PERCENTILE_FN[String(fraction)];
    if (fn) return { fn, column: aggColumn(column) };
    return outOfGrammar('a percentile other than 25, 50, 75, 90, 95 or 99');
  }
  return outOfGrammar(`${name}(...) with these arguments in a summary`);
}

/** The summarize step of a SELECT's items and GROUP BY expressions, and its output column names. */
export function summarize(
  items: TreeNode[],
  groupExprs: TreeNode[],
): { step: SummarizeStep; outputs: string[] } {
  const groups = groupExprs.map((g) => {
    const k = g.class === 'CONSTANT' ? intConstant(g) : undefined;
    return k === undefined ? g : (items[k - 1] ?? outOfGrammar(`GROUP BY ${k}: there is no column ${k}`));
  });
  const step: SummarizeStep = { type: 'summarize', groupBy: [], aggregates: [] };
  const outputs: string[] = [];
  const used = new Set<number>();
  for (const item of items) {
    const alias = aliasOf(item);
    const gi = groups.findIndex((g) => sameExpr(g, item));
    if (gi >= 0) {
      used.add(gi);
      const g = groupEntry(item);
      if (alias !== '' && alias !== groupName(g)) g.as = alias;
      step.groupBy.push(g);
      outputs.push(groupName(g));
    } else {
      const a = aggregateEntry(item);
      if (alias !== '' && alias !== aggregateName(a)) a.as = alias;
      step.aggregates.push(a);
      outputs.push(aggregateName(a));
    }
  }
  if (used.size < groups.length) outOfGrammar('grouping by a column that is not shown');
  if (step.aggregates.length === 0)
    outOfGrammar('grouping without any count or other summary (SELECT DISTINCT-like)');
  return { step, outputs };
}

/** HAVING reads the summary's outputs: each shown group or aggregate becomes a reference to its output column. */
export function asOutputColumns(node: TreeNode, items: TreeNode[], outputs: string[]): TreeNode {
  const i = items.findIndex((it) => sameExpr(it, node));
  if (i >= 0 && node.class !== 'CONSTANT')
    return { class: 'COLUMN_REF', type: 'COLUMN_REF', column_names: [outputs[i]] };
  const out: TreeNode = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = Array.isArray(v)
      ? v.map((x) => (x !== null && typeof x === 'object' ? asOutputColumns(obj(x), items, outputs) : x))
      : v !== null && typeof v === 'object'
        ? asOutputColumns(obj(v), items, outputs)
        : v;
  }
  return out;
}
