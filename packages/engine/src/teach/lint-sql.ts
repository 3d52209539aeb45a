import { positionFromOffset } from '../core/query-error.js';
import type { Lesson, SchemaTable } from './lesson.js';
import { charOffset, node, nodes, type ParsedSql, type SqlNode, str, walk } from './parsed-sql.js';
import { at, queryTables, sqlName } from './query-tables.js';
import { renderSql } from './render-sql.js';
import { isWord, replaceRange, type SqlToken, tokenAt, tokenize } from './sql-tokens.js';

interface LintContext {
  sql: string;
  tokens: SqlToken[];
  schema: SchemaTable[];
  columns: string[];
}

const isConstant = (n: SqlNode | undefined) => str(n?.class) === 'CONSTANT';
const isNull = (n: SqlNode | undefined) => isConstant(n) && node(n?.value)?.is_null === true;
const textValue = (n: SqlNode | undefined): string | undefined => {
  const value = node(n?.value);
  return isConstant(n) && typeof value?.value === 'string' && str(node(value.type)?.id) === 'VARCHAR'
    ? value.value
    : undefined;
};
const isZero = (n: SqlNode | undefined) => isConstant(n) && Number(node(n?.value)?.value) === 0 && !isNull(n);

function offsetOf(c: LintContext, n: SqlNode | undefined): number | undefined {
  const bytes = n?.query_location;
  // Nodes DuckDB made up (casts, desugared intervals) carry 2^64 - 1 as their location.
  return typeof bytes === 'number' && bytes <= Buffer.byteLength(c.sql)
    ? charOffset(c.sql, bytes)
    : undefined;
}

function tokenOf(c: LintContext, n: SqlNode | undefined): SqlToken | undefined {
  const offset = offsetOf(c, n);
  if (offset === undefined) return undefined;
  const t = c.tokens[tokenAt(c.tokens, offset)];
  return t && t.start === offset ? t : undefined;
}

function where(c: LintContext, n: SqlNode | undefined) {
  const offset = offsetOf(c, n);
  return offset === undefined ? undefined : positionFromOffset(c.sql, offset);
}

function nullEquals(c: LintContext, n: SqlNode): Lesson | undefined {
  const type = str(n.type);
  if (str(n.class) !== 'COMPARISON' || (type !== 'COMPARE_EQUAL' && type !== 'COMPARE_NOTEQUAL'))
    return undefined;
  const left = node(n.left);
  const right = node(n.right);
  if (!isNull(right) && !isNull(left)) return undefined;
  const other = isNull(right) ? left : right;
  const position = where(c, other);
  const negated = type === 'COMPARE_NOTEQUAL';
  const replacement = `${renderSql(other)} ${negated ? 'IS NOT NULL' : 'IS NULL'}`;
  const op = tokenOf(c, n);
  const nullToken = isNull(right) ? tokenOf(c, right) : undefined;
  const fix =
    op && nullToken
      ? replaceRange(c.sql, op.start, nullToken.end, negated ? 'IS NOT NULL' : 'IS NULL')
      : undefined;
  return {
    kind: 'null-equals',
    severity: 'warning',
    title: `${renderSql(n)} is never true, so it matches no rows${at(position)}.`,
    detail: `NULL means "no value", and nothing equals it, not even NULL. Write ${replacement}.`,
    ...(position ? { position } : {}),
    ...(fix ? { fix: { label: `Use ${negated ? 'IS NOT NULL' : 'IS NULL'}`, sql: fix, safe: true } } : {}),
    lesson: 'nulls',
  };
}

function literalColumn(c: LintContext, n: SqlNode): Lesson | undefined {
  if (str(n.class) !== 'COMPARISON') return undefined;
  const sides = [node(n.left), node(n.right)];
  if (!sides.every(isConstant)) return undefined;
  const named = sides.find((s) => {
    const v = textValue(s);
    return v !== undefined && c.columns.some((col) => col.toLowerCase() === v.toLowerCase());
  });
  if (!named) return undefined;
  const name = textValue(named)!;
  const column = c.columns.find((col) => col.toLowerCase() === name.toLowerCase())!;
  const token = tokenOf(c, named);
  const position = where(c, named);
  return {
    kind: 'string-literal-column',
    severity: 'warning',
    title: `'${name}' is a piece of text here, not the column ${column}${at(position)}.`,
    detail: `Single quotes make text, so this compares two fixed texts and is the same for every row. Write ${sqlName(column)} without quotes.`,
    ...(position ? { position } : {}),
    ...(token?.kind === 'string'
      ? {
          fix: {
            label: `Use the column ${column}`,
            sql: replaceRange(c.sql, token.start, token.end, sqlName(column)),
            safe: true,
          },
        }
      : {}),
    lesson: 'quotes',
  };
}

function division(c: LintContext, n: SqlNode): Lesson | undefined {
  if (str(n.class) !== 'FUNCTION' || n.is_operator !== true) return undefined;
  const name = str(n.function_name);
  const [left, right] = nodes(n.children);
  if (['/', '//', '%'].includes(name) && isZero(right)) {
    const position = where(c, left);
    return {
      kind: 'division-by-zero',
      severity: 'warning',
      title: `${renderSql(n)} divides by zero, which gives Infinity or an empty value (NULL), not a number${at(position)}.`,
      detail:
        'DuckDB does not stop at a division by zero. Divide by something that is not zero, or write NULLIF(x, 0) to get an empty value on purpose.',
      ...(position ? { position } : {}),
      lesson: 'math',
    };
  }
  if (name !== '//') return undefined;
  const position = where(c, left);
  const op = c.tokens.find((t) => t.text === '//' && t.start >= (offsetOf(c, left) ?? 0));
  return {
    kind: 'integer-division',
    severity: 'warning',
    title: `${renderSql(n)} divides and drops the remainder${at(position)}.`,
    detail: '// is whole-number division: 7 // 2 is 3. For the exact ratio use /, which gives 3.5.',
    ...(position ? { position } : {}),
    ...(op ? { fix: { label: 'Use /', sql: replaceRange(c.sql, op.start, op.end, '/'), safe: false } } : {}),
    lesson: 'math',
  };
}

function aliasLooksLikeColumn(c: LintContext, item: SqlNode): Lesson | undefined {
  const alias = str(item.alias);
  if (str(item.class) !== 'COLUMN_REF' || alias === '') return undefined;
  if (!c.columns.some((col) => col.toLowerCase() === alias.toLowerCase())) return undefined;
  const start = tokenAt(c.tokens, offsetOf(c, item) ?? -1);
  let last = start;
  while (c.tokens[last + 1]?.text === '.') last += 2;
  const next = c.tokens[last + 1];
  if (!next || isWord(next, 'as') || (next.kind !== 'word' && next.kind !== 'quoted')) return undefined;
  const column = renderSql(item);
  const position = where(c, item);
  const end = c.tokens[last]!.end;
  return {
    kind: 'missing-comma',
    severity: 'warning',
    title: `"${column} ${next.text}" shows ${column} under the name ${alias}; a comma seems to be missing${at(position)}.`,
    detail: `${alias} is also a column here. To show both columns, put a comma between them: ${column}, ${next.text}.`,
    ...(position ? { position } : {}),
    fix: { label: 'Add the comma', sql: `${c.sql.slice(0, end)},${c.sql.slice(end)}`, safe: false },
    lesson: 'syntax',
  };
}

/**
 * Warnings for SQL that runs but is probably not what was meant: `= NULL`, a quoted column name compared with
 * text, `//` dropping the remainder, division by zero, and a missing comma that renamed a column.
 */
export function lintSql(parsed: ParsedSql, schema: SchemaTable[]): Lesson[] {
  if (!parsed.ok) return [];
  const tokens = tokenize(parsed.sql);
  const tables = queryTables(tokens, schema);
  const columns = [...new Set(tables.flatMap((t) => t.info?.columns.map((col) => col.name) ?? []))];
  const c: LintContext = { sql: parsed.sql, tokens, schema, columns };
  const found: Lesson[] = [];
  for (const statement of parsed.statements) {
    walk(statement, (n) => {
      for (const check of [nullEquals, literalColumn, division]) {
        const lesson = check(c, n);
        if (lesson) found.push(lesson);
      }
      if (str(n.type) === 'SELECT_NODE')
        for (const item of nodes(n.select_list)) {
          const lesson = aliasLooksLikeColumn(c, item);
          if (lesson) found.push(lesson);
        }
    });
  }
  return found.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0));
}
