import { isWord, type SqlToken } from './sql-tokens.js';

const CLAUSE_STARTS = [
  'select',
  'from',
  'where',
  'group',
  'having',
  'window',
  'qualify',
  'order',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
];

/** Parenthesis depth before each token (index tokens.length holds the depth at the end). */
export function depths(tokens: SqlToken[]): number[] {
  const out: number[] = [];
  let d = 0;
  for (const t of tokens) {
    if (t.text === ')') d--;
    out.push(d);
    if (t.text === '(') d++;
  }
  out.push(d);
  return out;
}

/** The query level (start..end token indexes) that holds token `i`: bounded by its enclosing parentheses. */
export function levelOf(tokens: SqlToken[], i: number): { start: number; end: number; depth: number } {
  const d = depths(tokens);
  const depth = d[Math.min(i, tokens.length)]!;
  let start = Math.min(i, tokens.length);
  while (start > 0 && d[start - 1]! >= depth && !(d[start - 1] === depth && tokens[start - 1]?.text === ';'))
    start--;
  let end = Math.min(i, tokens.length);
  while (end < tokens.length && d[end]! >= depth && !(d[end] === depth && tokens[end]?.text === ';')) end++;
  return { start, end, depth };
}

/**
 * The tokens of clause `keyword` (`where`, `group`, `order`, ...) at the query level holding token `near`:
 * `{ keyword: index of the keyword, end: index after its last token }`, or undefined.
 */
export function findClause(
  tokens: SqlToken[],
  near: number,
  keyword: string,
): { keyword: number; end: number } | undefined {
  const level = levelOf(tokens, near);
  const d = depths(tokens);
  for (let i = level.start; i < level.end; i++) {
    if (d[i] !== level.depth || !isWord(tokens[i], keyword)) continue;
    let end = i + 1;
    while (end < level.end && !(d[end] === level.depth && isWord(tokens[end], ...CLAUSE_STARTS))) end++;
    return { keyword: i, end };
  }
  return undefined;
}

/** Where a new clause that comes before the given later clauses should be inserted (a token index). */
export function insertBefore(tokens: SqlToken[], near: number, later: string[]): number {
  const level = levelOf(tokens, near);
  const d = depths(tokens);
  for (let i = level.start; i < level.end; i++) {
    if (d[i] === level.depth && isWord(tokens[i], ...later)) return i;
  }
  return level.end;
}

/** `sql` with `text` put before token `index` (or after token `index - 1` when `index` is past the level). */
export function insertAtToken(
  sql: string,
  tokens: SqlToken[],
  index: number,
  text: string,
  atEnd = false,
): string {
  const before = tokens[index];
  if (before && !atEnd) return `${sql.slice(0, before.start)}${text} ${sql.slice(before.start)}`;
  const after = tokens[index - 1];
  const cut = after ? after.end : sql.length;
  return `${sql.slice(0, cut)} ${text}${sql.slice(cut)}`;
}
