import { type FormulaNode, type FormulaOp, parseFormula, printFormula } from './formula-parse.js';
import { aggregateName, groupName } from './names.js';
import type { BuilderQuery, BuilderSource, SortStep, Step } from './schema.js';

const NEGATED: Partial<Record<string, FormulaOp>> = {
  '=': '<>',
  '<>': '=',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};

function normalizeNode(node: FormulaNode): FormulaNode {
  switch (node.kind) {
    case 'neg': {
      const arg = normalizeNode(node.arg);
      return arg.kind === 'number' ? { ...arg, value: arg.value === 0 ? 0 : -arg.value } : { ...node, arg };
    }
    case 'call': {
      let args = node.args.map(normalizeNode);
      if (node.name === 'AND' || node.name === 'OR') {
        args = args.flatMap((a) => (a.kind === 'call' && a.name === node.name ? a.args : [a]));
      }
      // DuckDB's parser writes NOT (a = b) as a <> b, NOT (a < b) as a >= b...
      const inner = args[0];
      if (node.name === 'NOT' && inner?.kind === 'binary' && inner.op in NEGATED) {
        return { ...inner, op: NEGATED[inner.op]! };
      }
      if (node.name === 'DATE_TRUNC' && args[0]?.kind === 'string') {
        args = [{ ...args[0], value: args[0].value.toLowerCase() }, ...args.slice(1)];
      }
      return { ...node, args };
    }
    case 'binary': {
      const left = normalizeNode(node.left);
      const right = normalizeNode(node.right);
      // DATE(b) - DATE(a) is what DAYS_BETWEEN(a, b) writes.
      if (
        node.op === '-' &&
        left.kind === 'call' &&
        left.name === 'DATE' &&
        right.kind === 'call' &&
        right.name === 'DATE'
      ) {
        return { kind: 'call', name: 'DAYS_BETWEEN', args: [right.args[0]!, left.args[0]!], at: node.at };
      }
      // a + (b + c) is written a + b + c, which reads back as (a + b) + c.
      if ((node.op === '+' || node.op === '*') && right.kind === 'binary' && right.op === node.op) {
        return normalizeNode({ ...node, left: { ...node, left, right: right.left }, right: right.right });
      }
      return { ...node, left, right };
    }
    default:
      return node;
  }
}

/** A formula in the form it reads back from SQL (canonical spacing, flattened AND/OR, left-nested + and *). */
export function normalizeFormula(formula: string): string {
  const parsed = parseFormula(formula);
  return parsed.ok ? printFormula(normalizeNode(parsed.value)) : formula;
}

function sameSort(a: SortStep['by'], b: SortStep['by']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The canonical form of a builder query, as it reads back from its SQL: defaults left out (`as` equal to the
 * default name, `tz` UTC), a single condition combined with `and`, sorts that repeat the current order dropped,
 * formulas in canonical text, and (with `columnsOf`) the join's default columns written out.
 */
export function normalizeBuilder(
  query: BuilderQuery,
  columnsOf?: (source: BuilderSource) => readonly { name: string }[] | undefined,
): BuilderQuery {
  let order: SortStep['by'] = [];
  const steps: Step[] = [];
  for (const step of query.steps) {
    switch (step.type) {
      case 'filter':
        steps.push({
          ...step,
          combine: step.conditions.length === 1 ? 'and' : step.combine,
          conditions: step.conditions.map(({ tz, ...c }) =>
            tz === undefined || tz === 'UTC' ? c : { ...c, tz },
          ),
        });
        break;
      case 'customColumn':
        steps.push({ ...step, formula: normalizeFormula(step.formula) });
        break;
      case 'summarize':
        order = [];
        steps.push({
          ...step,
          groupBy: step.groupBy.map(({ as, ...g }) =>
            as === undefined || as === groupName(g) ? g : { ...g, as },
          ),
          aggregates: step.aggregates.map(({ as, ...a }) =>
            as === undefined || as === aggregateName(a) ? a : { ...a, as },
          ),
        });
        break;
      case 'sort':
        if (!sameSort(step.by, order)) steps.push(step);
        order = step.by;
        break;
      case 'join': {
        order = [];
        const known =
          step.columns ??
          columnsOf?.(step.with)
            ?.map((c) => c.name)
            .filter((c) => !step.on.some((k) => k.right === c));
        steps.push(known === undefined ? step : { ...step, columns: known });
        break;
      }
      default:
        steps.push(step);
    }
  }
  return { ...query, steps };
}
