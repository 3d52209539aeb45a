import { node, nodes, type SqlNode, str } from './parsed-sql.js';

const COMPARE: Record<string, string> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '<>',
  COMPARE_LESSTHAN: '<',
  COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHANOREQUALTO: '>=',
  COMPARE_DISTINCT_FROM: 'IS DISTINCT FROM',
  COMPARE_NOT_DISTINCT_FROM: 'IS NOT DISTINCT FROM',
};

/** The SQL comparison operator of a COMPARISON node type. */
export function compareOperator(type: string): string {
  return COMPARE[type] ?? type;
}

const INFIX: Record<string, string> = {
  '~~': 'LIKE',
  '!~~': 'NOT LIKE',
  '~~*': 'ILIKE',
  '!~~*': 'NOT ILIKE',
};

/** A constant's value as SQL text. */
export function constantSql(n: SqlNode): string {
  const value = node(n.value);
  if (!value || value.is_null === true) return 'NULL';
  const typeNode = node(value.type);
  const type = str(typeNode?.id);
  const v = value.value;
  if (typeof v === 'string' && /CHAR|STRING/.test(type)) return `'${v.replaceAll("'", "''")}'`;
  const scale = Number(node(typeNode?.type_info)?.scale ?? 0);
  if (type === 'DECIMAL' && typeof v === 'number' && scale > 0) return (v / 10 ** scale).toFixed(scale);
  if (v !== null && typeof v === 'object') return 'a very large number';
  if (typeof v === 'string') return `${type} '${v}'`;
  return String(v);
}

/** Compact SQL text of an expression node, rebuilt from the tree (deterministic; `?` for unknown kinds). */
export function renderSql(value: unknown): string {
  const n = node(value);
  if (!n) return '?';
  const cls = str(n.class);
  const type = str(n.type);
  const kids = nodes(n.children);
  switch (cls) {
    case 'COLUMN_REF':
      return (n.column_names as string[] | undefined)?.join('.') ?? '?';
    case 'CONSTANT':
      return constantSql(n);
    case 'STAR':
      return str(n.relation_name) ? `${str(n.relation_name)}.*` : '*';
    case 'PARAMETER':
      return `$${str(n.identifier)}`;
    case 'CAST': {
      const target = str(node(n.cast_type)?.id);
      const child = node(n.child);
      if (str(child?.class) === 'CONSTANT' && /^(DATE|TIMESTAMP|INTERVAL|BOOLEAN)/.test(target)) {
        const text = String(node(child?.value)?.value ?? '');
        if (target === 'BOOLEAN') return /^t/i.test(text) ? 'TRUE' : 'FALSE';
        return `${target} '${text}'`;
      }
      return `CAST(${renderSql(n.child)} AS ${target})`;
    }
    case 'COMPARISON':
      return `${renderSql(n.left)} ${compareOperator(type)} ${renderSql(n.right)}`;
    case 'CONJUNCTION':
      return kids.map((k) => wrap(k)).join(type === 'CONJUNCTION_OR' ? ' OR ' : ' AND ');
    case 'BETWEEN':
      return `${renderSql(n.input)} BETWEEN ${renderSql(n.lower)} AND ${renderSql(n.upper)}`;
    case 'OPERATOR':
      return operatorSql(type, kids);
    case 'CASE': {
      const checks = nodes(n.case_checks).map(
        (c) => `WHEN ${renderSql(c.when_expr)} THEN ${renderSql(c.then_expr)}`,
      );
      return `CASE ${checks.join(' ')}${node(n.else_expr) ? ` ELSE ${renderSql(n.else_expr)}` : ''} END`;
    }
    case 'FUNCTION':
      return functionSql(n, kids);
    case 'WINDOW':
      return `${str(n.function_name)}(${kids.map(renderSql).join(', ')}) OVER (...)`;
    case 'SUBQUERY':
      return str(n.subquery_type) === 'EXISTS' ? 'EXISTS (subquery)' : '(subquery)';
    default:
      return '?';
  }
}

function wrap(n: SqlNode): string {
  return str(n.class) === 'CONJUNCTION' ? `(${renderSql(n)})` : renderSql(n);
}

function operatorSql(type: string, kids: SqlNode[]): string {
  const [first, ...rest] = kids;
  switch (type) {
    case 'OPERATOR_IS_NULL':
      return `${renderSql(first)} IS NULL`;
    case 'OPERATOR_IS_NOT_NULL':
      return `${renderSql(first)} IS NOT NULL`;
    case 'OPERATOR_NOT':
      return `NOT ${wrap(first ?? {})}`;
    case 'COMPARE_IN':
      return `${renderSql(first)} IN (${rest.map(renderSql).join(', ')})`;
    case 'COMPARE_NOT_IN':
      return `${renderSql(first)} NOT IN (${rest.map(renderSql).join(', ')})`;
    default:
      return `${type.toLowerCase()}(${kids.map(renderSql).join(', ')})`;
  }
}

const INTERVAL_UNITS: Record<string, string> = {
  to_years: 'YEAR',
  to_months: 'MONTH',
  to_weeks: 'WEEK',
  to_days: 'DAY',
  to_hours: 'HOUR',
  to_minutes: 'MINUTE',
  to_seconds: 'SECOND',
};

/** `INTERVAL 30 DAY` (which DuckDB parses into `to_days(CAST(trunc(CAST(30 AS DOUBLE)) AS INTEGER))`): amount and unit. */
export function intervalOf(value: unknown): { amount: string; unit: string } | undefined {
  const n = node(value);
  const unit = INTERVAL_UNITS[str(n?.function_name)];
  if (!n || str(n.class) !== 'FUNCTION' || !unit) return undefined;
  let inner = nodes(n.children)[0];
  while (inner && (str(inner.class) === 'CAST' || str(inner.function_name) === 'trunc'))
    inner = str(inner.class) === 'CAST' ? node(inner.child) : nodes(inner.children)[0];
  return inner ? { amount: renderSql(inner), unit } : undefined;
}

function functionSql(n: SqlNode, kids: SqlNode[]): string {
  const name = str(n.function_name);
  const interval = intervalOf(n);
  if (interval) return `INTERVAL ${interval.amount} ${interval.unit}`;
  if (n.is_operator === true && kids.length === 2) {
    const op = INFIX[name] ?? name;
    return `${renderSql(kids[0])} ${op} ${renderSql(kids[1])}`;
  }
  if (n.is_operator === true && kids.length === 1) return `${name}${renderSql(kids[0])}`;
  if (name === 'count_star') return 'count(*)';
  return `${name}(${n.distinct === true ? 'DISTINCT ' : ''}${kids.map(renderSql).join(', ')})`;
}
