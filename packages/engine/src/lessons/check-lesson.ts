import type { Engine } from '../core/engine.js';
import { isSingleSelect } from '../core/statements.js';
import { isSightlineError } from '../errors.js';
import type { Lesson } from '../teach/lesson.js';
import { readSchema } from '../teach/read-schema.js';
import { isTeachable, teachError } from '../teach/teach-error.js';
import type { ColumnInfo, JsonRow } from '../types.js';
import { compareResults, type Verdict } from './compare-results.js';
import { type LessonDef, withFilesDir } from './lesson-def.js';

/** The first rows of the learner's result, for showing next to the verdict. */
export interface ResultPreview {
  columns: ColumnInfo[];
  rows: JsonRow[];
  /** Rows the query returned (up to the check's row cap). */
  rowCount: number;
}

/** A check's verdict, the learner's result preview, and the error teacher's lesson when the query failed. */
export interface CheckOutcome extends Verdict {
  preview: ResultPreview | null;
  error?: Lesson;
}

/** Limits of a check. */
export interface CheckOptions {
  /** The workspace's files folder (for lessons that read files). */
  filesDir: string;
  /** Stop each query after this long (default 20 s). */
  timeoutMs?: number;
  /** Read at most this many rows of each result (default 10,000). */
  maxRows?: number;
  /** Rows in the preview (default 50). */
  previewRows?: number;
}

/**
 * Runs the learner's SQL and the lesson's answer on the workspace (one SELECT only, with a timeout and a row cap)
 * and compares them. A failing query is explained by the error teacher.
 */
export async function checkLesson(
  engine: Engine,
  lesson: LessonDef,
  sql: string,
  opts: CheckOptions,
): Promise<CheckOutcome> {
  const limits = { timeoutMs: opts.timeoutMs ?? 20_000, maxRows: opts.maxRows ?? 10_000 };
  if (sql.trim() === '') {
    return {
      passed: false,
      message: 'Write a query first: the editor is empty.',
      details: [],
      preview: null,
    };
  }
  if (!(await selectsOnly(engine, sql))) {
    return {
      passed: false,
      message: 'The check runs one SELECT query, and this is something else (or several statements).',
      details: ['Keep a single query that starts with SELECT or WITH; it may not change any table.'],
      preview: null,
    };
  }
  let mine: Awaited<ReturnType<Engine['query']>>;
  try {
    mine = await engine.query(sql, limits);
  } catch (err) {
    if (!isTeachable(err)) throw err;
    const taught = teachError(err, { sql, schema: await readSchema(engine) });
    return { passed: false, message: taught.title, details: [taught.detail], preview: null, error: taught };
  }
  const answer = await engine.query(withFilesDir(lesson.solution, opts.filesDir), limits);
  const verdict = compareResults(mine, answer, lesson.check);
  return {
    ...verdict,
    preview: {
      columns: mine.columns,
      rows: mine.rows.slice(0, opts.previewRows ?? 50),
      rowCount: mine.rowCount,
    },
  };
}

/** True when `sql` is one SELECT (or WITH ... SELECT); SQL that does not parse counts as a SELECT so it runs and the teacher explains it. */
async function selectsOnly(engine: Engine, sql: string): Promise<boolean> {
  const conn = await engine.connect();
  try {
    return await isSingleSelect(conn, sql);
  } catch (err) {
    if (isSightlineError(err)) throw err;
    return true;
  } finally {
    conn.closeSync();
  }
}
