import { positionFromOffset, type QueryError, type SqlPosition } from '../core/query-error.js';
import type { Lesson, TeachContext } from './lesson.js';
import { queryTables, type TableRef } from './query-tables.js';
import { type SqlToken, tokenAt, tokenize } from './sql-tokens.js';

/** Everything a teacher case looks at: the error, the SQL's tokens and tables, and the schema. */
export interface Situation {
  err: QueryError;
  ctx: TeachContext;
  /** The engine's sentence without its class prefix and position suffix. */
  text: string;
  /** The engine's full message (all lines), for the few cases that need more than the first line. */
  full: string;
  tokens: SqlToken[];
  tables: TableRef[];
  position?: SqlPosition;
  /** Index of the token at the error position (tokens.length at the end of the input). */
  at: number;
}

/** One teacher case: a lesson when it recognises the situation, else undefined. */
export type TeacherCase = (s: Situation) => Lesson | undefined;

/** Builds the situation for `err` (its SQL should be `ctx.sql`; positions refer to it). */
export function situationOf(err: QueryError, ctx: TeachContext): Situation {
  const tokens = tokenize(ctx.sql);
  const text = err.message
    .replace(/ \(line \d+, col \d+\)\.$/, '')
    .replace(/\.$/, '')
    .replace(/^[A-Za-z ]+ Error: /, '');
  const position = err.position;
  return {
    err,
    ctx,
    text,
    full: engineText(err.engineMessage),
    tokens,
    tables: queryTables(tokens, ctx.schema),
    ...(position ? { position } : {}),
    at: position ? tokenAt(tokens, position.offset) : tokens.length,
  };
}

/** The engine's own message text: `exception_message` of the errors_as_json form, else the raw text. */
function engineText(raw: string): string {
  const start = raw.indexOf('{');
  if (start >= 0) {
    try {
      const data = JSON.parse(raw.slice(start)) as { exception_message?: unknown };
      if (typeof data.exception_message === 'string') return data.exception_message;
    } catch {
      // not the JSON form
    }
  }
  return raw;
}

/** The position of a character offset in the situation's SQL. */
export function positionAt(s: Situation, offset: number): SqlPosition {
  return positionFromOffset(s.ctx.sql, offset);
}
