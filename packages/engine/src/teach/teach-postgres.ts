import { positionFromOffset, QueryError } from '../core/query-error.js';
import type { Lesson, TeachContext } from './lesson.js';
import { at } from './query-tables.js';
import { replaceRange, tokenize } from './sql-tokens.js';

/** The SQLSTATE of an error PostgreSQL raised on a live connection (its QueryError says `PostgreSQL <code>`). */
export function postgresCode(err: QueryError): string | undefined {
  return /^PostgreSQL ([0-9A-Z]{5})$/.exec(err.errorClass)?.[1];
}

/** PostgreSQL type names in its messages, as the DuckDB names the teacher's cases read. */
const NUMBER_TYPES: Record<string, string> = {
  smallint: 'INT16',
  integer: 'INT32',
  bigint: 'INT64',
  numeric: 'DECIMAL',
  real: 'FLOAT',
  'double precision': 'DOUBLE',
};

/** Functions PostgreSQL has: a 42883 on one of these is about its arguments, not its name. */
const PG_FUNCTIONS = new Set(
  (
    'count sum avg min max round floor ceil abs coalesce nullif length lower upper trim substr substring replace ' +
    'concat strpos split_part date_trunc date_part extract now greatest least string_agg array_agg to_char ' +
    'to_date to_timestamp regexp_replace regexp_match left right position percentile_cont stddev variance ' +
    'row_number rank dense_rank lag lead first_value last_value ntile age make_date'
  ).split(' '),
);

/**
 * Rewrites a PostgreSQL error as the engine error the teacher's cases know (same SQL and position), or returns
 * undefined when there is no such counterpart. The cases then reason about the user's schema as for DuckDB.
 */
export function asEngineError(err: QueryError, code: string): QueryError | undefined {
  const raw = err.engineMessage.split('\n')[0] ?? '';
  const text = engineText(code, raw);
  if (text === undefined) return undefined;
  const where = err.position ? ` (line ${err.position.line}, col ${err.position.column})` : '';
  const hinted = [...err.hints.join(' ').matchAll(/column "(?:[^".]+\.)?([^"]+)"/g)].map((m) => m[1] ?? '');
  return new QueryError(code === '42601' ? err.message : `${text}${where}.`, {
    sql: err.sql,
    engineMessage: raw,
    errorClass: code === '42601' ? 'Parser Error' : 'Binder Error',
    ...(err.position ? { position: err.position } : {}),
    candidates: code === '42702' ? [] : hinted.filter((c) => c !== ''),
    hints: err.hints,
    cause: err,
  });
}

function engineText(code: string, raw: string): string | undefined {
  let m: RegExpExecArray | null;
  switch (code) {
    case '42703':
      m = /^column (\w+)\.(\w+) does not exist$/.exec(raw);
      if (m) return `Table "${m[1]}" does not have a column named "${m[2]}"`;
      m = /^column "(.+)" does not exist$/.exec(raw);
      return m ? `Column "${m[1]}" doesn't exist` : undefined;
    case '42P01':
      m = /^relation "(.+)" does not exist$/.exec(raw);
      if (m) return `Table "${m[1]}" doesn't exist in this workspace`;
      m = /^(?:missing|invalid reference to) FROM-clause entry for table "(.+)"$/.exec(raw);
      return m ? `Referenced table "${m[1]}" not found` : undefined;
    case '42702':
      m = /^column reference "(.+)" is ambiguous$/.exec(raw);
      return m ? `Ambiguous reference to column name "${m[1]}"` : undefined;
    case '42803':
      m = /^column "(?:[^"]*\.)?([^".]+)" must appear in the GROUP BY clause/.exec(raw);
      if (m)
        return `column "${m[1]}" must appear in the GROUP BY clause or must be part of an aggregate function`;
      if (/^aggregate functions are not allowed in WHERE/.test(raw))
        return 'WHERE clause cannot contain aggregates';
      if (/^aggregate function calls cannot be nested/.test(raw))
        return 'aggregate function calls cannot be nested';
      return undefined;
    case '22P02':
      m = /^invalid input syntax for type ([a-z ]+): "(.*)"$/.exec(raw);
      if (m?.[1] && NUMBER_TYPES[m[1]]) return `Could not convert string '${m[2]}' to ${NUMBER_TYPES[m[1]]}`;
      return undefined;
    case '22007':
    case '22008':
      m =
        /^(?:invalid input syntax for type (date|timestamp)[a-z ]*|date\/time field value out of range): "(.*)"$/.exec(
          raw,
        );
      if (!m) return undefined;
      return code === '22007'
        ? `invalid ${m[1] ?? 'date'} field format: "${m[2]}"`
        : `date field value out of range: "${m[2]}"`;
    case '42883':
      m = /^function (\w+)\(.*\) does not exist$/.exec(raw);
      return m?.[1] && !PG_FUNCTIONS.has(m[1].toLowerCase())
        ? `Scalar Function with name ${m[1]} does not exist`
        : undefined;
    case '42601':
      return raw;
    default:
      return undefined;
  }
}

/** PostgreSQL errors with no engine counterpart: division by zero, an operator or function given the wrong types. */
export function teachPostgresOnly(err: QueryError, code: string, ctx: TeachContext): Lesson | undefined {
  const raw = err.engineMessage.split('\n')[0] ?? '';
  const position = err.position;
  if (code === '22012') return divisionByZero(ctx);
  if (code !== '42883') return undefined;
  const op = /^operator does not exist: (.+) (\S+) (.+)$/.exec(raw);
  if (op) return operatorTypes(ctx, op[1] ?? '', op[2] ?? '', op[3] ?? '', err);
  const fn = /^function (\w+)\((.*)\) does not exist$/.exec(raw);
  if (fn?.[1] && PG_FUNCTIONS.has(fn[1].toLowerCase())) {
    const args = (fn[2] ?? '').split(', ').filter((a) => a !== '');
    return {
      kind: 'wrong-argument-type',
      severity: 'error',
      title: `${fn[1]} can't work on ${args.length > 0 ? args.map(plainPgType).join(' and ') : 'no values'}${at(position)}.`,
      detail:
        'Use a column of a matching type, or convert it first, e.g. CAST(x AS numeric) or CAST(x AS text).',
      ...(position ? { position } : {}),
      lesson: 'functions',
    };
  }
  return undefined;
}

function plainPgType(t: string): string {
  if (/^(text|character varying|unknown)$/.test(t)) return 'text';
  if (/^(integer|bigint|smallint|numeric|real|double precision)$/.test(t)) return 'a number';
  return t;
}

const TEXT = /^(text|character varying|character)$/;
const NUMBER = /^(integer|bigint|smallint|numeric|real|double precision)$/;

/** `operator does not exist: text = integer`: a text column compared with a number, or the other way round. */
function operatorTypes(ctx: TeachContext, left: string, op: string, right: string, err: QueryError): Lesson {
  const position = err.position;
  const tokens = tokenize(ctx.sql);
  const i = position ? tokens.findIndex((t) => t.start >= position.offset) : -1;
  const before = i > 0 ? tokens[i - 1] : undefined;
  const after = i >= 0 ? tokens[i + 1] : undefined;
  if (TEXT.test(left) && NUMBER.test(right) && before && after?.kind === 'number') {
    const column = before.text;
    return {
      kind: 'text-vs-number',
      severity: 'error',
      title: `Column "${column}" holds text, but it is compared with a number${at(position)}.`,
      detail: `Put the value in single quotes to compare text with text: ${column} ${op} '${after.text}'.`,
      ...(position ? { position } : {}),
      fix: {
        label: `Use '${after.text}'`,
        sql: replaceRange(ctx.sql, after.start, after.end, `'${after.text}'`),
        safe: true,
      },
      lesson: 'types',
    };
  }
  return {
    kind: 'operator-types',
    severity: 'error',
    title: `${plainPgType(left) === left ? left : capitalise(plainPgType(left))} can't be compared with ${plainPgType(right)} using ${op}${at(position)}.`,
    detail:
      'Compare values of the same kind: text with text (in single quotes), numbers with numbers, dates with dates; or convert one side with CAST(... AS type).',
    ...(position ? { position } : {}),
    lesson: 'types',
  };
}

function capitalise(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** `division by zero`: PostgreSQL stops, where DuckDB would give NULL; NULLIF makes a zero divisor empty. */
function divisionByZero(ctx: TeachContext): Lesson {
  const tokens = tokenize(ctx.sql);
  const slashes = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.text === '/');
  const only = slashes.length === 1 ? slashes[0] : undefined;
  const divisor = only ? divisorSpan(tokens, only.i + 1) : undefined;
  const position = only ? positionFromOffset(ctx.sql, only.t.start) : undefined;
  const text = divisor ? ctx.sql.slice(divisor.start, divisor.end) : undefined;
  if (text !== undefined && /^[0.]+$/.test(text)) {
    return {
      kind: 'division-by-zero',
      severity: 'error',
      title: `The query divides by ${text}${at(position)}.`,
      detail: 'Dividing by zero has no answer. Divide by another number.',
      ...(position ? { position } : {}),
      lesson: 'math',
    };
  }
  return {
    kind: 'division-by-zero',
    severity: 'error',
    title: `The query divides by zero${text ? `: ${text} is 0 in at least one row` : ''}${at(position)}.`,
    detail: `PostgreSQL stops at a division by zero. Wrap the divisor in NULLIF(..., 0) so that those rows give an empty value (NULL) instead${text ? `: / NULLIF(${text}, 0)` : ''}.`,
    ...(position ? { position } : {}),
    ...(divisor && text
      ? {
          fix: {
            label: `Divide by NULLIF(${text}, 0)`,
            sql: replaceRange(ctx.sql, divisor.start, divisor.end, `NULLIF(${text}, 0)`),
            safe: false,
          },
        }
      : {}),
    lesson: 'math',
  };
}

/** The span of a simple divisor starting at token `i`: a name (maybe qualified), a number, or a call f(...). */
function divisorSpan(
  tokens: ReturnType<typeof tokenize>,
  i: number,
): { start: number; end: number } | undefined {
  const first = tokens[i];
  if (!first || !['word', 'quoted', 'number'].includes(first.kind)) return undefined;
  let j = i;
  while (tokens[j + 1]?.text === '.' && tokens[j + 2]) j += 2;
  if (tokens[j + 1]?.text === '(') {
    let depth = 0;
    for (let k = j + 1; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
      if (depth === 0) return { start: first.start, end: t.end };
    }
    return undefined;
  }
  return { start: first.start, end: tokens[j]!.end };
}
