import { aggregateName, groupName } from './names.js';
import type { BuilderSource, FilterCondition, Step } from './schema.js';

function value(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** A source in plain words: `users`, `file data/orders.csv`, `saved query "weekly"`, `your SQL`. */
export function describeSource(s: BuilderSource): string {
  switch (s.kind) {
    case 'table':
      return s.schema === undefined ? s.name : `${s.schema}.${s.name}`;
    case 'file':
      return `file ${s.path}`;
    case 'query':
      return `saved query "${s.id}"`;
    case 'sql':
      return 'your SQL';
  }
}

const OP_WORDS: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  contains: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  before: 'is before',
  after: 'is after',
};

/** One condition in plain words: `country is "US"`, `created_at is in the last 30 days`. */
export function describeCondition(c: FilterCondition): string {
  const zone = c.tz && c.tz !== 'UTC' ? ` (${c.tz})` : '';
  switch (c.op) {
    case 'between':
      return `${c.column} is between ${value(c.values![0])} and ${value(c.values![1])}`;
    case 'in':
      return `${c.column} is one of ${c.values!.map(value).join(', ')}`;
    case 'not_in':
      return `${c.column} is none of ${c.values!.map(value).join(', ')}`;
    case 'is_empty':
      return `${c.column} is empty`;
    case 'is_not_empty':
      return `${c.column} is not empty`;
    case 'last':
      return `${c.column} is in the last ${c.n} ${c.unit}${c.n === 1 ? '' : 's'}${zone}`;
    case 'this':
      return `${c.column} is in this ${c.unit}${zone}`;
    case 'previous':
      return `${c.column} is in the previous ${c.unit}${zone}`;
    default:
      return `${c.column} ${OP_WORDS[c.op]} ${value(c.value)}`;
  }
}

/** What a step does, in one plain sentence (the comment above its CTE). */
export function describeStep(step: Step): string {
  switch (step.type) {
    case 'filter':
      return `Keep the rows where ${step.conditions.map(describeCondition).join(step.combine === 'or' ? ' or ' : ' and ')}.`;
    case 'customColumn':
      return `Add the column ${step.name} = ${step.formula}.`;
    case 'summarize': {
      const aggs = step.aggregates.map(aggregateName).join(', ');
      if (step.groupBy.length === 0) return `Summarise all rows into one: ${aggs}.`;
      const groups = step.groupBy.map((g) => (g.bucket ? `${g.column} by ${g.bucket}` : g.column)).join(', ');
      return `Summarise per ${groups}: ${aggs}${step.groupBy.some((g) => groupName(g) !== g.column) ? ` (groups named ${step.groupBy.map(groupName).join(', ')})` : ''}.`;
    }
    case 'sort':
      return `Sort by ${step.by.map((b) => `${b.column} (${b.dir === 'desc' ? 'largest first' : 'smallest first'})`).join(', then ')}; empty values last.`;
    case 'limit':
      return `Keep the first ${step.n} row${step.n === 1 ? '' : 's'}.`;
    case 'join': {
      const keys = step.on.map((k) => (k.left === k.right ? k.left : `${k.left} = ${k.right}`)).join(' and ');
      const kind = { inner: 'Join', left: 'Left join', right: 'Right join', full: 'Full join' }[step.kind];
      return `${kind} ${describeSource(step.with)} on ${keys}.`;
    }
  }
}
