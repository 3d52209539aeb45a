import { readFileSync } from 'node:fs';
import {
  isTeachable,
  type LiveConnection,
  type RowBatch,
  readLiveSchema,
  SightlineError,
  teachError,
} from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { withNamedConnection } from './live.js';

/** Options of `sightline query`. */
export interface QueryOptions {
  file?: string;
  on?: string;
  timeout?: string;
}

/** `sightline query SQL` / `-f FILE.sql`: runs SQL on the workspace (or pushed down with --on) and prints rows. */
export async function queryCommand(
  ctx: CliContext,
  sqlArg: string | undefined,
  opts: QueryOptions,
): Promise<void> {
  const sql = readSql(sqlArg, opts.file);
  const timeoutMs = opts.timeout === undefined ? undefined : parseSeconds(opts.timeout) * 1000;
  if (opts.on) {
    const result = await withNamedConnection(ctx, opts.on, async (conn) => {
      try {
        return await conn.query(sql, { timeoutMs });
      } catch (err) {
        throw await teachLive(conn, sql, err);
      }
    });
    await ctx.printRows(result.columns, [result.rows]);
    return;
  }
  const backend = await ctx.backend();
  const iterator = backend.stream(sql, timeoutMs === undefined ? {} : { timeoutMs })[Symbol.asyncIterator]();
  let first: IteratorResult<RowBatch>;
  try {
    first = await iterator.next();
  } catch (err) {
    throw backend.teach ? await backend.teach(sql, err) : err;
  }
  async function* batches() {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  await ctx.printRows(first.done ? [] : first.value.columns, batches());
  for (const w of (await backend.lint?.(sql).catch(() => [])) ?? []) {
    ctx.note(`warning: ${w.title}`);
    ctx.note(`hint: ${w.detail}`);
    if (w.fix) ctx.note(`hint: ${w.fix.label}: ${w.fix.sql}`);
  }
}

/** A live database's error as the error teacher explains it (its schema, a fix when safe); others as they are. */
async function teachLive(conn: LiveConnection, sql: string, err: unknown): Promise<unknown> {
  if (!isTeachable(err) || err.errorClass === 'Interrupt Error') return err;
  const lesson = teachError(err, { sql, schema: await readLiveSchema(conn) });
  if (lesson.kind === 'engine-error') return err;
  const hints = [lesson.detail, ...err.hints.filter((h) => h !== lesson.detail)];
  if (lesson.fix) hints.push(`${lesson.fix.label}: ${lesson.fix.sql}`);
  return new SightlineError(lesson.title, { hints, cause: err });
}

/** The SQL from the argument or from `-f FILE` (exactly one of them). */
export function readSql(sqlArg: string | undefined, file: string | undefined): string {
  if (file !== undefined && sqlArg !== undefined) {
    throw new UsageError('Give the SQL either as an argument or with -f FILE, not both.');
  }
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      throw new SightlineError(`The SQL file "${file}" can't be read: it doesn't exist or isn't readable.`, {
        hints: ['Check the path; it is relative to the folder you run sightline in.'],
      });
    }
  }
  if (sqlArg === undefined || sqlArg.trim() === '') {
    throw new UsageError('Give the SQL to run.', [`Example: sightline query "SELECT count(*) FROM events"`]);
  }
  return sqlArg;
}

/** Parses "30", "30s", "2m" into seconds. */
export function parseSeconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(text.trim());
  if (!m)
    throw new UsageError(`"${text}" is not a duration.`, [
      'Write it as seconds (30), or with a unit: 30s, 5m, 1h.',
    ]);
  const n = Number(m[1]);
  return m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : n;
}
