import { depths, levelOf } from './clauses.js';
import { at, sqlName, tableLabel } from './query-tables.js';
import { positionAt, type Situation, type TeacherCase } from './situation.js';
import { isWord, RESERVED_WORDS, replaceRange, type SqlToken } from './sql-tokens.js';
import { sharedKey } from './teach-names.js';

const isParseError = (s: Situation) => s.err.errorClass === 'Parser Error';

function nearWhat(s: Situation): string {
  const t = s.tokens[s.at];
  return t ? `before ${t.kind === 'word' ? t.text.toUpperCase() : `"${t.text}"`}` : 'at the end';
}

/** `... LIMIT 10 ORDER BY x`: ORDER BY must come first. */
export const limitBeforeOrderBy: TeacherCase = (s) => {
  const order = s.tokens[s.at];
  if (!isParseError(s) || !isWord(order, 'order') || !isWord(s.tokens[s.at + 1], 'by')) return undefined;
  const level = levelOf(s.tokens, s.at);
  const d = depths(s.tokens);
  let limit = -1;
  for (let i = level.start; i < s.at; i++)
    if (d[i] === level.depth && isWord(s.tokens[i], 'limit')) limit = i;
  if (limit < 0) return undefined;
  const last = s.tokens[level.end - 1]!;
  const orderText = s.ctx.sql.slice(order!.start, last.end);
  const limitToken = s.tokens[limit]!;
  const withoutOrder = `${s.ctx.sql.slice(0, order!.start).trimEnd()}${s.ctx.sql.slice(last.end)}`;
  const sql = `${withoutOrder.slice(0, limitToken.start)}${orderText} ${withoutOrder.slice(limitToken.start)}`;
  const position = s.position;
  return {
    kind: 'limit-before-order-by',
    severity: 'error',
    title: `ORDER BY has to come before LIMIT${at(position)}.`,
    detail:
      'LIMIT keeps the first rows of the sorted result, so the query sorts first and then cuts: ORDER BY ... LIMIT n.',
    ...(position ? { position } : {}),
    fix: { label: 'Put ORDER BY before LIMIT', sql, safe: true },
    lesson: 'order-limit',
  };
};

/** A `(` never closed or a `)` never opened. */
export const unbalancedParentheses: TeacherCase = (s) => {
  if (!isParseError(s)) return undefined;
  const open: SqlToken[] = [];
  for (const t of s.tokens) {
    if (t.text === '(') open.push(t);
    if (t.text === ')') {
      if (open.length === 0) {
        const position = positionAt(s, t.start);
        return {
          kind: 'unbalanced-parentheses',
          severity: 'error',
          title: `This ")" has no matching "("${at(position)}.`,
          detail: 'Every ( needs one ) after it. Remove this one, or add the ( it was meant to close.',
          position,
          fix: { label: 'Remove the extra )', sql: replaceRange(s.ctx.sql, t.start, t.end, ''), safe: false },
          lesson: 'syntax',
        };
      }
      open.pop();
    }
  }
  const unclosed = open.at(-1);
  if (!unclosed) return undefined;
  const position = positionAt(s, unclosed.start);
  const before = s.tokens[s.at - 1];
  const sql = before
    ? `${s.ctx.sql.slice(0, before.end)})${s.ctx.sql.slice(before.end)}`
    : `${s.ctx.sql.trimEnd()})`;
  return {
    kind: 'unbalanced-parentheses',
    severity: 'error',
    title: `The "(" at line ${position.line}, col ${position.column} is never closed.`,
    detail: `Every ( needs a matching ); the SQL runs out ${nearWhat(s)} while it is still open.`,
    position,
    fix: { label: 'Close it', sql, safe: false },
    lesson: 'syntax',
  };
};

const NO_ON_NEEDED = ['cross', 'natural', 'positional'];
const AFTER_JOIN = [
  'where',
  'group',
  'order',
  'limit',
  'having',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
];

/** `FROM users u JOIN events e` with no ON: say how rows match, using a column both tables share. */
export const joinWithoutOn: TeacherCase = (s) => {
  if (!isParseError(s)) return undefined;
  const next = s.tokens[s.at];
  if (next && !(next.kind === 'word' && AFTER_JOIN.includes(next.value))) return undefined;
  let join = -1;
  for (let i = s.at - 1; i >= 0; i--) {
    if (isWord(s.tokens[i], 'on', 'using')) return undefined;
    if (isWord(s.tokens[i], 'join')) {
      join = i;
      break;
    }
  }
  if (join < 0 || isWord(s.tokens[join - 1], ...NO_ON_NEEDED)) return undefined;
  const right = s.tables.find((t) => t.token === join + 1);
  if (!right) return undefined;
  const lefts = s.tables.filter((t) => t.token < join);
  const position = positionAt(s, s.tokens[join]!.start);
  const keyed = lefts
    .map((l) => ({
      l,
      key: l.info && right.info ? sharedKey(l.info.columns, right.info.columns) : undefined,
    }))
    .find((x) => x.key !== undefined);
  const left = keyed?.l;
  const key = keyed?.key;
  const condition =
    left && key
      ? `ON ${sqlName(left.alias)}.${sqlName(key)} = ${sqlName(right.alias)}.${sqlName(key)}`
      : undefined;
  const end = s.tokens[right.lastToken]!.end;
  return {
    kind: 'join-without-on',
    severity: 'error',
    title: `The JOIN with ${tableLabel(right)} has no ON condition${at(position)}.`,
    detail: condition
      ? `Say which rows belong together: ${left!.name} and ${right.name} share ${key}, so ${condition}. (CROSS JOIN pairs every row with every row.)`
      : `Say which rows belong together with ON, e.g. ON a.id = b.a_id. (CROSS JOIN pairs every row with every row.)`,
    position,
    ...(condition
      ? {
          fix: {
            label: `Join on ${key}`,
            sql: `${s.ctx.sql.slice(0, end)} ${condition}${s.ctx.sql.slice(end)}`,
            safe: false,
          },
        }
      : {}),
    lesson: 'joins',
  };
};

const CLAUSE_WORDS = [
  'from',
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'select',
  'union',
  'qualify',
  'window',
];

/** `ORDER BY a, LIMIT 3` or `WITH a AS (...), SELECT`: a comma with nothing after it. */
export const trailingComma: TeacherCase = (s) => {
  if (!isParseError(s)) return undefined;
  const comma = s.tokens[s.at - 1];
  const next = s.tokens[s.at];
  if (comma?.text !== ',') return undefined;
  const follows = s.tokens[s.at + 1];
  const clause =
    next === undefined ||
    next.text === ')' ||
    (isWord(next, ...CLAUSE_WORDS) && !isWord(follows, 'from') && follows?.text !== ',');
  if (!clause) return undefined;
  const position = positionAt(s, comma.start);
  return {
    kind: 'trailing-comma',
    severity: 'error',
    title: `There is an extra comma ${nearWhat(s)}${at(position)}.`,
    detail:
      'A comma separates two items, so one at the end of a list makes SQL expect another item. Remove it.',
    position,
    fix: { label: 'Remove the comma', sql: replaceRange(s.ctx.sql, comma.start, comma.end, ''), safe: true },
    lesson: 'syntax',
  };
};

// Reserved words that are operators or values, never a name someone meant to use.
const NOT_NAMES = [
  'select',
  'null',
  'true',
  'false',
  'not',
  'and',
  'or',
  'in',
  'is',
  'case',
  'when',
  'then',
  'else',
  'distinct',
  'all',
  'any',
  'some',
  'as',
  'on',
  'using',
  'cast',
  'array',
];

const NAME_SPOTS = ['as', 'select', ',', '.', 'from', 'join', 'where', 'and', 'or', 'by', '(', '='];

/** `SELECT order FROM t` or `FROM users AS order`: a reserved word used as a name. */
export const reservedWord: TeacherCase = (s) => {
  if (!isParseError(s)) return undefined;
  const here = s.tokens[s.at];
  const prev = s.tokens[s.at - 1];
  const isReserved = (t: SqlToken | undefined) => t?.kind === 'word' && RESERVED_WORDS.has(t.value);
  const spot = (t: SqlToken | undefined) =>
    t !== undefined && NAME_SPOTS.includes(t.kind === 'word' ? t.value : t.text);
  let word: SqlToken | undefined;
  if (isReserved(here) && spot(prev) && !isWord(here, ...NOT_NAMES)) word = here;
  else if (
    isReserved(prev) &&
    !isWord(prev, ...NOT_NAMES) &&
    spot(s.tokens[s.at - 2]) &&
    (isWord(here, 'from') || here?.text === ',' || here === undefined)
  )
    word = prev;
  if (!word) return undefined;
  const position = positionAt(s, word.start);
  return {
    kind: 'reserved-word',
    severity: 'error',
    title: `"${word.text}" is a reserved word in SQL, so it can't be used as a name as it is${at(position)}.`,
    detail: `Put it in double quotes to use it as a name: "${word.text}".`,
    position,
    fix: {
      label: `Use "${word.text}"`,
      sql: replaceRange(s.ctx.sql, word.start, word.end, `"${word.text}"`),
      safe: true,
    },
    lesson: 'names',
  };
};

const endsValue = (t: SqlToken | undefined) =>
  t !== undefined &&
  (t.kind === 'quoted' ||
    t.kind === 'number' ||
    t.kind === 'string' ||
    t.text === ')' ||
    (t.kind === 'word' && !RESERVED_WORDS.has(t.value)));
const startsValue = (t: SqlToken | undefined) =>
  t !== undefined &&
  (t.kind === 'quoted' ||
    t.kind === 'number' ||
    t.kind === 'string' ||
    (t.kind === 'word' && !RESERVED_WORDS.has(t.value)));

/** `SELECT user_id country plan FROM users`: names in a row with no commas between them. */
export const missingComma: TeacherCase = (s) => {
  if (!isParseError(s) || !startsValue(s.tokens[s.at]) || !endsValue(s.tokens[s.at - 1])) return undefined;
  const gaps: number[] = [s.tokens[s.at - 1]!.end];
  for (let k = s.at - 1; k > 0 && startsValue(s.tokens[k]) && endsValue(s.tokens[k - 1]); k--)
    gaps.push(s.tokens[k - 1]!.end);
  let sql = s.ctx.sql;
  for (const g of gaps) sql = `${sql.slice(0, g)},${sql.slice(g)}`;
  const here = s.tokens[s.at]!;
  const position = positionAt(s, here.start);
  return {
    kind: 'missing-comma',
    severity: 'error',
    title: `A comma seems to be missing before ${here.text}${at(position)}.`,
    detail:
      'Items in a list are separated by commas; two names in a row read as "the first one, renamed to the second".',
    position,
    fix: { label: 'Add the missing commas', sql, safe: false },
    lesson: 'syntax',
  };
};

/** `SELECT 'abc`: a quote opened and never closed. */
export const unterminatedQuote: TeacherCase = (s) => {
  if (!isParseError(s) || !/^unterminated quoted/.test(s.full)) return undefined;
  const open = s.tokens.find(
    (t) => (t.kind === 'string' || t.kind === 'quoted') && t.end === s.ctx.sql.length && !closes(t),
  );
  if (!open) return undefined;
  const quote = open.text.charAt(0);
  const position = positionAt(s, open.start);
  const what = quote === "'" ? 'text' : 'name';
  return {
    kind: 'unterminated-quote',
    severity: 'error',
    title: `The ${what} starting with ${quote} at line ${position.line}, col ${position.column} is never closed.`,
    detail: `Close it with another ${quote}. To put a ${quote} inside it, write it twice (${quote}${quote}).`,
    position,
    fix: { label: `Close it with ${quote}`, sql: `${s.ctx.sql.trimEnd()}${quote}`, safe: false },
    lesson: 'quotes',
  };
};

function closes(t: SqlToken): boolean {
  const q = t.text.charAt(0);
  if (t.text.length < 2 || !t.text.endsWith(q)) return false;
  // An even run of quotes at the end is an escaped quote, not a closing one.
  const run = /(['"]+)$/.exec(t.text.slice(1))?.[1]?.length ?? 0;
  return run % 2 === 1;
}

/** Any other syntax error: where it is, and what usually causes it. */
export const syntaxError: TeacherCase = (s) => {
  if (!isParseError(s)) return undefined;
  const position = s.position;
  const near = s.tokens[s.at];
  return {
    kind: 'syntax-error',
    severity: 'error',
    title: near
      ? `The SQL can't be read at ${near.text}${at(position)}.`
      : `The SQL ends too early${at(position)}.`,
    detail:
      'Check the words just before this spot: a missing comma, quote or parenthesis, or a misspelled keyword.',
    ...(position ? { position } : {}),
    lesson: 'syntax',
  };
};

/** The lessons of this file, in the order they are tried. */
export const SYNTAX_CASES: TeacherCase[] = [
  unterminatedQuote,
  limitBeforeOrderBy,
  unbalancedParentheses,
  joinWithoutOn,
  trailingComma,
  reservedWord,
  missingComma,
  syntaxError,
];
