import { positionFromOffset } from '../core/query-error.js';
import { findClause, insertAtToken, insertBefore } from './clauses.js';
import { at, sqlName } from './query-tables.js';
import type { TeacherCase } from './situation.js';
import { isWord, type SqlToken, tokenize } from './sql-tokens.js';

/** `column "plan" must appear in the GROUP BY clause`: a shown column that is neither grouped nor summarised. */
export const missingGroupBy: TeacherCase = (s) => {
  const m = /^column "?([^"]+?)"? must appear in the GROUP BY clause/.exec(s.text);
  if (!m) return undefined;
  const column = m[1]!;
  const position = s.position;
  const near = position ? s.at : 0;
  const group = findClause(s.tokens, near, 'group');
  const keys = group
    ? s.ctx.sql.slice(s.tokens[group.keyword + 2]?.start ?? 0, s.tokens[group.end - 1]!.end)
    : '';
  const name = sqlName(column);
  const star = s.tokens.some((t, i) => t.text === '*' && isWord(s.tokens[i - 1], 'select'));
  if (star && group) {
    const starToken = s.tokens.find((t) => t.text === '*')!;
    const spot = position ?? positionFromOffset(s.ctx.sql, starToken.start);
    return {
      kind: 'missing-group-by',
      severity: 'error',
      title: `SELECT * can't be used with GROUP BY, because columns such as ${column} are neither grouped nor summarised${at(spot)}.`,
      detail: `With GROUP BY ${keys} each result row is one group. Show the grouped columns and totals instead, e.g. SELECT ${keys}, count(*).`,
      position: spot,
      fix: {
        label: `Show ${keys} and a count`,
        sql: `${s.ctx.sql.slice(0, starToken.start)}${keys}, count(*)${s.ctx.sql.slice(starToken.end)}`,
        safe: false,
      },
      lesson: 'group-by',
    };
  }
  const sql = group
    ? insertAtToken(s.ctx.sql, s.tokens, group.end, `, ${name}`, true).replace(/ , /, ', ')
    : insertAtToken(
        s.ctx.sql,
        s.tokens,
        insertBefore(s.tokens, near, ['having', 'window', 'qualify', 'order', 'limit', 'offset']),
        `GROUP BY ${name}`,
      );
  return {
    kind: 'missing-group-by',
    severity: 'error',
    title: `Column "${column}" is shown but not grouped or summarised${at(position)}.`,
    detail: group
      ? `Each result row is one group of ${keys}, and ${column} can have many values in a group. Add ${column} to GROUP BY, or summarise it (e.g. count(DISTINCT ${name})).`
      : `The query counts or sums, so it returns groups; say which: GROUP BY ${column}, or summarise ${column} too.`,
    ...(position ? { position } : {}),
    fix: { label: `Group by ${column} too`, sql, safe: false },
    lesson: 'group-by',
  };
};

/** `WHERE clause cannot contain aggregates`: the condition belongs in HAVING. */
export const aggregateInWhere: TeacherCase = (s) => {
  if (!/^WHERE clause cannot contain aggregates/.test(s.text)) return undefined;
  const position = s.position;
  const near = position ? s.at : 0;
  const where = findClause(s.tokens, near, 'where');
  const lesson = {
    kind: 'aggregate-in-where',
    severity: 'error' as const,
    title: `A total such as count() or sum() can't be used in WHERE${at(position)}.`,
    detail:
      'WHERE picks rows before they are grouped and counted; to keep only groups whose total passes a test, put that test in HAVING after GROUP BY.',
    ...(position ? { position } : {}),
    lesson: 'group-by',
  };
  if (!where) return lesson;
  // Split the WHERE condition on top-level ANDs; the part holding the aggregate moves to HAVING.
  const parts: { from: number; to: number }[] = [];
  let depth = 0;
  let from = where.keyword + 1;
  for (let i = where.keyword + 1; i < where.end; i++) {
    const t = s.tokens[i]!;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && isWord(t, 'and') && !isBetweenAnd(s.tokens, from, i)) {
      parts.push({ from, to: i });
      from = i + 1;
    }
  }
  parts.push({ from, to: where.end });
  const moving = parts.find((p) => s.at >= p.from && s.at < p.to);
  if (!moving || parts.some((p) => p !== moving && /\b(count|sum|avg|min|max)\s*\(/i.test(text(s, p))))
    return lesson;
  const condition = text(s, moving);
  const staying = parts.filter((p) => p !== moving).map((p) => text(s, p));
  const sql = s.ctx.sql;
  const whereStart = s.tokens[where.keyword]!.start;
  const whereEnd = s.tokens[where.end - 1]!.end;
  const newWhere = staying.length > 0 ? `WHERE ${staying.join(' AND ')}` : '';
  let rebuilt = newWhere
    ? `${sql.slice(0, whereStart)}${newWhere}${sql.slice(whereEnd)}`
    : `${sql.slice(0, whereStart)}${sql.slice(whereEnd).replace(/^[ \t]+/, '')}`;
  const again = tokenize(rebuilt);
  const having = findClause(again, 0, 'having');
  if (having) {
    const cut = again[having.end - 1]!.end;
    rebuilt = `${rebuilt.slice(0, cut)} AND ${condition}${rebuilt.slice(cut)}`;
  } else {
    const spot = insertBefore(again, 0, ['window', 'qualify', 'order', 'limit', 'offset']);
    const before = spot < again.length && again[spot]?.text !== ';';
    rebuilt = insertAtToken(rebuilt, again, spot, `HAVING ${condition}`, !before);
  }
  return { ...lesson, fix: { label: 'Move it to HAVING', sql: rebuilt.trimEnd(), safe: true } };
};

function text(s: Parameters<TeacherCase>[0], p: { from: number; to: number }): string {
  return s.ctx.sql.slice(s.tokens[p.from]!.start, s.tokens[p.to - 1]!.end);
}

function isBetweenAnd(tokens: SqlToken[], from: number, i: number): boolean {
  for (let k = i - 1; k >= from; k--) {
    if (isWord(tokens[k], 'between')) return true;
    if (isWord(tokens[k], 'and')) return false;
  }
  return false;
}

/** `aggregate function calls cannot be nested`: compute the inner total first. */
export const nestedAggregate: TeacherCase = (s) => {
  if (!/^aggregate function calls cannot be nested/.test(s.text)) return undefined;
  const position = s.position;
  return {
    kind: 'nested-aggregate',
    severity: 'error',
    title: `A total can't be taken of another total in one step${at(position)}.`,
    detail:
      'Compute the inner total per group in a subquery (or WITH step) first, then take the outer one over its rows, e.g. SELECT avg(n) FROM (SELECT count(*) AS n FROM t GROUP BY x).',
    ...(position ? { position } : {}),
    lesson: 'group-by',
  };
};

/** The lessons of this file, in the order they are tried. */
export const GROUPING_CASES: TeacherCase[] = [missingGroupBy, aggregateInWhere, nestedAggregate];
