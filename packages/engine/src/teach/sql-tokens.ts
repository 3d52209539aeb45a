/** One token of SQL text; `start`/`end` are character offsets into the text. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'operator';
  text: string;
  /** Lower-case word, or the unquoted name of a quoted identifier, or the value of a string. */
  value: string;
  start: number;
  end: number;
}

/** Splits SQL into tokens, skipping whitespace and comments; unterminated strings run to the end. */
export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      const end = Math.min(j + 1, sql.length);
      const inner = sql.slice(i + 1, j).replaceAll(c + c, c);
      out.push({
        kind: c === "'" ? 'string' : 'quoted',
        text: sql.slice(i, end),
        value: inner,
        start: i,
        end,
      });
      i = end;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'word', text, value: text.toLowerCase(), start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < sql.length && /[0-9._eE]/.test(sql[j]!)) j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'number', text, value: text, start: i, end: j });
      i = j;
    } else if ('(),;.[]{}'.includes(c)) {
      out.push({ kind: 'punct', text: c, value: c, start: i, end: i + 1 });
      i++;
    } else {
      let j = i + 1;
      while (
        j < sql.length &&
        '<>=!|&+-*/%:~^@#'.includes(sql[j]!) &&
        !(sql[j] === '-' && sql[j + 1] === '-')
      )
        j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'operator', text, value: text, start: i, end: j });
      i = j;
    }
  }
  return out;
}

/** Index of the first token that starts at or after `offset` (tokens.length when none). */
export function tokenAt(tokens: SqlToken[], offset: number): number {
  const i = tokens.findIndex((t) => t.end > offset);
  return i < 0 ? tokens.length : i;
}

/** `sql` with the characters from `start` to `end` replaced by `text`. */
export function replaceRange(sql: string, start: number, end: number, text: string): string {
  return sql.slice(0, start) + text + sql.slice(end);
}

/** True when `t` is the keyword `word` (case-insensitive, not quoted). */
export function isWord(t: SqlToken | undefined, ...words: string[]): boolean {
  return t !== undefined && t.kind === 'word' && words.includes(t.value);
}

/** The identifier a token names (unquoted word or quoted identifier), else undefined. */
export function identifierOf(t: SqlToken | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'quoted') return t.value;
  if (t.kind === 'word') return t.text;
  return undefined;
}

/** Keywords DuckDB reserves: they cannot name a column or table without double quotes. */
export const RESERVED_WORDS = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'default deferrable desc distinct do else end except false fetch for foreign from grant group having in ' +
    'initially intersect into lateral leading limit not null offset on only or order placing primary references ' +
    'returning select some symmetric table then to trailing true union unique using variadic when where window with'
  ).split(' '),
);
