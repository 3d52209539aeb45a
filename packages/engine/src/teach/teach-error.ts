import { QueryError } from '../core/query-error.js';
import type { Lesson, TeachContext } from './lesson.js';
import { situationOf, type TeacherCase } from './situation.js';
import { CALL_CASES } from './teach-calls.js';
import { GROUPING_CASES } from './teach-grouping.js';
import { NAME_CASES } from './teach-names.js';
import { asEngineError, postgresCode, teachPostgresOnly } from './teach-postgres.js';
import { SYNTAX_CASES } from './teach-syntax.js';
import { VALUE_CASES } from './teach-values.js';

const CASES: TeacherCase[] = [
  ...NAME_CASES,
  ...GROUPING_CASES,
  ...VALUE_CASES,
  ...CALL_CASES,
  ...SYNTAX_CASES,
];

/**
 * Explains an engine error in plain words: what went wrong and where, the likely cause in the user's schema, a
 * one-click fix when there is one, and the lesson that covers it. Pure: the caller supplies SQL and schema.
 */
export function teachError(err: QueryError, ctx: TeachContext): Lesson {
  const code = postgresCode(err);
  if (code !== undefined) return teachPostgres(err, code, ctx);
  return teachEngine(err, ctx);
}

/**
 * A PostgreSQL error (live connections): the cases only PostgreSQL has, else the same cases as the workspace's
 * engine on the equivalent engine error, with PostgreSQL's own words and hint when none recognises it.
 */
function teachPostgres(err: QueryError, code: string, ctx: TeachContext): Lesson {
  try {
    const own = teachPostgresOnly(err, code, ctx);
    if (own) return own;
  } catch {
    // As below: an unusual query must not hide the error itself.
  }
  const engineError = asEngineError(err, code);
  const taught = engineError ? teachEngine(engineError, ctx) : undefined;
  if (taught && taught.kind !== 'engine-error') {
    const here = (t: string) => t.replaceAll('in this workspace', 'in this database');
    return { ...taught, title: here(taught.title), detail: here(taught.detail) };
  }
  return {
    kind: 'engine-error',
    severity: 'error',
    title: err.message,
    detail: err.hints.join(' ') || 'Check the SQL at this spot.',
    ...(err.position ? { position: err.position } : {}),
  };
}

function teachEngine(err: QueryError, ctx: TeachContext): Lesson {
  const s = situationOf(err, ctx);
  for (const teach of CASES) {
    try {
      const lesson = teach(s);
      if (lesson) return lesson;
    } catch {
      // A case that trips over unusual SQL must not hide the error itself; the next case (or the fallback) answers.
    }
  }
  return {
    kind: err.kind === 'internal' ? 'engine-fault' : 'engine-error',
    severity: 'error',
    title: err.message,
    detail: err.hints.join(' ') || 'Check the SQL at this spot.',
    ...(err.position ? { position: err.position } : {}),
  };
}

/** True when `err` is a QueryError the teacher can explain (also across module copies). */
export function isTeachable(err: unknown): err is QueryError {
  return err instanceof QueryError || (err instanceof Error && 'engineMessage' in err && 'sql' in err);
}
