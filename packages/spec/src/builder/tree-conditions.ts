import type { FilterCondition, FilterStep, FilterValue } from './schema.js';
import {
  callOf,
  castOf,
  columnName,
  constant,
  kids,
  obj,
  outOfGrammar,
  type TreeNode,
  textConstant,
} from './sql-tree.js';

const COMPARE: Record<string, FilterCondition['op']> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '!=',
  COMPARE_LESSTHAN: '<',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHAN: '>',
  COMPARE_GREATERTHANOREQUALTO: '>=',
};
const FLIP: Record<string, FilterCondition['op']> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** `DATE '2026-01-01'` and `TIMESTAMP '...'` literals compare like their text (both engines cast it). */
function dateLiteral(node: TreeNode): TreeNode {
  const inner = castOf(node, 'DATE') ?? castOf(node, 'TIMESTAMP') ?? castOf(node, 'TIMESTAMP WITH TIME ZONE');
  return inner && textConstant(inner) !== undefined ? inner : node;
}

function value(node: TreeNode): FilterValue {
  const c = constant(dateLiteral(node));
  if (!c) return outOfGrammar('a condition comparing with something other than a plain value');
  if (c.value === null) return outOfGrammar('a comparison with NULL (use "is empty" instead)');
  return c.value;
}

function column(node: TreeNode): string {
  return (
    columnName(node) ??
    outOfGrammar('a condition on an expression rather than a column (add it as a custom column first)')
  );
}

/** Splits a LIKE pattern with `\` escapes into its leading %, literal text and trailing %; undefined when other wildcards. */
function likeParts(
  pattern: string,
  escapeChar: string | undefined,
): { start: boolean; text: string; end: boolean } | undefined {
  const chars: { ch: string; literal: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escapeChar !== undefined && ch === escapeChar && i + 1 < pattern.length) {
      chars.push({ ch: pattern[i + 1]!, literal: true });
      i++;
    } else chars.push({ ch, literal: false });
  }
  const start = chars[0]?.ch === '%' && !chars[0].literal;
  const last = chars[chars.length - 1];
  const end = chars.length > (start ? 1 : 0) && last?.ch === '%' && !last.literal;
  const middle = chars.slice(start ? 1 : 0, end ? -1 : undefined);
  if (middle.length === 0 || middle.some((c) => !c.literal && (c.ch === '%' || c.ch === '_')))
    return undefined;
  return { start, text: middle.map((c) => c.ch).join(''), end };
}

function likeCondition(col: string, pattern: string, escapeChar: string | undefined): FilterCondition {
  const parts = likeParts(pattern, escapeChar);
  if (parts?.start && parts.end) return { column: col, op: 'contains', value: parts.text };
  if (parts?.end) return { column: col, op: 'starts_with', value: parts.text };
  if (parts?.start) return { column: col, op: 'ends_with', value: parts.text };
  return outOfGrammar('an ILIKE pattern other than contains, starts with or ends with');
}

/** `CAST(timezone(tz, now() | CAST(text AS TIMESTAMPTZ)) AS DATE)`: the time zone of "today", or undefined. */
function todayZone(node: TreeNode): string | undefined {
  const inner = castOf(node, 'DATE');
  const args = inner && callOf(inner, 'timezone');
  if (args?.length !== 2) return undefined;
  const instant = args[1]!;
  const isNow = callOf(instant, 'now')?.length === 0;
  const fixed = castOf(instant, 'TIMESTAMP WITH TIME ZONE');
  return isNow || (fixed && textConstant(fixed) !== undefined) ? textConstant(args[0]!) : undefined;
}

function intervalOf(node: TreeNode): { n: number; unit: string } | undefined {
  const text = textConstant(castOf(node, 'INTERVAL') ?? {});
  const m = text === undefined ? null : /^(\d+) (day|week|month)$/u.exec(text);
  return m ? { n: Number(m[1]), unit: m[2]! } : undefined;
}

/** `date_trunc(unit, CAST(today AS TIMESTAMP))` -> unit and zone. */
function periodStart(node: TreeNode): { unit: string; tz: string } | undefined {
  const args = callOf(node, 'date_trunc');
  const unit = args?.length === 2 ? textConstant(args[0]!) : undefined;
  const today = args?.[1] && castOf(args[1], 'TIMESTAMP');
  const tz = today && todayZone(today);
  return unit !== undefined && tz !== undefined ? { unit, tz } : undefined;
}

function presetCondition(col: string, lower: TreeNode, upper: TreeNode): FilterCondition | undefined {
  const tz = todayZone(upper);
  const low = castOf(lower, 'DATE');
  if (!low) return undefined;
  if (tz !== undefined) {
    const plus = callOf(low, '+');
    const minus = plus?.length === 2 ? callOf(plus[0]!, '-') : undefined;
    const span = minus?.length === 2 ? intervalOf(minus[1]!) : undefined;
    if (span && todayZone(minus![0]!) === tz && intervalOf(plus![1]!)?.n === 1) {
      return withZone({ column: col, op: 'last', n: span.n, unit: span.unit as 'day' }, tz);
    }
    return undefined;
  }
  const thisStart = periodStart(low);
  if (thisStart) return withZone({ column: col, op: 'this', unit: thisStart.unit as 'week' }, thisStart.tz);
  const minus = callOf(low, '-');
  const prevStart = minus?.length === 2 ? periodStart(minus[0]!) : undefined;
  if (prevStart)
    return withZone({ column: col, op: 'previous', unit: prevStart.unit as 'week' }, prevStart.tz);
  return undefined;
}

function withZone(c: FilterCondition, tz: string): FilterCondition {
  return tz === 'UTC' ? c : { ...c, tz };
}

/** The column of `CAST(col AS DATE)` or `CAST(timezone(tz, col) AS DATE)`. */
function dateColumn(node: TreeNode): string | undefined {
  const inner = castOf(node, 'DATE');
  if (!inner) return undefined;
  const zoned = callOf(inner, 'timezone');
  return columnName(zoned?.length === 2 ? zoned[1]! : inner);
}

/** One condition of a WHERE clause, as the builder writes it. */
export function treeToCondition(node: TreeNode): FilterCondition {
  // A boolean column on its own: `WHERE paid`, `WHERE NOT paid` (NULL is dropped either way).
  const bare = columnName(node);
  if (bare !== undefined) return { column: bare, op: '=', value: true };
  const negated = node.type === 'OPERATOR_NOT' ? columnName(kids(node)[0] ?? {}) : undefined;
  if (negated !== undefined) return { column: negated, op: '=', value: false };
  const cmp = COMPARE[String(node.type)];
  if (node.class === 'COMPARISON' && cmp) {
    const left = obj(node.left);
    const right = obj(node.right);
    const empty = left.type === 'OPERATOR_COALESCE' ? kids(left) : undefined;
    if (
      empty?.length === 2 &&
      textConstant(empty[1]!) === '' &&
      textConstant(right) === '' &&
      (cmp === '=' || cmp === '!=')
    ) {
      const col = columnName(castOf(empty[0]!, 'VARCHAR') ?? {});
      if (col !== undefined) return { column: col, op: cmp === '=' ? 'is_empty' : 'is_not_empty' };
    }
    const dateCol = castOf(left, 'DATE') && columnName(castOf(left, 'DATE')!);
    const dateValue = textConstant(castOf(right, 'DATE') ?? {});
    if (dateCol !== undefined && dateValue !== undefined && (cmp === '<' || cmp === '>')) {
      return { column: dateCol, op: cmp === '<' ? 'before' : 'after', value: dateValue };
    }
    if (columnName(left) === undefined && columnName(right) !== undefined) {
      return { column: column(right), op: FLIP[cmp]!, value: value(left) };
    }
    return { column: column(left), op: cmp, value: value(right) };
  }
  if (node.type === 'COMPARE_BETWEEN') {
    const input = obj(node.input);
    const lower = obj(node.lower);
    const upper = obj(node.upper);
    const dateCol = dateColumn(input);
    if (dateCol !== undefined) {
      const preset = presetCondition(dateCol, lower, upper);
      if (preset) return preset;
    }
    return { column: column(input), op: 'between', values: [value(lower), value(upper)] };
  }
  if (node.type === 'COMPARE_IN' || node.type === 'COMPARE_NOT_IN') {
    const [first, ...rest] = kids(node);
    return {
      column: column(first ?? {}),
      op: node.type === 'COMPARE_IN' ? 'in' : 'not_in',
      values: rest.map(value),
    };
  }
  const escaped = callOf(node, 'ilike_escape');
  if (escaped?.length === 3 && textConstant(escaped[2]!) === '\\') {
    return likeCondition(
      column(castOf(escaped[0]!, 'VARCHAR') ?? escaped[0]!),
      textConstant(escaped[1]!) ?? outOfGrammar('an ILIKE pattern that is not text'),
      '\\',
    );
  }
  const plain = callOf(node, '~~*');
  if (plain?.length === 2) {
    return likeCondition(
      column(plain[0]!),
      textConstant(plain[1]!) ?? outOfGrammar('an ILIKE pattern that is not text'),
      undefined,
    );
  }
  return outOfGrammar('a condition other than a comparison, IN, BETWEEN, ILIKE or a date preset');
}

/** A WHERE clause as a filter step: conditions joined by one AND or one OR. */
export function treeToFilter(where: TreeNode): FilterStep {
  if (where.class === 'CONJUNCTION') {
    const combine = where.type === 'CONJUNCTION_OR' ? 'or' : 'and';
    const parts = kids(where);
    if (parts.some((p) => p.class === 'CONJUNCTION')) return outOfGrammar('conditions mixing AND and OR');
    return { type: 'filter', conditions: parts.map(treeToCondition), combine };
  }
  return { type: 'filter', conditions: [treeToCondition(where)], combine: 'and' };
}
