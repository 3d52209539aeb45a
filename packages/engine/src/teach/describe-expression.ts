import { node, nodes, type SqlNode, str } from './parsed-sql.js';
import { constantSql, intervalOf, renderSql } from './render-sql.js';

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/;

/** A value in words: columns by name, dates bare (2026-01-01), other text in single quotes. */
export function valueWords(value: unknown): string {
  const n = node(value);
  if (!n) return '?';
  const cls = str(n.class);
  if (cls === 'CONSTANT') {
    const v = node(n.value)?.value;
    if (typeof v === 'string' && DATE_TEXT.test(v)) return v;
    return constantSql(n);
  }
  if (cls === 'CAST') {
    const child = node(n.child);
    const v = node(child?.value)?.value;
    if (str(child?.class) === 'CONSTANT' && typeof v === 'string')
      return DATE_TEXT.test(v) ? v : renderSql(n);
    return valueWords(child);
  }
  const interval = intervalOf(n);
  if (interval)
    return `${interval.amount} ${interval.unit.toLowerCase()}${interval.amount === '1' ? '' : 's'}`;
  if (cls === 'FUNCTION' && n.is_operator === true && nodes(n.children).length === 2) {
    const [a, b] = nodes(n.children);
    const name = str(n.function_name);
    if (intervalOf(b) && (name === '-' || name === '+'))
      return `${valueWords(b)} ${name === '-' ? 'before' : 'after'} ${valueWords(a)}`;
  }
  if (cls === 'FUNCTION' && n.is_operator !== true) {
    const name = str(n.function_name);
    if (name === 'now' || name === 'current_timestamp' || name === 'get_current_timestamp') return 'now';
    if (name === 'current_date' || name === 'today') return 'today';
  }
  return renderSql(n);
}

function isTimeLike(n: SqlNode | undefined): boolean {
  if (!n) return false;
  const cls = str(n.class);
  if (cls === 'CAST') return /DATE|TIME/.test(str(node(n.cast_type)?.id)) || isTimeLike(node(n.child));
  if (cls === 'CONSTANT') return DATE_TEXT.test(String(node(n.value)?.value ?? ''));
  if (cls === 'FUNCTION') {
    const name = str(n.function_name);
    if (['now', 'current_date', 'current_timestamp', 'today', 'date_trunc', 'to_timestamp'].includes(name))
      return true;
    return (
      n.is_operator === true && nodes(n.children).some((k) => isTimeLike(k) || intervalOf(k) !== undefined)
    );
  }
  return false;
}

const NUMBER_WORDS: Record<string, [string, string]> = {
  COMPARE_EQUAL: ['is', 'is'],
  COMPARE_NOTEQUAL: ['is not', 'is not'],
  COMPARE_GREATERTHAN: ['is greater than', 'is after'],
  COMPARE_GREATERTHANOREQUALTO: ['is at least', 'is on or after'],
  COMPARE_LESSTHAN: ['is less than', 'is before'],
  COMPARE_LESSTHANOREQUALTO: ['is at most', 'is on or before'],
  COMPARE_DISTINCT_FROM: ['differs from', 'differs from'],
  COMPARE_NOT_DISTINCT_FROM: ['is the same as', 'is the same as'],
};

/** A condition in words: `plan is 'pro' and signup_at is on or after 2026-01-01`. */
export function conditionWords(value: unknown): string {
  const n = node(value);
  if (!n) return '?';
  const cls = str(n.class);
  const type = str(n.type);
  const kids = nodes(n.children);
  if (cls === 'COMPARISON') {
    const left = node(n.left);
    const right = node(n.right);
    const words = NUMBER_WORDS[type];
    if (!words) return `${renderSql(n)} holds`;
    if (str(right?.class) === 'CONSTANT' && node(right?.value)?.is_null === true)
      return `${valueWords(left)} ${type === 'COMPARE_NOTEQUAL' ? '<>' : '='} NULL, which is never true (IS NULL tests for empty values)`;
    if (type === 'COMPARE_EQUAL' && str(left?.class) === 'COLUMN_REF' && str(right?.class) === 'COLUMN_REF')
      return `${valueWords(left)} equals ${valueWords(right)}`;
    const op = isTimeLike(left) || isTimeLike(right) ? words[1] : words[0];
    return `${valueWords(left)} ${op} ${valueWords(right)}`;
  }
  if (cls === 'CONJUNCTION') {
    const parts = kids.map((k) =>
      str(k.class) === 'CONJUNCTION' ? `(${conditionWords(k)})` : conditionWords(k),
    );
    return type === 'CONJUNCTION_OR' ? `either ${parts.join(' or ')}` : parts.join(' and ');
  }
  if (cls === 'BETWEEN') {
    const between = isTimeLike(node(n.lower)) ? 'is from' : 'is between';
    return `${valueWords(n.input)} ${between} ${valueWords(n.lower)} ${between === 'is from' ? 'to' : 'and'} ${valueWords(n.upper)} (both included)`;
  }
  if (cls === 'OPERATOR') {
    const [first, ...rest] = kids;
    if (type === 'OPERATOR_IS_NULL') return `${valueWords(first)} is empty (NULL)`;
    if (type === 'OPERATOR_IS_NOT_NULL') return `${valueWords(first)} is not empty`;
    if (type === 'OPERATOR_NOT') return `it is not true that ${conditionWords(first)}`;
    if (type === 'COMPARE_IN') return `${valueWords(first)} is one of ${rest.map(valueWords).join(', ')}`;
    if (type === 'COMPARE_NOT_IN')
      return `${valueWords(first)} is none of ${rest.map(valueWords).join(', ')}`;
  }
  if (cls === 'FUNCTION' && n.is_operator === true) {
    const name = str(n.function_name);
    const [a, b] = kids;
    if (name === '~~') return `${valueWords(a)} matches the pattern ${valueWords(b)}`;
    if (name === '!~~') return `${valueWords(a)} doesn't match the pattern ${valueWords(b)}`;
    if (name === '~~*') return `${valueWords(a)} matches the pattern ${valueWords(b)} (ignoring case)`;
  }
  if (cls === 'SUBQUERY') {
    const kind = str(n.subquery_type);
    if (kind === 'EXISTS') return 'a matching row exists in the subquery';
    if (kind === 'ANY') {
      const inner = node(node(n.subquery)?.node);
      const from = node(inner?.from_table);
      const item = nodes(inner?.select_list)[0];
      const simple = str(from?.type) === 'BASE_TABLE' && item && !node(inner?.where_clause);
      return simple
        ? `${valueWords(n.child)} is among the ${renderSql(item)} values of ${str(from?.table_name)}`
        : `${valueWords(n.child)} is among the values of the subquery`;
    }
  }
  if (cls === 'COLUMN_REF') return `${renderSql(n)} is true`;
  const text = renderSql(n);
  return text.includes('?') ? 'a condition this explainer cannot put in words holds' : `${text} holds`;
}

function percentile(args: string): string {
  const [column, fraction] = args.split(', ');
  const share = Number(fraction);
  if (!column || !Number.isFinite(share)) return `takes a percentile of ${args}`;
  const pct = Math.round(share * 1000) / 10;
  const suffix =
    pct % 10 === 1 && pct !== 11
      ? 'st'
      : pct % 10 === 2 && pct !== 12
        ? 'nd'
        : pct % 10 === 3 && pct !== 13
          ? 'rd'
          : 'th';
  return `takes the ${pct}${suffix} percentile of ${column}`;
}

const AGGREGATES: Record<string, (arg: string) => string> = {
  count: (a) => `counts rows where ${a} is not empty`,
  sum: (a) => `adds up ${a}`,
  avg: (a) => `averages ${a}`,
  mean: (a) => `averages ${a}`,
  min: (a) => `takes the smallest ${a}`,
  max: (a) => `takes the largest ${a}`,
  median: (a) => `takes the median of ${a}`,
  any_value: (a) => `takes any one ${a}`,
  first: (a) => `takes the first ${a}`,
  last: (a) => `takes the last ${a}`,
  string_agg: (a) => `joins the values of ${a} into one text`,
  list: (a) => `collects ${a} into a list`,
  array_agg: (a) => `collects ${a} into a list`,
  stddev: (a) => `measures how spread out ${a} is (standard deviation)`,
  stddev_samp: (a) => `measures how spread out ${a} is (standard deviation)`,
  approx_count_distinct: (a) => `estimates the number of distinct ${a}`,
  quantile_cont: (a) => percentile(a),
  quantile_disc: (a) => percentile(a),
  percentile_cont: (a) => percentile(a),
  percentile_disc: (a) => percentile(a),
  count_if: (a) => `counts rows where ${a}`,
  bool_or: (a) => `checks whether ${a} is true in any row`,
  bool_and: (a) => `checks whether ${a} is true in every row`,
  arg_max: (a) => `takes ${a.split(', ')[0]} at the largest ${a.split(', ')[1] ?? ''}`.trim(),
  arg_min: (a) => `takes ${a.split(', ')[0]} at the smallest ${a.split(', ')[1] ?? ''}`.trim(),
};

/** True when `n` is a call of an aggregate this explainer knows. */
export function isAggregate(n: SqlNode | undefined): boolean {
  const name = str(n?.function_name);
  return str(n?.class) === 'FUNCTION' && (name === 'count_star' || name in AGGREGATES);
}

/** An aggregate call in words: `counts rows`, `counts distinct user_id`, `averages amount`. */
export function aggregateWords(n: SqlNode): string {
  const name = str(n.function_name);
  const args = nodes(n.children).map(valueWords).join(', ');
  const filter = node(n.filter) ? `, only over rows where ${conditionWords(n.filter)}` : '';
  if (name === 'count_star')
    return node(n.filter) ? `counts rows where ${conditionWords(n.filter)}` : 'counts rows';
  if (name === 'count' && n.distinct === true) return `counts distinct ${args}${filter}`;
  const words = AGGREGATES[name]?.(args) ?? `${name}(${args})`;
  return `${n.distinct === true ? `${words} (distinct values only)` : words}${filter}`;
}

/** Every aggregate call inside an expression (not descending into subqueries or windows). */
export function aggregatesIn(value: unknown, out: SqlNode[] = []): SqlNode[] {
  const n = node(value);
  if (!n || str(n.class) === 'SUBQUERY' || str(n.class) === 'WINDOW') return out;
  if (isAggregate(n)) {
    out.push(n);
    return out;
  }
  for (const key of ['children', 'left', 'right', 'child', 'input', 'lower', 'upper', 'else_expr']) {
    const v = n[key];
    if (Array.isArray(v)) for (const k of v) aggregatesIn(k, out);
    else aggregatesIn(v, out);
  }
  for (const c of nodes(n.case_checks)) {
    aggregatesIn(c.when_expr, out);
    aggregatesIn(c.then_expr, out);
  }
  return out;
}
